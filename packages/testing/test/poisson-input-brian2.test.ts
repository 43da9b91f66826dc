/**
 * Poisson input (`poissonInput`, Brian2's `PoissonInput`) against Brian2 2.5.1 (numpy target) on
 * this machine, with bench/brian2/poisson_input.py (one Python process for both tests):
 *
 * - timing, deterministic: rate·dt = 1 makes every step add exactly n·weight, so one LIF neuron's
 *   v trace and spike steps must equal Brian2's (PoissonInput's default `when='synapses'`: after
 *   the integration and threshold test, before the reset — the reset discards a spiking step's
 *   input; refractory neurons receive it, Brian2's `int(not_refractory)` form) within 1e-9 mV;
 *   Brian2 gets refractory t_ref + dt because it clamps one step less than spikeflow's LIF.
 * - statistics, 3 seeds per simulator (Philox here, numpy's Mersenne Twister there): a passive
 *   membrane (tau 10 ms) under n = 200 inputs at 20 Hz of 0.5 mV: the stationary mean and
 *   variance of v, pooled over 400 neurons and samples every ms in [50, 200) ms, against the
 *   exact values of the discrete shot noise — mean n·p·w/(1 − a), variance n·p·(1 − p)·w²/(1 − a²),
 *   a = exp(−dt/tau), p = rate·dt (Campbell's theorem n·rate·w·tau and n·rate·w²·tau/2 as
 *   dt → 0) — within 1 % (mean) and 8 % (variance) for each side's seed mean (a single seed's
 *   standard errors are about 0.2 % and 2.6 %); and a LIF population (tau 20 ms, θ 20 mV,
 *   reset 10 mV, 2 ms refractory) under n = 1000 inputs at 12 Hz of 0.1 mV (mean drive 24 mV):
 *   the difference of the seed-mean firing rates within 4 standard errors of that difference,
 *   sqrt(s_a²/3 + s_b²/3) from each side's seed-to-seed spread, or 0.5 Hz, whichever is larger
 *   (three seeds estimate a spread poorly).
 *
 * Skipped, with a message, where `/usr/bin/python3 -c 'import brian2'` fails; fails there under CI=true.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Network } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { poissonInput } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { BRIAN2_INSTALL, pythonHas, runPythonLines } from '../../../test-support/python.js';

const SCRIPT = fileURLToPath(new URL('../../../bench/brian2/poisson_input.py', import.meta.url));
const HAVE_BRIAN2 = pythonHas('brian2', BRIAN2_INSTALL);

const DT = 0.1;
const TIMING = { dt: DT, tau: 10, theta: 20, vr: 10, tRef: 0.5, n: 3, weight: 0.4, steps: 60 };
const SEEDS = [1, 2, 3];
const STATS = {
  dt: DT,
  duration: 200,
  skip: 50,
  seeds: SEEDS,
  passive: { size: 400, tau: 10, n: 200, rate: 20, weight: 0.5 },
  lif: { size: 400, tau: 20, theta: 20, vr: 10, tRef: 2, n: 1000, rate: 12, weight: 0.1 },
};

type Line = { case: 'timing'; v: number[]; spikes: number[] } | { case: 'stats'; seed: number; mean: number; var: number; rate_hz: number };

let brian: Promise<Line[]> | undefined;
/** Both cases in one Python process (Brian2's import alone takes seconds), started by the first test that needs them. */
const brianLines = () =>
  (brian ??= runPythonLines<Line>(SCRIPT, [
    JSON.stringify({
      timing: { dt: TIMING.dt, tau: TIMING.tau, theta: TIMING.theta, vr: TIMING.vr, refractory: TIMING.tRef + DT, n: TIMING.n, weight: TIMING.weight, steps: TIMING.steps, unless_refractory: false },
      stats: { ...STATS, lif: { ...STATS.lif, refractory: STATS.lif.tRef + DT } },
    }),
  ]));

async function spikeflowTiming() {
  const net = new Network({ dt: DT, seed: 1 });
  const cell = net.population('cell', { model: LIF, size: 1, parameters: { R: 1, C: TIMING.tau, u_rest: 0, u_reset: TIMING.vr, threshold: TIMING.theta, t_ref: TIMING.tRef }, initial: { v: 0 } });
  net.stimulate(cell, poissonInput({ variable: 'v', n: TIMING.n, rate: 1000 / DT, weight: TIMING.weight }));
  const v = net.monitor(new StateMonitor(cell, 'v'));
  const s = net.monitor(new SpikeMonitor(cell));
  await net.run({ steps: TIMING.steps }, createCpuBackend());
  return { v: Array.from(v.values().data as Float64Array), spikes: Array.from(s.steps) };
}

