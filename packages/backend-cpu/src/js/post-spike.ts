import { Bindings, instanceResolver, type JsBlock, type KernelSource } from './bindings.js';
import { printStatements } from './printer.js';
import { noRandom } from './random-calls.js';
import { plasticHelpers, plasticResolver, synapseColumnLoop, traceJumps } from './plastic.js';
import { F64, type Precision } from '../precision.js';
import type { PartitionPlasticity } from '../plastic.js';

/** Runs a plastic connection's `onPost` for the postsynaptic spikes of one step: `(spikes, count, step)`. */
export type PostSpikeKernel = (spikes: Int32Array, count: number, step: number) => void;

/**
 * Source of the post-spike phase of a plastic connection in one partition: for each of its own
 * postsynaptic neurons that spiked this step (in spike order), the postsynaptic traces decay to
 * now and jump, then `onPost` runs for every synapse onto it, in presynaptic order (the
 * transposed index of {@link PartitionPlasticity}), reading and writing the stored weight `W[j]`
 * (float64, or float32 with every result rounded in the f32 mode `fmt`) and the synapse's
 * per-synapse variables (advanced to the step first, event-driven).
 */
export function postSpikeKernelSource(synapse: JsBlock, weights: Float64Array | Float32Array, plastic: PartitionPlasticity, fmt: Precision = F64): KernelSource {
  const b = new Bindings();
  const resolve = plasticResolver(b, plastic, instanceResolver(b, synapse, 'array', fmt), 'pre', 'i');
  const onPost = printStatements(synapse.instance.model.plasticity!.onPost, resolve, noRandom, fmt);
  const jumps = traceJumps(b, plastic, 'post', 'i').map((l) => `    ${l}`);
  const loop = synapseColumnLoop(b, plastic, weights, onPost, 'COL[i - LO]', 'COL[i - LO + 1]', '    ');
  const source = [
    '"use strict";',
    b.prelude(),
    ...plasticHelpers(plastic),
    'return function postSpikes(spikes, count, step) {',
    '  for (let q = 0; q < count; q++) {',
    '    const i = spikes[q];',
    ...jumps,
    ...loop,
    '  }',
    '};',
  ].join('\n');
  return { source, bindings: b.object };
}
