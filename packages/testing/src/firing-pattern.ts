/**
 * Measures of a spike train that name a firing pattern (Naud et al. 2008; Izhikevich 2003):
 * first-spike latency, bursts, the adaptation index and the irregularity of intervals.
 */
export interface FiringPattern {
  /** Number of spikes. */
  readonly spikes: number;
  /** Time of the first spike (ms), or undefined when silent. */
  readonly latency: number | undefined;
  /** Inter-spike intervals (ms). */
  readonly isi: readonly number[];
  /**
   * Runs of at least two spikes whose intervals are all below the burst interval and below half
   * the longest interval (a burst needs a pause around it: tonic firing at 100 Hz is no burst).
   */
  readonly bursts: readonly {
    /** Time of the burst's first spike, ms. */
    readonly start: number;
    /** Spikes in the burst (>= 2). */
    readonly spikes: number;
  }[];
  /**
   * Naud et al.'s adaptation index: the mean of (ISI[k+1] − ISI[k]) / (ISI[k+1] + ISI[k]) over
   * the intervals (positive: slowing down, negative: accelerating, ≈ 0: tonic). NaN with < 2 ISIs.
   */
  readonly adaptationIndex: number;
  /** Coefficient of variation of the intervals after the first `skip` (NaN with < 2). */
  readonly cv: number;
  /** Number of different intervals (rounded to 1 ms) among the last 20: few for periodic firing. */
  readonly distinctIntervals: number;
}

/**
 * Describes spike times (ms, ascending). `burstIsi`: intervals below it (ms, default 10, and below
 * half the longest interval) are inside a burst; `skip`: intervals left out of `cv` (default 0).
 *
 * @example
 * firingPattern([10, 12, 14, 60, 62, 64]).bursts; // [{ start: 10, spikes: 3 }, { start: 60, spikes: 3 }]
 */
export function firingPattern(times: readonly number[], options: { burstIsi?: number; skip?: number } = {}): FiringPattern {
  const isi = times.slice(1).map((t, k) => t - times[k]!);
  const burstIsi = Math.min(options.burstIsi ?? 10, 0.5 * Math.max(0, ...isi));
  const bursts: { start: number; spikes: number }[] = [];
  let k = 0;
  while (k < isi.length) {
    if (isi[k]! < burstIsi) {
      const start = k;
      while (k < isi.length && isi[k]! < burstIsi) k++;
      bursts.push({ start: times[start]!, spikes: k - start + 1 });
    } else k++;
  }
  const pairs = isi.slice(1).map((x, j) => (x - isi[j]!) / (x + isi[j]!));
  const adaptationIndex = pairs.length ? pairs.reduce((a, b) => a + b, 0) / pairs.length : NaN;
  const late = isi.slice(options.skip ?? 0);
  const mean = late.reduce((a, b) => a + b, 0) / late.length;
  const sd = Math.sqrt(late.reduce((a, b) => a + (b - mean) ** 2, 0) / late.length);
  return {
    spikes: times.length,
    latency: times[0],
    isi,
    bursts,
    adaptationIndex,
    cv: late.length >= 2 ? sd / mean : NaN,
    distinctIntervals: new Set(isi.slice(-20).map((x) => Math.round(x))).size,
  };
}
