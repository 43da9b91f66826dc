import { buildExperiment, loadExperimentFile } from '@spikeflow/experiment-file/node';
import { dirname } from 'node:path';

/**
 * `spikeflow validate <file>`: checks an experiment file (schema, names, shapes, magnitudes), that
 * its models compile and that its estimated memory is within the limit — without allocating or
 * building the network, so a file describing 10^9 neurons is refused at once.
 */
export async function validateCommand(file: string, options: { quiet?: boolean; maxMemory?: number }): Promise<number> {
  const experiment = await loadExperimentFile(file);
  const built = buildExperiment(experiment, { baseDir: dirname(file), ...(options.maxMemory !== undefined ? { memoryLimit: options.maxMemory * 2 ** 30 } : {}) });
  built.network.check();
  if (!options.quiet) {
    const pops = built.network.populations.map((p) => `${p.name} (${p.size})`).join(', ');
    console.log(`${file}: valid — ${built.steps} steps of ${built.network.dt} ms; populations ${pops}`);
  }
  return 0;
}
