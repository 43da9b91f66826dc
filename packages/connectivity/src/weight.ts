import { ConfigError } from '@spikeflow/core';
import { sampleValues, type HostRng } from '@spikeflow/core/rng';
import { finiteNumber, nonNegative } from './validate.js';

/**
 * The weight of each synapse made by a sparse connector, in the units of the synapse model's
 * `w` (for `ExpCurrent` and `AlphaCurrent`: nA):
 * - a number: every synapse gets it;
 * - `{ normal: { mean, std } }`: an independent Normal(mean, std) draw per synapse;
 * - `{ uniform: { min, max } }`: an independent draw from [min, max) per synapse.
 *
 * Core's `ValueSpec` without the per-neuron array form, which has no meaning per synapse.
 *
 * @example
 * const w: WeightSpec = { normal: { mean: 0.5, std: 0.1 } };
 */
export type WeightSpec =
  | number
  | {
      /** An independent Normal(mean, std) draw per synapse. */
      readonly normal: {
        /** Mean weight, in the units of `w`. */
        readonly mean: number;
        /** Standard deviation ≥ 0, in the units of `w`. */
        readonly std: number;
      };
    }
  | {
      /** An independent draw from [min, max) per synapse. */
      readonly uniform: {
        /** Smallest weight, in the units of `w`. */
        readonly min: number;
        /** Upper bound ≥ min (not reached), in the units of `w`. */
        readonly max: number;
      };
    };

/**
 * Validates a weight spec: finite numbers, std ≥ 0, min ≤ max; errors name `path` (e.g.
 * `….connector.weight.normal.std`).
 *
 * @example
 * checkWeight({ uniform: { min: 0, max: 1 } }, 'c.weight');
 */
export function checkWeight(spec: unknown, path: string): WeightSpec {
  if (typeof spec === 'number') return finiteNumber(spec, path);
  if (spec !== null && typeof spec === 'object' && !Array.isArray(spec) && !ArrayBuffer.isView(spec)) {
    const keys = Object.keys(spec);
    if (keys.length === 1 && keys[0] === 'normal') {
      const d = (spec as { normal: unknown }).normal as Record<string, unknown> | null;
      if (d === null || typeof d !== 'object') throw new ConfigError('bad-distribution', `${path}.normal`, 'expected { mean, std }');
      const mean = finiteNumber(d.mean, `${path}.normal.mean`);
      const std = nonNegative(d.std, `${path}.normal.std`);
      return { normal: { mean, std } };
    }
    if (keys.length === 1 && keys[0] === 'uniform') {
      const d = (spec as { uniform: unknown }).uniform as Record<string, unknown> | null;
      if (d === null || typeof d !== 'object') throw new ConfigError('bad-distribution', `${path}.uniform`, 'expected { min, max }');
      const min = finiteNumber(d.min, `${path}.uniform.min`);
      const max = finiteNumber(d.max, `${path}.uniform.max`);
      if (min > max) throw new ConfigError('bad-distribution', `${path}.uniform`, `expected min <= max, got min=${min}, max=${max}`);
      return { uniform: { min, max } };
    }
  }
  throw new ConfigError('bad-value', path, 'expected a weight: a number, { normal: { mean, std } } or { uniform: { min, max } }');
}

/**
 * Draws `count` weights from a checked spec, from `rng` only (nothing drawn for a number).
 * Normal draws use `HostRng.normal`; uniform ones `min + (max − min)·U`.
 *
 * @example
 * sampleWeights(0.1, 3, hostRng(1, 'w'), 'c.weight'); // Float64Array [0.1, 0.1, 0.1]
 */
export function sampleWeights(spec: WeightSpec, count: number, rng: HostRng, path: string): Float64Array {
  return sampleValues(spec, count, () => rng, path);
}
