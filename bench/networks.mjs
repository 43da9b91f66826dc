// The networks of the side-by-side benchmark (bench/compare.mjs), as spikeflow builds them; one
// place for what bench/spikeflow-run.mjs (a spikeflow run) and the harness need to know of each.
//   cuba: Brette et al. 2007 benchmark 2, `buildCubaNetwork` of @spikeflow/experiments (any size).
//   coba: Brette et al. 2007 benchmark 1, examples/coba.yaml (4000 neurons) built by
//         @spikeflow/experiment-file: LIF with ExpConductance synapses (the same file the COBA
//         cross-check with Brian2 runs, packages/experiment-file/test/coba-brian2.test.ts).
//   stdp: Song, Miller & Abbott 2000, examples/stdp.yaml (1000 Poisson inputs onto one LIF neuron
//         through StdpAdditive synapses), as Brian2's examples/synapses/STDP.py; `size` is the
//         number of inputs (1000, the file's), the rate and ISI CV are the output neuron's, and
//         `plasticity(simulation)` gives the final weights' mean and the fractions near the bounds.
import { fileURLToPath } from 'node:url';
import { buildCubaNetwork, summarizeCuba } from '@spikeflow/experiments';

/**
 * @spikeflow/experiment-file (zod, yaml), imported only by the file-based networks: a CUBA run's
 * whole-process time counts what a CUBA program imports, not the harness's other networks.
 */
async function experimentFile() {
  const [{ buildExperiment }, { loadExperimentFile }] = await Promise.all([import('@spikeflow/experiment-file'), import('@spikeflow/experiment-file/node')]);
  return { buildExperiment, loadExperimentFile };
}

const COBA_FILE = fileURLToPath(new URL('../examples/coba.yaml', import.meta.url));
const STDP_FILE = fileURLToPath(new URL('../examples/stdp.yaml', import.meta.url));

/** One neuron's ISI CV as `isiCv` of @spikeflow/monitors computes it (std / mean of its intervals, ≥ 3 spikes; NaN otherwise). */
function singleNeuronIsiCv(steps) {
  if (steps.length < 3) return Number.NaN;
  const isi = Array.from({ length: steps.length - 1 }, (_, k) => steps[k + 1] - steps[k]);
  const mean = isi.reduce((a, b) => a + b, 0) / isi.length;
  const sd = Math.sqrt(isi.reduce((a, b) => a + (b - mean) ** 2, 0) / isi.length);
  return mean > 0 ? sd / mean : Number.NaN;
}

/**
 * Builds network `name` ('cuba', 'coba' or 'stdp') with `size` neurons, `seed` and `duration` (ms).
 * Returns { network, steps, options, summarize(steps) → { spikes, meanRate, isiCv } } and, for
 * stdp, plasticity(simulation) → { mean_weight, frac_low, frac_high } (weights / wmax).
 */
export async function buildBenchNetwork(name, { size, seed, duration }) {
  if (name === 'cuba') {
    const cuba = buildCubaNetwork({ size, seed, duration });
    return { network: cuba.network, steps: cuba.network.steps({ duration }), options: cuba.options, summarize: (steps) => summarizeCuba(cuba, steps) };
  }
  if (name === 'coba') {
    const { buildExperiment, loadExperimentFile } = await experimentFile();
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
  if (name === 'stdp') {
    const { buildExperiment, loadExperimentFile } = await experimentFile();
    const experiment = await loadExperimentFile(STDP_FILE);
    const inputs = experiment.populations.inputs.size;
    if (size !== inputs) throw new Error(`stdp: examples/stdp.yaml has ${inputs} inputs; --size ${size} is not available`);
    const built = buildExperiment({ ...experiment, seed, duration });
    const connection = experiment.connections[0];
    const wmax = connection.synapse.parameters.wmax;
    const options = { size, seed, duration, dt: experiment.dt, p: connection.connector.p };
    const spikes = built.monitors.spikes.neuron;
    return {
      network: built.network,
      steps: built.steps,
      options,
      summarize: (steps) => ({ spikes: spikes.count, meanRate: spikes.count / (steps * experiment.dt / 1000), isiCv: singleNeuronIsiCv(spikes.steps) }),
      // The correctness check of a plastic run (as bench/brian2/stdp.py prints it): weights / wmax.
      plasticity: (simulation) => {
        const w = Array.from(simulation.weights(`${connection.pre}->${connection.post}`).weights, (x) => x / wmax);
        return { mean_weight: w.reduce((a, b) => a + b, 0) / w.length, frac_low: w.filter((x) => x < 0.1).length / w.length, frac_high: w.filter((x) => x > 0.9).length / w.length };
      },
    };
  }
  throw new Error(`unknown network '${name}' (expected cuba, coba or stdp)`);
}
