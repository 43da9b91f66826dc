/**
 * Philox4x32-10 (Salmon et al. 2011), the counter-based generator behind every per-step random
 * draw. A value depends only on (key, counter), so any backend, chunking or thread order gives
 * the same numbers. The WGSL twin must produce identical words.
 */
const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two u32, without BigInt. */
function mulhi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const hiLo = aHi * bLo;
  const loHi = aLo * bHi;
  const cross = (loLo >>> 16) + (hiLo & 0xffff) + loHi;
  return (aHi * bHi + (hiLo >>> 16) + Math.floor(cross / 65536)) >>> 0;
}

/** Writes the four output words for counter (c0..c3) and key (k0, k1) into `out`. */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): Uint32Array {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulhi(M0, x0);
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi1 = mulhi(M1, x2);
    const lo1 = Math.imul(M1, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
    key0 = (key0 + W0) >>> 0;
    key1 = (key1 + W1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}

const TWO_POW_32 = 4294967296;

/**
 * Random draws addressed by (stream, step, index, site). `stream` separates model instances,
 * `site` separates call sites inside one model.
 */
export class CounterRng {
  /** Key word 0: the seed's low 32 bits (what a WebAssembly or WGSL twin of the generator is keyed with). */
  readonly k0: number;
  /** Key word 1: the seed's high 32 bits (0 for seeds below 2^32). */
  readonly k1: number;
  private readonly words = new Uint32Array(4);

  constructor(seed: number) {
    this.k0 = seed >>> 0;
    this.k1 = Math.floor(seed / TWO_POW_32) >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(stream: number, step: number, index: number, site: number): number {
    const w = philox4x32(index, step, site, stream, this.k0, this.k1, this.words);
    return (w[0] as number) / TWO_POW_32;
  }

  /** Word 0 of the block as an unsigned 32-bit integer (`uniform` is this / 2^32; binomial draws invert it). */
  word(stream: number, step: number, index: number, site: number): number {
    return philox4x32(index, step, site, stream, this.k0, this.k1, this.words)[0] as number;
  }

  /** Standard normal by Box–Muller on two words of one block. */
  normal(stream: number, step: number, index: number, site: number): number {
    const w = philox4x32(index, step, site, stream, this.k0, this.k1, this.words);
    const u1 = ((w[0] as number) + 0.5) / TWO_POW_32;
    const u2 = (w[1] as number) / TWO_POW_32;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

/** Index used for draws shared by all neurons of a population (`randn_shared()`). */
export const SHARED_INDEX = 0xffffffff;

/** FNV-1a: a stable u32 for a stream name, so streams are named, not numbered by creation order. */
export function streamId(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
