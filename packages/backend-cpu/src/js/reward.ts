import { Bindings, instanceResolver, type JsBlock, type KernelSource } from './bindings.js';
import { printStatements } from './printer.js';
import { noRandom } from './random-calls.js';
import { plasticHelpers, plasticResolver, synapseLoad, synapseStore } from './plastic.js';
import { F64 } from '../precision.js';
import type { PartitionPlasticity } from '../plastic.js';

/** Runs a reward-modulated connection's reward statements for every synapse of one partition: `(reward, step)`. */
export type RewardKernel = (reward: number, step: number) => void;

/**
 * Source of a reward delivery in one partition: for every synapse (by postsynaptic neuron, then
 * presynaptic order, as the post-spike phase), its per-synapse variables are advanced to `step`
 * (event-driven), then `plasticity.reward` statements run with `reward` bound to the delivered
 * value, reading and writing the stored weight `W[j]` and the variables.
 */
export function rewardKernelSource(synapse: JsBlock, weights: Float64Array, plastic: PartitionPlasticity): KernelSource {
  const b = new Bindings();
  const own = plasticResolver(b, plastic, instanceResolver(b, synapse, 'array', F64), 'pre', 'i');
  const resolve = (name: string, role: string) => (name === 'reward' && role === 'state' ? 'reward' : own(name, role));
  const statements = printStatements(synapse.instance.model.plasticity!.reward!, resolve, noRandom, F64).map((l) => `      ${l}`);
  b.bind('W', weights);
  b.bind('COL', plastic.colStart);
  b.bind('SYN', plastic.synapse);
  b.bind('PRE', plastic.pre);
  b.bind('LO', plastic.lo);
  const load = synapseLoad(b, plastic, 'j').map((l) => `      ${l}`);
  const store = synapseStore(b, plastic, 'j').map((l) => `      ${l}`);
  const source = [
    '"use strict";',
    b.prelude(),
    ...plasticHelpers(plastic),
    'return function deliverReward(reward, step) {',
    '  for (let c = 0; c + 1 < COL.length; c++) {',
    '    const i = c + LO;',
    '    for (let k = COL[c]; k < COL[c + 1]; k++) {',
    '      const j = SYN[k];',
    '      const pre = PRE[k];',
    '      let w = W[j];',
    ...load,
    ...statements,
    '      W[j] = w;',
    ...store,
    '    }',
    '  }',
    '};',
  ].join('\n');
  return { source, bindings: b.object };
}
