/**
 * The saturating NMDA synapse (`NmdaSynapse`: per-synapse g_syn and x, clock-driven; `x += 1` on
 * a presynaptic spike; w·g_syn·(E − v_post)·B(v_post) summed into LIF's I) against Brian2 2.5.1
 * (bench/brian2/nmda.py, numpy target; Brian2's example synapses/nonlinear.py onto LIF neurons):
 * three spike generators onto two LIF neurons, all six pairs connected with different weights,
 * 300 ms at dt = 0.1 ms, with the model's default integrator `euler` (what Brian2 picks for these
 * equations), with `rk4`, and with `exact` (exponential Euler; Brian2's `exponential_euler`) and
 * the magnesium block.
 *
 * Alignment: Brian2's StateMonitor records at the start of a step; spikeflow's monitors after the
 * step, so spikeflow's row s is Brian2's sample s + 1. Spike steps are compared as they are. Both
 * integrate the same equations with the same method and dt; the only differences are rounding
 * (Brian2 evaluates the integrator's formulas in its own order): tolerance 1e-9 on g_syn and x
 * (≤ 1 and ≤ 4) and 1e-9 mV on v. Measured when written (the test prints them): euler and rk4
 * g_syn 1.1e-16, x ≤ 2.2e-16, v 2.3e-13 mV, 77 spikes in the same steps; exponential Euler with
 * the block g_syn 3.8e-14, x 8.9e-16, v 3.2e-12 mV, 58 spikes in the same steps.
 *
 * Skipped, with a message, where `/usr/bin/python3 -c 'import brian2'` fails.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Network, type Connector, type IntegratorName } from '@spikeflow/core';
import { LIF, SpikeSource } from '@spikeflow/neurons';
import { NmdaSynapse } from '@spikeflow/connectivity';
import { spikeTimes } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor, SynapseMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { BRIAN2_INSTALL, pythonHas, runPythonLines } from '../../../test-support/python.js';

const SCRIPT = fileURLToPath(new URL('../../../bench/brian2/nmda.py', import.meta.url));
const HAVE_BRIAN2 = pythonHas('brian2', BRIAN2_INSTALL);

const dt = 0.1;
const STEPS = 3000;
const [N_PRE, N_POST] = [3, 2];
/** nS, by (pre, post). */
const WEIGHTS = [
  [6, 2],
  [3, 5],
  [4, 8],
];
const TRAIN = (from: number, n: number, gap: number) => Array.from({ length: n }, (_, k) => from + k * gap);
const SPIKES = [
  ...TRAIN(5, 6, 4).map((t) => [t, 0] as const),
  ...TRAIN(60, 10, 2.5).map((t) => [t, 1] as const),
  ...TRAIN(62, 8, 5).map((t) => [t, 2] as const),
  ...TRAIN(180, 20, 1).map((t) => [t, 0] as const),
];
const LIF_PARAMS = { R: 100, C: 0.2, u_rest: -70, u_reset: -65, threshold: -55 };
const BASE = { tau_rise: 2, tau_decay: 100, alpha: 0.5, E: 0, Mg: 0, K_mg: 3.57, beta_mg: 0.062 };
/** The magnesium block passes about 5 % at rest: that case has 10 times the weights. */
const CASES: { name: string; integrator: IntegratorName; brian2: string; params: typeof BASE; scale: number }[] = [
  { name: 'euler', integrator: 'euler', brian2: 'euler', params: BASE, scale: 1 },
  { name: 'rk4', integrator: 'rk4', brian2: 'rk4', params: BASE, scale: 1 },
  { name: 'exact, Mg block', integrator: 'exact', brian2: 'exponential_euler', params: { ...BASE, Mg: 1 }, scale: 10 },
];

