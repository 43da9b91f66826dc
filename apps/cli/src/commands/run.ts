import { join } from 'node:path';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { createWebGpuBackend } from '@spikeflow/backend-webgpu';
import { NonFiniteError, type Backend, type RunResult } from '@spikeflow/core';
import type { DataFormat } from '@spikeflow/monitors';
import { prepareRun } from '../prepare.js';
import { ResultsWriter, type Manifest } from '../output/results.js';
import { createProgress } from '../output/progress.js';
import { stimulusCurrents } from '../output/currents.js';
import { writeFigure } from '../output/figure.js';
import { printSummary } from '../output/print-summary.js';
import { stopOnSignals } from '../output/signals.js';

export interface RunFlags {
  readonly scenario: string;
  readonly seed?: number;
  readonly out: string;
  readonly steps?: number;
  readonly size?: number;
  readonly dt?: number;
  readonly format: DataFormat;
  readonly backend?: 'cpu' | 'webgpu';
  /** CPU backend threads (default 1). */
  readonly threads?: number;
  readonly figure: boolean;
  readonly quiet?: boolean;
  /** Steps between flushes: after each, every data file and run.json are complete on disk. */
  readonly flushEvery?: number;
  /** Go on when a state becomes NaN or ±Infinity (default: stop with an error naming it). */
  readonly allowNonFinite?: boolean;
}

/** Default steps between flushes of the data files (each flush costs a few small writes). */
export const DEFAULT_FLUSH_EVERY = 10_000;

/** More spikes than this make a raster unreadable and slow to render: the figure is skipped. */
export const MAX_FIGURE_SPIKES = 300_000;

/**
 * `spikeflow run <experiment>`: builds the experiment, streams spikes and state to `--out` while
 * it runs (progress bar on a terminal), then writes summary.json, run.json and the figure.
 * Every `flushEvery` steps the data files and run.json are made complete on disk, so even a
 * killed run leaves loadable data. SIGINT, SIGTERM and SIGHUP stop at the next step boundary;
 * everything recorded so far is written and the exit code is 128 + the signal's number.
 */
export async function runCommand(experiment: string, flags: RunFlags): Promise<number> {
  // Files ask for state recordings while they are built, once their dt is known.
  let writer: ResultsWriter | undefined;
  const resultsFor = (dt: number) => (writer ??= new ResultsWriter(flags.out, flags.format, dt));
  try {
    return await runInto(experiment, flags, resultsFor);
  } finally {
    writer?.finish();
    writer?.release();
  }
}

async function runInto(experiment: string, flags: RunFlags, resultsFor: (dt: number) => ResultsWriter): Promise<number> {
  const prepared = await prepareRun(experiment, flags, (request, dt) => resultsFor(dt).stateSink(request));
  const { network, steps } = prepared;
  const results = resultsFor(network.dt);
  for (const p of prepared.populations) if (prepared.spikes[p.name]) network.monitor(results.spikeSink(p));

  const manifestAt = (stepsRun: number, aborted: boolean, complete: boolean, currents: Manifest['files']['currents'] = {}): Manifest => ({
    title: prepared.title,
    format: flags.format,
    dt: network.dt,
    seed: network.seed,
    steps,
    stepsRun,
    aborted,
    complete,
    binSteps: prepared.binSteps,
    populations: prepared.populations.map(({ name, size, sign }) => ({ name, size, sign })),
    files: { spikes: results.spikeFiles, state: results.stateFiles(), currents },
  });
  const flushEvery = flags.flushEvery ?? DEFAULT_FLUSH_EVERY;
  let flushed = 0;
  const flushAt = (step: number) => {
    results.flush();
    results.writeJson('run.json', manifestAt(step, false, false));
    flushed = step;
  };

  const stop = stopOnSignals();
  const backendName = flags.backend ?? prepared.backend ?? 'cpu';
  const backend: Backend & { destroy?: () => void } = backendName === 'webgpu' ? await createWebGpuBackend() : createCpuBackend({ threads: flags.threads ?? 1 });
  const progress = flags.quiet ? { onProgress: () => {}, stop: () => {} } : createProgress(steps, network.dt);
  let result: RunResult;
  let diverged: NonFiniteError | undefined;
  try {
    flushAt(0);
    const chunk = Math.min(flushEvery, Math.max(100, Math.min(10_000, Math.ceil(steps / 100))));
    try {
      result = await network.run({ steps }, backend, {
        signal: stop.signal,
        chunk,
        nonFinite: flags.allowNonFinite ? 'continue' : 'stop',
        onProgress: (p) => {
          progress.onProgress(p);
          if (p.done - flushed >= flushEvery && p.done < steps) flushAt(p.done);
        },
      });
    } catch (err) {
      // A diverging model: keep and describe what was recorded, then report it (exit 1).
      if (!(err instanceof NonFiniteError)) throw err;
      diverged = err;
      result = { ...err.result, aborted: true };
    }
  } finally {
    progress.stop();
    stop.dispose();
    results.finish();
    backend.destroy?.();
  }

  const summary = {
    ...prepared.summarize(result.steps),
    backend: backend.name,
    aborted: result.aborted,
    simulationSeconds: result.seconds,
    ...(diverged ? { error: { code: diverged.code, message: diverged.message, ...diverged.found } } : {}),
  };
  results.writeJson('summary.json', summary);
  const currents = stimulusCurrents(network, result.steps);
  const manifest = manifestAt(
    result.steps,
    result.aborted,
    true,
    Object.fromEntries([...currents].map(([name, trace]) => [name, results.writeCurrents({ name, size: trace.size }, trace)])),
  );
  results.writeJson('run.json', manifest);
  const written = ['summary.json', 'run.json', ...new Set(Object.values(results.spikeFiles)), ...manifest.files.state.map((s) => s.file)].map((f) => join(flags.out, f));
  // From the counters: the figure's monitors stop at FIGURE_SPIKE_CAP, so a raster is never silently cut.
  const spikeTotal = Object.values(prepared.counts).reduce((n, c) => n + c.count, 0);
  const skipFigure = !flags.figure || result.steps === 0 || result.aborted || spikeTotal > MAX_FIGURE_SPIKES;
  if (flags.figure && !flags.quiet && !diverged && (result.aborted || spikeTotal > MAX_FIGURE_SPIKES)) {
    console.error(result.aborted ? 'figure skipped: the run was interrupted (spikeflow plot renders it from the saved data)' : `figure skipped: ${spikeTotal} spikes are more than a raster can show (${MAX_FIGURE_SPIKES})`);
  }
  if (!skipFigure) {
    written.push(
      ...(await writeFigure(flags.out, {
        title: prepared.title,
        dt: network.dt,
        binSteps: prepared.binSteps,
        totalSteps: result.steps,
        populations: prepared.populations.filter((p) => prepared.spikes[p.name]).map((p) => ({ ...p, spikes: prepared.spikes[p.name]!, ...(currents.has(p.name) ? { current: currents.get(p.name)! } : {}) })),
      })),
    );
  }
  if (!flags.quiet) printSummary(prepared.title, summary, result, written);
  if (diverged) {
    console.error(`error: ${diverged.message}; the data recorded so far is in ${flags.out}`);
    return 1;
  }
  if (result.aborted) {
    console.error(`interrupted${stop.received() ? ` by ${stop.received()}` : ''} at step ${result.steps} of ${steps}; the data recorded so far is in ${flags.out}`);
    return stop.exitCode();
  }
  return 0;
}
