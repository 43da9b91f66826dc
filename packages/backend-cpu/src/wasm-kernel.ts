import type { BuiltConnection, BuiltNetwork, BuiltPopulation, ModelInstance } from '@spikeflow/core/backend';
import type { Assign, Expr } from '@spikeflow/core/ir';
import type { StoredSynapses } from './synapse-storage.js';
import { Memory, type PopulationBuffers, type Values } from './buffers.js';
import type { PopulationKernel } from './population-kernel.js';

/**
 * The population kernel as WebAssembly with 128-bit SIMD: two neurons per instruction (f64x2),
 * the same IEEE double operations in the same order as the JavaScript kernel, so results are
 * identical bit for bit (WebAssembly neither fuses nor reorders floating-point operations).
 * Branches become lane selects: a clamped (refractory) update keeps the old value in lanes that
 * are refractory, reset statements apply only in lanes that spiked. Used for f64 simulations
 * whose per-neuron code is plain arithmetic, comparisons, conditions and
 * floor/ceil/sqrt/abs/min/max/clip/sign (what the exact integrator leaves after hoisting);
 * anything else (random draws, exp/log/…, `**`, array or external stimuli) keeps the JavaScript
 * kernel. Sparse propagation (onPre statements of the same kind) is WebAssembly too, scalar.
 * State arrays and sparse tables live in one WebAssembly.Memory (a {@link WasmArena}); JavaScript
 * code (dense propagation, monitors, getState) reads and writes them through typed-array views.
 *
 * Measured on CUBA (bench/README.md): with 2 lanes and V8's wasm compiler the population loop
 * takes about half the instructions of the JavaScript one; constants are read from a table in
 * memory, because V8 rebuilds constant vectors at every use otherwise.
 */

const PAGE = 65536;

/** The part of the WebAssembly API used here (typed locally: the project's lib has no DOM/wasm types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasmApi = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** A bump allocator over one WebAssembly.Memory, sized up front. Arrays are 16-byte aligned and padded to an even length. */
export class WasmArena extends Memory {
  readonly memory: WasmMemory;
  private next = 16;

  constructor(bytes: number, shared: boolean) {
    super(shared);
    const pages = Math.max(1, Math.ceil((bytes + 64) / PAGE));
    this.memory = new (wasmApi()!.Memory)(shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages, maximum: pages });
  }

  override alloc<C extends Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor>(Ctor: C, length: number): InstanceType<C> {
    const bytes = arenaBytes(Ctor.BYTES_PER_ELEMENT, length);
    if (this.next + bytes > this.memory.buffer.byteLength) throw new Error(`internal: WebAssembly arena too small (${this.memory.buffer.byteLength} bytes)`);
    const view = new (Ctor as unknown as new (b: ArrayBufferLike, o: number, n: number) => InstanceType<C>)(this.memory.buffer, this.next, length);
    this.next += bytes;
    return view;
  }

  override adopt<C extends Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor>(Ctor: C, src: ArrayLike<number>): InstanceType<C> {
    if (src instanceof Ctor && (src as unknown as Values).buffer === this.memory.buffer) return src as InstanceType<C>;
    return this.copy(Ctor, src);
  }

  /** A copy of a per-neuron value array, padded by repeating its last element (the spare SIMD lane). */
  values64(src: ArrayLike<number>): Float64Array {
    const out = this.alloc(Float64Array, src.length);
    out.set(src);
    const padded = new Float64Array(this.memory.buffer, out.byteOffset, out.length + (out.length % 2));
    if (padded.length > out.length) padded[out.length] = out[out.length - 1]!;
    return out;
  }
}

/** Bytes an arena reserves for `length` elements: even length, 16-byte aligned. */
const arenaBytes = (size: number, length: number) => Math.ceil((Math.ceil(length / 2) * 2 * size) / 16) * 16 + 16;

/** Counts what `allocateBuffers` and the WebAssembly kernels will take from an arena. */
export class CountingMemory extends Memory {
  bytes = 0;
  constructor() {
    super(false);
  }
  override alloc<C extends Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor>(Ctor: C, length: number): InstanceType<C> {
    this.bytes += arenaBytes(Ctor.BYTES_PER_ELEMENT, length);
    return super.alloc(Ctor, length);
  }
}

/** Doubles in each kernel's constant table (two per constant). */
const CONSTANT_TABLE = 512;

