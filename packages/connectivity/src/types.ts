import type { Connector } from '@spikeflow/core';
import type { CsrTable, DenseTable } from '@spikeflow/core/backend';
import type { HostRng } from '@spikeflow/core/rng';

/**
 * A connector that always builds a dense [nPre × nPost] table (one float64 weight per pair,
 * 8 bytes each). The network may still store it as CSR when few pairs are non-zero.
 *
 * @example
 * const c: DenseConnector = fullConnect({ J: 1 });
 * const table = c.build(10, 10, hostRng(1, 'c'), 'c'); // table.weights: Float64Array(100)
 */
export interface DenseConnector extends Connector {
  /**
   * Builds the dense [nPre × nPost] table, drawing only from `rng`.
   *
   * @throws ConfigError (naming `path` and the setting) for bad settings, or when the table is too large to allocate.
   */
  build(nPre: number, nPost: number, rng: HostRng, path: string): DenseTable;
}

/**
 * A connector that builds a CSR table (rows by presynaptic neuron, each sorted by postsynaptic
 * index), in time and memory proportional to the number of synapses.
 *
 * @example
 * const c: SparseConnector = fixedProbabilityConnect({ p: 0.1, weight: 0.5 });
 */
export interface SparseConnector extends Connector {
  /**
   * Builds the CSR table of an nPre × nPost connection, drawing only from `rng`.
   *
   * @throws ConfigError (naming `path` and the setting) for bad settings, sizes the connector cannot
   * connect (e.g. one-to-one between populations of different sizes), or more synapses than 32-bit offsets can index.
   */
  build(nPre: number, nPost: number, rng: HostRng, path: string): CsrTable;
}
