import { afterAll, describe, expect, it } from 'vitest';
import { Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { ExpCurrent, fixedProbabilityConnect } from '@spikeflow/connectivity';
import { constantCurrent } from '@spikeflow/stimuli';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { firstDivergence, rateDifferences, stateDifferences, type RunRecord } from '@spikeflow/testing';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());

/**
 * A neuron model written here, in the test, and nowhere else: Izhikevich (2003), integrated with
 * rk4. Neither backend has code for it; both print it from the same IR.
 */
const Izhikevich: ModelDefinition = {
  name: 'IzhikevichInTest',
  kind: 'neuron',
  parameters: {
    a: { unit: '1/ms', default: 0.02 },
    b: { unit: '1/ms', default: 0.2 },
    c: { unit: 'mV', default: -65 },
    d: { unit: 'mV/ms', default: 8 },
  },
  state: { v: { unit: 'mV', initial: -65 }, u: { unit: 'mV/ms', initial: 'b * -65*mV' } },
  inputs: { I: { unit: 'mV/ms' } },
  // Unit names on the coefficients, as in Brian2, so the unit checks pass (they are 1 in internal units).
  equations: { v: '(0.04/ms/mV)*v**2 + (5/ms)*v + 140*mV/ms - u + I', u: 'a*(b*v - u)' },
  threshold: 'v >= 30',
  reset: ['v = c', 'u += d'],
  integrator: 'rk4',
};

/** Exponential integrate-and-fire (Fourcaud-Trocmé 2003), Euler: `exp` inside the step. */
const ExpIF: ModelDefinition = {
  name: 'ExpIFInTest',
  kind: 'neuron',
  parameters: {
    tau: { unit: 'ms', default: 10, timeConstant: true },
    v_rest: { unit: 'mV', default: -65 },
    v_T: { unit: 'mV', default: -50 },
    delta_T: { unit: 'mV', default: 2 },
    v_peak: { unit: 'mV', default: 0 },
    v_reset: { unit: 'mV', default: -60 },
  },
  state: { v: { unit: 'mV', initial: 'v_rest' } },
  inputs: { I: { unit: 'mV' } },
  equations: { v: '(-(v - v_rest) + delta_T*exp((v - v_T)/delta_T) + I) / tau' },
  threshold: 'v >= v_peak',
  reset: ['v = v_reset'],
  integrator: 'euler',
};

function network(model: ModelDefinition, seed: number, parameters: Record<string, unknown>, drive: { min: number; max: number }) {
  const net = new Network({ dt: 0.1, seed });
  const exc = net.population('exc', { model, size: 200, parameters: parameters as never });
  const inh = net.population('inh', { model, size: 50, sign: 'inhibitory', parameters: parameters as never });
  for (const [pre, post, w] of [[exc, exc, 0.5], [exc, inh, 0.5], [inh, exc, 2], [inh, inh, 2]] as const) {
    net.connect(pre, post, { connector: fixedProbabilityConnect({ p: 0.1, weight: w }), synapse: ExpCurrent, parameters: { tau: 5 } });
  }
  net.stimulate(exc, constantCurrent({ uniform: drive }));
  net.stimulate(inh, constantCurrent({ uniform: drive }));
  const monitors = [exc, inh].map((p) => net.monitor(new SpikeMonitor(p)));
  return { net, monitors };
}

async function run(make: () => ReturnType<typeof network>, b: Backend, steps: number): Promise<RunRecord> {
  const { net, monitors } = make();
  await net.run({ steps }, b);
  net.compiled?.dispose();
  const populations = monitors.map((m) => ({ population: m.population, size: m.size, steps: m.steps, neurons: m.neurons }));
  return { network: 'test', backend: b.name, seed: 0, steps, dt: net.dt, populations, seconds: 0 };
}

describe.skipIf(!backend)('a neuron model defined in a test runs on both backends', () => {
  const cpu32 = createCpuBackend({ precision: 'f32' });
  const cpu64 = createCpuBackend();

  it.each([1, 2])('Izhikevich (rk4), seed %d: WebGPU gives the CPU f32 spike trains exactly over 3000 steps', async (seed) => {
    const make = () => network(Izhikevich, seed, { c: { uniform: { min: -65, max: -55 } } }, { min: 4, max: 12 });
    const gpu = await run(make, backend!, 3000);
    const f32 = await run(make, cpu32, 3000);
    const f64 = await run(make, cpu64, 3000);
    expect(f32.populations[0]!.steps.length).toBeGreaterThan(500);
    expect(firstDivergence(f32, gpu)).toBeUndefined();
    for (const r of rateDifferences(f64, gpu)) expect(r.relative).toBeLessThan(0.1);
  });

  it('exponential IF (exp in the step): 1-ulp state differences from exp(), spike trains identical or diverging late', async () => {
    // WGSL's exp() may be off by 3 + 2|x| ulps; the CPU's Math.exp is near correctly rounded. This
    // model calls exp every step, so states first differ by 1 ulp at a step where exp rounds
    // differently, and the recurrent network amplifies that until a spike moves.
    const make = () => network(ExpIF, 3, {}, { min: 14, max: 20 });
    const steps = 3000;
    const gpu = await run(make, backend!, steps);
    const f32 = await run(make, cpu32, steps);
    const f64 = await run(make, cpu64, steps);
    const d = firstDivergence(f32, gpu);
    const diffs = await stateDifferences(() => make().net, cpu32, backend!, d ? d.step : steps);
    const first = Math.min(...diffs.map((s) => s.firstStep ?? Infinity));
    for (const s of diffs) if (s.firstStep === first) expect(s.firstUlps).toBeLessThanOrEqual(2);
    if (d) {
      expect(first).toBeLessThan(d.step); // states drift apart before any spike moves
      expect(d.step).toBeGreaterThanOrEqual(200);
    }
    // Rates stay as close to f64 as f32 itself is.
    for (const r of rateDifferences(f64, gpu)) expect(r.relative).toBeLessThan(0.05);
    console.info(`ExpIF: first state difference at step ${first} (1 ulp), first spike difference at step ${d?.step ?? 'none'}`);
  });
});
