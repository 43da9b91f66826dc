import { ConfigError, type ModelDefinition, type StimulusSource, type ValueSpec } from '@spikeflow/core';
import { nonNegative, positiveInteger, valueSpec } from '../validate.js';
import type { SourceOptions } from './options.js';

/**
 * `ramp_count` meaning "no limit": 2^32. Step indices are 32-bit, so no run can begin more
 * ramps than this (at most `step + 1` with scale = gap = 1), and the value is exact in both
 * 32- and 64-bit floats.
 *
 * @example
 * incrementalStepNoise({ I_value: 20, scale: 100, gap: 5, rampCount: Infinity }); // stored as UNLIMITED_RAMPS
 */
export const UNLIMITED_RAMPS = 2 ** 32;

/** Ramps begun by step `step` (1 once step + scale reaches gap·scale), capped at ramp_count. */
const RAMPS = 'min(floor((step + scale) / (gap*scale)), ramp_count)';

/**
 * The seed's `incremental_step_noise_function`, in steps. With P = gap·scale the deterministic
 * profile is
 *
 *     I_value · (1 + Σ_{k=1..ramp_count} clip((step − (k·P − scale)) / scale, 0, 1))
 *
 * — the current starts at I_value, ramps linearly up by I_value over the `scale` steps that end
 * at step k·P, and stays I_value higher from step k·P on. As the ramps never overlap (gap >= 1)
 * the sum has the closed form (no loops exist in the model language)
 *
 *     m = min(floor((step + scale) / P), ramp_count)
 *     profile = I_value · (m + clip((step + scale − m·P) / scale, 0, 1))
 *
 * (for m = 0 the clip is 1, since step >= 0). On top of it, every step: `noise`·Normal(0,1) per
 * neuron plus `noise`·Normal(0,1) shared by all neurons of the population.
 *
 * Exact in 64-bit arithmetic while step + scale < 2^53; a 32-bit backend is exact up to 2^24.
 *
 * @example
 * net.stimulate(ep1, {
 *   kind: 'model', model: INCREMENTAL_STEP_NOISE,
 *   parameters: { I_value: 20, scale: 100, gap: 5, ramp_count: 2 },
 * });
 */
export const INCREMENTAL_STEP_NOISE: ModelDefinition = {
  name: 'IncrementalStepNoise',
  kind: 'current',
  doc: 'Staircase of linear ramps by I_value every gap·scale steps, plus per-neuron and shared Normal(0, noise²) noise.',
  parameters: {
    I_value: { unit: 'target', doc: 'starting current, and the height of each ramp' },
    scale: { unit: '1', positive: true, doc: 'length of each ramp (a whole number of steps)' },
    gap: { unit: '1', positive: true, doc: 'ramps end at steps k·gap·scale (a whole number >= 1)' },
    ramp_count: { unit: '1', default: UNLIMITED_RAMPS, doc: 'number of ramps; the seed uses floor((steps/scale)/gap); 2^32 = no limit' },
    noise: { unit: 'target', default: 1, doc: 'standard deviation of the per-neuron and of the shared noise term (0 = off)' },
  },
  state: {},
  output: `I_value * (${RAMPS} + clip((step + scale - ${RAMPS}*(gap*scale)) / scale, 0, 1)) + noise*(randn() + randn_shared())`,
};

/** Options of {@link incrementalStepNoise}. */
export interface IncrementalStepNoiseOptions extends SourceOptions {
  /** Starting current and height of each ramp, nA. */
  readonly I_value: ValueSpec;
  /** Length of each ramp, steps (whole number). */
  readonly scale: number;
  /** Ramps end at steps k·gap·scale (whole number >= 1). */
  readonly gap: number;
  /**
   * Number of ramps, default `Infinity` (no limit). The seed's K = floor((time/scale)/gap) depends
   * on the run length, which a source does not know: pass `seedRampCount(steps, scale, gap)` to
   * reproduce it (the built-in decision network does).
   */
  readonly rampCount?: number;
  /**
   * `true` (default): Normal(0,1) per neuron plus Normal(0,1) shared per step, as the seed;
   * `false`: the bare profile; a number: that standard deviation (nA) for both terms.
   */
  readonly noise?: boolean | number;
}

/**
 * The seed's K for a run of `steps` steps: floor((steps / scale) / gap).
 *
 * @example
 * seedRampCount(1000, 100, 5); // 2
 * seedRampCount(1000, 100, 3); // 3
 */
export function seedRampCount(steps: number, scale: number, gap: number): number {
  return Math.floor(steps / scale / gap);
}

/**
 * The seed's incremental step noise (`incremental_step_noise_function`), in steps: starts at
 * I_value nA; for k = 1 … rampCount, over the `scale` steps that end at step k·gap·scale the
 * current ramps linearly up by I_value, and from step k·gap·scale on stays I_value higher. Then
 * Normal(0,1) per neuron plus one Normal(0,1) shared by all neurons is added every step.
 *
 * With time = 1000, scale = 100, gap = 5: 20 until step 400, ramp to 40 at step 500, 40 until
 * 900, ramp towards 60 (reached at step 1000). With gap = 3: 20 → 40 → 60 → 80, ramps at
 * 200–300, 500–600, 800–900.
 *
 * Deviation from the seed: the seed left its very last row without noise; a source does not know
 * the run length, so every step gets noise.
 *
 * @example
 * const steps = 1000;
 * net.stimulate(ep1, incrementalStepNoise({ I_value: 20, scale: 100, gap: 5, rampCount: seedRampCount(steps, 100, 5) }));
 * incrementalStepNoise({ I_value: 20, scale: 100, gap: 3, noise: false }); // the bare staircase
 */
export function incrementalStepNoise(options: IncrementalStepNoiseOptions): StimulusSource {
  const p = 'incrementalStepNoise';
  const I_value = valueSpec(options.I_value, `${p}.I_value`);
  const scale = positiveInteger(options.scale, `${p}.scale`);
  const gap = positiveInteger(options.gap, `${p}.gap`);
  const count = options.rampCount ?? Infinity;
  if (count !== Infinity && !(Number.isInteger(count) && count >= 0)) {
    throw new ConfigError('bad-value', `${p}.rampCount`, `expected a whole number >= 0 or Infinity, got ${String(count)}`);
  }
  const ramp_count = Math.min(count, UNLIMITED_RAMPS);
  const n = options.noise ?? true;
  const noise = typeof n === 'boolean' ? (n ? 1 : 0) : nonNegative(n, `${p}.noise`);
  return {
    kind: 'model',
    model: INCREMENTAL_STEP_NOISE,
    parameters: { I_value, scale, gap, ramp_count, noise },
    ...(options.stream !== undefined ? { stream: options.stream } : {}),
  };
}