/** Every pair, rows by presynaptic neuron: the order of Brian2's `connect()` and of spikeflow's synapse monitor. */
const allPairs = (scale: number): Connector => ({
  kind: 'all-pairs',
  settings: { scale },
  build: (nPre, nPost) => ({
    format: 'csr',
    nPre,
    nPost,
    rowStart: Uint32Array.from({ length: nPre + 1 }, (_, p) => p * nPost),
    post: Uint32Array.from({ length: nPre * nPost }, (_, k) => k % nPost),
    weights: Float64Array.from(WEIGHTS.flat(), (w) => w * scale),
  }),
});

interface Trace {
  g: number[][];
  x: number[][];
  v: number[][];
  spikes: [number, number][];
}

async function nmdaRun(integrator: IntegratorName, params: typeof BASE, scale: number): Promise<Trace> {
  const net = new Network({ dt, seed: 1 });
  const src = net.population('in', { model: SpikeSource, size: N_PRE });
  net.stimulate(src, spikeTimes({ times: SPIKES.map((s) => s[0]), indices: SPIKES.map((s) => s[1]) }));
  const cells = net.population('cells', { model: LIF, size: N_POST, parameters: LIF_PARAMS });
  net.connect(src, cells, { connector: allPairs(scale), synapse: { ...NmdaSynapse, integrator }, parameters: params, name: 'nmda' });
  const g = net.monitor(new SynapseMonitor('nmda', { variable: 'g_syn' }));
  const x = net.monitor(new SynapseMonitor('nmda', { variable: 'x' }));
  const v = net.monitor(new StateMonitor(cells, 'v'));
  const spikes = net.monitor(new SpikeMonitor(cells));
  await net.run({ steps: STEPS }, createCpuBackend());
  const rows = (m: { values(): { data: ArrayLike<number>; shape: readonly number[] } }) => {
    const a = m.values();
    const n = a.shape[1]!;
    const data = Array.from(a.data); // once: copying it per row made this test take a minute
    return Array.from({ length: a.shape[0]! }, (_, r) => data.slice(r * n, (r + 1) * n));
  };
  const sp = { steps: spikes.steps, neurons: spikes.neurons };
  return { g: rows(g), x: rows(x), v: rows(v), spikes: Array.from(sp.steps, (s, k) => [s, sp.neurons[k]!] as [number, number]) };
}

describe.skipIf(!HAVE_BRIAN2)('NMDA synapse against Brian2', () => {
  it('g_syn, x and v step by step, and the spike steps, with euler, rk4 and exponential Euler (Mg block)', async () => {
    const refs = await runPythonLines<Trace>(SCRIPT, CASES.map((c) => JSON.stringify({ dt, steps: STEPS, method: c.brian2, nPre: N_PRE, nPost: N_POST, times: SPIKES.map((s) => s[0]), indices: SPIKES.map((s) => s[1]), weights: WEIGHTS.map((row) => row.map((w) => w * c.scale)), params: c.params, lif: LIF_PARAMS })));
    for (const [k, c] of CASES.entries()) {
      const b = refs[k]!;
      const s = await nmdaRun(c.integrator, c.params, c.scale);
      const worst = { g: 0, x: 0, v: 0 };
      for (let step = 0; step + 1 < STEPS; step++) {
        for (const key of ['g', 'x', 'v'] as const) {
          const ours = s[key][step]!;
          const theirs = b[key][step + 1]!;
          for (let q = 0; q < ours.length; q++) worst[key] = Math.max(worst[key], Math.abs(ours[q]! - theirs[q]!));
        }
      }
      console.log(`NMDA vs Brian2 (${c.name}): largest differences g_syn ${worst.g.toExponential(1)}, x ${worst.x.toExponential(1)}, v ${worst.v.toExponential(1)} mV; ${s.spikes.length} spikes`);
      expect(worst.g, c.name).toBeLessThan(1e-9);
      expect(worst.x, c.name).toBeLessThan(1e-9);
      expect(worst.v, c.name).toBeLessThan(1e-9);
      expect(s.spikes, c.name).toEqual(b.spikes);
      expect(s.spikes.length, c.name).toBeGreaterThan(2);
    }
  });
});
