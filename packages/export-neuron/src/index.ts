/**
 * @spikeflow/export-neuron — a spikeflow network on other engines: NEURON (IR → NMODL, a
 * ParallelContext driver for MPI) and Brian2 (IR → equations), with the instance spikeflow builds
 * for the seed (connectivity, weights, parameters, initial values, stimuli) as data. Results come
 * back in spikeflow's formats, so `spikeflow plot` draws them.
 *
 * Functions here return the files (path → contents); `@spikeflow/export-neuron/node` writes them.
 *
 * @example
 * import { exportToNeuron } from '@spikeflow/export-neuron';
 * import { writeExport } from '@spikeflow/export-neuron/node';
 * writeExport('out/neuron', exportToNeuron(net, { steps: 1000 }));
 */
export { exportToNeuron, type ExportOptions } from './neuron.js';
export { exportToBrian2 } from './brian2.js';
export { ExportError, planExport, type ExportPlan, type PlanOptions, type PopulationPlan, type ConnectionPlan, type SlotPlan } from './plan.js';
export type { ExportFiles, ResultsFormat } from './data.js';
