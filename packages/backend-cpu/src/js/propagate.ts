import { postVariable } from '@spikeflow/core/ir';
import { Bindings, instanceResolver, type JsBlock, type KernelSource } from './bindings.js';
import { compileKernel } from '../kernel-cache.js';
import { printStatements } from './printer.js';
import { noRandom } from './random-calls.js';
import { F64, type Precision } from '../precision.js';
import type { StoredSynapses } from '../synapse-storage.js';
import type { Values } from '../buffers.js';

/** Delivers one step's presynaptic spikes through a connection (event-driven). */
export type PropagateKernel = (spikes: Int32Array, count: number) => void;

/**
 * Source of the loop that runs the synapse model's `onPre` statements for every stored synapse of
 * every spiking presynaptic neuron: CSR rows for sparse tables, whole rows (or the slice
 * `lo..hi` of postsynaptic neurons) for dense ones. Weights carry the presynaptic sign, so
 * inhibitory populations deliver negative weights; a homogeneous weight is one constant.
 * `<variable>_post` (read or written: `v_post += w`) is element i of the target neuron's state
 * array `post.get(variable)`.
 */
export function propagateKernelSource(synapse: JsBlock, fmt: Precision, stored: StoredSynapses, post?: ReadonlyMap<string, Values>): KernelSource {
  const b = new Bindings();
  const own = instanceResolver(b, synapse, 'array', fmt);
  const resolve = (name: string, role: string): string => {
    if (role !== 'post') return own(name, role);
    const v = postVariable(name);
    const arr = post?.get(v);
    if (!arr) throw new Error(`internal: no postsynaptic state '${v}' for this propagation`);
    return `${b.bind(`P${[...post!.keys()].indexOf(v)}`, arr)}[i]`;
  };
  const onPre = printStatements(synapse.instance.model.onPre, resolve, noRandom, fmt).map((l) => `      ${l}`);
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
      `      const w = ${weight ?? 'W[j]'};`,
      ...onPre,
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
    'return function propagate(spikes, count) {',
    '  for (let q = 0; q < count; q++) {',
    '    const pre = spikes[q];',
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
