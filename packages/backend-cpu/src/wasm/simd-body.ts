import type { Expr } from '@spikeflow/core/ir';
import { SHARED_INDEX } from '@spikeflow/core/rng';
import { Bytes, F64, hostIndex, I32, isHostFunction, OP, SIMD, V128, type HostFunction } from './assembler.js';
import { RANDOM_FUNCTION } from './philox.js';

/**
 * A SIMD (f64x2) function body over neurons i, i + 1 and the IR → WebAssembly SIMD printer: the
 * same IEEE double operations in the same order as the JavaScript printer, so results are
 * identical bit for bit (WebAssembly neither fuses nor reorders floating-point operations).
 * Functions without a SIMD instruction (exp, log, pow, …) call the host function once per lane;
 * random draws call the module's own Philox functions (philox.ts), one call for both lanes.
 */

type Kind = 'num' | 'mask';

const CMP: Record<string, keyof typeof SIMD> = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '==': 'eq', '!=': 'ne' };
const ARITH: Record<string, keyof typeof SIMD> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' };

/** Locals 0–2 are the parameters (step: i32, t: f64, spikes: i32). */
export class SimdBody {
  readonly code = new Bytes();
  private readonly v128Locals = new Map<string, number>();
  private readonly constants = new Map<string, number>();
  private readonly constantValues: number[] = [];
  private v128Count = 0;
  /** Whether the body draws random numbers (its module then needs philox.ts's functions). */
  random = false;
  static readonly STEP = 0;
  static readonly T = 1;
  static readonly SPIKES = 2;
  static readonly I = 3;
  static readonly COUNT = 4;
  static readonly OFF = 5;
  static readonly STEPF = 6; // f64
  static readonly SCRATCH = 7; // f64
  private static readonly FIRST_V128 = 8;

  /** `table`: where constants are stored (in the kernel's memory); without it they are immediates. */
  constructor(private readonly table?: Float64Array) {}

  /** The v128 local named `name` (generated identifiers of the plan, or `$…` for the body's own). */
  local(name: string): number {
    let k = this.v128Locals.get(name);
    if (k === undefined) {
      k = SimdBody.FIRST_V128 + this.v128Count++;
      this.v128Locals.set(name, k);
    }
    return k;
  }

  fresh(): number {
    return this.local(`$tmp${this.v128Count}`);
  }

  simd(op: keyof typeof SIMD, ...imm: number[]) {
    this.code.u8(0xfd).u32(SIMD[op]);
    for (const x of imm) this.code.u32(x);
    return this;
  }

  /**
   * A splatted constant, read from a table in memory: V8's wasm compiler turns constants (even
   * ones kept in locals) into 3-instruction rematerializations at every use; a load from memory is
   * one instruction, or a memory operand.
   */
  vconst(x: number) {
    const key = Array.from(new Uint8Array(new Float64Array([x]).buffer)).join(',');
    let j = this.constants.get(key);
    if (j === undefined) {
      j = this.constants.size;
      this.constants.set(key, j);
      this.constantValues.push(x);
    }
    if (!this.table || 2 * j + 1 >= this.table.length - 2) {
      this.code.u8(0xfd).u32(SIMD.const).f64(x).f64(x);
      return;
    }
    this.table[2 * j] = x;
    this.table[2 * j + 1] = x;
    this.get(this.local(`$const${j}`));
  }

  get(k: number) {
    this.code.u8(OP.localGet).u32(k);
  }
  set(k: number) {
    this.code.u8(OP.localSet).u32(k);
  }
  /** v128.load at off + base (16-byte aligned). */
  load(base: number) {
    this.get(SimdBody.OFF);
    this.simd('load', 4, base);
  }
  /** v128.store of the value in local k at off + base. */
  store(base: number, k: number) {
    this.get(SimdBody.OFF);
    this.get(k);
    this.simd('store', 4, base);
  }

  /** Pushes f64 arguments for lane `lane`, calls host function `fn` per lane, and rebuilds the vector. */
  hostCall(fn: HostFunction, lanes: (lane: number) => void) {
    lanes(0);
    this.code.u8(OP.call).u32(hostIndex(fn));
    lanes(1);
    this.code.u8(OP.call).u32(hostIndex(fn));
    this.code.u8(OP.localSet).u32(SimdBody.SCRATCH);
    this.simd('f64x2Splat');
    this.code.u8(OP.localGet).u32(SimdBody.SCRATCH);
    this.simd('f64x2ReplaceLane');
    this.code.u8(1);
  }

