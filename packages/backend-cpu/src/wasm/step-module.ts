import type { KernelPlan } from '@spikeflow/core/plan';
import { Bytes, F64, functionsModuleBytes, I32, OP, STEP_FUNCTION, type WasmFunction } from './assembler.js';
import { PHILOX_FUNCTIONS, PHILOX_GLOBALS } from './philox.js';
import { arenaBytes, type WasmArena } from './arena.js';
import { barrierFunction } from './barrier.js';

/**
 * One WebAssembly module per partition (thread): every WebAssembly kernel of the partition, each
 * exported (`p<k>` population k, `c<k>` connection link k), and, when the whole step runs in
 * WebAssembly, `run(step0, steps) → steps done`: the step loop of step-loop.ts (populations, the
 * barrier between threads, then propagation) for many steps without returning to JavaScript, and
 * with several threads `barrier() → failed` (wasm/barrier.ts). One compilation per simulation,
 * no JavaScript → WebAssembly call per kernel and step, no JavaScript in the loop to optimize.
 *
 * `run` keeps the ring of spike buffers and `counts` exactly as the JavaScript loop does (so
 * checkpoints, `lastSpikes` and a later JavaScript step see the same state), and copies the spikes
 * of each monitored population into its log, step after step, for the monitors to be served after
 * the call: `counts[k]` spikes at step step0 + k, their indices one after another in `spikes`. It
 * stops early (returns fewer steps) when a log might not hold another step. With several threads
 * the main thread (thread 0) writes the logs, every thread's spikes of a step in thread order
 * (neuron order); the others never stop early: they wait at the next step's barrier until the main
 * thread's next call, so every thread passes the same barriers. `run` returns −1 when another
 * thread failed.
 */
export interface StepLoop {
  /** Populations in plan order. */
  readonly populations: number;
  readonly slots: number;
  readonly dt: number;
  readonly threads: number;
  /** This partition's thread (0: the main thread, which writes the logs). */
  readonly thread: number;
  /** Byte offset of `counts`, [slot][population][thread]. */
  readonly counts: number;
  /** Byte offset of the spike buffers' byte offsets, [population][slot][thread]. */
  readonly ring: number;
  /** Byte offsets of the control array (step-loop.ts `CTL`) and of this thread's barrier spin budget and wait count. */
  readonly ctl: number;
  readonly spin: number;
  /** Propagation links in order: presynaptic population and delay in steps (≥ 1). */
  readonly links: readonly { readonly pre: number; readonly delay: number }[];
  /** Monitored populations and their logs. */
  readonly monitored: readonly StepLog[];
}

/** One monitored population's log, byte offsets: counts (one per step, {@link RUN_CHUNK}) and spike indices. */
export interface StepLog {
  readonly population: number;
  readonly counts: number;
  readonly spikes: number;
  /** Spike indices the log holds. */
  readonly capacity: number;
  /** The most one step adds: the population's size. */
  readonly size: number;
}

/** Steps one `run` call does at most (the log's count rows). */
export const RUN_CHUNK = 1024;

/** Populations whose spikes a monitor reads every step (spike monitors, `spike` state monitors), in plan order. */
export function monitoredPopulations(plan: KernelPlan): number[] {
  const names = new Set(plan.monitors.flatMap((m) => (m.kind === 'spikes' || (m.kind === 'state' && m.variable === 'spike') ? [m.population] : [])));
  return plan.populations.filter((p) => names.has(p.name)).map((p) => p.index);
}

/** A log's capacity in spike indices: at least four steps of every neuron spiking, at least 16 Ki. */
const logCapacity = (size: number) => Math.max(4 * size, 16384);

/** Arena bytes {@link allocateStepLoop} takes. */
export function stepLoopBytes(plan: KernelPlan, threads: number): number {
  const logs = monitoredPopulations(plan).reduce((n, p) => n + arenaBytes(4, RUN_CHUNK) + arenaBytes(4, logCapacity(plan.populations[p]!.size)), 0);
  return arenaBytes(4, plan.populations.length * plan.spikeSlots * threads) + threads * arenaBytes(4, 2) + logs;
}

