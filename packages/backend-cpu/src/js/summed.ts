import { postVariable, preVariable } from '@spikeflow/core/ir';
import type { SummedSynapses } from '@spikeflow/core/plan';
import { Bindings, instanceResolver, type JsBlock, type KernelSource } from './bindings.js';
import { printExpr } from './printer.js';
import { noRandom } from './random-calls.js';
import type { Precision } from '../precision.js';
import type { Values } from '../buffers.js';
import type { PartitionPlasticity } from '../plastic.js';

/** Computes one connection's summed expression for its postsynaptic neurons of one partition. */
export type SummedKernel = (step: number, t: number) => void;

/** What {@link summedKernelSource} reads and writes. */
export interface SummedKernelInputs {
  /** The connection's synapse model instance (parameters and states, one value per postsynaptic neuron). */
  readonly synapse: JsBlock;
  /** The synapses by postsynaptic neuron, in CSR order (the plan's). */
  readonly synapses: SummedSynapses;
  /** The presynaptic neuron model's state arrays (`<variable>_pre`, at index j). */
  readonly pre: ReadonlyMap<string, Values>;
  /** The postsynaptic neuron model's state arrays (`<variable>_post`, at index i). */
  readonly post: ReadonlyMap<string, Values>;
  /** Where the sums go: one value per postsynaptic neuron. */
  readonly out: Values;
  /** Postsynaptic neurons handled: lo <= i < hi. */
  readonly lo: number;
  readonly hi: number;
  /** Time step in ms. */
  readonly dt: number;
  /**
   * A plastic model (per-synapse variables, e.g. an NMDA synapse's `g_syn`): the partition's own
   * synapses and their stored weights, walked by postsynaptic neuron in the same CSR order as
   * `synapses` (which is then not read), so that the expression can read per-synapse variables.
   */
  readonly plastic?: { readonly partition: PartitionPlasticity; readonly weights: Float64Array | Float32Array };
}

/**
 * Source of the `summed` phase of one connection (a gap junction: `w * (v_pre - v_post)`): for
 * every postsynaptic neuron i in lo..hi, the synapse model's summed expression for each synapse
 * onto i, added left to right in the plan's (CSR) order — each partial sum rounded to the
 * simulation's format — and stored as `out[i]`. It runs before any population kernel of the
 * step, so every state it reads is the value at the start of the step; the sums of any neuron
 * are the same whatever the partition, so threads and WebAssembly population kernels (which read
 * `out` from the same memory) give the same results bit for bit.
 */
export function summedKernelSource(k: SummedKernelInputs, fmt: Precision): KernelSource {
  const b = new Bindings();
  b.bind('dt', fmt.value(k.dt));
  const own = instanceResolver(b, k.synapse, 'array', fmt);
  const stateOf = (arrays: ReadonlyMap<string, Values>, v: string, prefix: string) => {
    const arr = arrays.get(v);
    if (!arr) throw new Error(`internal: no state '${v}' for this summed expression`);
    return b.bind(`${prefix}${[...arrays.keys()].indexOf(v)}`, arr);
  };
  const vars = new Map((k.plastic?.partition.vars ?? []).map((v, n) => [v.name, `${b.bind(`SV${n}`, v.values)}[q]`]));
  const resolve = (name: string, role: string): string => {
    if (role === 'pre') return `${stateOf(k.pre, preVariable(name), 'Q')}[j]`;
    if (role === 'post') return `${stateOf(k.post, postVariable(name), 'P')}[i]`;
    if (role === 'state' && vars.has(name)) return vars.get(name)!;
    return own(name, role);
  };
  const term = printExpr(k.synapse.instance.model.summed!, resolve, noRandom, fmt);
  const p = k.plastic;
  // Plastic: the partition's columns (local to lo) and the stored index q of each synapse.
  b.bind('COL', p ? p.partition.colStart : k.synapses.colStart);
  b.bind('PRE', p ? p.partition.pre : k.synapses.pre);
  if (p) b.bind('SYN', p.partition.synapse);
  b.bind('W', p ? p.weights : fmt.name === 'f32' ? Float32Array.from(k.synapses.weights) : k.synapses.weights);
  b.bind('OUT', k.out);
  b.bind('LO', k.lo);
  b.bind('HI', k.hi);
  const source = [
    '"use strict";',
    b.prelude(),
    'return function summed(step, t) {',
    ...(fmt.name === 'f32' ? ['  t = Math.fround(t);'] : []),
    '  for (let i = LO; i < HI; i++) {',
    '    let acc = 0;',
    `    const end = COL[i${p ? ' - LO' : ''} + 1];`,
    `    for (let k = COL[i${p ? ' - LO' : ''}]; k < end; k++) {`,
    '      const j = PRE[k];',
    ...(p ? ['      const q = SYN[k];', '      const w = W[q];'] : ['      const w = W[k];']),
    `      acc = ${fmt.round(`acc + ${term}`)};`,
    '    }',
    '    OUT[i] = acc;',
    '  }',
    '};',
  ].join('\n');
  return { source, bindings: b.object };
}