/** Arena bytes for the per-neuron parameters the WebAssembly kernels copy in, and their constant tables (`kernels` of them). */
export function parameterBytes(net: BuiltNetwork, kernels = net.populations.length): number {
  let bytes = kernels * arenaBytes(8, CONSTANT_TABLE);
  const count = (inst: ModelInstance) => {
    for (const v of inst.values.values()) if (typeof v !== 'number') bytes += arenaBytes(8, v.length);
    if (inst.refractorySteps !== undefined && typeof inst.refractorySteps !== 'number') bytes += arenaBytes(8, inst.refractorySteps.length);
  };
  net.populations.forEach((p) => count(p.instance));
  net.connections.forEach((c) => count(c.synapse));
  net.stimuli.forEach((s) => s.kind === 'model' && count(s.instance));
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Which models the SIMD kernel handles.

const UNARY_FN = new Set(['floor', 'ceil', 'sqrt', 'abs', 'sign']);
const BINARY_FN = new Set(['min', 'max']);

function exprSupported(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
      return true;
    case 'ref':
      return e.role !== 'weight';
    case 'unary':
      return exprSupported(e.arg);
    case 'binary':
      return e.op !== '**' && exprSupported(e.left) && exprSupported(e.right);
    case 'cond':
      return exprSupported(e.test) && exprSupported(e.then) && exprSupported(e.else);
    case 'call':
      if (e.site !== undefined) return false;
      if (!UNARY_FN.has(e.fn) && !BINARY_FN.has(e.fn) && e.fn !== 'clip') return false;
      return e.args.every(exprSupported);
  }
}

const stmtsSupported = (s: readonly Assign[]) => s.every((a) => exprSupported(a.value));

/** Whether population `pop`'s fused kernel can be WebAssembly (f64 only). */
export function wasmSupported(net: BuiltNetwork, pop: BuiltPopulation): boolean {
  if (!wasmApi()) return false;
  for (const s of net.stimuli) {
    if (s.population !== pop.name) continue;
    if (s.kind !== 'model') return false;
    if (!stmtsSupported(s.instance.model.step) || !s.instance.model.output || !exprSupported(s.instance.model.output)) return false;
  }
  for (const c of net.connections) {
    if (c.post !== pop.name) continue;
    if (!stmtsSupported(c.synapse.model.step) || !c.synapse.model.output || !exprSupported(c.synapse.model.output)) return false;
  }
  const m = pop.instance.model;
  return stmtsSupported(m.step) && stmtsSupported(m.reset) && !!m.threshold && exprSupported(m.threshold);
}

// ---------------------------------------------------------------------------------------------
// Binary encoding.

class Bytes {
  readonly out: number[] = [];
  u8(...b: number[]) {
    this.out.push(...b);
    return this;
  }
  u32(x: number) {
    do {
      let b = x & 0x7f;
      x >>>= 7;
      if (x !== 0) b |= 0x80;
      this.out.push(b);
    } while (x !== 0);
    return this;
  }
  s32(x: number) {
    for (;;) {
      const b = x & 0x7f;
      x >>= 7;
      if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) {
        this.out.push(b);
        return this;
      }
      this.out.push(b | 0x80);
    }
  }
  f64(x: number) {
    const b = new Uint8Array(new Float64Array([x]).buffer);
    this.out.push(...b);
    return this;
  }
  bytes(b: number[]) {
    this.out.push(...b);
    return this;
  }
  section(id: number, body: Bytes) {
    this.u8(id).u32(body.out.length).bytes(body.out);
  }
}

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Store: 0x36,
  i32Const: 0x41,
  i32GeS: 0x4e,
  i32LtS: 0x48,
  i32Add: 0x6a,
  i32Shl: 0x74,
  i32WrapI64: 0xa7,
  f64Add: 0xa0,
  f64ConvertI32S: 0xb7,
} as const;
const SIMD: Record<string, number> = {
  load: 0x00,
  store: 0x0b,
  const: 0x0c,
  i64x2ExtractLane: 0x1d,
  f64x2Splat: 0x14,
  eq: 0x47,
  ne: 0x48,
  lt: 0x49,
  gt: 0x4a,
  le: 0x4b,
  ge: 0x4c,
  not: 0x4d,
  and: 0x4e,
  or: 0x50,
  bitselect: 0x52,
  anyTrue: 0x53,
  ceil: 0x74,
  floor: 0x75,
  abs: 0xec,
  neg: 0xed,
  sqrt: 0xef,
  add: 0xf0,
  sub: 0xf1,
  mul: 0xf2,
  div: 0xf3,
  min: 0xf4,
  max: 0xf5,
};
const CMP: Record<string, string> = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '==': 'eq', '!=': 'ne' };
const ARITH: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' };

