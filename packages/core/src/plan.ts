/**
 * @spikeflow/core/plan — for authors of backends: the kernel plan, what one simulation step does
 * (model instances and their state buffers, each population's fused per-neuron program of ops,
 * spike propagation per connection, the ordered phases), built once per simulation from a
 * `BuiltNetwork`, and the generated identifiers every emitter prints instead of user names.
 * Every backend walks the same plan with one small printer per op kind; see
 * docs/concepts/backends.md.
 *
 * @example
 * import { buildPlan } from '@spikeflow/core/plan';
 * const plan = buildPlan(network);
 * for (const pop of plan.populations) for (const op of pop.ops) console.log(pop.name, op.op);
 */
export {
  buildPlan,
  blockCode,
  type BlockCode,
  type KernelPlan,
  type BlockPlan,
  type BufferPlan,
  type PopulationOp,
  type PopulationPlan,
  type ConnectionPlan,
  type DelayGroup,
  type SummedSynapses,
  type Phase,
} from './plan/plan.js';
export { InstanceNames, inputName, sharedDrawName } from './plan/names.js';
export { DECAY_STEPS, MIN_NORMAL_F32, decayTable, connectionValue, traceConstants, type TraceConstants } from './plan/traces.js';
