/**
 * The one step loop of the CPU backend, run by every partition (one thread is one partition;
 * with N threads the main thread is partition 0 and worker threads the others) on its own slice
 * of every population, plus the barrier between partitions. It walks the plan's phases
 * (`@spikeflow/core/plan`): populations, then propagation, with the monitors after the barrier.
 *
 * Per step s, thread w:
 *   A. runs every population kernel over its neurons lo_w..hi_w, writing its spikes into its own
 *      part of the spike buffer of slot s % slots and their count into `counts`;
 *   barrier;
 *   (main thread only: hands the step's spikes, merged in neuron order, to the monitors);
 *   B. for every connection (and delay group, delay d), walks the spikes of step s − d + 1 of all
 *      threads in neuron order (thread 0's, then thread 1's, ...) and applies the synapses whose
 *      *postsynaptic* neuron is its own: a spike of step s − d + 1 acts from step s + 1 on; for a
 *      plastic connection, then the `onPost` statements for its own postsynaptic neurons that
 *      spiked in step s (they write only weights of synapses onto its own neurons).
 * Before A, a network with summed expressions (gap junctions) runs them for the thread's own
 * postsynaptic neurons (S): they read other threads' neurons, so S sits between two barriers (one
 * after the previous step's B, one before A), and reads every state as it was at the start of
 * the step. Then, before A (and before the barrier after S, when there is one), V advances the clock-driven per-synapse
 * variables of the synapses onto the thread's own postsynaptic neurons: it reads and writes only
 * those synapses and reads only those neurons, so it needs no barrier of its own.
 * B of step s only writes state of the thread's own neurons, which only that thread reads in A of
 * step s + 1, so one barrier per step suffices; spike buffers and counts form a ring of at least
 * (longest delay + 1) ≥ 2 slots, so a thread already in A of s + 1 never overwrites what a slower
 * one still reads in B of s. Every
 * postsynaptic neuron receives its additions in exactly the order of the one-threaded loop, and
 * every neuron is integrated by the same code, so results are identical bit for bit.
 */

/** Slots of the control array (Int32Array on a SharedArrayBuffer). */
export const CTL = {
  /** Non-zero once any thread failed; every thread then stops at its next barrier. */
  FAILED: 2,
  /** Command sequence number: bumped by the main thread to start a command. */
  SEQUENCE: 3,
  /** 1: run steps; 2: exit. */
  COMMAND: 4,
  /** First thread's arrival word: barriers it has reached; the next word counts the threads asleep waiting for it. */
  ARRIVALS: 16,
  /** Words from one thread's arrival word to the next: 64 bytes, a cache line of its own. */
  ARRIVAL_STRIDE: 16,
} as const;

/** Length of the control array for `threads` threads. */
export const ctlLength = (threads: number): number => CTL.ARRIVALS + CTL.ARRIVAL_STRIDE * threads;

/** Index of thread u's arrival word in the control array. */
export const arrivalWord = (u: number): number => CTL.ARRIVALS + CTL.ARRIVAL_STRIDE * u;

/** Float64 slots next to the control array: the command's first step and step count. */
export const CMD = { STEP0: 0, STEPS: 1, LENGTH: 2 } as const;

/**
 * How long a thread spins at a barrier before it sleeps (Atomics.wait), in milliseconds, adapted
 * per thread. Waking a sleeping thread costs tens of microseconds (more in a virtual machine), as
 * much as a whole step of a large network, so threads that arrive within 50 µs of each other
 * should not sleep. When waits end asleep anyway (the other threads are slower, or not running
 * because the cores are busy with other work, where spinning only takes time from them), the
 * budget halves; it grows back while spinning ends the waits, and is reset every 512 barriers to
 * probe whether the machine has become free again.
 */
const SPIN_MIN_MS = 0.002;
const SPIN_MAX_MS = 0.05;
let spinMs = SPIN_MAX_MS;
let barriers = 0;

export class ThreadFailure extends Error {}

/**
 * Waits until every thread has reached this barrier. Each thread counts its barriers in its own
 * arrival word and waits until every other thread's word has reached its count (counts wrap
 * around, compared by their difference): no read-modify-write on a word all threads share, which
 * on a two-vCPU machine made a step of a small network several times slower (wasm/barrier.ts is
 * the same protocol, for the WebAssembly loop).
 */
export function barrier(ctl: Int32Array, threads: number, thread: number): void {
  const own = arrivalWord(thread);
  const count = (Atomics.load(ctl, own) + 1) | 0;
  Atomics.store(ctl, own, count);
  if (Atomics.load(ctl, own + 1) !== 0) Atomics.notify(ctl, own);
  if ((++barriers & 511) === 0) spinMs = SPIN_MAX_MS;
  const until = performance.now() + spinMs;
  let slept = false;
  for (let u = 0; u < threads; u++) {
    if (u === thread) continue;
    const word = arrivalWord(u);
    for (let k = 0; ((Atomics.load(ctl, word) - count) | 0) < 0; k++) {
      if (slept || ((k & 31) === 31 && performance.now() > until)) {
        slept = true;
        sleepUntil(ctl, word, count);
        break;
      }
    }
  }
  spinMs = slept ? Math.max(SPIN_MIN_MS, spinMs / 2) : Math.min(SPIN_MAX_MS, spinMs * 1.25);
}

/** Sleeps until arrival word `word` reaches `count`, counted among its sleepers; throws when a thread failed. */
function sleepUntil(ctl: Int32Array, word: number, count: number): void {
  for (;;) {
    if (Atomics.load(ctl, CTL.FAILED) !== 0) throw new ThreadFailure('another thread of the simulation failed');
    Atomics.add(ctl, word + 1, 1);
    const seen = Atomics.load(ctl, word);
    if (((seen - count) | 0) < 0) Atomics.wait(ctl, word, seen, 50);
    Atomics.sub(ctl, word + 1, 1);
    if (((Atomics.load(ctl, word) - count) | 0) >= 0) return;
  }
}