/** The fused loop's tables in the arena: the ring's buffer offsets, the logs (with their views) and each thread's loop. */
export function allocateStepLoop(
  plan: KernelPlan,
  arena: WasmArena,
  tables: { counts: Int32Array; ctl: Int32Array },
  views: readonly (readonly (readonly Int32Array[])[])[],
  links: readonly { readonly pre: number; readonly delay: number }[],
  threads: number,
): { loops: StepLoop[]; logs: { population: number; counts: Int32Array; spikes: Int32Array }[] } {
  const ring = arena.alloc(Int32Array, plan.populations.length * plan.spikeSlots * threads);
  views.forEach((slots, p) => slots.forEach((v, slot) => v.forEach((u, w) => (ring[(p * plan.spikeSlots + slot) * threads + w] = arena.ptr(u)))));
  const logs = monitoredPopulations(plan).map((p) => ({ population: p, counts: arena.alloc(Int32Array, RUN_CHUNK), spikes: arena.alloc(Int32Array, logCapacity(plan.populations[p]!.size)) }));
  const monitored = logs.map((l) => ({ population: l.population, counts: arena.ptr(l.counts), spikes: arena.ptr(l.spikes), capacity: l.spikes.length, size: plan.populations[l.population]!.size }));
  const loops = Array.from({ length: threads }, (_, w): StepLoop => ({
    populations: plan.populations.length,
    slots: plan.spikeSlots,
    dt: plan.dt,
    threads,
    thread: w,
    counts: arena.ptr(tables.counts),
    ring: arena.ptr(ring),
    ctl: arena.ptr(tables.ctl),
    spin: arena.ptr(arena.alloc(Int32Array, 2)),
    links,
    monitored: w === 0 ? monitored : [],
  }));
  return { loops, logs };
}

/** Module bytes: the kernels (`p<k>`, `c<k>`), philox.ts's random draws when a kernel draws, and, with `loop`, `run` (and `barrier` with several threads). */
export function stepModuleBytes(populations: readonly (WasmFunction | undefined)[], links: readonly (WasmFunction | undefined)[], memory: { shared: boolean; pages: number }, loop?: StepLoop): Uint8Array {
  // The random draws first (at RANDOM_FUNCTION, where kernels printed before the module call them),
  // only when a kernel draws; otherwise the kernels are the first functions (no call reaches
  // RANDOM_FUNCTION then, and run's calls use the indices given here).
  const random = [...populations, ...links].some((f) => f?.random === true);
  const fns: (WasmFunction & { name?: string })[] = random ? [...PHILOX_FUNCTIONS] : [];
  const index = (f: WasmFunction | undefined, name: string) => {
    if (!f) return -1;
    fns.push({ ...f, name });
    return STEP_FUNCTION + fns.length - 1;
  };
  const pops = populations.map((f, k) => index(f, `p${k}`));
  const conns = links.map((f, k) => index(f, `c${k}`));
  if (loop) {
    if (pops.includes(-1) || conns.includes(-1)) throw new Error('internal: the fused step loop needs every kernel in WebAssembly');
    const barrier = loop.threads > 1 ? index(barrierFunction(loop.ctl, loop.spin, loop.thread, loop.threads), 'barrier') : -1;
    fns.push({ ...runFunction(loop, pops, conns, barrier), name: 'run' });
  }
  return functionsModuleBytes(fns, memory, random ? PHILOX_GLOBALS : []);
}

// run's locals: 0 step0, 1 steps (params); 2 k, 3 step, 4 slot, 5 count, 6 from, 7 total, then
// each log's used entries (i32); then t (f64).
const [STEP0, STEPS, K, STEP, SLOT, COUNT, FROM, TOTAL, USED] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

