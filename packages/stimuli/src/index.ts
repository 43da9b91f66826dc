/**
 * @spikeflow/stimuli — current sources for populations, in nA.
 *
 * Model sources are declarative `current` models (data and expressions, run by every backend):
 * {@link constantCurrent}, {@link stepCurrent}, the seed's generators {@link stepNoise},
 * {@link incrementalStepNoise} and {@link randomWalkNoise}, and the coloured noise
 * {@link ornsteinUhlenbeckCurrent} (an equation with white noise `xi`). {@link arrayCurrent} takes a user
 * matrix [steps × neurons]. {@link materialize} and {@link chunks} compute a source's matrix on
 * the host with the same random numbers as the CPU backend.
 *
 * Spike inputs: {@link spikeTimes} gives a `SpikeSource` population (from `@spikeflow/neurons`) its
 * spike times (Brian2's `SpikeGeneratorGroup`); {@link poissonEncode} and {@link latencyEncode} turn
 * values in [0, 1] (arrays, images) into such times. {@link poissonInput} adds Brian2's
 * `PoissonInput` to a state variable: k ~ Binomial(n, rate·dt) jumps per neuron and step.
 *
 * Clones: sources with the same `stream` name draw identical random numbers, so the seed's
 * "clone of another population's current" is the same factory call with the same `stream` on
 * both populations, and "clone + 20 from the middle on" adds a `stepCurrent` to the clone's
 * population (see {@link SourceOptions}).
 *
 * @example
 * import { incrementalStepNoise, seedRampCount, stepNoise, materialize } from '@spikeflow/stimuli';
 * net.stimulate(ep1, incrementalStepNoise({ I_value: 20, scale: 100, gap: 5, rampCount: seedRampCount(1000, 100, 5) }));
 * net.stimulate(ip1, stepNoise({ I_value: 20 }));
 * const I = materialize(stepNoise({ I_value: 20 }), { steps: 1000, size: 100, dt: 1, seed: 1 });
 */
export type { SourceOptions } from './sources/options.js';
export { CONSTANT_CURRENT, constantCurrent } from './sources/constant.js';
export { STEP_CURRENT, PULSE_CURRENT, stepCurrent, type StepCurrentOptions } from './sources/step.js';
export { STEP_NOISE, stepNoise, type StepNoiseOptions } from './sources/step-noise.js';
export {
  INCREMENTAL_STEP_NOISE,
  UNLIMITED_RAMPS,
  incrementalStepNoise,
  seedRampCount,
  type IncrementalStepNoiseOptions,
} from './sources/incremental-step-noise.js';
export { RANDOM_WALK_NOISE, randomWalkNoise, type RandomWalkNoiseOptions } from './sources/random-walk.js';
export { ORNSTEIN_UHLENBECK_CURRENT, ornsteinUhlenbeckCurrent, type OrnsteinUhlenbeckOptions } from './sources/ornstein-uhlenbeck.js';
export { arrayCurrent, type ArraySource, type RowMajorCurrent } from './sources/array.js';
export { createRunner, type RunnerOptions, type SourceRunner } from './runner.js';
export { materialize, type MaterializeOptions } from './materialize.js';
export { chunks, type ChunkOptions } from './chunks.js';
export { poissonInput, type PoissonInputOptions } from './sources/poisson-input.js';
export { spikeTimes, type SpikeTimesOptions, type SpikeTimesSource } from './sources/spike-times.js';
export { poissonEncode, latencyEncode, type EncoderInput, type PoissonEncodeOptions, type LatencyEncodeOptions } from './encoders.js';
