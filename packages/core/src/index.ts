/**
 * @spikeflow/core — what you write a network with: `Network` (populations, connections, stimuli,
 * monitors, `run`), model definitions (`ModelDefinition` and its parts, `withSpikeTrace`),
 * parameter values (`ValueSpec`), the run contract (`Backend`, `RunOptions`, `RunResult`) and the
 * errors that name what was wrong.
 *
 * For authors of backends and tools, on subpaths: `@spikeflow/core/ir` (the expression IR, parser,
 * evaluator and integrators), `@spikeflow/core/rng` (the counter-based and host random number
 * generators, value sampling), `@spikeflow/core/backend` (compiled models and instances, built
 * networks, synapse tables, the shared run loop) and `@spikeflow/core/plan` (the kernel plan every
 * backend walks, and the generated identifiers its emitters print).
 *
 * @example
 * import { Network } from '@spikeflow/core';
 * const net = new Network({ dt: 0.1, seed: 1 });
 */
export * from './errors.js';
export * from './model/definition.js';
export { withSpikeTrace, type SpikeTraceOptions } from './model/spike-trace.js';
export type { ValueSpec } from './rng/distributions.js';
export type { Connector, Sign, PopulationOptions, ConnectionOptions, StimulusSource, StimulusOptions, SpikeSink, StateSink, SynapseSink, SynapseLayout, MonitorSink } from './network/types.js';
export * from './network/backend.js';
export { Network, type NetworkOptions, type NetworkRunOptions, type PopulationRef, type Duration } from './network/network.js';
export { NonFiniteError, type NonFinitePolicy, type NonFiniteValue } from './network/finite.js';
export { DEFAULT_MEMORY_LIMIT } from './network/memory.js';
export { CheckpointError, encodeCheckpoint, decodeCheckpoint, CHECKPOINT_VERSION, type Checkpoint, type CheckpointBuffer } from './network/checkpoint.js';
export { parseUnit } from './units/parse.js';
export { formatUnit, toInternalFactor, sameDimension, type Unit } from './units/unit.js';
export { toInternal, parseQuantity, type Quantity } from './units/values.js';
export type { ModelUnits } from './units/model-units.js';
