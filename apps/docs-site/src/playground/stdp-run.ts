/**
 * Runs the playground's STDP choice: examples/stdp.yaml (validated by `@spikeflow/experiment-file`
 * like a pasted file) with the visitor's seed, steps, input rate and learning-rate factor, on the
 * CPU backend (plastic connections run there), streaming spikes and, with each chunk, a histogram
 * of the current weights read from the simulation (`weights('inputs->neuron')`).
 */
// Node tests (tsconfig.test.json) import this module, so the `?raw` declaration must come with it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a declaration file has no module to import
/// <reference path="./raw.d.ts" />
import type { Backend, Sign } from '@spikeflow/core';
import { buildExperiment, parseExperiment } from '@spikeflow/experiment-file';
import stdpExample from '../../../../examples/stdp.yaml?raw';
import { runStreams, SpikeStream, type RunCallbacks, type RunEnd } from './run.js';
import { validateStdpSettings, weightHistogram, type StdpSettings, type WeightHistogram } from './stdp.js';

/** The example file's text, as shown and run by the playground. */
export const STDP_EXAMPLE: string = stdpExample;

/** A simulation that can report a connection's weights (the CPU backend's `weights`). */
interface WeightReader {
  weights(connection: string): { readonly weights: ArrayLike<number> };
}

/** Builds examples/stdp.yaml with `settings` and runs it on `backend`, streaming spikes and weight histograms. */
export async function runStdpSettings(input: StdpSettings, backend: Backend, callbacks: RunCallbacks = {}): Promise<RunEnd> {
  const s = validateStdpSettings(input);
  const file = parseExperiment(STDP_EXAMPLE, { format: 'yaml', path: 'examples/stdp.yaml' });
  const connection = file.connections![0]!;
  const params = connection.synapse!.parameters as Record<string, number>;
  const { duration: _duration, ...rest } = file;
  const experiment = {
    ...rest,
    steps: s.steps,
    seed: s.seed,
    populations: { ...file.populations, inputs: { ...file.populations.inputs!, parameters: { ...file.populations.inputs!.parameters, rate: s.rate } } },
    connections: [{ ...connection, synapse: { ...connection.synapse!, parameters: { ...params, Apre: params.Apre! * s.learning, Apost: params.Apost! * s.learning } } }],
  };
  const built = buildExperiment(experiment, callbacks.onWarning ? { onWarning: callbacks.onWarning } : {});
  const names = Object.keys(experiment.populations);
  const streams = names.map((name) => built.network.monitor(new SpikeStream(name)));
  const name = `${connection.pre}->${connection.post}`;
  const histogram = (): WeightHistogram | undefined => {
    const sim = built.network.compiled as Partial<WeightReader> | undefined;
    return sim?.weights ? weightHistogram(sim.weights(name).weights, params.wmax!, 'nS') : undefined;
  };
  callbacks.onStart?.({
    populations: names.map((n) => ({ name: n, size: file.populations[n]!.size, sign: 'excitatory' as Sign })),
    steps: s.steps,
    dt: experiment.dt,
    binSteps: Math.max(1, Math.round(s.steps / 40)),
    backend: backend.name,
  });
  return runStreams(built.network, streams, s.steps, backend, callbacks, histogram);
}
