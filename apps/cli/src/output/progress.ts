import cliProgress from 'cli-progress';
import type { RunProgress } from '@spikeflow/core';

export interface ProgressReporter {
  onProgress(p: RunProgress): void;
  stop(): void;
}

/**
 * A progress bar with simulated time, steps/s and ETA — only on an interactive terminal outside
 * CI. Piped or in CI it stays silent (the summary is printed at the end either way).
 */
export function createProgress(totalSteps: number, dt: number, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const interactive = stream.isTTY === true && !process.env.CI;
  if (!interactive || totalSteps < 1) return { onProgress: () => {}, stop: () => {} };
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | {simulated} / {total_ms} ms simulated | {speed} steps/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalSteps, 0, { simulated: '0', total_ms: String(+(totalSteps * dt).toPrecision(6)), speed: '0' });
  return {
    onProgress(p) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(p.done, { simulated: String(+(p.done * dt).toPrecision(6)), speed: Math.round(p.done / Math.max(seconds, 1e-9)).toLocaleString('en') });
    },
    stop: () => bar.stop(),
  };
}
