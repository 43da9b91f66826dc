/** Rate (Poisson) and latency (time-to-first-spike) encoders: spike times for `spikeTimes`. */
import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { latencyEncode, poissonEncode } from '../src/index.js';

describe('encoders', () => {
  it('poissonEncode: counts match v·maxRate·duration (within 4 standard deviations), one seed one result', () => {
    const values = Array.from({ length: 50 }, (_, k) => k / 49);
    const a = poissonEncode(values, { duration: 2000, dt: 0.5, maxRate: 40, seed: 9 });
    expect(poissonEncode(values, { duration: 2000, dt: 0.5, maxRate: 40, seed: 9 })).toEqual(a);
    expect(poissonEncode(values, { duration: 2000, dt: 0.5, maxRate: 40, seed: 10 })).not.toEqual(a);
    const counts = new Array<number>(50).fill(0);
    for (const i of Array.from(a.indices)) counts[i]!++;
    values.forEach((v, k) => {
      const p = (v * 40 * 0.5) / 1000;
      const mean = 4000 * p;
      expect(Math.abs(counts[k]! - mean)).toBeLessThanOrEqual(4 * Math.sqrt(4000 * p * (1 - p)) + 1e-9);
    });
    // Whole steps, at most one spike per input and step: replayable as given.
    const seen = new Set(Array.from(a.times, (t, k) => `${t}/${a.indices[k]}`));
    expect(seen.size).toBe(a.times.length);
    expect(Array.from(a.times).every((t) => Number.isInteger(t / 0.5))).toBe(true);
  });
  it('latencyEncode: larger values fire earlier, silent at or below the threshold; images are read row-major', () => {
    expect(latencyEncode([1, 0.5, 0], { duration: 10, dt: 1 })).toEqual({ times: [0, 5], indices: [0, 1] });
    const image = ndarray(new Float64Array([0.9, 0.1, 0.2, 0.6]), [2, 2]);
    expect(latencyEncode(image, { duration: 10, dt: 1, threshold: 0.15 })).toEqual({ times: [1, 8, 4], indices: [0, 2, 3] });
    expect(latencyEncode(image.transpose(1, 0), { duration: 10, dt: 1, threshold: 0.15 })).toEqual({ times: [1, 8, 4], indices: [0, 1, 3] });
  });
  it('refuse values outside [0, 1], naming the position', () => {
    expect(() => poissonEncode([0.5, 1.5], { duration: 10, dt: 1, maxRate: 10, seed: 0 })).toThrow(/poissonEncode.values\[1\].*\[0, 1\]/);
    expect(() => latencyEncode([Number.NaN], { duration: 10, dt: 1 })).toThrow(/latencyEncode.values\[0\]/);
  });
});
