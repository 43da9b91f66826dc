import { Bindings, type KernelSource } from './bindings.js';
import type { PopulationKernel } from './population-kernel.js';
import type { PropagateKernel } from './propagate-kernel.js';

export interface DriverPlan {
  readonly dt: number;
  /** In network order: each population's kernel and its spike buffer. */
  readonly populations: readonly { kernel: PopulationKernel; spikes: Int32Array }[];
  /** In network order: each connection's kernel and the index of its presynaptic population. */
  readonly connections: readonly { kernel: PropagateKernel; pre: number }[];
  readonly spikeSinks: readonly { sink: { onSpikes(step: number, indices: Int32Array, count: number): void }; population: number }[];
  /** Called after the spike sinks every step (state monitors), if any. */
  readonly record?: (step: number) => void;
  /** Receives each population's spike count of the last step. */
  readonly counts: Int32Array;
}

/**
 * Source of the step loop of one simulation, `advance(step0, steps)`: per step, every population
 * kernel, then every connection's propagation of this step's spikes, then monitors. Each kernel
 * and sink is a constant of the generated function, so calls are direct and nothing is looked up
 * or allocated per step.
 */
export function driverSource(plan: DriverPlan): KernelSource {
  const b = new Bindings();
  b.bind('dt', plan.dt);
  b.bind('COUNTS', plan.counts);
  const body: string[] = ['const t = step * dt;'];
  plan.populations.forEach((p, k) => {
    b.bind(`P${k}`, p.kernel);
    b.bind(`S${k}`, p.spikes);
    body.push(`n${k} = P${k}(step, t, S${k});`);
  });
  plan.populations.forEach((_, k) => {
    const calls = plan.connections.flatMap((c, m) => (c.pre === k ? [`C${m}(S${k}, n${k});`] : []));
    if (calls.length) body.push(`if (n${k} > 0) { ${calls.join(' ')} }`);
  });
  plan.connections.forEach((c, m) => b.bind(`C${m}`, c.kernel));
  plan.spikeSinks.forEach((s, k) => {
    b.bind(`M${k}`, s.sink);
    body.push(`M${k}.onSpikes(step, S${s.population}, n${s.population});`);
  });
  if (plan.record) {
    plan.populations.forEach((_, k) => body.push(`COUNTS[${k}] = n${k};`));
    b.bind('REC', plan.record);
    body.push('REC(step);');
  }
  const counts = plan.populations.map((_, k) => `n${k}`);
  const source = [
    '"use strict";',
    b.prelude(),
    'return function advance(step0, steps) {',
    ...(counts.length ? [`  let ${counts.map((n) => `${n} = 0`).join(', ')};`] : []),
    '  for (let step = step0, end = step0 + steps; step < end; step++) {',
    ...body.map((l) => `    ${l}`),
    '  }',
    ...counts.map((n, k) => `  COUNTS[${k}] = ${n};`),
    '};',
  ].join('\n');
  return { source, bindings: b.object };
}
