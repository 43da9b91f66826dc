import type { BuiltNetwork } from './types.js';
import type { Checkpoint } from './checkpoint.js';

/** What a backend can do, as data, so callers can choose without trying. */
export interface BackendCapabilities {
  readonly float64: boolean;
  readonly float32: boolean;
  readonly storage: readonly ('dense' | 'csr')[];
  readonly randomFunctions: boolean;
}

export interface RunProgress {
  /** Steps completed in this run call. */
  readonly done: number;
  readonly total: number;
  /** Global step index reached. */
  readonly step: number;
}

export interface RunOptions {
  /** Stops between chunks; data recorded so far is kept and the result says `aborted`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: RunProgress) => void;
  /** Steps between progress reports and abort checks. Default 1000. */
  readonly chunk?: number;
}

export interface RunResult {
  readonly steps: number;
  readonly aborted: boolean;
  /** Wall-clock seconds spent in the step loop. */
  readonly seconds: number;
}

/** A compiled network, ready to advance. */
export interface Simulation {
  /** Steps simulated so far. */
  readonly currentStep: number;
  run(steps: number, options?: RunOptions): Promise<RunResult>;
  /** What runs as what (number format, threads, kernel languages and any fallback), when the backend says. */
  readonly description?: string;
  /** A copy of a state variable of a population. */
  getState(population: string, variable: string): Float64Array;
  /** The complete state at the current step (see `Checkpoint`), when the backend can save it. */
  checkpoint?(): Checkpoint | Promise<Checkpoint>;
  /**
   * Replaces the state with a checkpoint of the same network and backend (else a `CheckpointError`);
   * running on then gives exactly what the run the checkpoint came from would have given.
   */
  restore?(checkpoint: Checkpoint): void | Promise<void>;
  dispose(): void;
}

/** A backend turns a built network into a simulation. Chosen explicitly; never registered by import. */
export interface Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  compile(network: BuiltNetwork): Promise<Simulation>;
}
