import type { KernelSource } from './bindings.js';
import type { Values } from './buffers.js';

/** What one thread records for a state monitor: its own neurons among the recorded ones. */
export interface ThreadRecorder {
  readonly every: number;
  readonly state: Values;
  /** Positions (in the monitor's index list) of this thread's neurons, and those neurons. */
  readonly positions: Int32Array;
  readonly neurons: Int32Array;
  /** Shared rows of recorded values, by step parity. */
  readonly rows: readonly Float64Array[];
}

/** A kernel as JavaScript source, a WebAssembly population kernel or a WebAssembly propagation kernel. */
export type ThreadKernel = KernelSource | { readonly wasm: Uint8Array } | { readonly wasmPropagate: Uint8Array };

/** Everything a worker thread needs, sent once as `workerData` (typed arrays on shared memory). */
export interface WorkerInit {
  readonly seed: number;
  readonly threads: number;
  readonly thread: number;
  readonly dt: number;
  readonly ctl: Int32Array;
  readonly cmd: Float64Array;
  readonly counts: Int32Array;
  /** JavaScript kernels (bindings without the random generator `R`, which the worker makes from `seed`) or WebAssembly ones. */
  readonly populations: readonly { kernel: ThreadKernel; views: readonly (readonly Int32Array[])[] }[];
  /** The shared WebAssembly memory of the state arrays, when any kernel is WebAssembly. */
  readonly memory?: unknown;
  readonly connections: readonly { kernel: ThreadKernel; pre: number }[];
  readonly recorders: readonly ThreadRecorder[];
}

/** The per-step copy of this thread's recorded state values, or undefined when nothing is recorded. */
export function threadRecorders(recorders: readonly ThreadRecorder[]): ((step: number, parity: number) => void) | undefined {
  const active = recorders.filter((r) => r.positions.length > 0);
  if (active.length === 0) return undefined;
  return (step, parity) => {
    for (const r of active) {
      if (step % r.every !== 0) continue;
      const row = r.rows[parity]!;
      for (let k = 0; k < r.positions.length; k++) row[r.positions[k]!] = r.state[r.neurons[k]!]!;
    }
  };
}
