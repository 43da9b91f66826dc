/**
 * Per-synapse variables with event-driven linear ODEs (`plasticity.synapseState`) on the CPU
 * backend: advanced exactly at each synapse's events, read and written by onPre, readable with
 * `synapseValues`; checked against a replay of the closed form on the recorded spike steps.
 * Also the named errors (unknown connection or variable, U outside (0, 1], non-positive tau).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type ModelDefinition } from '@spikeflow/core';
import { SpikeSource } from '@spikeflow/neurons';
import { oneToOneConnect, TsodyksMarkram } from '@spikeflow/connectivity';
import { spikeTimes } from '@spikeflow/stimuli';
import { SpikeMonitor, SynapseMonitor } from '@spikeflow/monitors';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';

/** A passive target: v integrates the synaptic current, no spikes. */
const Passive: ModelDefinition = {
  name: 'Passive',
  kind: 'neuron',
  parameters: { tau_m: { unit: 'ms', default: 20, timeConstant: true }, R: { unit: 'MΩ', default: 100 } },
  state: { v: { unit: 'mV', initial: 0 } },
  inputs: { I: { unit: 'nA' } },
  equations: { v: '(R * I - v) / tau_m' },
  threshold: 'v > 1e9',
  reset: [],
};

const dt = 0.1;

async function tm(times: number[], parameters: Record<string, number>, steps = 5200, precision: 'f64' | 'f32' = 'f64') {
  const net = new Network({ dt, seed: 3 });
  const src = net.population('in', { model: SpikeSource, size: 1 });
  net.stimulate(src, spikeTimes({ times, indices: times.map(() => 0) }));
  const cell = net.population('cell', { model: Passive, size: 1 });
  net.connect(src, cell, { connector: oneToOneConnect({ weight: 0.25 }), synapse: TsodyksMarkram, parameters, name: 'stp' });
  const spikes = net.monitor(new SpikeMonitor(src));
  const uRows = net.monitor(new SynapseMonitor('stp', { variable: 'u', every: 1000 }));
  await net.run({ steps }, createCpuBackend({ precision }));
  const sim = net.compiled as CpuSimulation;
  return { sim, uRows, steps: Array.from(spikes.steps), u: sim.synapseValues('stp', 'u')[0]!, x: sim.synapseValues('stp', 'x')[0]! };
}

describe('per-synapse event-driven variables (Tsodyks–Markram)', () => {
  it.each([
    ['facilitating', { U: 0.1, tau_f: 100, tau_d: 1 }],
    ['depressing', { U: 0.6, tau_f: 10, tau_d: 100 }],
  ])('%s: u and x after a 20 Hz train and a recovery spike equal the exact replay to 1e-12', async (_name, p) => {
    const times = [10, 60, 110, 160, 210, 260, 510];
    const got = await tm(times, p);
    expect(got.steps.length).toBe(times.length);
    // Replay: between events u → U + (u − U)·exp(−Δ/tau_f), x → 1 + (x − 1)·exp(−Δ/tau_d); then release, depress, facilitate.
    let [u, x, last, uAt5000] = [p.U, 1, 0, p.U];
    for (const s of got.steps) {
      const d = (s - last) * dt;
      u = p.U + (u - p.U) * Math.exp(-d / p.tau_f);
      x = 1 + (x - 1) * Math.exp(-d / p.tau_d);
      x -= u * x;
      u += p.U * (1 - u);
      last = s;
      if (s <= 5000) uAt5000 = u;
    }
    expect(got.u).toBeCloseTo(u, 12);
    // A synapse monitor records u (as of the synapse's last spike) every 1000 steps.
    expect(Array.from(got.uRows.times)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(got.uRows.values().get(5, 0)).toBeCloseTo(uAt5000, 12);
    expect(got.x).toBeCloseTo(x, 12);
    expect(got.sim.description).toContain('propagation in JavaScript: stp (per-synapse variables)');
  });

  it('named errors: unknown connection or variable; U outside (0, 1]; non-positive time constant', async () => {
    const { sim } = await tm([10], { U: 0.5 }, 10);
    expect(() => sim.synapseValues('nope', 'u')).toThrow(/no connection named 'nope'/);
    expect(() => sim.synapseValues('stp', 'y')).toThrow(/connection stp \(model TsodyksMarkram\) has no per-synapse variable 'y'; known: w, u, x/);
    expect(Array.from(sim.synapseValues('stp', 'w'))).toEqual([0.25]);
    await expect(tm([10], { U: 1.5 }, 10)).rejects.toThrow(ConfigError);
    await expect(tm([10], { U: 1.5 }, 10)).rejects.toThrow(/parameters\.U: 'U' must be ≤ 1, got 1\.5/);
    await expect(tm([10], { U: 0 }, 10)).rejects.toThrow(/parameters\.U: 'U' must be > 0, got 0/);
    await expect(tm([10], { U: 1 }, 10)).resolves.toBeDefined();
    await expect(tm([10], { tau_d: -5 }, 10)).rejects.toThrow(/parameters\.tau_d: time constant 'tau_d' must be > 0/);
    await expect(tm([10], { U: 0.5 }, 10, 'f32')).rejects.toThrow(/connection stp: synapse model TsodyksMarkram has per-synapse variables, a weight equation or reward statements: they run in the f64 CPU mode only/);
  });
});
