/**
 * Rows of a trace to draw so that a line has at most `maxPoints` points. Up to `maxPoints` rows,
 * every row. Beyond, the rows are cut into `floor(maxPoints / 2)` buckets of consecutive rows and
 * each bucket gives the rows of its smallest and its largest value, in time order — so spikes,
 * resets and peaks survive (min/max decimation), unlike taking every k-th row.
 *
 * @param rows rows in the trace
 * @param value value of a row
 * @param maxPoints most points kept (≥ 2)
 * @returns ascending row indices, at most `maxPoints`
 *
 * @example
 * const v = Float64Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 100));
 * downsampleRows(v.length, (r) => v[r]!, 2000).length; // ≤ 2000
 */
export function downsampleRows(rows: number, value: (row: number) => number, maxPoints: number): Int32Array {
  if (rows <= maxPoints) return Int32Array.from({ length: rows }, (_, r) => r);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * rows) / buckets);
    const to = Math.floor(((b + 1) * rows) / buckets);
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    for (let r = from + 1; r < to; r++) {
      const v = value(r);
      if (v < value(lo)) lo = r;
      if (v > value(hi)) hi = r;
    }
    if (lo === hi) out.push(lo);
    else out.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  return Int32Array.from(out);
}

/**
 * Evenly spaced indices `0 … n-1`, at most `max` of them (first and last included): which neurons
 * get a line when there are too many to draw.
 *
 * @example
 * evenlySpaced(100, 5); // Int32Array [0, 25, 50, 74, 99]
 */
export function evenlySpaced(n: number, max: number): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  if (max <= 1) return Int32Array.of(0);
  return Int32Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)));
}
