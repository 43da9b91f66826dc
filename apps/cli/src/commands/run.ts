import { join, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { encodeCheckpoint, NonFiniteError, SpikeflowError, type Backend, type Checkpoint, type RunResult } from '@spikeflow/core';
import type { DataFormat } from '@spikeflow/monitors';
import { prepareRun } from '../prepare.js';
import { ResultsWriter, type Manifest } from '../output/results.js';
import { createProgress } from '../output/progress.js';
import { stimulusCurrents } from '../output/currents.js';
import { printSummary } from '../output/print-summary.js';
import { stopOnSignals } from '../output/signals.js';
import { removeCheckpoints, replaySpikes, saveCheckpoint, type ResumeRecord } from '../output/checkpoints.js';

/** `--checkpoint-every`: whole steps (`5000`) or a duration in ms or s (`500ms`, `2s`) that is a whole number of steps. */
export function checkpointSteps(value: string, dt: number): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value.trim());
  if (m && (m[2] || /^\d+$/.test(m[1]!))) {
    const steps = m[2] ? (Number(m[1]) * (m[2] === 's' ? 1000 : 1)) / dt : Number(m[1]);
    const whole = Math.round(steps);
    if (whole >= 1 && Math.abs(whole - steps) <= 1e-9 * whole) return whole;
  }
  throw new InvalidArgumentError(`--checkpoint-every must be a whole number of steps >= 1, or a duration such as 500ms or 2s that is a whole number of steps of dt = ${dt} ms; got '${value}'`);
}

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
  /** Steps (`5000`) or a duration (`500ms`, `2s`) between checkpoints that `spikeflow resume` continues from. */
  readonly checkpointEvery?: string;
}

