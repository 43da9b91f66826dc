/**
 * @spikeflow/connectivity — connectors that build synapse tables (dense or CSR) from a seeded host
 * stream, and post-synaptic model definitions.
 *
 * @example
 * import { randomNormalConnect, ExpCurrent } from '@spikeflow/connectivity';
 * net.connect(ep1, ip1, { connector: randomNormalConnect({ wmean: 20, wstd: 5 }), synapse: ExpCurrent });
 */
export { fullConnect, type FullSettings } from './connectors/full.js';
export { randomNormalConnect, type RandomNormalSettings } from './connectors/random-normal.js';
export { randomUniformConnect, type RandomUniformSettings } from './connectors/random-uniform.js';
export { fixedProbabilityConnect, type FixedProbabilitySettings } from './connectors/fixed-probability.js';
export { fixedIndegreeConnect, type FixedIndegreeSettings } from './connectors/fixed-indegree.js';
export { oneToOneConnect, type OneToOneSettings } from './connectors/one-to-one.js';
export type { DenseConnector, SparseConnector } from './types.js';
export type { WeightSpec } from './weight.js';
export { ExpCurrent } from './synapses/exp-current.js';
export { AlphaCurrent } from './synapses/alpha-current.js';
export { ExpConductance } from './synapses/exp-conductance.js';
export { AlphaConductance } from './synapses/alpha-conductance.js';
export { BiExpConductance } from './synapses/biexp-conductance.js';
export { DeltaSynapse } from './synapses/delta.js';
export { GapJunction } from './synapses/gap-junction.js';
export { NmdaSynapse } from './synapses/nmda.js';
export { StdpAdditive } from './synapses/stdp-additive.js';
export { StdpMultiplicative } from './synapses/stdp-multiplicative.js';
export { TsodyksMarkram } from './synapses/tsodyks-markram.js';
export { RewardStdp } from './synapses/reward-stdp.js';
