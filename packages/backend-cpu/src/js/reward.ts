import { Bindings, instanceResolver, type JsBlock, type KernelSource } from './bindings.js';
import { printStatements } from './printer.js';
import { noRandom } from './random-calls.js';
import { plasticHelpers, plasticResolver, synapseColumnLoop } from './plastic.js';
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
  const statements = printStatements(synapse.instance.model.plasticity!.reward!, resolve, noRandom, F64);
  const loop = synapseColumnLoop(b, plastic, weights, statements, 'COL[c]', 'COL[c + 1]', '    ');
  const source = [
    '"use strict";',
    b.prelude(),
    ...plasticHelpers(plastic),
    'return function deliverReward(reward, step) {',
    '  for (let c = 0; c + 1 < COL.length; c++) {',
    '    const i = c + LO;',
    ...loop,
    '  }',
    '};',
  ].join('\n');
  return { source, bindings: b.object };
}
