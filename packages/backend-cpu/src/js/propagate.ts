import { postVariable } from '@spikeflow/core/ir';
import { Bindings, instanceResolver, type JsBlock, type KernelSource } from './bindings.js';
import { compileKernel } from '../kernel-cache.js';
import { printStatements } from './printer.js';
import { noRandom } from './random-calls.js';
import { F64, type Precision } from '../precision.js';
import type { StoredSynapses } from '../synapse-storage.js';
import type { Values } from '../buffers.js';
import type { PartitionPlasticity } from '../plastic.js';
import { plasticHelpers, plasticResolver, synapseLoad, synapseStore, traceJumps } from './plastic.js';

/** Delivers one step's presynaptic spikes through a connection (event-driven); `step` is the step of delivery. */
export type PropagateKernel = (spikes: Int32Array, count: number, step: number) => void;

/**
 * Source of the loop that runs the synapse model's `onPre` statements for every stored synapse of
 * every spiking presynaptic neuron: CSR rows for sparse tables, whole rows (or the slice
 * `lo..hi` of postsynaptic neurons) for dense ones. Weights carry the presynaptic sign, so
 * inhibitory populations deliver negative weights; a homogeneous weight is one constant.
 * `<variable>_post` (read or written: `v_post += w`) is element i of the target neuron's state
 * array `post.get(variable)`. A plastic connection (`plastic`: CSR, one weight per synapse, float64
 * or, in the f32 mode, float32) first brings each spiking neuron's presynaptic traces up to the step of delivery and
 * adds their jumps, advances the synapse's per-synapse variables to the step (event-driven), and
 * stores back the weight `w` and the variables that `onPre` may assign.
 */
export function propagateKernelSource(synapse: JsBlock, fmt: Precision, stored: StoredSynapses, post?: ReadonlyMap<string, Values>, plastic?: PartitionPlasticity): KernelSource {
  const b = new Bindings();
  const base = instanceResolver(b, synapse, 'array', fmt);
  const own = plastic ? plasticResolver(b, plastic, base, 'pre', 'i') : base;
  const resolve = (name: string, role: string): string => {
    if (role !== 'post') return own(name, role);
    const v = postVariable(name);
    const arr = post?.get(v);
    if (!arr) throw new Error(`internal: no postsynaptic state '${v}' for this propagation`);
    return `${b.bind(`P${[...post!.keys()].indexOf(v)}`, arr)}[i]`;
  };
  const onPre = printStatements(synapse.instance.model.onPre, resolve, noRandom, fmt).map((l) => `      ${l}`);
  const jumps = plastic ? traceJumps(b, plastic, 'pre', 'pre').map((l) => `    ${l}`) : [];
  const weight = typeof stored.weight === 'number' ? b.bind('WS', stored.weight) : undefined;
  if (weight === undefined) b.bind('W', stored.weight);
  let loop: string[];
  if (stored.format === 'csr') {
    b.bind('ROW', stored.rowStart);
    b.bind('POST', stored.post);
    loop = [
      '    const end = ROW[pre + 1];',
      '    for (let j = ROW[pre]; j < end; j++) {',
      '      const i = POST[j];',
      `      ${plastic ? 'let' : 'const'} w = ${weight ?? 'W[j]'};`,
      ...(plastic ? synapseLoad(b, plastic, 'j').map((l) => `      ${l}`) : []),
      ...onPre,
      ...(plastic ? ['      W[j] = w;', ...synapseStore(b, plastic, 'j').map((l) => `      ${l}`)] : []),
      '    }',
    ];
  } else {
    b.bind('NPOST', stored.nPost);
    b.bind('LO', stored.lo);
    b.bind('HI', stored.hi);
    loop = [
      '    const base = pre * NPOST;',
      '    for (let i = LO; i < HI; i++) {',
      '      const w = W[base + i];',
      '      if (w === 0) continue;',
      ...onPre,
      '    }',
    ];
  }
  const source = [
    '"use strict";',
    b.prelude(),
    ...(plastic ? plasticHelpers(plastic) : []),
    'return function propagate(spikes, count, step) {',
    '  for (let q = 0; q < count; q++) {',
    '    const pre = spikes[q];',
    ...jumps,
    ...loop,
    '  }',
    '};',
  ].join('\n');
  return { source, bindings: b.object };
}

/** Compiles the propagation of one connection (see {@link propagateKernelSource}). */
export function buildPropagateKernel(synapse: JsBlock, stored: StoredSynapses, fmt: Precision = F64): PropagateKernel {
  const { source, bindings } = propagateKernelSource(synapse, fmt, stored);
  return compileKernel<PropagateKernel>(source, bindings);
}