async function spikeflowStats(seed: number) {
  const { passive: a, lif: b } = STATS;
  const net = new Network({ dt: DT, seed });
  const passive = net.population('passive', { model: LIF, size: a.size, parameters: { R: 1, C: a.tau, u_rest: 0, u_reset: 0, threshold: 1e9 }, initial: { v: 0 } });
  net.stimulate(passive, poissonInput({ variable: 'v', n: a.n, rate: a.rate, weight: a.weight }));
  const lif = net.population('lif', { model: LIF, size: b.size, parameters: { R: 1, C: b.tau, u_rest: 0, u_reset: b.vr, threshold: b.theta, t_ref: b.tRef }, initial: { v: 0 } });
  net.stimulate(lif, poissonInput({ variable: 'v', n: b.n, rate: b.rate, weight: b.weight }));
  const every = Math.round(1 / DT);
  const v = net.monitor(new StateMonitor(passive, 'v', { every }));
  const spikes = net.monitor(new SpikeMonitor(lif));
  await net.run({ duration: STATS.duration }, createCpuBackend());
  const skipStep = Math.round(STATS.skip / DT);
  const data = v.values().data as Float64Array;
  const rows = data.length / a.size;
  let sum = 0;
  let sum2 = 0;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    if (r * every < skipStep) continue;
    for (let i = 0; i < a.size; i++) {
      const x = data[r * a.size + i]!;
      sum += x;
      sum2 += x * x;
      count++;
    }
  }
  const mean = sum / count;
  const late = Array.from(spikes.steps).filter((s) => s >= skipStep).length;
  return { mean, var: sum2 / count - mean * mean, rate_hz: late / b.size / ((STATS.duration - STATS.skip) / 1000) };
}

const meanOf = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sdOf = (xs: readonly number[]) => {
  const m = meanOf(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

describe.skipIf(!HAVE_BRIAN2)('Poisson input against Brian2 2.5.1', () => {
  it('applies the input where Brian2 does: the same v trace and spike steps at rate·dt = 1', async () => {
    const ours = await spikeflowTiming();
    const theirs = (await brianLines()).find((l) => l.case === 'timing') as Extract<Line, { case: 'timing' }>;
    expect(ours.spikes.length).toBeGreaterThanOrEqual(3);
    expect(ours.spikes).toEqual(theirs.spikes);
    expect(ours.v.length).toBe(theirs.v.length);
    ours.v.forEach((x, k) => expect(Math.abs(x - theirs.v[k]!)).toBeLessThan(1e-9));
  });

  it('gives the shot-noise mean and variance of a passive membrane and the LIF firing rate of Brian2 (3 seeds each)', async () => {
    const ours = [];
    for (const seed of SEEDS) ours.push(await spikeflowStats(seed));
    const theirs = (await brianLines()).filter((l): l is Extract<Line, { case: 'stats' }> => l.case === 'stats');
    expect(theirs.length).toBe(SEEDS.length);
    const { n, rate, weight, tau } = STATS.passive;
    const p = (rate / 1000) * DT;
    const a = Math.exp(-DT / tau);
    const mean = (n * p * weight) / (1 - a);
    const variance = (n * p * (1 - p) * weight ** 2) / (1 - a * a);
    for (const side of [ours, theirs]) {
      expect(Math.abs(meanOf(side.map((r) => r.mean)) / mean - 1)).toBeLessThan(0.01);
      expect(Math.abs(meanOf(side.map((r) => r.var)) / variance - 1)).toBeLessThan(0.08);
    }
    const [ra, rb] = [ours.map((r) => r.rate_hz), theirs.map((r) => r.rate_hz)];
    expect(meanOf(ra)).toBeGreaterThan(20); // the LIF population fires
    const se = Math.sqrt(sdOf(ra) ** 2 / ra.length + sdOf(rb) ** 2 / rb.length);
    expect(Math.abs(meanOf(ra) - meanOf(rb))).toBeLessThan(Math.max(4 * se, 0.5));
  });
});
