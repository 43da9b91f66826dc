import { ConfigError } from '@spikeflow/core';
import type { SparseConnector } from '../types.js';
import { checkKnownSettings, checkSizes } from '../validate.js';
import { checkWeight, sampleWeights, type WeightSpec } from '../weight.js';
import { csrTable } from '../csr-builder.js';

/** Settings of {@link oneToOneConnect}. */
export interface OneToOneSettings {
  /** Weight of each synapse (units of the synapse's `w`, e.g. nA): a number or a distribution. */
  readonly weight: WeightSpec;
}

/**
 * Connects presynaptic neuron i to postsynaptic neuron i only; both populations must have the
 * same size. CSR table with one synapse per row; weights drawn in index order from the `rng`
 * given to `build` (nothing drawn for a constant weight).
 *
 * @example
 * // relay each input neuron to its own target with 2 nA
 * net.connect(input, layer, { connector: oneToOneConnect({ weight: 2 }), synapse: ExpCurrent });
 */
export function oneToOneConnect(settings: OneToOneSettings): SparseConnector {
  return {
    kind: 'one-to-one',
    settings: Object.freeze({ ...settings }),
    estimateSynapses: (nPre) => nPre,
    build(nPre, nPost, rng, path) {
      checkKnownSettings(settings, ['weight'], path);
      const weight = checkWeight(settings.weight, `${path}.weight`);
      checkSizes(nPre, nPost, path);
      if (nPre !== nPost) {
        throw new ConfigError('shape-mismatch', path, `one-to-one needs populations of equal size, got ${nPre} presynaptic and ${nPost} postsynaptic neurons`);
      }
      const rowStart = Uint32Array.from({ length: nPre + 1 }, (_, i) => i);
      const post = Uint32Array.from({ length: nPre }, (_, i) => i);
      return csrTable(nPre, nPost, rowStart, post, sampleWeights(weight, nPre, rng, `${path}.weight`));
    },
  };
}