/** A run to continue: its resume.json and the checkpoint it names. */
export interface ResumeFrom {
  readonly record: ResumeRecord<RunFlags>;
  readonly checkpoint: Checkpoint;
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
export async function runCommand(experiment: string, flags: RunFlags, resume?: ResumeFrom): Promise<number> {
  // Files ask for state recordings while they are built, once their dt is known.
  let writer: ResultsWriter | undefined;
  const resultsFor = (dt: number) => (writer ??= new ResultsWriter(flags.out, flags.format, dt, resume?.record.output));
  try {
    return await runInto(experiment, flags, resultsFor, resume);
  } finally {
    writer?.finish();
    writer?.release();
  }
}

async function runInto(experiment: string, flags: RunFlags, resultsFor: (dt: number) => ResultsWriter, resume: ResumeFrom | undefined): Promise<number> {
  const prepared = await prepareRun(
    experiment,
    flags,
    (request, dt) => resultsFor(dt).stateSink(request),
    (m, dt) => resultsFor(dt).synapseSink(m),
  );
  const { network, steps } = prepared;
  const results = resultsFor(network.dt);
  for (const p of prepared.populations) if (prepared.spikes[p.name]) network.monitor(results.spikeSink(p));
  const every = flags.checkpointEvery === undefined ? undefined : checkpointSteps(flags.checkpointEvery, network.dt);
  const start = resume?.record.step ?? 0;
  const backendName = flags.backend ?? prepared.backend ?? 'cpu';
  if (resume) {
    if (resume.record.steps !== steps) throw new SpikeflowError('bad-resume', `${experiment}: the run was started for ${resume.record.steps} steps, the experiment now has ${steps}`);
    // The files are cut back to the checkpoint, but an NPY header may still count the rows of a
    // later flush: a flush now makes every header say the checkpoint's rows before they are read.
    results.flush();
    replaySpikes(flags.out, flags.format, results.spikeFiles, [prepared.counts, prepared.spikes]);
  }

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
    files: { spikes: results.spikeFiles, state: results.stateFiles(), currents, ...(results.synapseWriters.length ? { synapses: results.synapseFiles() } : {}) },
  });
  const flushEvery = flags.flushEvery ?? DEFAULT_FLUSH_EVERY;
  let flushed = 0;
  const flushAt = (step: number) => {
    results.flush();
    results.writeJson('run.json', manifestAt(step, false, false));
    flushed = step;
  };

  const stop = stopOnSignals();
  const backend: Backend & { destroy?: () => void } = backendName === 'webgpu' ? await (await import('@spikeflow/backend-webgpu')).createWebGpuBackend() : createCpuBackend({ threads: flags.threads ?? 1 });
  const progress = flags.quiet ? { onProgress: () => {}, stop: () => {} } : createProgress(steps, network.dt);
  // What resume.json keeps to rebuild this run: the experiment (absolute path) and the flags but --out.
  const { out: _out, ...savedFlags } = flags;
  const checkpointAt = async (step: number) => {
    flushAt(step);
    const bytes = encodeCheckpoint(await network.checkpoint());
    saveCheckpoint(flags.out, { experiment: experiment === 'decision' ? experiment : resolve(experiment), flags: savedFlags, steps, step, output: results.position() }, bytes);
  };
  let done = start;
  let seconds = 0;
  let aborted = false;
  let diverged: NonFiniteError | undefined;
  try {
    if (resume) await network.restore(resume.checkpoint, backend);
    flushAt(start);
    const chunk = Math.min(flushEvery, every ?? flushEvery, Math.max(100, Math.min(10_000, Math.ceil(steps / 100))));
    // With checkpoints the run goes in parts that end on multiples of `every`, each followed by a checkpoint.
    while (done < steps && !aborted) {
      const from = done;
      const end = every ? Math.min(steps, (Math.floor(from / every) + 1) * every) : steps;
      try {
        const part = await network.run({ steps: end - from }, backend, {
          signal: stop.signal,
          chunk,
          nonFinite: flags.allowNonFinite ? 'continue' : 'stop',
          onProgress: (p) => {
            const at = from + p.done;
            progress.onProgress({ done: at, total: steps, step: p.step });
            if (at - flushed >= flushEvery && at < end) flushAt(at);
          },
        });
        done += part.steps;
        seconds += part.seconds;
        aborted = part.aborted;
      } catch (err) {
        // A diverging model: keep and describe what was recorded, then report it (exit 1).
        if (!(err instanceof NonFiniteError)) throw err;
        diverged = err;
        done += err.result.steps;
        seconds += err.result.seconds;
        aborted = true;
      }
      if (every && done === end && done < steps && !aborted) {
        await checkpointAt(done);
        // Let a signal that arrived during the checkpoint stop the run before the next part.
        await new Promise<void>((r) => setTimeout(r, 0));
      }
    }
  } finally {
    progress.stop();
    stop.dispose();
    results.finish();
    backend.destroy?.();
  }
  const result: RunResult = { steps: done, aborted, seconds };
  if (!aborted) removeCheckpoints(flags.out);

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
  const written = [
    'summary.json',
    'run.json',
    ...new Set(Object.values(results.spikeFiles)),
    ...manifest.files.state.map((s) => s.file),
    ...(manifest.files.synapses ?? []).flatMap((s) => [s.file, ...(s.columns ? [s.columns] : [])]),
  ].map((f) => join(flags.out, f));
  // From the counters: the figure's monitors stop at FIGURE_SPIKE_CAP, so a raster is never silently cut.
  const spikeTotal = Object.values(prepared.counts).reduce((n, c) => n + c.count, 0);
  const skipFigure = !flags.figure || result.steps === 0 || result.aborted || spikeTotal > MAX_FIGURE_SPIKES;
  if (flags.figure && !flags.quiet && !diverged && (result.aborted || spikeTotal > MAX_FIGURE_SPIKES)) {
    console.error(result.aborted ? 'figure skipped: the run was interrupted (spikeflow plot renders it from the saved data)' : `figure skipped: ${spikeTotal} spikes are more than a raster can show (${MAX_FIGURE_SPIKES})`);
  }
  // Figures, WebGPU and their native modules load only when used: a run without them starts faster.
  if (!skipFigure) {
    const { writeFigure } = await import('../output/figure.js');
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
  // Weight figures from the last snapshot of each synapse monitor of w (also after an interrupted run).
  if (flags.figure) {
    const { lastWeights, writeWeightFigures } = await import('../output/weight-figures.js');
    written.push(...(await writeWeightFigures(flags.out, network.dt, lastWeights(results.synapseWriters))));
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
