import type { BuiltNetwork, BuiltPopulation, ModelInstance } from '@spikeflow/core/backend';
import type { CounterRng } from '@spikeflow/core/rng';
import { Bindings, instanceResolver, type KernelSource } from './bindings.js';
import { compileKernel } from './kernel-cache.js';
import { printExpr, printStatements } from './printer.js';
import { randomPrinter } from './random-calls.js';
import type { PopulationBuffers, Values } from './buffers.js';
import type { Precision } from './precision.js';

/** Advances one population by one step and writes spiking neuron indices; returns their count. */
export type PopulationKernel = (step: number, t: number, spikes: Int32Array) => number;

/**
 * One fused loop per population: its stimuli, the outputs and decay of synapses that target it,
 * input summation, integration, threshold, reset and refractoriness, all for neuron i at once.
 */
export function buildPopulationKernel(net: BuiltNetwork, pop: BuiltPopulation, buffers: PopulationBuffers, rng: CounterRng, fmt: Precision): PopulationKernel {
  const { source, bindings } = populationKernelSource(net, pop, buffers, rng, fmt);
  return compileKernel<PopulationKernel>(source, bindings);
}

/**
 * Source of the fused loop of {@link buildPopulationKernel} over neurons `lo <= i < hi` (all by
 * default). Spikes are written from `spikes[0]` on, in increasing neuron order.
 */
export function populationKernelSource(
  net: BuiltNetwork,
  pop: BuiltPopulation,
  buffers: PopulationBuffers,
  rng: CounterRng,
  fmt: Precision,
  lo = 0,
  hi = pop.instance.size,
  /** The array of array stimulus `k` as the kernel reads it (shared between threads, say). */
  arrayData: (k: number, data: Float64Array) => Values = (_k, data) => fmt.convert(data),
): KernelSource {
  const b = new Bindings();
  b.bind('R', rng);
  b.bind('dt', fmt.value(net.dt));
  b.bind('N', pop.instance.size);
  b.bind('LO', lo);
  b.bind('HI', hi);
  const body: string[] = [];
  const inputTerms = new Map<string, string[]>(pop.instance.model.inputs.map((name) => [name, []]));
  const hoisted: string[] = [];
  const randomFor = (stream: number) => randomPrinter(stream, hoisted);

  // A per-neuron block for a model instance: load states, run statements, store states.
  const instanceBlock = (prefix: string, inst: ModelInstance, states: ReadonlyMap<string, Values>, stream: number, before: (resolve: ReturnType<typeof instanceResolver>) => string[]) => {
    const resolve = instanceResolver(b, prefix, inst, 'local', fmt);
    const random = randomFor(stream);
    const lines: string[] = [];
    for (const [name, arr] of states) lines.push(`let ${prefix}${name} = ${b.bind(`${prefix}S_${name}`, arr)}[i];`);
    lines.push(...before(resolve));
    lines.push(...printStatements(inst.model.step, resolve, random, fmt));
    for (const name of states.keys()) lines.push(`${prefix}S_${name}[i] = ${prefix}${name};`);
    return { lines, resolve, random };
  };

  net.stimuli.forEach((s, k) => {
    if (s.population !== pop.name) return;
    const prefix = `k${k}_`;
    if (s.kind === 'array') {
      body.push(`const ${prefix}out = ${b.bind(`${prefix}A`, arrayData(k, s.data))}[step * N + i];`);
    } else if (s.kind === 'external') {
      body.push(`const ${prefix}out = ${b.bind(`${prefix}X`, s.buffer)}[i];`);
    } else {
      const block = instanceBlock(prefix, s.instance, buffers.stimulusState.get(k)!, s.stream, () => []);
      body.push(...block.lines, `const ${prefix}out = ${printExpr(s.instance.model.output!, block.resolve, block.random, fmt)};`);
    }
    inputTerms.get(s.input)?.push(`${prefix}out`);
  });

  net.connections.forEach((c, k) => {
    if (c.post !== pop.name) return;
    const prefix = `c${k}_`;
    const states = buffers.synapseState.get(k)!;
    // The output is read before this step's decay: it carries spikes up to the previous step.
    const block = instanceBlock(prefix, c.synapse, states, 0, (resolve) => [
      `const ${prefix}out = ${printExpr(c.synapse.model.output!, resolve, () => 'NaN', fmt)};`,
    ]);
    body.push(...block.lines);
    inputTerms.get(c.input)?.push(`${prefix}out`);
  });

  // Summed left to right, each partial sum rounded to the simulation's format.
  const sum = (terms: string[]) => terms.reduce((acc, term) => fmt.round(`${acc} + ${term}`));
  for (const [name, terms] of inputTerms) body.push(`const in_${name} = ${terms.length ? sum(terms) : '0'};`);

  const inst = pop.instance;
  const model = inst.model;
  const prefix = 'n_';
  const resolve = instanceResolver(b, prefix, inst, 'local', fmt);
  const random = randomFor(buffers.stream);
  for (const [name, arr] of buffers.state) body.push(`let ${prefix}${name} = ${b.bind(`${prefix}S_${name}`, arr)}[i];`);
  const refractory = inst.refractorySteps !== undefined;
  if (refractory) {
    b.bind('REF_UNTIL', buffers.refractoryUntil);
    const steps = inst.refractorySteps!;
    b.bind('REF_STEPS', steps);
    body.push('const active = step > REF_UNTIL[i];');
  }
  body.push(...printStatements(model.step, resolve, random, fmt, (s) => (refractory && model.clamped.has(s.target) ? 'active' : undefined)));
  const refSteps = typeof inst.refractorySteps === 'number' ? 'REF_STEPS' : 'REF_STEPS[i]';
  const threshold = printExpr(model.threshold!, resolve, random, fmt);
  body.push(
    `if (${refractory ? 'active && ' : ''}${threshold}) {`,
    ...printStatements(model.reset, resolve, random, fmt).map((l) => `  ${l}`),
    ...(refractory ? [`  REF_UNTIL[i] = step + ${refSteps};`] : []),
    '  spikes[count++] = i;',
    '}',
  );
  for (const name of buffers.state.keys()) body.push(`${prefix}S_${name}[i] = ${prefix}${name};`);

  const source = [
    '"use strict";',
    b.prelude(),
    'return function step_population(step, t, spikes) {',
    ...(fmt.name === 'f32' ? ['  t = Math.fround(t);'] : []),
    '  let count = 0;',
    ...hoisted.map((l) => `  ${l}`),
    '  for (let i = LO; i < HI; i++) {',
    ...body.map((l) => `    ${l}`),
    '  }',
    '  return count;',
    '};',
  ].join('\n');
  return { source, bindings: b.object };
}
