import type { BuiltConnection } from '@spikeflow/core/backend';
import { Bindings, instanceResolver, type KernelSource } from './bindings.js';
import { compileKernel } from './kernel-cache.js';
import { printStatements } from './printer.js';
import type { Values } from './buffers.js';
import { F64, type Precision } from './precision.js';
import { storeSynapses, type StoredSynapses } from './synapse-storage.js';

/** Delivers one step's presynaptic spikes through a connection (event-driven). */
export type PropagateKernel = (spikes: Int32Array, count: number) => void;

/**
 * Source of the loop that runs the synapse model's `onPre` statements for every stored synapse of
 * every spiking presynaptic neuron: CSR rows for sparse tables, whole rows (or the slice
 * `lo..hi` of postsynaptic neurons) for dense ones. Weights carry the presynaptic sign, so
 * inhibitory populations deliver negative weights; a homogeneous weight is one constant.
 */
export function propagateKernelSource(c: BuiltConnection, state: ReadonlyMap<string, Values>, fmt: Precision, stored: StoredSynapses): KernelSource {
  const b = new Bindings();
  for (const [name, arr] of state) b.bind(`c_S_${name}`, arr);
  const resolve = instanceResolver(b, 'c_', c.synapse, 'array', fmt);
  const onPre = printStatements(c.synapse.model.onPre, resolve, () => 'NaN', fmt).map((l) => `      ${l}`);
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

/** Compiles the propagation of connection `c` over all its synapses (see {@link propagateKernelSource}). */
export function buildPropagateKernel(c: BuiltConnection, state: ReadonlyMap<string, Values>, fmt: Precision = F64, stored: StoredSynapses = storeSynapses(c, fmt, 'auto')): PropagateKernel {
  const { source, bindings } = propagateKernelSource(c, state, fmt, stored);
  return compileKernel<PropagateKernel>(source, bindings);
}
