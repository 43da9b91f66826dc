import { ConfigError } from '@spikeflow/core';
import type { DenseConnector } from '../types.js';
import { checkKnownSettings, checkSizes, finiteNumber } from '../validate.js';
import { allocateDense, columnSums, denseTable } from '../dense.js';

/** Settings of {@link randomUniformConnect}. */
export interface RandomUniformSettings {
  /** Lower weight bound as named by the seed (units of the synapse's `w`, e.g. nA); see the note on its effect. */
  readonly wmin: number;
  /** Upper weight bound (same units), ≥ wmin. */
  readonly wmax: number;
  /** Coupling scale (dimensionless multiplier). Default 1. */
  readonly J?: number;
}

/**
 * The seed's random-uniform connectivity, reproduced faithfully. For every pair (i = pre, j = post):
 *
 * - c[i, j] ~ Uniform(0, 1),
 * - w[i, j] = ((wmax − wmin) + wmin) · J / Σ_i' c[i', j]  (sum over the presynaptic axis, per post),
 * - stored (effective) weight = w[i, j] · c[i, j].
 *
 * Note what this means (it is the seed's behaviour, kept on purpose): (wmax − wmin) + wmin is just
 * wmax, so `wmin` has no effect and all randomness is in c. The weights into each postsynaptic neuron
 * sum to exactly J · wmax, split among the presynaptic neurons in proportion to their c. It is not a
 * draw of weights from [wmin, wmax]; for that use `fixedProbabilityConnect({ p: 1, weight:
 * { uniform: { min, max } } })`. wmin > wmax is still rejected, as a likely mistake.
 *
 * Draw order: nPre·nPost uniforms in row-major (pre-major) order, from the `rng` given to `build`.
 * Dense table; every pair connected.
 *
 * @example
 * // The seed's scenario 4: wmin 5, wmax 20 → each postsynaptic neuron receives a total weight of 20.
 * net.connect(ep1, ip1, { connector: randomUniformConnect({ wmin: 5, wmax: 20 }), synapse: ExpCurrent });
 */
export function randomUniformConnect(settings: RandomUniformSettings): DenseConnector {
  const given = { ...settings, J: settings.J ?? 1 };
  return {
    kind: 'random-uniform',
    settings: Object.freeze({ ...given }),
    estimateSynapses: (nPre, nPost) => nPre * nPost,
    build(nPre, nPost, rng, path) {
      checkKnownSettings(settings, ['wmin', 'wmax', 'J'], path);
      const wmin = finiteNumber(given.wmin, `${path}.wmin`);
      const wmax = finiteNumber(given.wmax, `${path}.wmax`);
      const J = finiteNumber(given.J, `${path}.J`);
      if (wmin > wmax) throw new ConfigError('bad-range', `${path}.wmin`, `expected wmin <= wmax, got wmin=${wmin}, wmax=${wmax}`);
      checkSizes(nPre, nPost, path);
      const weights = allocateDense(nPre, nPost, path);
      for (let k = 0; k < weights.length; k++) weights[k] = rng.uniform();
      const sums = columnSums(weights, nPre, nPost);
      const scale = (wmax - wmin + wmin) * J;
      const w = Float64Array.from(sums, (s) => (s > 0 ? scale / s : 0));
      for (let i = 0, k = 0; i < nPre; i++) {
        for (let j = 0; j < nPost; j++, k++) weights[k] = (w[j] as number) * (weights[k] as number);
      }
      return denseTable(nPre, nPost, weights);
    },
  };
}
