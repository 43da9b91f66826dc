import type { DenseConnector } from '../types.js';
import { checkKnownSettings, checkSizes, finiteNumber } from '../validate.js';
import { allocateDense, denseTable } from '../dense.js';

/** Settings of {@link fullConnect}. */
export interface FullSettings {
  /** Total coupling strength (units of the synapse's `w`, e.g. nA); each synapse gets J / N_pre. Default 1. */
  readonly J?: number;
}

/**
 * The seed's full connectivity: every (pre, post) pair connected with weight J / N_pre, so each
 * postsynaptic neuron receives a total weight of J whatever the presynaptic population size.
 * Dense table; uses no randomness.
 *
 * @example
 * net.connect(ep1, ip1, { connector: fullConnect({ J: 20 }), synapse: ExpCurrent });
 */
export function fullConnect(settings: FullSettings = {}): DenseConnector {
  const given = { ...settings, J: settings.J ?? 1 };
  return {
    kind: 'full',
    settings: Object.freeze({ ...given }),
    estimateSynapses: (nPre, nPost) => nPre * nPost,
    build(nPre, nPost, _rng, path) {
      checkKnownSettings(settings, ['J'], path);
      checkSizes(nPre, nPost, path);
      const J = finiteNumber(given.J, `${path}.J`);
      return denseTable(nPre, nPost, allocateDense(nPre, nPost, path).fill(J / nPre));
    },
  };
}
