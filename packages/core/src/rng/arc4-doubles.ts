/**
 * The doubles of a seeded seedrandom ARC4 generator, computed in blocks from its state.
 *
 * Why: connectivity draws one uniform per synapse, and seedrandom's `prng()` builds each double
 * through closure calls over a plain-Array S box (~75 ns a double here; 0.03–0.04 s of a CUBA 4k
 * build). seedrandom still seeds the generator (key mixing, RC4-drop[256]); this continues its
 * byte stream from `prng.state()` and forms each double with exactly seedrandom's arithmetic (every
 * step is exact in float64), so the numbers are the same, bit for bit (test: arc4-doubles.test.ts).
 */
export interface Arc4State {
  readonly i: number;
  readonly j: number;
  readonly S: readonly number[];
}

/** Doubles computed per refill. */
const BLOCK = 512;
const START_DENOMINATOR = 2 ** 48; // six bytes, seedrandom's `chunks`
const SIGNIFICANCE = 2 ** 52;
const OVERFLOW = 2 ** 53;

/** The ARC4 state and the next block of doubles. */
class Arc4Block {
  readonly s: Int32Array;
  i: number;
  j: number;
  readonly doubles = new Float64Array(BLOCK);
  at = BLOCK;

  constructor(state: Arc4State) {
    this.s = Int32Array.from(state.S);
    this.i = state.i;
    this.j = state.j;
  }

  /** Fills `doubles` with the next BLOCK doubles of the stream (locals: V8 keeps them in registers). */
  refill(): void {
    const s = this.s;
    const out = this.doubles;
    let i = this.i;
    let j = this.j;
    for (let k = 0; k < BLOCK; k++) {
      // Seven bytes: the first three in hi, the next four in lo (uint32).
      let hi = 0;
      let lo = 0;
      for (let c = 0; c < 7; c++) {
        i = (i + 1) & 255; const t = s[i]!; j = (j + t) & 255; const a = s[j]!; s[i] = a; s[j] = t;
        const byte = s[(a + t) & 255]!;
        if (c < 3) hi = (hi << 8) | byte;
        else lo = ((lo << 8) | byte) >>> 0;
      }
      if (hi >= 1 << 20) {
        // seedrandom's prng() for a first byte of 16 or more: the 56-bit number hi·2^32 + lo,
        // its low bits beyond 53 significant ones cleared (its shifts of n and x), over 2^56.
        const drop = 11 - Math.clz32(hi);
        out[k] = hi * 2 ** -24 + (((lo >>> drop) << drop) >>> 0) * 2 ** -56;
        continue;
      }
      // A first byte below 16: seedrandom's loop as it is, one more byte at a time until the
      // numerator has 52 significant bits (the ARC4 step written out again to stay in registers).
      let n = (hi * 2 ** 24 + (lo >>> 8)) * 256;
      let d = START_DENOMINATOR * 256;
      let x = lo & 255;
      while (n < SIGNIFICANCE) {
        n = (n + x) * 256;
        d *= 256;
        i = (i + 1) & 255; const t = s[i]!; j = (j + t) & 255; const a = s[j]!; s[i] = a; s[j] = t;
        x = s[(a + t) & 255]!;
      }
      while (n >= OVERFLOW) {
        n /= 2;
        d /= 2;
        x >>>= 1;
      }
      out[k] = (n + x) / d;
    }
    this.i = i;
    this.j = j;
    this.at = 0;
  }
}

/** Returns seedrandom's `prng.double` continued from `state`: uniform in [0, 1). */
export function arc4Doubles(state: Arc4State): () => number {
  const block = new Arc4Block(state);
  return () => {
    if (block.at === BLOCK) block.refill();
    return block.doubles[block.at++]!;
  };
}
