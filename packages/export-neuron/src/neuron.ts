import type { Network } from '@spikeflow/core';
import { networkData, type ExportFiles, type ResultsFormat } from './data.js';
import { mechanismName, neuronDialect, printMechanism, rangeValues } from './nmodl.js';
import { ExportError, planExport, type ExportPlan, type PlanOptions } from './plan.js';
import { unprintable } from './printer.js';
import { BUILD_SH } from './python/build-script.js';
import { NEURON_DRIVER_PY } from './python/neuron-driver.js';
import { RESULTS_PY } from './python/results.js';
import { neuronReadme } from './readme.js';

export interface ExportOptions extends PlanOptions {
  /** Format of the spikes the exported run writes. Default `csv`. */
  readonly format?: ResultsFormat;
}

/** Lists what in the plan the target dialect cannot print (models with random calls, functions without equivalent). */
export function modelBlockers(plan: ExportPlan, dialectFor: () => Parameters<typeof unprintable>[1]): string[] {
  const out: string[] = [];
  for (const p of plan.populations) {
    out.push(...unprintable(p.instance.model, dialectFor(), `population ${p.name}`));
    for (const s of p.slots) out.push(...unprintable(s.synapse.model, dialectFor(), `connection ${s.connection}`));
  }
  return [...new Set(out)];
}

/**
 * Exports a network to NEURON: one NMODL mechanism per population model (its neuron model with
 * the synapse models that feed it, printed from the compiled IR), the instance spikeflow builds
 * for the network's seed as data, every stimulus as data for `steps` steps, and a
 * ParallelContext driver (`run.py`) that writes spikes, summary.json and run.json.
 * Throws {@link ExportError} listing every feature that has no exact equivalent.
 *
 * @example
 * const files = exportToNeuron(net, { steps: 1000 });
 * await writeExport('out/neuron', files);   // from '@spikeflow/export-neuron/node'
 */
export function exportToNeuron(network: Network, options: ExportOptions): ExportFiles {
  const { plan, blockers } = planExport(network, options);
  blockers.push(...modelBlockers(plan, () => neuronDialect('n')));
  if (blockers.length) throw new ExportError('NEURON', blockers);
  const mechanisms = new Map<string, string>();
  const mechanismOf = plan.populations.map((p) => {
    const source = printMechanism(p);
    const name = mechanismName(source);
    mechanisms.set(name, source.replace('ARTIFICIAL_CELL MECHANISM', `ARTIFICIAL_CELL ${name}`));
    return name;
  });
  const { files } = networkData(plan, options.format ?? 'csv', rangeValues, (p) => ({ mechanism: mechanismOf[p.index] }));
  for (const [name, source] of mechanisms) files.set(`mod/${name}.mod`, source);
  files.set('run.py', NEURON_DRIVER_PY);
  files.set('spikeflow_results.py', RESULTS_PY);
  files.set('build.sh', BUILD_SH);
  files.set('README.md', neuronReadme(plan));
  return files;
}
