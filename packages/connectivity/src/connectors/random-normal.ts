import type { DenseConnector } from '../types.js';
import { checkKnownSettings, checkSizes, finiteNumber, nonNegative } from '../validate.js';
import { allocateDense, columnSums, denseTable } from '../dense.js';

/** Settings of {@link randomNormalConnect}. */
export interface RandomNormalSettings {
  /** Mean of the normal weight factor (units of the synapse's `w`, e.g. nA). */
  readonly wmean: number;
  /** Standard deviation of the normal weight factor (same units), ≥ 0. */
  readonly wstd: number;
  /** Coupling scale (dimensionless multiplier). Default 1. */
  readonly J?: number;
}

/**
 * The seed's random-normal connectivity, reproduced exactly. For every pair (i = pre, j = post):
 *
 * - c[i, j] ~ Uniform(0, 1)  (the "mask", a continuous strength rather than 0/1),
 * - w[i, j] = Normal(wmean, wstd) · J / Σ_i' c[i', j]  (sum over the presynaptic axis, per post),
 * - stored (effective) weight = w[i, j] · c[i, j].
 *
 * So the weights into one postsynaptic neuron sum to J · Σ_i N_i c_i / Σ_i c_i, on average
 * J · wmean (the total input is normalised by the presynaptic population size). Every pair is
 * connected; weights may be negative when wstd is large relative to wmean. Dense table.
 *
 * Draw order (part of the determinism contract): all nPre·nPost uniforms c in row-major order
 * (pre-major: pair (i, j) is draw i·nPost + j), then all nPre·nPost normals in the same order,
 * all from the `rng` given to `build`.
 *
 * @example
 * // The seed's default scenario: wmean 20, wstd 5, J 1.
 * net.connect(ep1, ip1, { connector: randomNormalConnect({ wmean: 20, wstd: 5 }), synapse: ExpCurrent });
 */
export function randomNormalConnect(settings: RandomNormalSettings): DenseConnector {
  const given = { ...settings, J: settings.J ?? 1 };
  return {
    kind: 'random-normal',
    settings: Object.freeze({ ...given }),
    estimateSynapses: (nPre, nPost) => nPre * nPost,
    build(nPre, nPost, rng, path) {
      checkKnownSettings(settings, ['wmean', 'wstd', 'J'], path);
      const wmean = finiteNumber(given.wmean, `${path}.wmean`);
      const wstd = nonNegative(given.wstd, `${path}.wstd`);
      const J = finiteNumber(given.J, `${path}.J`);
      checkSizes(nPre, nPost, path);
      const weights = allocateDense(nPre, nPost, path);
      for (let k = 0; k < weights.length; k++) weights[k] = rng.uniform();
      const sums = columnSums(weights, nPre, nPost);
      for (let i = 0, k = 0; i < nPre; i++) {
        for (let j = 0; j < nPost; j++, k++) {
          const s = sums[j] as number;
          // Same operation order as the seed: w = normal · J / Σc, then w · c.
          const w = (rng.normal(wmean, wstd) * J) / s;
          weights[k] = s > 0 ? w * (weights[k] as number) : 0;
        }
      }
      return denseTable(nPre, nPost, weights);
    },
  };
}
