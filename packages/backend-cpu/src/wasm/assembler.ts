/**
 * A small WebAssembly binary assembler: LEB128 encoding, the opcodes the kernels use, and a module
 * of one exported function `step` that imports its memory and the host functions of
 * {@link HOST_FUNCTIONS} (IR functions without a WebAssembly instruction), optionally with
 * functions of its own after `step` and imported i32 globals (the random draws of philox.ts).
 * Modules are compiled once per distinct byte string (see {@link instantiate}).
 */
import type { PhiloxKey } from './philox.js';

/** The part of the WebAssembly API used here (typed locally: the project's lib has no DOM/wasm types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
export const wasmApi = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

export const PAGE = 65536;

export class Bytes {
  readonly out: number[] = [];
  u8(...b: number[]) {
    for (const x of b) this.out.push(x);
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
    for (const b of new Uint8Array(new Float64Array([x]).buffer)) this.out.push(b);
    return this;
  }
  bytes(b: readonly number[]) {
    for (const x of b) this.out.push(x);
    return this;
  }
  name(s: string) {
    this.u32(s.length);
    for (let k = 0; k < s.length; k++) this.out.push(s.charCodeAt(k));
    return this;
  }
  section(id: number, body: Bytes) {
    this.u8(id).u32(body.out.length).bytes(body.out);
  }
}

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

/** Scalar opcodes. */
export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f32Load: 0x2a,
  f64Load: 0x2b,
  i32Store: 0x36,
  f64Store: 0x39,
  i32Const: 0x41,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32GeS: 0x4e,
  f64Eq: 0x61,
  f64Ne: 0x62,
  f64Lt: 0x63,
  f64Gt: 0x64,
  f64Le: 0x65,
  f64Ge: 0x66,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32RemU: 0x70,
  i32And: 0x71,
  i32Or: 0x72,
  i32Shl: 0x74,
  f64Abs: 0x99,
  f64Neg: 0x9a,
  f64Ceil: 0x9b,
  f64Floor: 0x9c,
  f64Sqrt: 0x9f,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  f64Div: 0xa3,
  f64Min: 0xa4,
  f64Max: 0xa5,
  i32WrapI64: 0xa7,
  f64ConvertI32S: 0xb7,
  f64ConvertI32U: 0xb8,
  f64PromoteF32: 0xbb,
} as const;

/** SIMD opcodes (after the 0xfd prefix). */
export const SIMD = {
  load: 0x00,
  store: 0x0b,
  const: 0x0c,
  i64x2ExtractLane: 0x1d,
  f64x2Splat: 0x14,
  f64x2ExtractLane: 0x21,
  f64x2ReplaceLane: 0x22,
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
} as const;

/**
 * Functions every kernel module imports, at fixed indices: the IR functions WebAssembly has no
 * instruction for, called as the very same JavaScript `Math` functions the JavaScript kernels
 * call, so results are identical bit for bit. (Random draws are the module's own functions:
 * philox.ts.)
 */
export const HOST_FUNCTIONS = ['exp', 'expm1', 'log', 'log1p', 'sin', 'cos', 'tan', 'tanh', 'pow'] as const;
export type HostFunction = (typeof HOST_FUNCTIONS)[number];
const ARITY: Record<HostFunction, number> = { exp: 1, expm1: 1, log: 1, log1p: 1, sin: 1, cos: 1, tan: 1, tanh: 1, pow: 2 };
export const hostIndex = (fn: HostFunction): number => HOST_FUNCTIONS.indexOf(fn);
export const isHostFunction = (fn: string): fn is HostFunction => (HOST_FUNCTIONS as readonly string[]).includes(fn);
export const hostArity = (fn: HostFunction): number => ARITY[fn];
/** Index of the module's first own function (after the imported host functions). */
export const STEP_FUNCTION = HOST_FUNCTIONS.length;

/** One function of a module: its signature, locals and body (ending with `end`). */
export interface WasmFunction {
  /** Parameter types. */
  readonly params: readonly number[];
  /** Result types. */
  readonly results: readonly number[];
  /** Locals after the parameters, as (count, type) runs. */
  readonly locals: readonly [count: number, type: number][];
  /** The code, `end` included. */
  readonly body: readonly number[];
  /**
   * Whether the body calls philox.ts's random draws (at `RANDOM_FUNCTION`): a module of several
   * functions (step-module.ts) holds them only when one of its functions does.
   */
  readonly random?: boolean;
}

/**
 * Module bytes of one kernel: `functions` first (the random draws of philox.ts, at the indices
 * `RANDOM_FUNCTION` names), then `step(params) → results`, exported; imports as
 * {@link functionsModuleBytes}.
 */
