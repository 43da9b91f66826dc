import type { CounterRng } from '@spikeflow/core/rng';
import type { KernelSource } from './js/bindings.js';
import type { Values } from './buffers.js';
import { compileKernel } from './kernel-cache.js';
import type { PopulationKernel } from './js/population.js';
import type { PropagateKernel } from './js/propagate.js';
import type { PostSpikeKernel } from './js/post-spike.js';
import type { SummedKernel } from './js/summed.js';
import type { SynapseAdvanceKernel } from './js/synapse-advance.js';
import type { ThreadPlan } from './step-loop.js';
import { instantiate, type WasmMemory } from './wasm/assembler.js';

/** A kernel as JavaScript source (bindings without the random generator `R`) or an export of the partition's WebAssembly module. */
export type PartitionKernel = KernelSource | { readonly export: string };

/** What one partition records for a state monitor: its own neurons among the recorded ones. */
export interface PartitionRecorder {
  readonly every: number;
  readonly state: Values;
  /** Positions (in the monitor's index list) of this partition's neurons, and those neurons. */
  readonly positions: Int32Array;
  readonly neurons: Int32Array;
  /** Rows of recorded values, by step parity. */
  readonly rows: readonly Float64Array[];
}

/**
 * Everything a partition needs to run, as plain data (typed arrays on shared memory when there
 * are several threads): sent once as `workerData` to a worker thread, or used as is by the main
 * thread. Kernels are emitted once by the setup; each thread only compiles or instantiates them.
 */
export interface PartitionInit {
  readonly seed: number;
  readonly threads: number;
  readonly thread: number;
  readonly dt: number;
  readonly ctl: Int32Array;
  readonly cmd: Float64Array;
  readonly counts: Int32Array;
  readonly populations: readonly { kernel: PartitionKernel; views: readonly (readonly Int32Array[])[] }[];
  /** The WebAssembly memory of the state arrays, when any kernel is WebAssembly. */
  readonly memory?: unknown;
  /** The partition's WebAssembly module (wasm/step-module.ts): its WebAssembly kernels, and `run` with `fused`. */
  readonly module?: Uint8Array;
  /** The whole step runs in the module's `run`; the logs of the monitored populations' spikes the main thread's writes (spike counts per step, indices). */
  readonly fused?: { readonly logs: readonly { readonly population: number; readonly counts: Int32Array; readonly spikes: Int32Array }[] };
  /** Propagation, in order: each connection's delay groups (its presynaptic population and delay in steps). */
  readonly connections: readonly { kernel: PartitionKernel; pre: number; delay: number; postSpikes?: { kernel: KernelSource; post: number } }[];
  /** Summed expressions (gap junctions), in connection order: run at the start of every step. */
  readonly summed: readonly KernelSource[];
  /** Clock-driven per-synapse variables, in connection order: advanced after the summed expressions, before the populations. */
  readonly advance: readonly KernelSource[];
  /** Steps of spikes kept per population (the plan's `spikeSlots`). */
  readonly slots: number;
  readonly recorders: readonly PartitionRecorder[];
}

/** Compiles or instantiates a partition's kernels: its runnable step loop. */
export function partitionLoop(init: PartitionInit, rng: CounterRng, hooks: Pick<ThreadPlan, 'afterBarrier' | 'replay'> = {}): ThreadPlan {
  const memory = init.memory as WasmMemory;
  const exports = init.module ? instantiate(init.module, memory, rng) : {};
  const js = <F>(k: KernelSource) => compileKernel<F>(k.source, { ...k.bindings, R: rng });
  const kernel = <F>(k: PartitionKernel, wrap: (f: (...a: number[]) => number) => F): F => ('export' in k ? wrap(exports[k.export] as (...a: number[]) => number) : js<F>(k));
  const run = exports.run as ((step0: number, steps: number) => number) | undefined;
  const barrier = exports.barrier as (() => number) | undefined;
  return {
    threads: init.threads,
    thread: init.thread,
    dt: init.dt,
    ctl: init.ctl,
    counts: init.counts,
    slots: init.slots,
    // WebAssembly kernels take byte offsets into their memory.
    populations: init.populations.map((p) => ({ kernel: kernel<PopulationKernel>(p.kernel, (f) => (s, t, spikes) => f(s, t, spikes.byteOffset)), views: p.views })),
    connections: init.connections.map((c) => ({
      kernel: kernel<PropagateKernel>(c.kernel, (f) => (spikes, count) => void f(spikes.byteOffset, count)),
      pre: c.pre,
      delay: c.delay,
      ...(c.postSpikes ? { postSpikes: { kernel: js<PostSpikeKernel>(c.postSpikes.kernel), post: c.postSpikes.post } } : {}),
    })),
    summed: init.summed.map((k) => js<SummedKernel>(k)),
    advance: init.advance.map((k) => js<SynapseAdvanceKernel>(k)),
    ...(hooks.afterBarrier ? { afterBarrier: hooks.afterBarrier } : {}),
    ...(run ? { fused: run, ...(barrier ? { fusedBarrier: barrier } : {}), ...(hooks.replay ? { replay: hooks.replay } : {}) } : {}),
    afterUpdate: partitionRecorders(init.recorders),
  };
}

/** The per-step copy of this partition's recorded state values, or undefined when nothing is recorded. */
function partitionRecorders(recorders: readonly PartitionRecorder[]): ((step: number, parity: number) => void) | undefined {
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
