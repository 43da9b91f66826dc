import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { createWebGpuBackend } from '@spikeflow/backend-webgpu';
import type { Backend } from '@spikeflow/core';
import type { DataFormat } from '@spikeflow/monitors';
import { prepareRun } from '../prepare.js';
import { ResultsWriter, type Manifest } from '../output/results.js';
import { createProgress } from '../output/progress.js';
import { stimulusCurrents } from '../output/currents.js';
import { writeFigure } from '../output/figure.js';
import { printSummary } from '../output/print-summary.js';

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
}

/** More spikes than this make a raster unreadable and slow to render: the figure is skipped. */
export const MAX_FIGURE_SPIKES = 300_000;

/** Exit code for a run stopped by Ctrl-C, after its data was written (128 + SIGINT). */
export const INTERRUPTED = 130;

/**
 * `spikeflow run <experiment>`: builds the experiment, streams spikes and state to `--out` while
 * it runs (progress bar on a terminal), then writes summary.json, run.json and the figure.
 * Ctrl-C stops between chunks; everything recorded so far is written and loadable.
 */
export async function runCommand(experiment: string, flags: RunFlags): Promise<number> {
  // Files ask for state recordings while they are built, once their dt is known.
  let writer: ResultsWriter | undefined;
  const resultsFor = (dt: number) => (writer ??= new ResultsWriter(flags.out, flags.format, dt));
  const prepared = await prepareRun(experiment, flags, (request, dt) => resultsFor(dt).stateSink(request));
  const { network, steps } = prepared;
  const results = resultsFor(network.dt);
  for (const p of prepared.populations) if (prepared.spikes[p.name]) network.monitor(results.spikeSink(p));

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const backendName = flags.backend ?? prepared.backend ?? 'cpu';
  const backend: Backend & { destroy?: () => void } = backendName === 'webgpu' ? await createWebGpuBackend() : createCpuBackend({ threads: flags.threads ?? 1 });
  const progress = flags.quiet ? { onProgress: () => {}, stop: () => {} } : createProgress(steps, network.dt);
  let result;
  try {
    result = await network.run({ steps }, backend, { signal: controller.signal, onProgress: (p) => progress.onProgress(p), chunk: Math.max(100, Math.min(10_000, Math.ceil(steps / 100))) });
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
    results.finish();
    backend.destroy?.();
  }

  const summary = { ...prepared.summarize(result.steps), backend: backend.name, aborted: result.aborted, simulationSeconds: result.seconds };
  writeFileSync(join(flags.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const currents = stimulusCurrents(network, result.steps);
  const manifest: Manifest = {
    title: prepared.title,
    format: flags.format,
    dt: network.dt,
    seed: network.seed,
    steps,
    stepsRun: result.steps,
    aborted: result.aborted,
    binSteps: prepared.binSteps,
    populations: prepared.populations.map(({ name, size, sign }) => ({ name, size, sign })),
    files: {
      spikes: results.spikeFiles,
      state: results.stateFiles(),
      currents: Object.fromEntries([...currents].map(([name, trace]) => [name, results.writeCurrents({ name, size: trace.size }, trace)])),
    },
  };
  writeFileSync(join(flags.out, 'run.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const written = ['summary.json', 'run.json', ...new Set(Object.values(results.spikeFiles)), ...manifest.files.state.map((s) => s.file)].map((f) => join(flags.out, f));
  const spikeTotal = Object.values(prepared.spikes).reduce((n, m) => n + m.count, 0);
  const skipFigure = !flags.figure || result.steps === 0 || result.aborted || spikeTotal > MAX_FIGURE_SPIKES;
  if (flags.figure && !flags.quiet && (result.aborted || spikeTotal > MAX_FIGURE_SPIKES)) {
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
  if (result.aborted) {
    console.error(`interrupted at step ${result.steps} of ${steps}; the data recorded so far is in ${flags.out}`);
    return INTERRUPTED;
  }
  return 0;
}
