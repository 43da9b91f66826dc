/**
 * @spikeflow/core/rng — randomness, for authors of backends and definition packages: the
 * counter-based Philox4x32-10 generator that kernels use (the same numbers in JS and WGSL), the
 * seeded host streams (seedrandom) for connectivity and initial values, and sampling of
 * `ValueSpec`s.
 *
 * @example
 * import { hostRng } from '@spikeflow/core/rng';
 * const rng = hostRng(42, 'connection exc->inh');
 */
export { CounterRng, philox4x32, streamId, SHARED_INDEX } from './rng/philox.js';
export { hostRng, type HostRng } from './rng/host.js';
export { binomialTable, binomialFromWord, MAX_BINOMIAL_N, type BinomialTable } from './rng/binomial.js';
export { sampleValues, isPerNeuron } from './rng/distributions.js';
