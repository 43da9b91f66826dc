import { Bytes, I32, OP, type WasmFunction } from './assembler.js';
import { CTL } from '../step-loop.js';

/** Atomic opcodes (after the 0xfe prefix). */
const ATOMIC = { notify: 0x00, wait32: 0x01, load: 0x10, store: 0x17, add: 0x1e, sub: 0x25 } as const;

/** Spin budget of the barrier, in iterations of its waiting loop (a few ns each). */
const SPIN_MIN = 64;
const SPIN_MAX = 1 << 15;

/**
 * The barrier of the step loop (step-loop.ts `barrier`, same control words, so the two can meet)
 * as a WebAssembly function `() → failed: i32`, for the fused loop with several threads: the last
 * thread to arrive resets the count, bumps the generation and wakes the sleepers (only when there
 * are any: `memory.atomic.notify` costs a lock); the others spin on the generation for a budget of
 * iterations that grows while spinning ends the waits and halves when they end asleep (the other
 * threads are slower, or not running), then sleep in `memory.atomic.wait32`, checking for a failed
 * thread every 50 ms. `spin` is the byte offset of this thread's budget and wait count (two i32, 0 at
 * first).
 */
export function barrierFunction(ctl: number, spin: number, threads: number): WasmFunction {
  // Locals: 0 generation, 1 k (the wait count, then spin iterations), 2 budget.
  const [GEN, K, BUDGET] = [0, 1, 2];
  const c = new Bytes();
  const atomic = (op: number, word: number) => c.u8(0xfe).u32(op).u32(2).u32(ctl + 4 * word);
  const i32 = (x: number) => c.u8(OP.i32Const).s32(x);
  const get = (k: number) => c.u8(OP.localGet).u32(k);
  const set = (k: number) => c.u8(OP.localSet).u32(k);
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
  i32(0);
  atomic(ATOMIC.load, CTL.GENERATION);
  set(GEN);
  i32(0);
  i32(1);
  atomic(ATOMIC.add, CTL.ARRIVED);
  i32(threads - 1);
  c.u8(OP.i32Eq, OP.if, 0x40);
  {
    i32(0);
    i32(0);
    atomic(ATOMIC.store, CTL.ARRIVED);
    i32(0);
    i32(1);
    atomic(ATOMIC.add, CTL.GENERATION);
    c.u8(0x1a); // drop
    i32(0);
    atomic(ATOMIC.load, CTL.SLEEPERS);
    c.u8(OP.if, 0x40);
    i32(0);
    i32(threads);
    atomic(ATOMIC.notify, CTL.GENERATION);
    c.u8(0x1a);
    c.u8(OP.end);
    i32(0);
    c.u8(OP.return, OP.end);
  }
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
  i32(0);
  set(K);
  // Spin: the generation changed → budget += budget / 4 (at most SPIN_MAX), done.
  c.u8(OP.block, 0x40, OP.loop, 0x40);
  i32(0);
  atomic(ATOMIC.load, CTL.GENERATION);
  get(GEN);
  c.u8(OP.i32Ne, OP.if, 0x40);
  {
    storeBudget(() => {
      get(BUDGET);
      get(BUDGET);
      i32(2);
      c.u8(0x75); // i32.shr_s
      c.u8(OP.i32Add);
    }, SPIN_MAX, OP.i32LtS);
    i32(0);
    c.u8(OP.return, OP.end);
  }
  get(K);
  i32(1);
  c.u8(OP.i32Add);
  c.u8(OP.localTee).u32(K);
  get(BUDGET);
  c.u8(OP.i32LtS, OP.brIf).u32(0);
  c.u8(OP.end, OP.end);
  // Waits end asleep: budget /= 2 (at least SPIN_MIN).
  storeBudget(() => {
    get(BUDGET);
    i32(1);
    c.u8(0x75); // i32.shr_s
  }, SPIN_MIN, OP.i32GtS);
  // Sleep until the generation changes; a failed thread: 1.
  c.u8(OP.loop, 0x40);
  i32(0);
  atomic(ATOMIC.load, CTL.FAILED);
  c.u8(OP.if, 0x40);
  i32(1);
  c.u8(OP.return, OP.end);
  i32(0);
  i32(1);
  atomic(ATOMIC.add, CTL.SLEEPERS);
  c.u8(0x1a);
  i32(0);
  get(GEN);
  c.u8(0x42).s32(50_000_000); // i64.const: 50 ms in ns
  atomic(ATOMIC.wait32, CTL.GENERATION);
  c.u8(0x1a);
  i32(0);
  i32(1);
  atomic(ATOMIC.sub, CTL.SLEEPERS);
  c.u8(0x1a);
  i32(0);
  atomic(ATOMIC.load, CTL.GENERATION);
  get(GEN);
  c.u8(OP.i32Eq, OP.brIf).u32(0);
  c.u8(OP.end);
  i32(0);
  c.u8(OP.end);
  return { params: [], results: [I32], locals: [[3, I32]], body: c.out };
}
