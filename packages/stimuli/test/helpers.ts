import type ndarray from 'ndarray';

/** Mean and (n−1) variance of a list. */
export function moments(xs: ArrayLike<number>): { mean: number; variance: number; n: number } {
  const n = xs.length;
  let s = 0;
  for (let k = 0; k < n; k++) s += xs[k] as number;
  const mean = s / n;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += ((xs[k] as number) - mean) ** 2;
  return { mean, variance: ss / (n - 1), n };
}

/** Pearson correlation. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = moments(a).mean;
  const mb = moments(b).mean;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < a.length; k++) {
    const x = (a[k] as number) - ma;
    const y = (b[k] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Column `n` of a [steps × size] ndarray. */
export function column(m: ndarray.NdArray<Float64Array>, n: number): Float64Array {
  const [steps] = m.shape as [number, number];
  return Float64Array.from({ length: steps }, (_, s) => m.get(s, n));
}
