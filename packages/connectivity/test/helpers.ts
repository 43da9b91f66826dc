import { expect } from 'vitest';
import type { CsrTable, DenseTable } from '@spikeflow/core/backend';
import type { HostRng } from '@spikeflow/core/rng';

/** Path handed to `build`, as the network does. */
export const PATH = 'connection a->b.connector';

export const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
};

/** Unbiased sample variance. */
export const variance = (xs: ArrayLike<number>): number => {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += ((xs[i] as number) - m) ** 2;
  return s / (xs.length - 1);
};

/** Σ_pre of a dense table, one value per postsynaptic neuron. */
export function columnSums(t: DenseTable): Float64Array {
  const sums = new Float64Array(t.nPost);
  for (let i = 0; i < t.nPre; i++) for (let j = 0; j < t.nPost; j++) sums[j] = (sums[j] as number) + (t.weights[i * t.nPost + j] as number);
  return sums;
}

/** Synapses per row (outdegree) and per column (indegree) of a CSR table. */
export function degrees(t: CsrTable): { out: Float64Array; in: Float64Array } {
  const out = new Float64Array(t.nPre);
  const inn = new Float64Array(t.nPost);
  for (let i = 0; i < t.nPre; i++) out[i] = (t.rowStart[i + 1] as number) - (t.rowStart[i] as number);
  for (const j of t.post) inn[j] = (inn[j] as number) + 1;
  return { out, in: inn };
}

/** Structural checks of a CSR table; `strict`: posts strictly increasing within a row (no repeated pair). */
export function expectValidCsr(t: CsrTable, strict = true): void {
  expect(t.format).toBe('csr');
  expect(t.rowStart.length).toBe(t.nPre + 1);
  expect(t.rowStart[0]).toBe(0);
  expect(t.rowStart[t.nPre]).toBe(t.post.length);
  expect(t.weights.length).toBe(t.post.length);
  let bad = 0;
  for (let i = 0; i < t.nPre; i++) {
    const a = t.rowStart[i] as number;
    const b = t.rowStart[i + 1] as number;
    if (b < a) bad++;
    for (let k = a; k < b; k++) {
      const j = t.post[k] as number;
      if (j >= t.nPost) bad++;
      if (k > a && (strict ? j <= (t.post[k - 1] as number) : j < (t.post[k - 1] as number))) bad++;
    }
  }
  expect(bad).toBe(0);
}

/** A stream that fails the test if a connector draws from it. */
export const noRandomness: HostRng = {
  uniform: () => {
    throw new Error('drew a uniform');
  },
  normal: () => {
    throw new Error('drew a normal');
  },
};
