import { ConfigError } from '../errors.js';
import type { RunOptions, RunResult } from './backend.js';
import type { MonitorSink } from './types.js';
import { synapseSampler, type SynapseReader } from './synapse-monitor.js';

/** Checks that array stimuli cover a run of `steps` more steps from step `from`. */
export function checkRunLength(arraySteps: readonly { readonly name: string; readonly steps: number }[], from: number, steps: number): void {
  if (!Number.isInteger(steps) || steps < 0) throw new ConfigError('bad-duration', 'run', `expected a whole number of steps >= 0, got ${steps}`);
  for (const a of arraySteps) {
    if (from + steps > a.steps) {
      throw new ConfigError('stimulus-too-short', `stimulus ${a.name}`, `the run needs ${from + steps} steps but the array has ${a.steps}`);
    }
  }
}

/** Lets timers and signal handlers run (setTimeout exists in Node, browsers and workers). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The run loop every backend shares: `begin` on monitors, chunks of `options.chunk` steps,
 * progress after each chunk, and an AbortSignal checked between chunks — data recorded so far is
 * kept and the result says `aborted`. `advance(n)` simulates n steps (sync or async).
 * Synapse sinks (`kind: 'synapses'`) are served here for every backend: each chunk is advanced
 * in parts ending right after each step they record (progress and abort checks stay per chunk),
 * and `readSynapses` (the simulation's `synapseValues`) gives the values; a backend without it
 * refuses synapse sinks (`unsupported`).
 */
export async function runInChunks(
  monitors: readonly MonitorSink[],
  steps: number,
  options: RunOptions,
  advance: (n: number) => void | Promise<void>,
  stepNow: () => number,
  readSynapses?: SynapseReader,
): Promise<RunResult> {
  const sampler = synapseSampler(monitors, readSynapses);
  for (const m of monitors) m.begin?.(steps);
  const chunk = Math.max(1, options.chunk ?? 1000);
  const started = performance.now();
  let done = 0;
  let aborted = false;
  while (done < steps) {
    if (options.signal?.aborted) {
      aborted = true;
      break;
    }
    const n = Math.min(chunk, steps - done);
    // A chunk is advanced in parts that end right after each step a synapse sink records (one part without them).
    for (let left = n; left > 0; ) {
      const part = sampler.limit(stepNow(), left);
      await advance(part);
      left -= part;
      sampler.after(stepNow());
    }
    done += n;
    options.onProgress?.({ done, total: steps, step: stepNow() });
    // Yield between chunks so an AbortSignal (Ctrl-C, a UI button) can fire.
    if (done < steps && options.signal) await yieldToEventLoop();
  }
  return { steps: done, aborted, seconds: (performance.now() - started) / 1000 };
}
