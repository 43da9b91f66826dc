/**
 * @spikeflow/experiment-file — experiments as JSON or YAML files: one schema (zod) for
 * populations, connections, stimuli, monitors and the run, validated with every error reported at
 * once (field path, value found, what was expected, line and column), built into a `Network` with
 * the spikeflow packages, and exported as a JSON Schema for editors.
 *
 * Files come from strangers: models are looked up by name in a registry (no inline models or
 * expressions in this version), nothing is evaluated, YAML is read as plain data (core schema, no
 * tags), `__proto__` / `constructor` / `prototype` keys are rejected, CSV currents must lie inside
 * the experiment's folder.
 *
 * This entry runs anywhere (browsers too); reading files is `@spikeflow/experiment-file/node`.
 *
 * @example
 * import { buildExperiment, summarizeExperiment } from '@spikeflow/experiment-file';
 * import { loadExperimentFile } from '@spikeflow/experiment-file/node';
 * import { createCpuBackend } from '@spikeflow/backend-cpu';
 * const experiment = await loadExperimentFile('examples/decision-default.json');
 * const built = buildExperiment(experiment);
 * await built.network.run({ steps: built.steps }, createCpuBackend());
 * summarizeExperiment(experiment, built).compare?.winner;
 */
export type * from './types.js';
export { NEURON_MODELS, SYNAPSE_MODELS, DEFAULT_REGISTRY, DEFAULT_SYNAPSE, type ModelRegistry } from './registry.js';
export { CONNECTOR_TYPES, SOURCE_TYPES, POPULATION_NAME, MAX_MAGNITUDE, MAX_NAME_LENGTH, type ExperimentSchema } from './schema.js';
export { formatIssue, type ExperimentIssue } from './issues.js';
export { RESERVED_KEYS } from './cross-check.js';
export { SYNAPSE_VARIABLES } from './synapse-check.js';
export { MAX_ALIAS_COUNT } from './source-text.js';
export {
  ExperimentFileError,
  experimentSchema,
  validateExperiment,
  parseExperiment,
  formatOf,
  MAX_EXPERIMENT_BYTES,
  MAX_CSV_BYTES,
  type ExperimentFormat,
  type ParseOptions,
} from './parse.js';
export { buildExperiment, synapseOptions, type BuiltExperiment, type BuildOptions } from './build.js';
export { summarizeExperiment, DEFAULT_BIN_STEPS, type ExperimentSummary, type PopulationSummary } from './summary.js';
export { experimentJsonSchema } from './json-schema.js';
