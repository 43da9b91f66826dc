import { SpikeflowError } from '../errors.js';
import type { RunOptions, RunResult, Simulation } from './backend.js';

/** What to do when a state becomes NaN or ±Infinity: stop with {@link NonFiniteError} (default), or go on. */
export type NonFinitePolicy = 'stop' | 'continue';

/** The first non-finite value found: where and what. */
export interface NonFiniteValue {
  /** Name of the population. */
  readonly population: string;
  /** The state variable that is not finite. */
  readonly variable: string;
  /** Index of the first neuron found with it, within the population. */
  readonly neuron: number;
  /** The value: `NaN`, `Infinity` or `-Infinity`. */
  readonly value: number;
  /** Step reached when it was found; every state was finite at `lastFiniteStep`. */
  readonly step: number;
  /** Last global step after which every state was known to be finite (the previous scan). */
  readonly lastFiniteStep: number;
}

/**
 * A state diverged. The run stopped at `result.steps`; everything recorded until then was kept
 * (monitors and writers hold it). Thrown by `Network.run` unless `nonFinite: 'continue'`.
 */
export class NonFiniteError extends SpikeflowError {
  constructor(
    /** Where the first non-finite value was found. */
    readonly found: NonFiniteValue,
    /** The run up to where it stopped: steps done, whether aborted, seconds. */
    readonly result: RunResult,
  ) {
    super(
      'non-finite',
      `population ${found.population}, variable ${found.variable}, neuron ${found.neuron} is ${found.value} at step ${found.step} (finite at step ${found.lastFiniteStep}); the run stopped there and kept what was recorded — check the model's parameters and dt, or run with nonFinite: 'continue' (CLI --allow-non-finite)`,
    );
    this.name = 'NonFiniteError';
  }
}

/** The state variables of each population that the scan reads. */
export type StateNames = readonly {
  /** Name of the population. */
  readonly population: string;
  /** Its state variables to scan. */
  readonly states: readonly string[];
}[];

/** First NaN or ±Infinity in the populations' states (through `getState`, so every backend can be scanned). */
export function findNonFinite(simulation: Simulation, names: StateNames): Omit<NonFiniteValue, 'step' | 'lastFiniteStep'> | undefined {
  for (const { population, states } of names) {
    for (const variable of states) {
      const values = simulation.getState(population, variable);
      for (let i = 0; i < values.length; i++) {
        // x - x is 0 for every finite x, NaN for NaN and ±Infinity: one test for both.
        if (values[i]! - values[i]! !== 0) return { population, variable, neuron: i, value: values[i]! };
      }
    }
  }
  return undefined;
}

/**
 * Runs `steps` steps in segments of `options.chunk` (default 1000), scanning the states after each
 * segment; a non-finite value stops the run with {@link NonFiniteError}. Progress, abort and the
 * result are those of one run call.
 */
export async function runCheckingFinite(simulation: Simulation, steps: number, names: StateNames, options: RunOptions = {}): Promise<RunResult> {
  const segment = Math.max(1, options.chunk ?? 1000);
  let done = 0;
  let seconds = 0;
  let lastFiniteStep = simulation.currentStep;
  do {
    const n = Math.min(segment, steps - done);
    const before = done;
    const part = await simulation.run(n, {
      ...options,
      ...(options.onProgress ? { onProgress: (p) => options.onProgress!({ done: before + p.done, total: steps, step: p.step }) } : {}),
    });
    done += part.steps;
    seconds += part.seconds;
    const result = { steps: done, aborted: part.aborted, seconds };
    const bad = findNonFinite(simulation, names);
    if (bad) throw new NonFiniteError({ ...bad, step: simulation.currentStep, lastFiniteStep }, result);
    lastFiniteStep = simulation.currentStep;
    if (part.aborted || done >= steps) return result;
    // Let signal handlers run between segments (each segment is one chunk of the run loop).
    if (options.signal) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  } while (done < steps);
  return { steps: done, aborted: false, seconds };
}
