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
import type { WasmMemory } from './wasm/assembler.js';
import { instantiatePopulation } from './wasm/population.js';
import { instantiatePropagate } from './wasm/propagate.js';

/** A kernel as JavaScript source (bindings without the random generator `R`) or WebAssembly module bytes. */
export type PartitionKernel = KernelSource | { readonly wasm: Uint8Array };

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
export function partitionLoop(init: PartitionInit, rng: CounterRng, afterBarrier?: ThreadPlan['afterBarrier']): ThreadPlan {
  const memory = init.memory as WasmMemory;
  const js = <F>(k: PartitionKernel) => compileKernel<F>((k as KernelSource).source, { ...(k as KernelSource).bindings, R: rng });
  return {
    threads: init.threads,
    thread: init.thread,
    dt: init.dt,
    ctl: init.ctl,
    counts: init.counts,
    slots: init.slots,
    populations: init.populations.map((p) => ({ kernel: 'wasm' in p.kernel ? instantiatePopulation(p.kernel.wasm, memory, rng) : js<PopulationKernel>(p.kernel), views: p.views })),
    connections: init.connections.map((c) => ({
      kernel: 'wasm' in c.kernel ? instantiatePropagate(c.kernel.wasm, memory, rng) : js<PropagateKernel>(c.kernel),
      pre: c.pre,
      delay: c.delay,
      ...(c.postSpikes ? { postSpikes: { kernel: js<PostSpikeKernel>(c.postSpikes.kernel), post: c.postSpikes.post } } : {}),
    })),
    summed: init.summed.map((k) => js<SummedKernel>(k)),
    advance: init.advance.map((k) => js<SynapseAdvanceKernel>(k)),
    ...(afterBarrier ? { afterBarrier } : {}),
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
