/**
 * Experiment files pasted into the playground (JSON or YAML): parsed and validated by
 * `@spikeflow/experiment-file` (every problem reported with its field path and line), built
 * into a network from registry models only, and run with the playground's spike streams.
 * Files cannot define models or expressions, so nothing pasted is ever evaluated.
 */
import type { Backend, Sign } from '@spikeflow/core';
import { buildExperiment, parseExperiment, type ExperimentFormat } from '@spikeflow/experiment-file';
import { runStreams, SpikeStream, type RunCallbacks, type RunEnd } from './run.js';

/** Most characters accepted from the text box (the package's own limit is far larger). */
export const MAX_PASTED_CHARS = 1_000_000;
/** Longest run a pasted file may ask for, like the form's limits. */
export const MAX_FILE_STEPS = 200_000;
export const MAX_FILE_NEURONS = 20_000;

/** JSON when the text starts with `{`, otherwise YAML (which also reads JSON). */
export const formatOfText = (text: string): ExperimentFormat => (/^\s*\{/.test(text) ? 'json' : 'yaml');

/** Parses, validates, builds and runs an experiment file's text. */
export async function runExperimentText(text: string, backend: Backend, callbacks: RunCallbacks = {}): Promise<RunEnd> {
  if (typeof text !== 'string' || text.length > MAX_PASTED_CHARS) throw new Error(`the file must be text of at most ${MAX_PASTED_CHARS} characters`);
  const experiment = parseExperiment(text, { format: formatOfText(text), path: 'pasted file' });
  const neurons = Object.values(experiment.populations).reduce((a, p) => a + p.size, 0);
  if (neurons > MAX_FILE_NEURONS) throw new Error(`the playground runs at most ${MAX_FILE_NEURONS} neurons; this file has ${neurons}`);
  const built = buildExperiment(experiment, callbacks.onWarning ? { onWarning: callbacks.onWarning } : {});
  if (built.steps > MAX_FILE_STEPS) throw new Error(`the playground runs at most ${MAX_FILE_STEPS} steps; this file asks for ${built.steps}`);
  const names = Object.keys(experiment.populations);
  const streams = names.map((name) => built.network.monitor(new SpikeStream(name)));
  callbacks.onStart?.({
    populations: names.map((name) => ({ name, size: experiment.populations[name]!.size, sign: (experiment.populations[name]!.sign ?? 'excitatory') as Sign })),
    steps: built.steps,
    dt: experiment.dt,
    binSteps: experiment.analysis?.binSteps ?? Math.max(1, Math.round(built.steps / 10)),
    backend: backend.name,
  });
  return runStreams(built.network, streams, built.steps, backend, callbacks);
}
