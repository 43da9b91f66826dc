import { postVariable, type Expr } from '@spikeflow/core/ir';
import { Bytes, F64, hostIndex, I32, instantiate, isHostFunction, moduleBytes, OP, type WasmFunction } from './assembler.js';
import type { PhiloxKey } from './philox.js';
import type { WasmArena } from './arena.js';
import type { JsBlock } from '../js/bindings.js';
import type { StoredSynapses } from '../synapse-storage.js';

const CMP: Record<string, number> = { '<': OP.f64Lt, '<=': OP.f64Le, '>': OP.f64Gt, '>=': OP.f64Ge, '==': OP.f64Eq, '!=': OP.f64Ne };
const ARITH: Record<string, number> = { '+': OP.f64Add, '-': OP.f64Sub, '*': OP.f64Mul, '/': OP.f64Div };
const UNARY: Record<string, number> = { floor: OP.f64Floor, ceil: OP.f64Ceil, sqrt: OP.f64Sqrt, abs: OP.f64Abs };

/**
 * A connection's propagation as WebAssembly: for each spike, for each synapse of its sparse row,
 * the synapse model's onPre statements in IEEE double arithmetic, in the order of the JavaScript
 * kernel (scalar). Signature `(spikes: i32, count: i32) -> ()`; every array must be in `arena`.
 * `<variable>_post` reads and writes (`v_post += w`) go to element i of `post.get(variable)`, the
 * target neuron's state array.
 */
export function propagateWasmKernel(synapse: JsBlock, stored: StoredSynapses, arena: WasmArena, copies: Map<unknown, Float64Array>, post?: PostStates): Uint8Array {
  return moduleBytes({ ...propagateWasmFunction(synapse, stored, arena, copies, post), shared: arena.shared, pages: arena.pages });
}

/** A target neuron's state arrays by variable name (for `<variable>_post`). */
export type PostStates = ReadonlyMap<string, ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number }>;

