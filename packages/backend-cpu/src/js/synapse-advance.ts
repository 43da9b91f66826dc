import { postVariable } from '@spikeflow/core/ir';
import { Bindings, instanceResolver, type JsBlock, type KernelSource } from './bindings.js';
import { printStatements } from './printer.js';
import { noRandom } from './random-calls.js';
import { F64 } from '../precision.js';
import type { PartitionPlasticity } from '../plastic.js';
import type { StoredSynapses } from '../synapse-storage.js';
import type { Values } from '../buffers.js';

/** Advances one connection's clock-driven per-synapse variables by one step, for one partition's synapses. */
export type SynapseAdvanceKernel = (step: number, t: number) => void;

/**
 * Source of the `synapse-advance` phase of one connection in one partition (f64 only, as every
 * per-synapse variable): for every stored synapse j of the partition (its postsynaptic slice), the
 * clock-driven variables are loaded into locals, the model's `plasticity.clock` statements (the
 * integrator's rewrite of their equations) run once, reading the weight `w = W[j]`, the
 * parameters of the postsynaptic neuron `i = POST[j]` and its state `<variable>_post` at the
 * start of the step, and the variables are stored back. A synapse's update reads nothing another
 * synapse writes, so the order of the synapses, and the partition, does not change any value.
 */
export function synapseAdvanceSource(synapse: JsBlock, stored: StoredSynapses, plastic: PartitionPlasticity, post: ReadonlyMap<string, Values>, dt: number): KernelSource {
  if (stored.format !== 'csr') throw new Error('internal: plastic synapses are stored as CSR');
  const b = new Bindings();
  b.bind('dt', dt);
  const base = instanceResolver(b, synapse, 'array', F64);
  const clocked = plastic.vars.flatMap((v, k) => (v.clock ? [{ v, k }] : []));
  const locals = new Map(plastic.vars.map((v, k) => [v.name, `S${k}`]));
  const resolve = (name: string, role: string): string => {
    if (role === 'post') {
      const v = postVariable(name);
      const arr = post.get(v);
      if (!arr) throw new Error(`internal: no postsynaptic state '${v}' for this synapse advance`);
      return `${b.bind(`P${[...post.keys()].indexOf(v)}`, arr)}[i]`;
    }
    if (role === 'weight' || (role === 'state' && name === 'w')) return 'w';
    if (role === 'state' && locals.has(name)) return locals.get(name)!;
    return base(name, role);
  };
  const body = printStatements(synapse.instance.model.plasticity!.clock, resolve, noRandom, F64).map((l) => `    ${l}`);
  b.bind('POST', stored.post);
  b.bind('N', stored.count);
  const w = typeof stored.weight === 'number' ? b.bind('WS', stored.weight) : `${b.bind('W', stored.weight)}[j]`;
  const load = clocked.map(({ v, k }) => `    let S${k} = ${b.bind(`SV${k}`, v.values)}[j];`);
  const source = [
    '"use strict";',
    b.prelude(),
    'return function synapseAdvance(step, t) {',
    '  for (let j = 0; j < N; j++) {',
    '    const i = POST[j];',
    `    const w = ${w};`,
    ...load,
    ...body,
    ...clocked.map(({ k }) => `    SV${k}[j] = S${k};`),
    '  }',
    '};',
  ].join('\n');
  return { source, bindings: b.object };
}