export function moduleBytes(opts: WasmFunction & { shared: boolean; pages: number; functions?: readonly WasmFunction[]; globals?: readonly string[] }): Uint8Array {
  return functionsModuleBytes([...(opts.functions ?? []), { params: opts.params, results: opts.results, locals: opts.locals, body: opts.body, name: 'step' }], opts, opts.globals);
}

/**
 * Module bytes of several functions: imports memory `m.mem`, {@link HOST_FUNCTIONS} and the
 * immutable i32 globals `m.<name>` of `globals`; function k has index `STEP_FUNCTION + k` (for
 * `call`) and is exported under its name when it has one.
 */
export function functionsModuleBytes(fns: readonly (WasmFunction & { name?: string })[], memory: { shared: boolean; pages: number }, globals: readonly string[] = []): Uint8Array {
  const m = new Bytes().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  // Types: host functions by arity (1, 2 f64 arguments → f64) at 0..1, then one per function.
  const types = new Bytes().u32(2 + fns.length);
  for (const n of [1, 2]) types.u8(0x60).u32(n).u8(...Array<number>(n).fill(F64)).u32(1).u8(F64);
  for (const f of fns) types.u8(0x60).u32(f.params.length).u8(...f.params).u32(f.results.length).u8(...f.results);
  m.section(1, types);
  const imp = new Bytes().u32(1 + HOST_FUNCTIONS.length + globals.length);
  imp.name('m').name('mem').u8(0x02).u8(memory.shared ? 0x03 : 0x01).u32(memory.pages).u32(memory.pages);
  for (const fn of HOST_FUNCTIONS) imp.name('m').name(fn).u8(0x00).u32(ARITY[fn] - 1);
  for (const g of globals) imp.name('m').name(g).u8(0x03).u8(I32).u8(0x00);
  m.section(2, imp);
  const decl = new Bytes().u32(fns.length);
  fns.forEach((_, k) => decl.u32(2 + k));
  m.section(3, decl);
  const named = fns.flatMap((f, k) => (f.name ? [[f.name, k] as const] : []));
  const exp = new Bytes().u32(named.length);
  for (const [name, k] of named) exp.name(name).u8(0x00).u32(STEP_FUNCTION + k);
  m.section(7, exp);
  const code = new Bytes().u32(fns.length);
  for (const f of fns) {
    const fn = new Bytes().u32(f.locals.length);
    for (const [count, type] of f.locals) fn.u32(count).u8(type);
    fn.bytes(f.body);
    code.u32(fn.out.length).bytes(fn.out);
  }
  m.section(10, code);
  return Uint8Array.from(m.out);
}

/**
 * Compiled modules by content. The bytes hold everything a kernel depends on — the model's code,
 * its constants and the memory layout (array offsets) — so equal bytes mean an equal kernel: a
 * simulation of the same network (or a thread of it) reuses the compiled module and only makes a
 * new instance over its own memory. Bounded, oldest first out.
 */
const modules = new Map<string, object>();
const MAX_MODULES = 256;
let hits = 0;
let compilations = 0;

function compiled(bytes: Uint8Array): object {
  const key = contentKey(bytes);
  let module = modules.get(key);
  if (module) {
    hits++;
    return module;
  }
  module = new (wasmApi()!.Module)(bytes);
  compilations++;
  if (modules.size >= MAX_MODULES) modules.delete(modules.keys().next().value!);
  modules.set(key, module);
  return module;
}

/** The bytes themselves as the key (exact; a hash would need a collision check anyway). */
const contentKey = (bytes: Uint8Array): string => {
  let s = '';
  for (let k = 0; k < bytes.length; k += 8192) s += String.fromCharCode(...bytes.subarray(k, k + 8192));
  return s;
};

/** Module cache statistics: compiled modules held and reuses so far. */
export const wasmModuleCache = (): {
  /** Compiled WebAssembly modules held (one per distinct kernel). */
  readonly modules: number;
  /** Compilations saved by reusing a held module. */
  readonly hits: number;
  /** Modules compiled in this process so far (a full cache drops its oldest, so this can exceed `modules`). */
  readonly compilations: number;
} => ({ modules: modules.size, hits, compilations });

/** Instantiates a kernel module over `memory`, with `Math` as its host functions and the random generator's key as globals `k0`, `k1`. */
export function instantiate(bytes: Uint8Array, memory: WasmMemory, key: PhiloxKey): Record<string, unknown> {
  const host: Record<string, unknown> = { mem: memory, k0: key.k0, k1: key.k1, pow: Math.pow };
  for (const fn of HOST_FUNCTIONS) if (!(fn in host)) host[fn] = Math[fn as 'exp'];
  return new (wasmApi()!.Instance)(compiled(bytes), { m: host }).exports;
}
