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
  build(nPre: number, nPost: number, rng: HostRng, path: string): CsrTable;
}
