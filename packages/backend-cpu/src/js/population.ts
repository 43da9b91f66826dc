import type { CounterRng } from '@spikeflow/core/rng';
import { Bindings, instanceResolver, loadStates, storeStates, type JsBlock, type KernelSource } from './bindings.js';
import { literal, printExpr, printStatements } from './printer.js';
import { randomPrinter } from './random-calls.js';
import type { Values } from '../buffers.js';
import type { Precision } from '../precision.js';
import { blockStates, type Allocation } from '../plan/allocate.js';
import type { BlockPlan, KernelPlan, PopulationPlan } from '@spikeflow/core/plan';

/** Advances one population by one step and writes spiking neuron indices; returns their count. */
export type PopulationKernel = (step: number, t: number, spikes: Int32Array) => number;

/**
 * Source of population `pop`'s fused per-neuron loop over neurons `lo <= i < hi`, printed from
 * the plan's ops (`@spikeflow/core/plan`) in order. Spikes are written from `spikes[0]` on, in increasing
 * neuron order.
 */
export function populationKernelSource(
  plan: KernelPlan,
  pop: PopulationPlan,
  alloc: Allocation,
  rng: CounterRng,
  fmt: Precision,
  lo = 0,
  hi = pop.size,
  /** The array of array stimulus `k` as the kernel reads it (shared between threads, say). */
  arrayData: (k: number, data: Float64Array) => Values = (_k, data) => fmt.convert(data),
): KernelSource {
  const b = new Bindings();
  b.bind('R', rng);
  b.bind('dt', fmt.value(plan.dt));
  b.bind('N', pop.size);
  b.bind('LO', lo);
  b.bind('HI', hi);
  const body: string[] = [];
  const hoisted: string[] = [];
  const jsBlock = (block: BlockPlan): JsBlock => ({ names: block.names, instance: block.instance, states: blockStates(block, alloc) });
  const resolverOf = (block: BlockPlan) =>
    instanceResolver(b, jsBlock(block), 'local', fmt, block.role === 'neuron' ? pop.inputs : undefined, block.role === 'synapse' ? pop.neuron.names : undefined);
  const randomOf = (block: BlockPlan) => randomPrinter(block.stream, hoisted);
  const inst = pop.neuron.instance;
  const model = inst.model;

  for (const op of pop.ops) {
    switch (op.op) {
      case 'load':
        body.push(...loadStates(b, jsBlock(op.block)));
        break;
      case 'step': {
        const clamped = op.block.instance.model.clamped;
        body.push(...printStatements(op.block.instance.model.step, resolverOf(op.block), randomOf(op.block), fmt, (s) => (op.guarded && clamped.has(s.target) ? 'active' : undefined)));
        break;
      }
      case 'output': {
        // Synapse outputs draw from their connection's stream, per postsynaptic neuron i, as updates do.
        body.push(`const ${op.block.names.output} = ${printExpr(op.block.instance.model.output!, resolverOf(op.block), randomOf(op.block), fmt)};`);
        break;
      }
      case 'store':
        body.push(...storeStates(jsBlock(op.block)));
        break;
      case 'array': {
        const s = plan.stimuli[op.stimulus]!;
        if (s.kind === 'array') body.push(`const ${op.term} = ${b.bind(`_A${op.stimulus}`, arrayData(op.stimulus, s.data))}[step * N + i];`);
        break;
      }
      case 'external': {
        const s = plan.stimuli[op.stimulus]!;
        if (s.kind === 'external') body.push(`const ${op.term} = ${b.bind(`_X${op.stimulus}`, s.buffer)}[i];`);
        break;
      }
      case 'events': {
        const s = plan.stimuli[op.stimulus]!;
        if (s.kind !== 'events') break;
        const [cur, off, ev, local] = [`_C${op.stimulus}`, `_O${op.stimulus}`, `_E${op.stimulus}`, `_l${op.stimulus}`];
        b.bind(cur, alloc.arrays[alloc.layout.cursors.get(op.stimulus)!]);
        b.bind(off, s.offsets);
        b.bind(ev, s.steps);
        const period = s.periodSteps > 0;
        if (period) hoisted.push(`const ${local} = step % ${s.periodSteps};`);
        body.push(
          `let ${op.term}c = ${period ? `${local} === 0 ? ${off}[i] : ${cur}[i]` : `${cur}[i]`};`,
          `let ${op.term} = 0;`,
          `if (${op.term}c < ${off}[i + 1] && ${ev}[${op.term}c] === ${period ? local : 'step'}) { ${op.term} = ${literal(fmt.value(s.value))}; ${op.term}c++; }`,
          `${cur}[i] = ${op.term}c;`,
        );
        break;
      }
      case 'poisson-input': {
        const s = plan.stimuli[op.stimulus]!;
        if (s.kind !== 'poisson-input') break;
        // k = first + #{thresholds <= word}: a binary search on integers, as in WGSL.
        const [t, k, lo, hi, mid] = [`_T${op.stimulus}`, `${op.term}k`, `${op.term}l`, `${op.term}h`, `${op.term}m`];
        b.bind(t, s.table.thresholds);
        body.push(
          `const ${op.term}w = R.word(${s.stream}, step, i, 0);`,
          `let ${lo} = 0, ${hi} = ${s.table.thresholds.length};`,
          `while (${lo} < ${hi}) { const ${mid} = (${lo} + ${hi}) >>> 1; if (${t}[${mid}] <= ${op.term}w) ${lo} = ${mid} + 1; else ${hi} = ${mid}; }`,
          `const ${k} = ${s.table.first} + ${lo};`,
          `const ${op.term} = ${fmt.round(`${k} * ${literal(fmt.value(s.weight))}`)};`,
        );
        break;
      }
      case 'summed':
        body.push(`const ${op.term} = ${b.bind(`_G${op.connection}`, alloc.arrays[alloc.layout.summed.get(op.connection)!])}[i];`);
        break;
      case 'sum':
        // Summed left to right, each partial sum rounded to the simulation's format.
        body.push(`const ${op.name} = ${op.terms.length ? op.terms.reduce((acc, term) => fmt.round(`${acc} + ${term}`)) : '0'};`);
        break;
      case 'refractory':
        b.bind('REF_UNTIL', alloc.arrays[alloc.layout.populations[pop.index]!.refractory!]);
        b.bind('REF_STEPS', inst.refractorySteps);
        body.push('const active = step > REF_UNTIL[i];');
        break;
      case 'fire': {
        const resolve = resolverOf(op.block);
        const random = randomOf(op.block);
        const refractory = pop.refractory;
        const refSteps = typeof inst.refractorySteps === 'number' ? 'REF_STEPS' : 'REF_STEPS[i]';
        const test = `${refractory ? 'active && ' : ''}${printExpr(model.threshold!, resolve, random, fmt)}`;
        // Poisson inputs land after the threshold test and before the reset (Brian2's order).
        if (op.jumps.length) body.push(`const _fires = ${test};`, ...op.jumps.map((j) => `${resolve(j.variable, 'state')} = ${fmt.round(`${resolve(j.variable, 'state')} + ${j.term}`)};`));
        body.push(
          `if (${op.jumps.length ? '_fires' : test}) {`,
          ...printStatements(model.reset, resolve, random, fmt).map((l) => `  ${l}`),
          ...(refractory ? [`  REF_UNTIL[i] = step + ${refSteps};`] : []),
          '  spikes[count++] = i;',
          '}',
        );
        break;
      }
    }
  }

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
