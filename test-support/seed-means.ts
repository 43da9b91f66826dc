/**
 * Comparing two simulators over seeds: they draw different connectivity and inputs, so single runs
 * differ; the means over seeds must agree within what the seed-to-seed spread allows.
 */

/** Arithmetic mean. */
export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Sample variance (n − 1 in the denominator). */
export function variance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

/** The comparison of two seed means, for assertions and their messages. */
export interface SeedMeans {
  readonly spikeflow: number;
  readonly brian2: number;
  /** spikeflow's mean minus Brian2's. */
  readonly delta: number;
  /** Standard error of `delta`: √(s₁²/n₁ + s₂²/n₂) from each simulator's seed-to-seed spread. */
  readonly se: number;
  /** |delta| < 3·se, or |delta| below the floor (for an unusually small spread). */
  readonly ok: boolean;
}

/**
 * Seed means agree: |Δ| < 3·SE(Δ), or |Δ| < `floor` — an absolute tolerance, or `{ relative }`, a
 * fraction of Brian2's mean.
 */
export function seedMeansAgree(ours: readonly number[], theirs: readonly number[], floor: number | { relative: number }): SeedMeans {
  const [spikeflow, brian2] = [mean(ours), mean(theirs)];
  const delta = spikeflow - brian2;
  const se = Math.sqrt(variance(ours) / ours.length + variance(theirs) / theirs.length);
  const tolerance = typeof floor === 'number' ? floor : floor.relative * Math.abs(brian2);
  return { spikeflow, brian2, delta, se, ok: Math.abs(delta) < 3 * se || Math.abs(delta) < tolerance };
}
