import type { BuiltNetwork } from './types.js';
import type { Checkpoint } from './checkpoint.js';
import type { SynapseTable } from './synapse-table.js';

/** What a backend can do, as data, so callers can choose without trying. */
export interface BackendCapabilities {
  /** Runs in double precision (float64 states and arithmetic), as configured. */
  readonly float64: boolean;
  /** Runs in single precision (float32), as configured (e.g. WebGPU, or the CPU backend's f32 mode). */
  readonly float32: boolean;
  /** Synapse table formats it propagates from. */
  readonly storage: readonly ('dense' | 'csr')[];
  /** Supports the model language's random functions (`rand()`, `randn()`, …). */
  readonly randomFunctions: boolean;
}

/** Progress of a run, reported to `RunOptions.onProgress` after each chunk. */
export interface RunProgress {
  /** Steps completed in this run call. */
  readonly done: number;
  /** Steps this run call will do in all. */
  readonly total: number;
  /** Global step index reached. */
  readonly step: number;
}

/**
 * Options of a run: progress reports and cancellation.
 *
 * @example
 * const ac = new AbortController();
 * await net.run({ duration: 1000 }, backend, { signal: ac.signal, chunk: 500, onProgress: (p) => console.log(`${p.done}/${p.total}`) });
 */
export interface RunOptions {
  /** Stops between chunks; data recorded so far is kept and the result says `aborted`. */
  readonly signal?: AbortSignal;
  /** Called after each chunk of steps with the progress so far. */
  readonly onProgress?: (p: RunProgress) => void;
  /** Steps between progress reports and abort checks. Default 1000. */
  readonly chunk?: number;
}

/** What a run call did. */
export interface RunResult {
  /** Steps simulated by this call (fewer than asked when aborted). */
  readonly steps: number;
  /** True when the `signal` stopped the run early; data recorded until then is kept. */
  readonly aborted: boolean;
  /** Wall-clock seconds spent in the step loop. */
  readonly seconds: number;
}

/** A compiled network, ready to advance. */
export interface Simulation {
  /** Steps simulated so far. */
  readonly currentStep: number;
  /**
   * Advances `steps` steps (a whole number ≥ 0), continuing from `currentStep`; monitors receive
   * what happens. Rejects with a `ConfigError` when `steps` is not a whole number ≥ 0 or an array
   * stimulus is too short for the run.
   */
  run(steps: number, options?: RunOptions): Promise<RunResult>;
  /** What runs as what (number format, threads, kernel languages and any fallback), when the backend says. */
  readonly description?: string;
  /** A copy of a state variable of a population. */
  getState(population: string, variable: string): Float64Array;
  /**
   * A copy of a connection's weights as they are now, in the synapse model's weight unit (nS for
   * conductance synapses): its table with the current weights — plastic ones change as it runs —
   * when the backend can read them (a `ConfigError` names an unknown connection).
   */
  weights?(connection: string): SynapseTable;
  /**
   * A copy of a per-synapse variable of a connection now (the weight `w`, in the synapse model's
   * weight unit), one value per synapse in synapse order (see `SynapseLayout`), or with `indices`
   * (synapse indices) one value per selected synapse in the order given, read in time
   * proportional to the selection; what synapse monitors record. `ConfigError`s:
   * `unknown-connection`, `unknown-variable`, `bad-synapse-index`.
   */
  synapseValues?(connection: string, variable: string, indices?: ArrayLike<number>): Float64Array;
  /** The complete state at the current step (see `Checkpoint`), when the backend can save it. */
  checkpoint?(): Checkpoint | Promise<Checkpoint>;
  /**
   * Replaces the state with a checkpoint of the same network and backend (else a `CheckpointError`);
   * running on then gives exactly what the run the checkpoint came from would have given.
   */
  restore?(checkpoint: Checkpoint): void | Promise<void>;
  /** Frees what the simulation holds (worker threads, GPU buffers); it cannot run afterwards. */
  dispose(): void;
}

/** A backend turns a built network into a simulation. Chosen explicitly; never registered by import. */
export interface Backend {
  /** Short name for messages and reports, e.g. `cpu`, `cpu-f32-x4`, `webgpu`. */
  readonly name: string;
  /** What it supports. */
  readonly capabilities: BackendCapabilities;
  /**
   * Turns a built network into a ready simulation (generates and compiles kernels, uploads
   * tables). Rejects when the network needs something the backend cannot do.
   */
  compile(network: BuiltNetwork): Promise<Simulation>;
}
