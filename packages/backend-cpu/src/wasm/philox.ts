import { Bytes, hostIndex, I32, OP, STEP_FUNCTION, V128, type WasmFunction } from './assembler.js';

/**
 * Philox4x32-10 inside the kernel modules: core's `CounterRng` (packages/core/src/rng/philox.ts)
 * as two WebAssembly functions that draw for two neurons at once, so a random draw costs a few
 * SIMD instructions instead of a call into JavaScript. Words, `uniform` and `normal` values are
 * those of `CounterRng` bit for bit: the words are integer arithmetic (the 32×32 → 64-bit
 * products by `i64x2.extmul_*_i32x4_u`), the word → double steps are the same exact IEEE
 * operations, and `normal`'s log and cos are the host's `Math.log` and `Math.cos` (imports).
 *
 * Both functions have the signature `(index0, index1, step, site, stream: i32) → v128`: the draw
 * for counters (index0, step, site, stream) in lane 0 and (index1, step, site, stream) in lane 1,
 * as an f64x2, keyed by the imported i32 globals `m.k0` and `m.k1` (the generator's key, so one
 * compiled module serves every seed).
 */

/** The generator's key as the kernels read it: `CounterRng`'s two key words. */
export interface PhiloxKey {
  /** Key word 0 (the seed's low 32 bits). */
  readonly k0: number;
  /** Key word 1 (the seed's high 32 bits). */
  readonly k1: number;
}

/** Function indices of the draws: a module that draws has {@link PHILOX_FUNCTIONS} as its first own functions. */
export const RANDOM_FUNCTION = { uniform: STEP_FUNCTION, normal: STEP_FUNCTION + 1 } as const;

/** Imported i32 globals holding the key (global indices 0 and 1), which `instantiate` (assembler.ts) fills from the key's `k0` and `k1`. */
export const PHILOX_GLOBALS = ['k0', 'k1'] as const;

// Philox4x32 constants (the same as core's).
const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO_POW_M32 = 2 ** -32;

// SIMD opcodes used only here (after the 0xfd prefix).
const V = {
  const: 0x0c,
  shuffle: 0x0d,
  i32x4Splat: 0x11,
  i32x4ReplaceLane: 0x1c,
  f64x2Splat: 0x14,
  f64x2ExtractLane: 0x21,
  f64x2ReplaceLane: 0x22,
  xor: 0x51,
  i32x4Add: 0xae,
  i64x2ExtmulLowI32x4U: 0xde,
  i64x2ExtmulHighI32x4U: 0xdf,
  f64x2Add: 0xf0,
  f64x2Mul: 0xf2,
  f64x2ConvertLowI32x4U: 0xff,
} as const;
const GLOBAL_GET = 0x23;

// Locals: 0 index0, 1 index1, 2 step, 3 site, 4 stream (params); 5 X02, 6 X13, 7 K, 8 P0, 9 P2 (v128).
const [INDEX0, INDEX1, STEP, SITE, STREAM, X02, X13, K, P0, P2] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
// Locals of `normal` after those: 10 U1, 11 U2 (v128).
const [U1, U2] = [10, 11] as const;

const simd = (c: Bytes, op: number) => c.u8(0xfd).u32(op);
const get = (c: Bytes, k: number) => c.u8(OP.localGet).u32(k);
const set = (c: Bytes, k: number) => c.u8(OP.localSet).u32(k);
const i32x4 = (c: Bytes, lanes: readonly number[]) => {
  simd(c, V.const);
  for (const x of lanes) for (let b = 0; b < 4; b++) c.u8((x >>> (8 * b)) & 0xff);
};
const f64x2 = (c: Bytes, x: number) => simd(c, V.const).f64(x).f64(x);
/** i8x16.shuffle of the two vectors on the stack (a, b): dwords by index, 0–3 of a, 4–7 of b. */
const shuffleDwords = (c: Bytes, dwords: readonly number[]) => {
  simd(c, V.shuffle);
  for (const d of dwords) for (let b = 0; b < 4; b++) c.u8(4 * d + b);
};
/** [x, y, z, z] from the i32s pushed by `x`, `y`, `z` (a vector of two lanes' counters). */
const lanes = (c: Bytes, x: () => void, y: () => void, z: () => void) => {
  x();
  simd(c, V.i32x4Splat);
  y();
  simd(c, V.i32x4ReplaceLane).u8(1);
  z();
  simd(c, V.i32x4ReplaceLane).u8(2);
  z();
  simd(c, V.i32x4ReplaceLane).u8(3);
};