type Kind = 'num' | 'mask';

/** Emits the function body; locals 0–2 are the parameters (step: i32, t: f64, spikes: i32). */
class FunctionBody {
  readonly code = new Bytes();
  private readonly v128Locals = new Map<string, number>();
  private readonly constants = new Map<string, number>();
  private readonly constantValues: number[] = [];

  /** `table`: where constants are stored (in the kernel's memory); without it they are immediates. */
  constructor(private readonly table?: Float64Array) {}
  private v128Count = 0;
  // Fixed locals after the parameters.
  static readonly STEP = 0;
  static readonly T = 1;
  static readonly SPIKES = 2;
  static readonly I = 3;
  static readonly COUNT = 4;
  static readonly OFF = 5;
  static readonly STEPF = 6; // f64
  private static readonly FIRST_V128 = 7;

  local(name: string): number {
    let k = this.v128Locals.get(name);
    if (k === undefined) {
      k = FunctionBody.FIRST_V128 + this.v128Count++;
      this.v128Locals.set(name, k);
    }
    return k;
  }

  fresh(): number {
    return this.local(`$tmp${this.v128Count}`);
  }

  simd(op: string, ...imm: number[]) {
    this.code.u8(0xfd).u32(SIMD[op]!);
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
    if (!this.table || 2 * j + 1 >= this.table.length) {
      this.code.u8(0xfd).u32(SIMD.const!).f64(x).f64(x);
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
    this.get(FunctionBody.OFF);
    this.simd('load', 4, base);
  }
  /** v128.store of the value in local k at off + base. */
  store(base: number, k: number) {
    this.get(FunctionBody.OFF);
    this.get(k);
    this.simd('store', 4, base);
  }

  /** Wraps the body: locals, the loop over i = lo, lo + 2, …, < hi, and the return of the spike count. */
  finish(lo: number, hi: number, body: () => void): number[] {
    const step = this.local('$step');
    const t = this.local('$t');
    body();
    const f = new Bytes();
    f.u32(3).u32(3).u8(I32).u32(1).u8(F64).u32(this.v128Count).u8(V128);
    // stepF = f64(step); the splats of step and t; i = lo; count = 0
    f.u8(OP.localGet).u32(FunctionBody.STEP).u8(OP.f64ConvertI32S).u8(OP.localTee).u32(FunctionBody.STEPF);
    f.u8(0xfd).u32(SIMD.f64x2Splat!).u8(OP.localSet).u32(step);
    f.u8(OP.localGet).u32(FunctionBody.T).u8(0xfd).u32(SIMD.f64x2Splat!).u8(OP.localSet).u32(t);
    // Constants: loaded from the table before the loop (a load is not a compile-time constant,
    // so V8 keeps it in a register or a spill slot instead of rebuilding it at every use).
    if (this.table) {
      for (let j = 0; j < this.constantValues.length && 2 * j + 1 < this.table.length; j++) {
        f.u8(OP.i32Const).s32(0).u8(0xfd).u32(SIMD.load!).u32(4).u32(this.table.byteOffset + 16 * j).u8(OP.localSet).u32(this.local(`$const${j}`));
      }
    }
    f.u8(OP.i32Const).s32(lo).u8(OP.localSet).u32(FunctionBody.I);
    f.u8(OP.i32Const).s32(0).u8(OP.localSet).u32(FunctionBody.COUNT);
    f.u8(OP.block, 0x40, OP.loop, 0x40);
    f.u8(OP.localGet).u32(FunctionBody.I).u8(OP.i32Const).s32(hi).u8(OP.i32GeS).u8(OP.brIf).u32(1);
    f.u8(OP.localGet).u32(FunctionBody.I).u8(OP.i32Const).s32(3).u8(OP.i32Shl).u8(OP.localSet).u32(FunctionBody.OFF);
    f.bytes(this.code.out);
    f.u8(OP.localGet).u32(FunctionBody.I).u8(OP.i32Const).s32(2).u8(OP.i32Add).u8(OP.localSet).u32(FunctionBody.I);
    f.u8(OP.br).u32(0).u8(OP.end, OP.end);
    f.u8(OP.localGet).u32(FunctionBody.COUNT).u8(OP.end);
    return f.out;
  }
}

type Emit = (f: FunctionBody) => Kind;

/** How names of one model instance are read: a per-lane value pushed on the stack. */
type Resolver = (name: string, role: string) => Emit;

function emitExpr(f: FunctionBody, e: Expr, resolve: Resolver): Kind {
  const num = (x: Expr) => toNum(f, emitExpr(f, x, resolve));
  const mask = (x: Expr) => toMask(f, emitExpr(f, x, resolve));
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
    case 'call': {
      const [a, b, c] = e.args;
      switch (e.fn) {
        case 'floor':
        case 'ceil':
        case 'sqrt':
        case 'abs':
          num(a!);
          f.simd(e.fn);
          return 'num';
        case 'min':
        case 'max':
          num(a!);
          num(b!);
          f.simd(e.fn);
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
      throw new Error(`internal: no SIMD form for ${e.fn}`);
    }
  }
}

/** A JavaScript boolean used as a number is 1 or 0. */
function toNum(f: FunctionBody, k: Kind): 'num' {
  if (k === 'mask') {
    f.vconst(1);
    f.simd('and');
  }
  return 'num';
}

/** JavaScript truthiness of a number: neither 0, −0 nor NaN. */
function toMask(f: FunctionBody, k: Kind): 'mask' {
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

/**
 * Compiles the SIMD kernel of population `pop` over neurons lo..hi (lo even). Every array it
 * touches must be a view into `arena`. Returns the module bytes and the function's arena
 * pointers; {@link instantiateWasmKernel} makes the callable kernel.
 */
export function populationWasmKernel(net: BuiltNetwork, pop: BuiltPopulation, buffers: PopulationBuffers, arena: WasmArena, lo: number, hi: number, copies: Map<unknown, Float64Array>): Uint8Array {
  const f = new FunctionBody(arena.alloc(Float64Array, CONSTANT_TABLE));
  const ptr = (a: Values) => {
    if (a.buffer !== arena.memory.buffer) throw new Error('internal: kernel array outside the WebAssembly arena');
    return a.byteOffset;
  };
  // Per-neuron parameter arrays are copied into the arena once (shared between threads' kernels).
  const arrayIn = (v: Float64Array) => {
    let c = copies.get(v);
    if (!c) {
      c = arena.values64(v);
      copies.set(v, c);
    }
    return c;
  };
  const resolver = (prefix: string, inst: ModelInstance, inputs?: Map<string, number>): Resolver => (name, role) => {
    switch (role) {
      case 'parameter':
      case 'derived': {
        const v = inst.values.get(name)!;
        if (typeof v === 'number') {
          return (g) => (g.vconst(v), 'num');
        }
        const base = ptr(arrayIn(v));
        return (g) => (g.load(base), 'num');
      }
      case 'state':
        return (g) => (g.get(g.local(`${prefix}${name}`)), 'num');
      case 'temp':
        return (g) => (g.get(g.local(`${prefix}t${name}`)), 'num');
      case 'dt':
        return (g) => (g.vconst(net.dt), 'num');
      case 'time':
        return (g) => (g.get(g.local('$t')), 'num');
      case 'step':
        return (g) => (g.get(g.local('$step')), 'num');
      case 'input':
        return (g) => (g.get(inputs!.get(name)!), 'num');
      default:
        throw new Error(`internal: cannot resolve ${role} '${name}'`);
    }
  };
  const statements = (stmts: readonly Assign[], prefix: string, resolve: Resolver, guard?: (s: Assign) => number | undefined) => {
    for (const s of stmts) {
      const target = f.local(s.role === 'temp' ? `${prefix}t${s.target}` : `${prefix}${s.target}`);
      toNum(f, emitExpr(f, s.value, resolve));
      const g = guard?.(s);
      if (g !== undefined) {
        f.get(target);
        f.get(g);
        f.simd('bitselect');
      }
      f.set(target);
    }
  };
  const loadStates = (prefix: string, states: ReadonlyMap<string, Values>) => {
    for (const [name, arr] of states) {
      f.load(ptr(arr));
      f.set(f.local(`${prefix}${name}`));
    }
  };
  const storeStates = (prefix: string, states: ReadonlyMap<string, Values>) => {
    for (const [name, arr] of states) f.store(ptr(arr), f.local(`${prefix}${name}`));
  };

  const refractory = pop.instance.refractorySteps !== undefined;
  const refSteps = pop.instance.refractorySteps;
  const refStepsPtr = refSteps !== undefined && typeof refSteps !== 'number' ? ptr(arrayIn(refSteps)) : undefined;

  return wasmModule(
    f.finish(lo, hi, () => {
      const terms = new Map<string, number[]>(pop.instance.model.inputs.map((n) => [n, []]));
      net.stimuli.forEach((s, k) => {
        if (s.population !== pop.name || s.kind !== 'model') return;
        const prefix = `k${k}_`;
        const states = buffers.stimulusState.get(k)!;
        const resolve = resolver(prefix, s.instance);
        loadStates(prefix, states);
        statements(s.instance.model.step, prefix, resolve);
        storeStates(prefix, states);
        const out = f.local(`${prefix}out`);
        toNum(f, emitExpr(f, s.instance.model.output!, resolve));
        f.set(out);
        terms.get(s.input)?.push(out);
      });
      net.connections.forEach((c, k) => {
        if (c.post !== pop.name) return;
        const prefix = `c${k}_`;
        const states = buffers.synapseState.get(k)!;
        const resolve = resolver(prefix, c.synapse);
        loadStates(prefix, states);
        // The output is read before this step's decay, as in the JavaScript kernel.
        const out = f.local(`${prefix}out`);
        toNum(f, emitExpr(f, c.synapse.model.output!, resolve));
        f.set(out);
        statements(c.synapse.model.step, prefix, resolve);
        storeStates(prefix, states);
        terms.get(c.input)?.push(out);
      });
      const inputs = new Map<string, number>();
      for (const [name, list] of terms) {
        const k = f.local(`in_${name}`);
        if (list.length === 0) f.vconst(0);
        list.forEach((t, j) => {
          f.get(t);
          if (j > 0) f.simd('add');
        });
        f.set(k);
        inputs.set(name, k);
      }

      const inst = pop.instance;
      const model = inst.model;
      const resolve = resolver('n_', inst, inputs);
      loadStates('n_', buffers.state);
      const active = f.local('$active');
      if (refractory) {
        f.get(f.local('$step'));
        f.load(ptr(buffers.refractoryUntil));
        f.simd('gt');
        f.set(active);
      }
      statements(model.step, 'n_', resolve, (s) => (refractory && s.role === 'state' && model.clamped.has(s.target) ? active : undefined));
      const spiked = f.local('$spiked');
      toMask(f, emitExpr(f, model.threshold!, resolve));
      if (refractory) {
        f.get(active);
        f.simd('and');
      }
      f.set(spiked);
      f.get(spiked);
      f.simd('anyTrue');
      f.code.u8(OP.if, 0x40);
      {
        // Reset statements in order, each applied in the lanes that spiked.
        for (const s of model.reset) {
          const target = f.local(s.role === 'temp' ? `n_t${s.target}` : `n_${s.target}`);
          toNum(f, emitExpr(f, s.value, resolve));
          if (s.role === 'state') {
            f.get(target);
            f.get(spiked);
            f.simd('bitselect');
          }
          f.set(target);
        }
        if (refractory) {
          // REF_UNTIL = step + REF_STEPS where spiked.
          const refPtr = ptr(buffers.refractoryUntil);
          f.get(FunctionBody.OFF);
          f.get(f.local('$step'));
          if (refStepsPtr !== undefined) f.load(refStepsPtr);
          else f.vconst(refSteps as number);
          f.simd('add');
          f.load(refPtr);
          f.get(spiked);
          f.simd('bitselect');
          f.simd('store', 4, refPtr);
        }
        // spikes[count++] = i (and i + 1 when it is a neuron of this range), in neuron order.
        for (const lane of [0, 1]) {
          f.get(spiked);
          f.simd('i64x2ExtractLane');
          f.code.u8(lane);
          // The lane immediate follows the opcode directly (a byte, not a LEB u32 of a memarg).
          f.code.u8(OP.i32WrapI64);
          if (lane === 1) {
            f.code.u8(OP.localGet).u32(FunctionBody.I).u8(OP.i32Const).s32(1).u8(OP.i32Add).u8(OP.i32Const).s32(hi).u8(OP.i32LtS);
            f.code.u8(0x71); // i32.and
          }
          f.code.u8(OP.if, 0x40);
          f.code.u8(OP.localGet).u32(FunctionBody.SPIKES).u8(OP.localGet).u32(FunctionBody.COUNT).u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(OP.i32Add);
          f.code.u8(OP.localGet).u32(FunctionBody.I);
          if (lane === 1) f.code.u8(OP.i32Const).s32(1).u8(OP.i32Add);
          f.code.u8(OP.i32Store).u32(2).u32(0);
          f.code.u8(OP.localGet).u32(FunctionBody.COUNT).u8(OP.i32Const).s32(1).u8(OP.i32Add).u8(OP.localSet).u32(FunctionBody.COUNT);
          f.code.u8(OP.end);
        }
      }
      f.code.u8(OP.end);
      storeStates('n_', buffers.state);
    }),
    arena.shared,
    arena.memory.buffer.byteLength / PAGE,
  );
}

/** A module importing memory `m.mem` and exporting one function `step` (by default `(step: i32, t: f64, spikes: i32) -> i32`). */
function wasmModule(body: number[], shared: boolean, pages: number, params: number[] = [I32, F64, I32], results: number[] = [I32]): Uint8Array {
  const m = new Bytes().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  m.section(1, new Bytes().u32(1).u8(0x60).u32(params.length).u8(...params).u32(results.length).u8(...results));
  const imp = new Bytes().u32(1).u32(1).u8(0x6d).u32(3).bytes([0x6d, 0x65, 0x6d]).u8(0x02);
  imp.u8(shared ? 0x03 : 0x01).u32(pages).u32(pages);
  m.section(2, imp);
  m.section(3, new Bytes().u32(1).u32(0));
  m.section(7, new Bytes().u32(1).u32(4).bytes([0x73, 0x74, 0x65, 0x70]).u8(0x00).u32(0));
  m.section(10, new Bytes().u32(1).u32(body.length).bytes(body));
  return Uint8Array.from(m.out);
}

/** The callable kernel: `(step, t, spikes) => count`, spikes a view into the same memory. */
export function instantiateWasmKernel(bytes: Uint8Array, memory: WasmMemory): PopulationKernel {
  const api = wasmApi()!;
  const instance = new api.Instance(new api.Module(bytes), { m: { mem: memory } });
  const step = instance.exports.step as (step: number, t: number, spikes: number) => number;
  return (s, t, spikes) => step(s, t, spikes.byteOffset);
}

// ---------------------------------------------------------------------------------------------
// Propagation: one spiking presynaptic neuron's row of a sparse table at a time, scalar f64.

/** Whether connection `c`'s onPre statements can run as WebAssembly (sparse tables only). */
export function wasmPropagationSupported(c: BuiltConnection, stored: StoredSynapses): boolean {
  if (!wasmApi() || stored.format !== 'csr') return false;
  const ok = (e: Expr): boolean => {
    switch (e.kind) {
      case 'num':
        return true;
      case 'ref':
        // As in the JavaScript kernel, which has no t, step or dt in scope.
        return e.role === 'state' || e.role === 'parameter' || e.role === 'derived' || e.role === 'weight' || e.role === 'temp';
      case 'unary':
        return ok(e.arg);
      case 'binary':
        return e.op !== '**' && ok(e.left) && ok(e.right);
      case 'cond':
        return ok(e.test) && ok(e.then) && ok(e.else);
      case 'call':
        return e.site === undefined && (UNARY_FN.has(e.fn) || BINARY_FN.has(e.fn) || e.fn === 'clip') && e.args.every(ok);
    }
  };
  return c.synapse.model.onPre.every((a) => ok(a.value));
}

/** Arena bytes that `storeSynapses` takes for connection `c`'s sparse table, weights `weightBytes` each. */
export function tableBytes(c: BuiltConnection, weightBytes: number): number {
  const t = c.table;
  if (t.format !== 'csr') return 0;
  return arenaBytes(4, t.nPre + 1) + arenaBytes(4, t.post.length) + (weightBytes ? arenaBytes(weightBytes, t.post.length) : 0);
}

const F = {
  load: 0x2b,
  store: 0x39,
  i32Load: 0x28,
  f32Load: 0x2a,
  promote: 0xbb,
  const: 0x44,
  abs: 0x99,
  neg: 0x9a,
  ceil: 0x9b,
  floor: 0x9c,
  sqrt: 0x9f,
  add: 0xa0,
  sub: 0xa1,
  mul: 0xa2,
  div: 0xa3,
  min: 0xa4,
  max: 0xa5,
  eq: 0x61,
  ne: 0x62,
  lt: 0x63,
  gt: 0x64,
  le: 0x65,
  ge: 0x66,
  select: 0x1b,
  i32And: 0x71,
  i32Or: 0x72,
  i32Eqz: 0x45,
  i32Mul: 0x6c,
  i32LtU: 0x49,
  fromBool: 0xb8,
} as const;

/**
 * The propagation kernel as WebAssembly: for each spike, for each synapse of its row, the synapse
 * model's onPre statements in IEEE double arithmetic, in the order of the JavaScript kernel.
 * Signature `(spikes: i32, count: i32) -> ()`; every array must be in `arena`.
 */
export function propagateWasmKernel(c: BuiltConnection, state: ReadonlyMap<string, Values>, stored: StoredSynapses, arena: WasmArena, copies: Map<unknown, Float64Array>): Uint8Array {
  if (stored.format !== 'csr') throw new Error('internal: WebAssembly propagation needs a sparse table');
  const ptr = (a: Values | Uint32Array | Int32Array) => {
    if (a.buffer !== arena.memory.buffer) throw new Error('internal: kernel array outside the WebAssembly arena');
    return a.byteOffset;
  };
  // Locals: 0 spikes, 1 count (params); 2 q, 3 pre, 4 j, 5 end, 6 i (i32); 7 w, 8 scratch, then temps (f64).
  const [SPIKES, COUNT, Q, PRE, J, END, I, W, SCRATCH] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const temps = new Map<string, number>();
  const temp = (name: string) => {
    let k = temps.get(name);
    if (k === undefined) temps.set(name, (k = 9 + temps.size));
    return k;
  };
  const code = new Bytes();
  const get = (k: number) => code.u8(OP.localGet).u32(k);
  const f64const = (x: number) => code.u8(F.const).f64(x);
  const addr = (base: number) => {
    get(I);
    code.u8(OP.i32Const).s32(3).u8(OP.i32Shl);
    return base;
  };
  const inst = c.synapse;
  const arrayIn = (v: Float64Array) => {
    let copy = copies.get(v);
    if (!copy) copies.set(v, (copy = arena.values64(v)));
    return copy;
  };
  type SKind = 'num' | 'bool';
  const toNum = (k: SKind) => {
    if (k === 'bool') code.u8(F.fromBool);
  };
  const toBool = (k: SKind) => {
    if (k === 'num') {
      // Truthy: x == x (not NaN) and x != 0.
      code.u8(OP.localTee).u32(SCRATCH);
      get(SCRATCH);
      code.u8(F.eq);
      get(SCRATCH);
      f64const(0);
      code.u8(F.ne, F.i32And);
    }
  };
  const emit = (e: Expr): SKind => {
    const num = (x: Expr) => toNum(emit(x));
    const bool = (x: Expr) => toBool(emit(x));
    switch (e.kind) {
      case 'num':
        f64const(e.value);
        return 'num';
      case 'ref':
        switch (e.role) {
          case 'state': {
            const base = addr(ptr(state.get(e.name)!)); // the address goes on the stack before the opcode
            code.u8(F.load).u32(3).u32(base);
            return 'num';
          }
          case 'temp':
            get(temp(e.name));
            return 'num';
          case 'weight':
            get(W);
            return 'num';
          default: {
            const v = inst.values.get(e.name)!;
            if (typeof v === 'number') {
              f64const(v);
            } else {
              const base = addr(ptr(arrayIn(v)));
              code.u8(F.load).u32(3).u32(base);
            }
            return 'num';
          }
        }
      case 'unary':
        if (e.op === '-') {
          num(e.arg);
          code.u8(F.neg);
          return 'num';
        }
        bool(e.arg);
        code.u8(F.i32Eqz);
        return 'bool';
      case 'binary':
        if (e.op === '&&' || e.op === '||') {
          bool(e.left);
          bool(e.right);
          code.u8(e.op === '&&' ? F.i32And : F.i32Or);
          return 'bool';
        }
        num(e.left);
        num(e.right);
        if (CMP[e.op]) {
          code.u8(F[CMP[e.op] as 'lt']);
          return 'bool';
        }
        code.u8(F[ARITH[e.op] as 'add']);
        return 'num';
      case 'cond':
        num(e.then);
        num(e.else);
        bool(e.test);
        code.u8(F.select);
        return 'num';
      case 'call': {
        const [a, b, d] = e.args;
        if (e.fn === 'min' || e.fn === 'max') {
          num(a!);
          num(b!);
          code.u8(F[e.fn]);
        } else if (e.fn === 'clip') {
          num(a!);
          num(b!);
          code.u8(F.max);
          num(d!);
          code.u8(F.min);
        } else if (e.fn === 'sign') {
          num(a!);
          code.u8(OP.localSet).u32(SCRATCH);
          f64const(1);
          f64const(-1);
          get(SCRATCH);
          get(SCRATCH);
          f64const(0);
          code.u8(F.lt, F.select);
          get(SCRATCH);
          f64const(0);
          code.u8(F.gt, F.select);
        } else {
          num(a!);
          code.u8(F[e.fn as 'floor']);
        }
        return 'num';
      }
    }
  };
  const weight = stored.weight;
  // for (q = 0; q < count; q++) { pre = spikes[q]; j = ROW[pre]; end = ROW[pre + 1]; for (; j < end; j++) { i = POST[j]; w = …; onPre } }
  code.u8(OP.i32Const).s32(0).u8(OP.localSet).u32(Q);
  code.u8(OP.block, 0x40, OP.loop, 0x40);
  get(Q);
  get(COUNT);
  code.u8(OP.i32GeS).u8(OP.brIf).u32(1);
  get(SPIKES);
  get(Q);
  code.u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(OP.i32Add).u8(F.i32Load).u32(2).u32(0).u8(OP.localTee).u32(PRE);
  code.u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(OP.localTee).u32(PRE);
  code.u8(F.i32Load).u32(2).u32(ptr(stored.rowStart)).u8(OP.localSet).u32(J);
  get(PRE);
  code.u8(F.i32Load).u32(2).u32(ptr(stored.rowStart) + 4).u8(OP.localSet).u32(END);
  code.u8(OP.block, 0x40, OP.loop, 0x40);
  get(J);
  get(END);
  code.u8(F.i32LtU, F.i32Eqz).u8(OP.brIf).u32(1);
  get(J);
  code.u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(F.i32Load).u32(2).u32(ptr(stored.post)).u8(OP.localSet).u32(I);
  if (typeof weight === 'number') {
    f64const(weight);
  } else if (weight instanceof Float32Array) {
    get(J);
    code.u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(F.f32Load).u32(2).u32(ptr(weight)).u8(F.promote);
  } else {
    get(J);
    code.u8(OP.i32Const).s32(3).u8(OP.i32Shl).u8(F.load).u32(3).u32(ptr(weight));
  }
  code.u8(OP.localSet).u32(W);
  for (const s of inst.model.onPre) {
    if (s.role === 'temp') {
      toNum(emit(s.value));
      code.u8(OP.localSet).u32(temp(s.target));
    } else {
      const base = addr(ptr(state.get(s.target)!));
      toNum(emit(s.value));
      code.u8(F.store).u32(3).u32(base);
    }
  }
  get(J);
  code.u8(OP.i32Const).s32(1).u8(OP.i32Add).u8(OP.localSet).u32(J);
  code.u8(OP.br).u32(0).u8(OP.end, OP.end);
  get(Q);
  code.u8(OP.i32Const).s32(1).u8(OP.i32Add).u8(OP.localSet).u32(Q);
  code.u8(OP.br).u32(0).u8(OP.end, OP.end, OP.end);
  const body = new Bytes().u32(2).u32(5).u8(I32).u32(2 + temps.size).u8(F64).bytes(code.out).out;
  return wasmModule(body, arena.shared, arena.memory.buffer.byteLength / PAGE, [I32, I32], []);
}

/** The callable propagation kernel `(spikes, count) => void`, spikes a view into the same memory. */
export function instantiateWasmPropagate(bytes: Uint8Array, memory: WasmMemory): (spikes: Int32Array, count: number) => void {
  const api = wasmApi()!;
  const instance = new api.Instance(new api.Module(bytes), { m: { mem: memory } });
  const run = instance.exports.step as (spikes: number, count: number) => void;
  return (spikes, count) => run(spikes.byteOffset, count);
}
