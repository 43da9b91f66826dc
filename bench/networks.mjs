// The networks of the side-by-side benchmark (bench/compare.mjs), as spikeflow builds them; one
// place for what bench/spikeflow-run.mjs (a spikeflow run) and the harness need to know of each.
//   cuba: Brette et al. 2007 benchmark 2, `buildCubaNetwork` of @spikeflow/experiments (any size).
//   coba: Brette et al. 2007 benchmark 1, examples/coba.yaml (4000 neurons) built by
//         @spikeflow/experiment-file: LIF with ExpConductance synapses (the same file the COBA
//         cross-check with Brian2 runs, packages/experiment-file/test/coba-brian2.test.ts).
import { fileURLToPath } from 'node:url';
import { buildCubaNetwork, summarizeCuba } from '@spikeflow/experiments';
import { buildExperiment } from '@spikeflow/experiment-file';
import { loadExperimentFile } from '@spikeflow/experiment-file/node';

const COBA_FILE = fileURLToPath(new URL('../examples/coba.yaml', import.meta.url));

/**
 * Builds network `name` ('cuba' or 'coba') with `size` neurons, `seed` and `duration` (ms).
 * Returns { network, steps, options, summarize(steps) → { spikes, meanRate, isiCv } }.
 */
export async function buildBenchNetwork(name, { size, seed, duration }) {
  if (name === 'cuba') {
    const cuba = buildCubaNetwork({ size, seed, duration });
    return { network: cuba.network, steps: cuba.network.steps({ duration }), options: cuba.options, summarize: (steps) => summarizeCuba(cuba, steps) };
  }
  if (name === 'coba') {
    const experiment = await loadExperimentFile(COBA_FILE);
    const fileSize = Object.values(experiment.populations).reduce((n, p) => n + p.size, 0);
    if (size !== fileSize) throw new Error(`coba: examples/coba.yaml has ${fileSize} neurons; --size ${size} is not available`);
    const built = buildExperiment({ ...experiment, seed, duration });
    const options = { size, seed, duration, dt: experiment.dt, p: experiment.connections[0].connector.p };
    // summarizeCuba reads only the exc and inh spike monitors and size, seed and dt: the same
    // summary (spikes, rate, ISI CV over both populations) for COBA's two populations.
    const shaped = { spikes: { exc: built.monitors.spikes.exc, inh: built.monitors.spikes.inh }, options };
    return { network: built.network, steps: built.steps, options, summarize: (steps) => summarizeCuba(shaped, steps) };
  }
  throw new Error(`unknown network '${name}' (expected cuba or coba)`);
}