  /** Lane `lane` of the vector in local k, as an f64 on the stack. */
  lane(k: number, lane: number) {
    this.get(k);
    this.simd('f64x2ExtractLane');
    this.code.u8(lane);
  }

  /** Wraps the body: locals, the loop over i = lo, lo + 2, …, < hi, and the return of the spike count. */
  finish(lo: number, hi: number, body: () => void): { locals: [number, number][]; body: number[] } {
    const step = this.local('$step');
    const t = this.local('$t');
    body();
    const f = new Bytes();
    // stepF = f64(step); the splats of step and t; i = lo; count = 0
    f.u8(OP.localGet).u32(SimdBody.STEP).u8(OP.f64ConvertI32S).u8(OP.localTee).u32(SimdBody.STEPF);
    f.u8(0xfd).u32(SIMD.f64x2Splat).u8(OP.localSet).u32(step);
    if (this.table) {
      // The step's splat goes through memory (the table's last slot): V8 would otherwise rebuild it
      // from the integer inside the loop where registers are short, and its int → double conversion
      // (cvtsi2sd) merges into a scratch register the loop also writes — a false dependency that
      // chains every iteration to the previous one (measured: 1.6× slower on CUBA).
      const slot = this.table.byteOffset + 8 * (this.table.length - 2);
      f.u8(OP.i32Const).s32(0).u8(OP.localGet).u32(step).u8(0xfd).u32(SIMD.store).u32(4).u32(slot);
      f.u8(OP.i32Const).s32(0).u8(0xfd).u32(SIMD.load).u32(4).u32(slot).u8(OP.localSet).u32(step);
      // The same for the scalar (random draws' argument).
      f.u8(OP.i32Const).s32(0).u8(OP.f64Load).u32(3).u32(slot).u8(OP.localSet).u32(SimdBody.STEPF);
    }
    f.u8(OP.localGet).u32(SimdBody.T).u8(0xfd).u32(SIMD.f64x2Splat).u8(OP.localSet).u32(t);
    // Constants: loaded from the table before the loop (a load is not a compile-time constant,
    // so V8 keeps it in a register or a spill slot instead of rebuilding it at every use).
    if (this.table) {
      for (let j = 0; j < this.constantValues.length && 2 * j + 1 < this.table.length - 2; j++) {
        f.u8(OP.i32Const).s32(0).u8(0xfd).u32(SIMD.load).u32(4).u32(this.table.byteOffset + 16 * j).u8(OP.localSet).u32(this.local(`$const${j}`));
      }
    }
    f.u8(OP.i32Const).s32(lo).u8(OP.localSet).u32(SimdBody.I);
    f.u8(OP.i32Const).s32(0).u8(OP.localSet).u32(SimdBody.COUNT);
    f.u8(OP.block, 0x40, OP.loop, 0x40);
    f.u8(OP.localGet).u32(SimdBody.I).u8(OP.i32Const).s32(hi).u8(OP.i32GeS).u8(OP.brIf).u32(1);
    f.u8(OP.localGet).u32(SimdBody.I).u8(OP.i32Const).s32(3).u8(OP.i32Shl).u8(OP.localSet).u32(SimdBody.OFF);
    f.bytes(this.code.out);
    f.u8(OP.localGet).u32(SimdBody.I).u8(OP.i32Const).s32(2).u8(OP.i32Add).u8(OP.localSet).u32(SimdBody.I);
    f.u8(OP.br).u32(0).u8(OP.end, OP.end);
    f.u8(OP.localGet).u32(SimdBody.COUNT).u8(OP.end);
    return {
      locals: [
        [3, I32],
        [2, F64],
        [this.v128Count, V128],
      ],
      body: f.out,
    };
  }
}

export type Emit = (f: SimdBody) => Kind;
/** How names of one model instance are read: a per-lane value pushed on the stack. */
export type Resolver = (name: string, role: string) => Emit;
/** Random draws of a block: its stream, or no draws (NaN, as in the JavaScript kernel). */
export type RandomStream = number | 'none';