/** The function of {@link propagateWasmKernel}, `(spikes: i32, count: i32) → ()`, for a module of several. */
export function propagateWasmFunction(synapse: JsBlock, stored: StoredSynapses, arena: WasmArena, copies: Map<unknown, Float64Array>, post?: PostStates): WasmFunction {
  if (stored.format !== 'csr') throw new Error('internal: WebAssembly propagation needs a sparse table');
  const ptr = (a: { buffer: ArrayBufferLike; byteOffset: number }) => arena.ptr(a);
  // Locals: 0 spikes, 1 count (params); 2 q, 3 pre, 4 j, 5 end, 6 i (i32); 7 w, 8 scratch, then temps (f64).
  const [SPIKES, COUNT, Q, PRE, J, END, I, W, SCRATCH] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
  const temps = new Map<string, number>();
  const temp = (name: string) => {
    let k = temps.get(name);
    if (k === undefined) temps.set(name, (k = 9 + temps.size));
    return k;
  };
  const code = new Bytes();
  const get = (k: number) => code.u8(OP.localGet).u32(k);
  const f64const = (x: number) => code.u8(OP.f64Const).f64(x);
  /** Pushes the byte offset of element i and returns the array's base (the memarg offset). */
  const addr = (base: number) => {
    get(I);
    code.u8(OP.i32Const).s32(3).u8(OP.i32Shl);
    return base;
  };
  const inst = synapse.instance;
  /** The state array a statement target or a state reference names: the synapse's, or the target neuron's for `post`. */
  const stateArray = (name: string, role: string) => {
    const arr = role === 'post' ? post?.get(postVariable(name)) : synapse.states.get(name);
    if (!arr) throw new Error(`internal: no state array for ${role} '${name}'`);
    return arr;
  };
  const arrayIn = (v: Float64Array) => {
    let copy = copies.get(v);
    if (!copy) copies.set(v, (copy = arena.values64(v)));
    return copy;
  };
  type Kind = 'num' | 'bool';
  const toNum = (k: Kind) => {
    if (k === 'bool') code.u8(OP.f64ConvertI32U);
  };
  const toBool = (k: Kind) => {
    if (k === 'num') {
      // Truthy: x == x (not NaN) and x != 0.
      code.u8(OP.localTee).u32(SCRATCH);
      get(SCRATCH);
      code.u8(OP.f64Eq);
      get(SCRATCH);
      f64const(0);
      code.u8(OP.f64Ne, OP.i32And);
    }
  };
  const emit = (e: Expr): Kind => {
    const num = (x: Expr) => toNum(emit(x));
    const bool = (x: Expr) => toBool(emit(x));
    switch (e.kind) {
      case 'num':
        f64const(e.value);
        return 'num';
      case 'ref':
        switch (e.role) {
          case 'state':
          case 'post': {
            const base = addr(ptr(stateArray(e.name, e.role))); // the address goes on the stack before the opcode
            code.u8(OP.f64Load).u32(3).u32(base);
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
              code.u8(OP.f64Load).u32(3).u32(base);
            }
            return 'num';
          }
        }
      case 'unary':
        if (e.op === '-') {
          num(e.arg);
          code.u8(OP.f64Neg);
          return 'num';
        }
        bool(e.arg);
        code.u8(OP.i32Eqz);
        return 'bool';
      case 'binary':
        if (e.op === '&&' || e.op === '||') {
          bool(e.left);
          bool(e.right);
          code.u8(e.op === '&&' ? OP.i32And : OP.i32Or);
          return 'bool';
        }
        num(e.left);
        num(e.right);
        if (e.op === '**') {
          code.u8(OP.call).u32(hostIndex('pow'));
          return 'num';
        }
        if (CMP[e.op] !== undefined) {
          code.u8(CMP[e.op]!);
          return 'bool';
        }
        code.u8(ARITH[e.op]!);
        return 'num';
      case 'cond':
        num(e.then);
        num(e.else);
        bool(e.test);
        code.u8(OP.select);
        return 'num';
      case 'call': {
        // No random draws in propagation: compileModel refuses them in onPre (never a silent NaN).
        if (e.site !== undefined) throw new Error(`internal: random call ${e.fn}() in a synapse model's onPre, which compileModel refuses`);
        const [a, b, d] = e.args;
        if (e.fn === 'min' || e.fn === 'max') {
          num(a!);
          num(b!);
          code.u8(e.fn === 'min' ? OP.f64Min : OP.f64Max);
        } else if (e.fn === 'clip') {
          num(a!);
          num(b!);
          code.u8(OP.f64Max);
          num(d!);
          code.u8(OP.f64Min);
        } else if (e.fn === 'sign') {
          num(a!);
          code.u8(OP.localSet).u32(SCRATCH);
          f64const(1);
          f64const(-1);
          get(SCRATCH);
          get(SCRATCH);
          f64const(0);
          code.u8(OP.f64Lt, OP.select);
          get(SCRATCH);
          f64const(0);
          code.u8(OP.f64Gt, OP.select);
        } else if (UNARY[e.fn] !== undefined) {
          num(a!);
          code.u8(UNARY[e.fn]!);
        } else if (isHostFunction(e.fn)) {
          e.args.forEach(num);
          code.u8(OP.call).u32(hostIndex(e.fn));
        } else {
          throw new Error(`internal: no WebAssembly form for ${e.fn}`);
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
  code.u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(OP.i32Add).u8(OP.i32Load).u32(2).u32(0).u8(OP.localTee).u32(PRE);
  code.u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(OP.localTee).u32(PRE);
  code.u8(OP.i32Load).u32(2).u32(ptr(stored.rowStart)).u8(OP.localSet).u32(J);
  get(PRE);
  code.u8(OP.i32Load).u32(2).u32(ptr(stored.rowStart) + 4).u8(OP.localSet).u32(END);
  code.u8(OP.block, 0x40, OP.loop, 0x40);
  get(J);
  get(END);
  code.u8(OP.i32LtU, OP.i32Eqz).u8(OP.brIf).u32(1);
  get(J);
  code.u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(OP.i32Load).u32(2).u32(ptr(stored.post)).u8(OP.localSet).u32(I);
  if (typeof weight === 'number') {
    f64const(weight);
  } else if (weight instanceof Float32Array) {
    get(J);
    code.u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(OP.f32Load).u32(2).u32(ptr(weight)).u8(OP.f64PromoteF32);
  } else {
    get(J);
    code.u8(OP.i32Const).s32(3).u8(OP.i32Shl).u8(OP.f64Load).u32(3).u32(ptr(weight));
  }
  code.u8(OP.localSet).u32(W);
  for (const s of inst.model.onPre) {
    if (s.role === 'temp') {
      toNum(emit(s.value));
      code.u8(OP.localSet).u32(temp(s.target));
    } else {
      const base = addr(ptr(stateArray(s.target, s.role)));
      toNum(emit(s.value));
      code.u8(OP.f64Store).u32(3).u32(base);
    }
  }
  get(J);
  code.u8(OP.i32Const).s32(1).u8(OP.i32Add).u8(OP.localSet).u32(J);
  code.u8(OP.br).u32(0).u8(OP.end, OP.end);
  get(Q);
  code.u8(OP.i32Const).s32(1).u8(OP.i32Add).u8(OP.localSet).u32(Q);
  code.u8(OP.br).u32(0).u8(OP.end, OP.end, OP.end);
  return {
    params: [I32, I32],
    results: [],
    locals: [
      [5, I32],
      [2 + temps.size, F64],
    ],
    body: code.out,
  };
}

/** The callable propagation kernel `(spikes, count) => void`; `spikes` must be a view into the same memory. */
export function instantiatePropagate(bytes: Uint8Array, memory: WasmArena['memory'], rng: PhiloxKey): (spikes: Int32Array, count: number) => void {
  const run = instantiate(bytes, memory, rng).step as (spikes: number, count: number) => void;
  return (spikes, count) => run(spikes.byteOffset, count);
}
