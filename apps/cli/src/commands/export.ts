import type { StateSink } from '@spikeflow/core';
import { exportToBrian2, exportToNeuron } from '@spikeflow/export-neuron';
import { writeExport } from '@spikeflow/export-neuron/node';
import { prepareRun, type DecisionFlags } from '../prepare.js';

export interface ExportFlags extends DecisionFlags {
  readonly to: 'neuron' | 'brian2';
  readonly out: string;
  readonly format: 'csv' | 'npy';
  readonly quiet?: boolean;
}

/**
 * `spikeflow export <experiment> --to neuron|brian2 --out DIR`: writes the network spikeflow
 * builds for the seed as a self-contained NEURON (MPI) or Brian2 project; its README says how to run it.
 */
export async function exportCommand(experiment: string, flags: ExportFlags): Promise<number> {
  // State recordings the file asks for stay attached, so the exporter names them as blockers.
  const prepared = await prepareRun(experiment, flags, (r): StateSink => ({ kind: 'state', population: r.population.name, variable: r.variable, every: r.every, onState: () => {} }));
  const options = { steps: prepared.steps, binSteps: prepared.binSteps, title: prepared.title, format: flags.format };
  const files = flags.to === 'neuron' ? exportToNeuron(prepared.network, options) : exportToBrian2(prepared.network, options);
  writeExport(flags.out, files);
  if (!flags.quiet) {
    const how = flags.to === 'neuron' ? `cd ${flags.out} && ./build.sh && mpiexec -n 2 nrniv -mpi -python run.py` : `cd ${flags.out} && python3 run_brian2.py`;
    console.log(`exported ${prepared.title} (${prepared.steps} steps) to ${flags.out} for ${flags.to === 'neuron' ? 'NEURON' : 'Brian2'}: ${files.size} files\nrun: ${how}\nthen: spikeflow plot ${flags.out}`);
  }
  return 0;
}