/** Emits `e` (two lanes) and returns whether it left a number or a mask on the stack. */
export function emitExpr(f: SimdBody, e: Expr, resolve: Resolver, stream: RandomStream): Kind {
  const num = (x: Expr) => toNum(f, emitExpr(f, x, resolve, stream));
  const mask = (x: Expr) => toMask(f, emitExpr(f, x, resolve, stream));
  switch (e.kind) {
    case 'num':
      f.vconst(e.value);
      return 'num';
    case 'ref':
      return resolve(e.name, e.role)(f);
    case 'unary':
      if (e.op === '-') {
        num(e.arg);
        f.simd('neg');
        return 'num';
      }
      mask(e.arg);
      f.simd('not');
      return 'mask';
    case 'binary': {
      if (e.op === '&&' || e.op === '||') {
        mask(e.left);
        mask(e.right);
        f.simd(e.op === '&&' ? 'and' : 'or');
        return 'mask';
      }
      if (e.op === '**') {
        hostLanes(f, 'pow', [e.left, e.right], num);
        return 'num';
      }
      num(e.left);
      num(e.right);
      if (CMP[e.op]) {
        f.simd(CMP[e.op]!);
        return 'mask';
      }
      f.simd(ARITH[e.op]!);
      return 'num';
    }
    case 'cond':
      num(e.then);
      num(e.else);
      mask(e.test);
      f.simd('bitselect');
      return 'num';
    case 'call':
      if (e.site !== undefined) {
        randomLanes(f, e.fn, e.site, stream);
        return 'num';
      }
      return callExpr(f, e.fn, e.args, num);
  }
}

function callExpr(f: SimdBody, fn: string, args: readonly Expr[], num: (x: Expr) => void): Kind {
  const [a, b, c] = args;
  switch (fn) {
    case 'floor':
    case 'ceil':
    case 'sqrt':
    case 'abs':
      num(a!);
      f.simd(fn);
      return 'num';
    case 'min':
    case 'max':
      num(a!);
      num(b!);
      f.simd(fn);
      return 'num';
    case 'clip':
      num(a!);
      num(b!);
      f.simd('max');
      num(c!);
      f.simd('min');
      return 'num';
    case 'sign': {
      // Math.sign: 1 for x > 0, −1 for x < 0, x itself for ±0 and NaN.
      num(a!);
      const s = f.fresh();
      f.set(s);
      f.vconst(1);
      f.vconst(-1);
      f.get(s);
      f.get(s);
      f.vconst(0);
      f.simd('lt');
      f.simd('bitselect');
      f.get(s);
      f.vconst(0);
      f.simd('gt');
      f.simd('bitselect');
      return 'num';
    }
  }
  if (!isHostFunction(fn)) throw new Error(`internal: no WebAssembly form for ${fn}`);
  hostLanes(f, fn, args, num);
  return 'num';
}

/** A host function of vector arguments: each argument into a local, then one call per lane. */
function hostLanes(f: SimdBody, fn: HostFunction, args: readonly Expr[], num: (x: Expr) => void) {
  const locals = args.map((a) => {
    num(a);
    const k = f.fresh();
    f.set(k);
    return k;
  });
  f.hostCall(fn, (lane) => locals.forEach((k) => f.lane(k, lane)));
}

/**
 * A random draw per lane, `R.uniform|normal(stream, step, i (+1), site)` or at the shared index:
 * one call of the module's Philox function with the counters as i32 (the bits of JavaScript's
 * `>>> 0` of each argument).
 */
function randomLanes(f: SimdBody, fn: string, site: number, stream: RandomStream) {
  if (stream === 'none') {
    f.vconst(Number.NaN);
    return;
  }
  f.random = true;
  const c = f.code;
  if (fn.endsWith('_shared')) c.u8(OP.i32Const).s32(SHARED_INDEX | 0).u8(OP.i32Const).s32(SHARED_INDEX | 0);
  else c.u8(OP.localGet).u32(SimdBody.I).u8(OP.localGet).u32(SimdBody.I).u8(OP.i32Const).s32(1).u8(OP.i32Add);
  c.u8(OP.localGet).u32(SimdBody.STEP);
  c.u8(OP.i32Const).s32(site | 0);
  c.u8(OP.i32Const).s32(stream | 0);
  c.u8(OP.call).u32(RANDOM_FUNCTION[fn.startsWith('randn') ? 'normal' : 'uniform']);
}

/** A JavaScript boolean used as a number is 1 or 0. */
export function toNum(f: SimdBody, k: Kind): 'num' {
  if (k === 'mask') {
    f.vconst(1);
    f.simd('and');
  }
  return 'num';
}

/** JavaScript truthiness of a number: neither 0, −0 nor NaN. */
export function toMask(f: SimdBody, k: Kind): 'mask' {
  if (k === 'num') {
    const s = f.fresh();
    f.code.u8(OP.localTee).u32(s);
    f.get(s);
    f.simd('eq');
    f.get(s);
    f.vconst(0);
    f.simd('ne');
    f.simd('and');
  }
  return 'mask';
}
