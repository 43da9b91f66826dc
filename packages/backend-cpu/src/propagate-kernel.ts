import type { BuiltConnection } from '@spikeflow/core';
import { Bindings, instanceResolver } from './bindings.js';
import { compileKernel } from './kernel-cache.js';
import { printStatements } from './printer.js';
import type { Values } from './buffers.js';
import type { Precision } from './precision.js';

/** Delivers one step's presynaptic spikes through a connection (event-driven). */
export type PropagateKernel = (spikes: Int32Array, count: number) => void;

/**
 * Runs the synapse model's `onPre` statements for every synapse of every spiking presynaptic
 * neuron: CSR rows for sparse tables, whole rows for dense ones. The presynaptic sign is folded
 * into `w`, so inhibitory populations deliver negative weights.
 */
export function buildPropagateKernel(c: BuiltConnection, state: ReadonlyMap<string, Values>, fmt: Precision): PropagateKernel {
  const b = new Bindings();
  for (const [name, arr] of state) b.bind(`c_S_${name}`, arr);
  const resolve = instanceResolver(b, 'c_', c.synapse, 'array', fmt);
  const onPre = printStatements(c.synapse.model.onPre, resolve, () => 'NaN', fmt).map((l) => `      ${l}`);
  const t = c.table;
  b.bind('W', fmt.name === 'f32' ? Float32Array.from(t.weights) : t.weights);
  const w = c.sign < 0 ? '-W' : 'W';
  let loop: string[];
  if (t.format === 'csr') {
    b.bind('ROW', t.rowStart);
    b.bind('POST', t.post);
    loop = [
      '    const end = ROW[pre + 1];',
      '    for (let j = ROW[pre]; j < end; j++) {',
      '      const i = POST[j];',
      `      const w = ${w}[j];`,
      ...onPre,
      '    }',
    ];
  } else {
    b.bind('NPOST', t.nPost);
    loop = [
      '    const base = pre * NPOST;',
      '    for (let i = 0; i < NPOST; i++) {',
      `      const w = ${w}[base + i];`,
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
  return compileKernel<PropagateKernel>(source, b.object);
}
