/**
 * @spikeflow/core/backend — for authors of backends: compiled models and their instances,
 * built networks (what `Backend.compile` receives), synapse tables, and the run loop every
 * backend shares.
 *
 * @example
 * import { compileModel, runInChunks, type BuiltNetwork } from '@spikeflow/core/backend';
 */
export { compileModel, type CompiledModel, type CompiledPlasticity, type PostTarget } from './model/compile.js';
export { plasticityKind } from './model/plasticity-kind.js';
export type { DerivedValue } from './model/hoist.js';
export { instantiate, valueAt, type ModelInstance, type InstanceOptions, type Resolved } from './model/instance.js';
export * from './network/synapse-table.js';
export type { BuiltPopulation, BuiltConnection, BuiltStimulus, BuiltNetwork } from './network/types.js';
export { runInChunks, checkRunLength } from './network/run-loop.js';
export { checkPlasticConnection, type PlasticCheckOptions } from './network/plastic-check.js';
export { synapseVariables, synapseLayout, synapseWeights, weightFactor, weightTable, findConnection, checkSynapseSink, synapseSampler, synapseMonitorPath, readSynapseVariable, type SynapseReader } from './network/synapse-monitor.js';
export { buildEvents } from './network/events.js';
export { findNonFinite, runCheckingFinite, type StateNames } from './network/finite.js';
export { checkMemory, estimatedSynapses, type MemoryItem } from './network/memory.js';
export { networkFingerprint, checkCheckpoint, checkFingerprint } from './network/checkpoint.js';
