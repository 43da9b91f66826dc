import { buildExperiment, loadExperimentFile } from '@spikeflow/experiment-file/node';
import { dirname } from 'node:path';

/** `spikeflow validate <file>`: checks an experiment file (schema, names, shapes) and builds it, without running. */
export async function validateCommand(file: string, options: { quiet?: boolean }): Promise<number> {
  const experiment = await loadExperimentFile(file);
  const built = buildExperiment(experiment, { baseDir: dirname(file) });
  built.network.build(); // models compile, parameters and connectivity resolve
  if (!options.quiet) {
    const pops = built.network.populations.map((p) => `${p.name} (${p.size})`).join(', ');
    console.log(`${file}: valid — ${built.steps} steps of ${built.network.dt} ms; populations ${pops}`);
  }
  return 0;
}
