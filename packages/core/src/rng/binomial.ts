import { ConfigError } from '../errors.js';

/**
 * Binomial draws by inversion of a cumulative table computed once on the host, so a kernel needs
 * only integer comparisons: one 32-bit word w of the counter-based generator (Philox word 0, the
 * word behind `rand()`) gives
 *
 *     k(w) = first + #{ j : thresholds[j] <= w }
 *
 * where thresholds[j] = round(2^32 · F(first + j)) and F is the binomial CDF. JavaScript,
 * WebAssembly hosts and WGSL compare the same u32 values, so every backend draws the same k.
 *
 * Exactness: P(k) is the binomial probability quantised to multiples of 2^-32 (each cell's error
 * is below 2^-32, the resolution of a 32-bit uniform, which `rand()` shares) — for every n and p,
 * small or large n·p alike. There is no normal approximation: Brian2 2.5.1's `BinomialFunction`
 * (behind `PoissonInput`) switches to Normal(n·p, n·p·(1 − p)) when n·p > 5 and n·(1 − p) > 5,
 * which has the same mean and variance but real-valued (even negative) draws; this table gives
 * integers with the exact binomial's higher moments.
 *
 * The table spans only the values whose quantised probability is not 0: about 13·sqrt(n·p·(1 − p))
 * entries for large n·p (the ±6.5 σ where a tail reaches 2^-33) and a dozen or two for small,
 * e.g. 16 for n = 1000, p = 0.002; 3989 (16 KiB) for n = 10^7, p = 0.01.
 */
export interface BinomialTable {
  /** Number of trials n. */
  readonly n: number;
  /** Success probability p per trial. */
  readonly p: number;
  /** The smallest value drawn (values below have a quantised probability of 0). */
  readonly first: number;
  /** round(2^32 · F(first + j)), non-decreasing, every entry < 2^32; the largest value drawn is first + length. */
  readonly thresholds: Uint32Array;
}

const TWO_POW_32 = 4294967296;
/** Largest n: counts stay exact 32-bit integers on every backend (WGSL has u32 only). */
export const MAX_BINOMIAL_N = 2 ** 31 - 1;
/** Relative probability below which the walk away from the mode stops (far below 2^-33). */
const NEGLIGIBLE = 1e-22;

/**
 * The inversion table of Binomial(n, p) (see {@link BinomialTable}); `path` names the field in errors.
 *
 * @throws ConfigError when n is not an integer in 1..2^31−1 or p is not in [0, 1].
 * @example
 * const t = binomialTable(1000, 0.002);
 * binomialFromWord(t, 0); // 0: the lowest word gives the smallest value
 */
export function binomialTable(n: number, p: number, path = 'binomial'): BinomialTable {
  if (!Number.isInteger(n) || n < 1 || n > MAX_BINOMIAL_N) throw new ConfigError('bad-value', `${path}.n`, `expected a whole number of inputs from 1 to ${MAX_BINOMIAL_N}, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new ConfigError('bad-value', `${path}.p`, `expected a probability in [0, 1], got ${p}`);
  if (p === 0) return { n, p, first: 0, thresholds: new Uint32Array(0) };
  if (p === 1) return { n, p, first: n, thresholds: new Uint32Array(0) };
  const q = 1 - p;
  // Relative probabilities, walking out from the mode until they are negligible; normalising
  // their sum makes the CDF end at exactly 1 without any log-gamma.
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const up: number[] = [];
  for (let k = mode, r = 1; k < n; k++) {
    r *= ((n - k) / (k + 1)) * (p / q);
    if (r < NEGLIGIBLE) break;
    up.push(r);
  }
  const down: number[] = [];
  for (let k = mode, r = 1; k > 0; k--) {
    r *= (k / (n - k + 1)) * (q / p);
    if (r < NEGLIGIBLE) break;
    down.push(r);
  }
  const lo = mode - down.length;
  const rel = [...down.reverse(), 1, ...up]; // values lo .. lo + rel.length − 1
  let total = 0;
  for (const r of rel) total += r;
  // Quantised CDF; values whose quantised CDF is still 0 are never drawn, nor those after it reaches 1.
  const cdf: number[] = [];
  let acc = 0;
  for (const r of rel) {
    acc += r;
    cdf.push(Math.min(TWO_POW_32, Math.round((acc / total) * TWO_POW_32)));
  }
  let start = 0;
  while (start < cdf.length - 1 && cdf[start] === 0) start++;
  let end = start; // index of the first value whose quantised CDF is 2^32
  while (end < cdf.length - 1 && cdf[end]! < TWO_POW_32) end++;
  return { n, p, first: lo + start, thresholds: Uint32Array.from(cdf.slice(start, end)) };
}

/**
 * The binomial value for one 32-bit word: first + the number of thresholds ≤ `word`, by a
 * binary search that every backend prints the same way.
 *
 * @example
 * binomialFromWord(binomialTable(10, 0.5), 2 ** 31); // 5
 */
export function binomialFromWord(table: BinomialTable, word: number): number {
  const t = table.thresholds;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= word) lo = mid + 1;
    else hi = mid;
  }
  return table.first + lo;
}