/** Marks the simulation failed and wakes every thread waiting at a barrier or for a command. */
export function fail(ctl: Int32Array): void {
  Atomics.store(ctl, CTL.FAILED, 1);
  for (let word = CTL.ARRIVALS; word < ctl.length; word += CTL.ARRIVAL_STRIDE) Atomics.notify(ctl, word);
  Atomics.notify(ctl, CTL.SEQUENCE);
}

/** One partition's runnable loop: its kernels, spike views and monitor hooks. */
export interface ThreadPlan {
  readonly threads: number;
  /** This thread's index (0: the main thread). */
  readonly thread: number;
  readonly dt: number;
  readonly ctl: Int32Array;
  /** Spike counts, [slot][population][thread]. */
  readonly counts: Int32Array;
  /** Steps of spikes kept: slot s % slots holds step s's. */
  readonly slots: number;
  /** Per population: this thread's kernel and every thread's spike views, [slot][thread]. */
  readonly populations: readonly { kernel: (step: number, t: number, spikes: Int32Array) => number; views: readonly (readonly Int32Array[])[] }[];
  /**
   * Per connection and delay group: this thread's propagation kernel (its postsynaptic slice), the
   * presynaptic population, the delay in steps; plastic connections also their post-spike kernel
   * and postsynaptic population.
   */
  readonly connections: readonly {
    kernel: (spikes: Int32Array, count: number, step: number) => void;
    pre: number;
    delay: number;
    postSpikes?: { kernel: (spikes: Int32Array, count: number, step: number) => void; post: number };
  }[];
  /** Summed expressions (S): each writes its connection's sums for this thread's postsynaptic neurons. */
  readonly summed: readonly ((step: number, t: number) => void)[];
  /** Clock-driven per-synapse variables (V): each advances its connection's synapses onto this thread's postsynaptic neurons. */
  readonly advance: readonly ((step: number, t: number) => void)[];
  /** After this thread's part of A (state monitors: copy own recorded values; rows by parity, step & 1). */
  readonly afterUpdate?: (step: number, parity: number) => void;
  /** Main thread only, after the barrier (spike and state monitors); `slot` = step % slots. */
  readonly afterBarrier?: (step: number, slot: number) => void;
  /**
   * The whole step loop in WebAssembly (wasm/step-module.ts): runs up to `steps` steps from
   * `step0` and returns how many it ran (−1: another thread failed); the monitors' spikes are then
   * in its logs. With several threads, `fusedBarrier` is its barrier (1: another thread failed).
   */
  readonly fused?: (step0: number, steps: number) => number;
  readonly fusedBarrier?: () => number;
  /** Serves the monitors the steps `fused` just ran, from its log (what `afterBarrier` does per step). */
  readonly replay?: (step0: number, steps: number) => void;
}

/** Runs `steps` steps from `step0` on this thread, ending with a barrier. */
export function runSteps(plan: ThreadPlan, step0: number, steps: number): void {
  const { fused, replay, fusedBarrier } = plan;
  if (fused) {
    for (let step = step0, end = step0 + steps; step < end; ) {
      const done = fused(step, end - step);
      if (done < 0) throw new ThreadFailure('another thread of the simulation failed');
      if (replay) replay(step, done);
      step += done;
    }
    if (fusedBarrier && fusedBarrier() !== 0) throw new ThreadFailure('another thread of the simulation failed');
    return;
  }
  const { populations, connections, counts, slots, ctl, threads, thread, dt, afterUpdate, afterBarrier, summed, advance } = plan;
  const P = populations.length;
  for (let step = step0, end = step0 + steps; step < end; step++) {
    const t = step * dt;
    const slot = step % slots;
    const base = slot * P * threads;
    if (summed.length > 0) {
      // The run (or the previous call) ended with a barrier: step0 needs none before S.
      if (threads > 1 && step !== step0) barrier(ctl, threads, thread);
      for (let k = 0; k < summed.length; k++) summed[k]!(step, t);
      for (let k = 0; k < advance.length; k++) advance[k]!(step, t);
      if (threads > 1) barrier(ctl, threads, thread);
    } else for (let k = 0; k < advance.length; k++) advance[k]!(step, t);
    for (let p = 0; p < P; p++) {
      const pop = populations[p]!;
      counts[base + p * threads + thread] = pop.kernel(step, t, pop.views[slot]![thread]!);
    }
    if (afterUpdate) afterUpdate(step, step & 1);
    if (threads > 1) barrier(ctl, threads, thread);
    if (afterBarrier) afterBarrier(step, slot);
    for (let c = 0; c < connections.length; c++) {
      const conn = connections[c]!;
      const from = step - conn.delay + 1;
      if (from < 0) continue;
      const fromSlot = from % slots;
      const views = populations[conn.pre]!.views[fromSlot]!;
      const at = fromSlot * P * threads + conn.pre * threads;
      for (let u = 0; u < threads; u++) {
        const n = counts[at + u]!;
        if (n > 0) conn.kernel(views[u]!, n, step);
      }
      // Plastic: this thread's own postsynaptic spikes of this step, after the presynaptic ones (Brian2's order).
      const ps = conn.postSpikes;
      if (ps) {
        const n = counts[base + ps.post * threads + thread]!;
        if (n > 0) ps.kernel(populations[ps.post]!.views[slot]![thread]!, n, step);
      }
    }
  }
  if (threads > 1) barrier(ctl, threads, thread);
}