/**
 * The ten rounds for two counters at once. The state is two i32x4 vectors, X02 = [x0, x0', x2, x2']
 * and X13 = [x1, x1', x3, x3'] (primes: lane 1's counter), and the key K = [k0, k0, k1, k1]. A
 * round multiplies x0 by M0 and x2 by M1 into 64-bit products P0 = [x0·M0, x0'·M0] and
 * P2 = [x2·M1, x2'·M1], then
 *
 *     x0 ← hi(x2·M1) ^ x1 ^ k0,   x2 ← hi(x0·M0) ^ x3 ^ k1,   x1 ← lo(x2·M1),   x3 ← lo(x0·M0)
 *
 * i.e. X02 ← [hi P2, hi P0] ^ X13 ^ K and X13 ← [lo P2, lo P0] (one shuffle each), and the key
 * advances by the Weyl constants. Leaves the words x0 (lanes 0, 1 of X02) and x1 (of X13).
 */
function rounds(c: Bytes) {
  // X02 = [index0, index1, site, site], X13 = [step, step, stream, stream], K = [k0, k0, k1, k1].
  lanes(c, () => get(c, INDEX0), () => get(c, INDEX1), () => get(c, SITE));
  set(c, X02);
  lanes(c, () => get(c, STEP), () => get(c, STEP), () => get(c, STREAM));
  set(c, X13);
  lanes(c, () => c.u8(GLOBAL_GET).u32(0), () => c.u8(GLOBAL_GET).u32(0), () => c.u8(GLOBAL_GET).u32(1));
  set(c, K);
  for (let round = 0; round < 10; round++) {
    get(c, X02);
    i32x4(c, [M0, M0, M1, M1]);
    simd(c, V.i64x2ExtmulLowI32x4U);
    set(c, P0);
    get(c, X02);
    i32x4(c, [M0, M0, M1, M1]);
    simd(c, V.i64x2ExtmulHighI32x4U);
    set(c, P2);
    // Products are little-endian i64 lanes: dword 2j is lane j's low half, 2j + 1 its high half.
    get(c, P2);
    get(c, P0);
    shuffleDwords(c, [1, 3, 5, 7]); // [hi P2, hi P0]
    get(c, X13);
    simd(c, V.xor);
    get(c, K);
    simd(c, V.xor);
    get(c, P2);
    get(c, P0);
    shuffleDwords(c, [0, 2, 4, 6]); // [lo P2, lo P0]
    set(c, X13);
    set(c, X02);
    if (round < 9) {
      get(c, K);
      i32x4(c, [W0, W0, W1, W1]);
      simd(c, V.i32x4Add);
      set(c, K);
    }
  }
}

/** `uniform`: word 0 / 2^32 (multiplying by 2^-32 is the same exact scaling). */
function uniformBody(): number[] {
  const c = new Bytes();
  rounds(c);
  get(c, X02);
  simd(c, V.f64x2ConvertLowI32x4U);
  f64x2(c, TWO_POW_M32);
  simd(c, V.f64x2Mul);
  c.u8(OP.end);
  return c.out;
}

/**
 * `normal`: Box–Muller on words 0 and 1, u1 = (w0 + 0.5) / 2^32, u2 = w1 / 2^32, per lane
 * `sqrt(-2 · log(u1)) · cos(2π · u2)` with the host's Math.log and Math.cos, in core's order.
 */
function normalBody(): number[] {
  const c = new Bytes();
  rounds(c);
  get(c, X02);
  simd(c, V.f64x2ConvertLowI32x4U);
  f64x2(c, 0.5);
  simd(c, V.f64x2Add);
  f64x2(c, TWO_POW_M32);
  simd(c, V.f64x2Mul);
  set(c, U1);
  get(c, X13);
  simd(c, V.f64x2ConvertLowI32x4U);
  f64x2(c, TWO_POW_M32);
  simd(c, V.f64x2Mul);
  f64x2(c, 2 * Math.PI);
  simd(c, V.f64x2Mul);
  set(c, U2); // now 2π · u2
  // Lane 0's value, splatted; lane 1's value replaces lane 1.
  for (const lane of [0, 1]) {
    c.u8(OP.f64Const).f64(-2);
    get(c, U1);
    simd(c, V.f64x2ExtractLane).u8(lane);
    c.u8(OP.call).u32(hostIndex('log'));
    c.u8(OP.f64Mul, OP.f64Sqrt);
    get(c, U2);
    simd(c, V.f64x2ExtractLane).u8(lane);
    c.u8(OP.call).u32(hostIndex('cos'));
    c.u8(OP.f64Mul);
    if (lane === 0) simd(c, V.f64x2Splat);
    else simd(c, V.f64x2ReplaceLane).u8(1);
  }
  c.u8(OP.end);
  return c.out;
}

/** The module's first own functions, in the order of {@link RANDOM_FUNCTION}. */
export const PHILOX_FUNCTIONS: readonly WasmFunction[] = [
  { params: [I32, I32, I32, I32, I32], results: [V128], locals: [[5, V128]], body: uniformBody() },
  { params: [I32, I32, I32, I32, I32], results: [V128], locals: [[7, V128]], body: normalBody() },
];
