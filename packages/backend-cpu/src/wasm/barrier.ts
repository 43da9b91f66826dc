import { Bytes, I32, OP, type WasmFunction } from './assembler.js';
import { arrivalWord, CTL } from '../step-loop.js';

/** Atomic opcodes (after the 0xfe prefix). */
const ATOMIC = { notify: 0x00, wait32: 0x01, load: 0x10, store: 0x17, add: 0x1e, sub: 0x25 } as const;

/** Spin budget of the barrier, in iterations of its waiting loop (a few ns each). */
const SPIN_MIN = 64;
const SPIN_MAX = 1 << 15;

/**
 * The barrier of the step loop (step-loop.ts `barrier`: the same protocol on the same control
 * words, so the two can meet) as a WebAssembly function `() → failed: i32`, for the fused loop
 * with several threads. Each thread counts the barriers it has reached in its own arrival word
 * (a cache line of its own) and waits until every other thread's word has reached its count:
 * one store and one read of each other line per barrier, no read-modify-write on a shared word.
 * A thread spins for a budget of iterations that grows while spinning ends the waits and halves
 * when they end asleep (the other threads are slower, or not running), then sleeps in
 * `memory.atomic.wait32` on the awaited thread's word, which that thread wakes when its sleeper
 * count (next to the word) is not zero, checking for a failed thread every 50 ms. `spin` is the
 * byte offset of this thread's budget and wait count (two i32, 0 at first).
 */
export function barrierFunction(ctl: number, spin: number, thread: number, threads: number): WasmFunction {
  // Locals: 0 count (this barrier's), 1 k (the wait count, then spin iterations), 2 budget, 3 slept, 4 seen.
  const [COUNT, K, BUDGET, SLEPT, SEEN] = [0, 1, 2, 3, 4];
  const c = new Bytes();
  const atomic = (op: number, word: number) => c.u8(0xfe).u32(op).u32(2).u32(ctl + 4 * word);
  const i32 = (x: number) => c.u8(OP.i32Const).s32(x);
  const get = (k: number) => c.u8(OP.localGet).u32(k);
  const set = (k: number) => c.u8(OP.localSet).u32(k);
  /** Pushes whether thread u's arrival word has reached this barrier's count (wrapping difference ≥ 0). */
  const arrived = (u: number, tee?: number) => {
    i32(0);
    atomic(ATOMIC.load, arrivalWord(u));
    if (tee !== undefined) c.u8(OP.localTee).u32(tee);
    get(COUNT);
    c.u8(OP.i32Sub);
    i32(0);
    c.u8(OP.i32GeS);
  };
  const sleepers = (u: number, op: number) => {
    i32(0);
    i32(1);
    atomic(op, arrivalWord(u) + 1);
    c.u8(0x1a); // drop
  };
  // Stores the new budget (pushed by `budget`, kept in BUDGET) clamped to `limit`: `keep` (i32.lt_s
  // for a maximum, i32.gt_s for a minimum) says when the new budget itself stays.
  const storeBudget = (budget: () => void, limit: number, keep: number) => {
    i32(0);
    budget();
    c.u8(OP.localTee).u32(BUDGET);
    i32(limit);
    get(BUDGET);
    i32(limit);
    c.u8(keep, OP.select);
    c.u8(OP.i32Store).u32(2).u32(spin);
  };
  // count = own word + 1, stored; wake the threads asleep on it.
  i32(0);
  i32(0);
  atomic(ATOMIC.load, arrivalWord(thread));
  i32(1);
  c.u8(OP.i32Add);
  c.u8(OP.localTee).u32(COUNT);
  atomic(ATOMIC.store, arrivalWord(thread));
  i32(0);
  atomic(ATOMIC.load, arrivalWord(thread) + 1);
  c.u8(OP.if, 0x40);
  i32(0);
  i32(threads);
  atomic(ATOMIC.notify, arrivalWord(thread));
  c.u8(0x1a, OP.end);
  // budget = the stored budget; the maximum at first and every 512 waits, to probe whether the
  // machine has become free again (as the JavaScript barrier does).
  i32(0);
  i32(0);
  c.u8(OP.i32Load).u32(2).u32(spin + 4);
  i32(1);
  c.u8(OP.i32Add);
  c.u8(OP.localTee).u32(K);
  c.u8(OP.i32Store).u32(2).u32(spin + 4);
  i32(0);
  c.u8(OP.i32Load).u32(2).u32(spin);
  c.u8(OP.localTee).u32(BUDGET);
  c.u8(OP.i32Eqz);
  get(K);
  i32(511);
  c.u8(OP.i32And, OP.i32Eqz, OP.i32Or, OP.if, 0x40);
  i32(SPIN_MAX);
  set(BUDGET);
  c.u8(OP.end);
  for (let u = 0; u < threads; u++) {
    if (u === thread) continue;
    c.u8(OP.block, 0x40);
    // Spin while the budget lasts (once a wait ended asleep, the next threads are waited for asleep).
    i32(0);
    set(K);
    c.u8(OP.loop, 0x40);
    arrived(u);
    c.u8(OP.brIf).u32(1);
    get(K);
    i32(1);
    c.u8(OP.i32Add);
    c.u8(OP.localTee).u32(K);
    get(BUDGET);
    c.u8(OP.i32LtS);
    get(SLEPT);
    c.u8(OP.i32Eqz, OP.i32And, OP.brIf).u32(0);
    c.u8(OP.end);
    // Sleep on thread u's word until it arrives; a failed thread: 1.
    i32(1);
    set(SLEPT);
    c.u8(OP.loop, 0x40);
    i32(0);
    atomic(ATOMIC.load, CTL.FAILED);
    c.u8(OP.if, 0x40);
    i32(1);
    c.u8(OP.return, OP.end);
    sleepers(u, ATOMIC.add);
    arrived(u, SEEN);
    c.u8(OP.if, 0x40);
    sleepers(u, ATOMIC.sub);
    c.u8(OP.br).u32(2);
    c.u8(OP.end);
    i32(0);
    get(SEEN);
    c.u8(0x42).s32(50_000_000); // i64.const: 50 ms in ns
    atomic(ATOMIC.wait32, arrivalWord(u));
    c.u8(0x1a);
    sleepers(u, ATOMIC.sub);
    arrived(u);
    c.u8(OP.brIf).u32(1);
    c.u8(OP.br).u32(0);
    c.u8(OP.end, OP.end);
  }
  // Waits ended spinning: budget += budget / 4 (at most SPIN_MAX); asleep: budget /= 2 (at least SPIN_MIN).
  get(SLEPT);
  c.u8(OP.if, 0x40);
  storeBudget(() => {
    get(BUDGET);
    i32(1);
    c.u8(0x75); // i32.shr_s
  }, SPIN_MIN, OP.i32GtS);
  c.u8(0x05); // else
  storeBudget(() => {
    get(BUDGET);
    get(BUDGET);
    i32(2);
    c.u8(0x75);
    c.u8(OP.i32Add);
  }, SPIN_MAX, OP.i32LtS);
  c.u8(OP.end);
  i32(0);
  c.u8(OP.end);
  return { params: [], results: [I32], locals: [[5, I32]], body: c.out };
}