function runFunction(loop: StepLoop, pops: readonly number[], conns: readonly number[], barrier: number): WasmFunction {
  const { populations: P, slots, monitored, threads: N, thread: w } = loop;
  const M = monitored.length;
  const T = USED + M;
  const c = new Bytes();
  const get = (k: number) => c.u8(OP.localGet).u32(k);
  const set = (k: number) => c.u8(OP.localSet).u32(k);
  const i32 = (x: number) => c.u8(OP.i32Const).s32(x);
  /** Pushes the byte offset of thread u's spike buffer of population p, slot in local `slot`. */
  const spikeBuffer = (p: number, slot: number, u: number) => {
    get(slot);
    i32(4 * N);
    c.u8(OP.i32Mul).u8(OP.i32Load).u32(2).u32(loop.ring + 4 * (p * slots * N + u));
  };
  /** Pushes counts[slot][p][u] (slot in local `slot`). */
  const countOf = (p: number, slot: number, u: number) => {
    get(slot);
    i32(4 * P * N);
    c.u8(OP.i32Mul).u8(OP.i32Load).u32(2).u32(loop.counts + 4 * (p * N + u));
  };
  if (M > 0) {
    // steps = min(steps, RUN_CHUNK): the log has a row of counts per step.
    i32(RUN_CHUNK);
    get(STEPS);
    get(STEPS);
    i32(RUN_CHUNK);
    c.u8(OP.i32GtS, OP.select);
    set(STEPS);
  }
  c.u8(OP.block, 0x40, OP.loop, 0x40);
  get(K);
  get(STEPS);
  c.u8(OP.i32GeS, OP.brIf).u32(1);
  monitored.forEach((log, m) => {
    // Stop while each log still holds a step of all its neurons spiking.
    get(USED + m);
    i32(log.capacity - log.size);
    c.u8(OP.i32GtS, OP.brIf).u32(1);
  });
  get(STEP0);
  get(K);
  c.u8(OP.i32Add);
  c.u8(OP.localTee).u32(STEP);
  // t = step * dt, as the JavaScript loop computes it.
  c.u8(OP.f64ConvertI32S).u8(OP.f64Const).f64(loop.dt).u8(OP.f64Mul);
  set(T);
  get(STEP);
  i32(slots);
  c.u8(OP.i32RemU);
  set(SLOT);
  pops.forEach((fn, p) => {
    // counts[slot][p][w] = p<k>(step, t, this thread's spike buffer of this slot)
    get(SLOT);
    i32(4 * P * N);
    c.u8(OP.i32Mul);
    get(STEP);
    get(T);
    spikeBuffer(p, SLOT, w);
    c.u8(OP.call).u32(fn);
    c.u8(OP.i32Store).u32(2).u32(loop.counts + 4 * (p * N + w));
  });
  if (barrier >= 0) {
    // Every thread's spikes of this step are written; another thread failed: −1.
    c.u8(OP.call).u32(barrier).u8(OP.if, 0x40);
    i32(-1);
    c.u8(OP.return, OP.end);
  }
  monitored.forEach((log, m) => {
    // The step's spikes of every thread, in thread order: memory.copy(log.spikes + 4·(used + total), spikes, 4·count).
    i32(0);
    set(TOTAL);
    for (let u = 0; u < N; u++) {
      get(USED + m);
      get(TOTAL);
      c.u8(OP.i32Add);
      i32(2);
      c.u8(OP.i32Shl);
      i32(log.spikes);
      c.u8(OP.i32Add);
      spikeBuffer(log.population, SLOT, u);
      countOf(log.population, SLOT, u);
      c.u8(OP.localTee).u32(COUNT);
      i32(2);
      c.u8(OP.i32Shl);
      c.u8(0xfc).u32(10).u8(0, 0);
      get(TOTAL);
      get(COUNT);
      c.u8(OP.i32Add);
      set(TOTAL);
    }
    get(K);
    i32(2);
    c.u8(OP.i32Shl);
    get(TOTAL);
    c.u8(OP.i32Store).u32(2).u32(log.counts);
    get(USED + m);
    get(TOTAL);
    c.u8(OP.i32Add);
    set(USED + m);
  });
  loop.links.forEach(({ pre, delay }, k) => {
    // The spikes of step s − delay + 1 (none before step 0) of every thread, in thread order.
    c.u8(OP.block, 0x40);
    get(STEP);
    i32(delay - 1);
    c.u8(OP.i32Sub).u8(OP.localTee).u32(FROM);
    i32(0);
    c.u8(OP.i32LtS, OP.brIf).u32(0);
    get(FROM);
    i32(slots);
    c.u8(OP.i32RemU);
    set(FROM);
    for (let u = 0; u < N; u++) {
      c.u8(OP.block, 0x40);
      countOf(pre, FROM, u);
      c.u8(OP.localTee).u32(COUNT);
      c.u8(OP.i32Eqz, OP.brIf).u32(0);
      spikeBuffer(pre, FROM, u);
      get(COUNT);
      c.u8(OP.call).u32(conns[k]!);
      c.u8(OP.end);
    }
    c.u8(OP.end);
  });
  get(K);
  i32(1);
  c.u8(OP.i32Add);
  set(K);
  c.u8(OP.br).u32(0).u8(OP.end, OP.end);
  get(K);
  c.u8(OP.end);
  return {
    params: [I32, I32],
    results: [I32],
    locals: [
      [6 + M, I32],
      [1, F64],
    ],
    body: c.out,
  };
}
