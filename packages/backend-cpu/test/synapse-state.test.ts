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
import { SpikeMonitor } from '@spikeflow/monitors';
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

async function tm(times: number[], parameters: Record<string, number>, steps = 5200) {
  const net = new Network({ dt, seed: 3 });
  const src = net.population('in', { model: SpikeSource, size: 1 });
  net.stimulate(src, spikeTimes({ times, indices: times.map(() => 0) }));
  const cell = net.population('cell', { model: Passive, size: 1 });
  net.connect(src, cell, { connector: oneToOneConnect({ weight: 0.25 }), synapse: TsodyksMarkram, parameters, name: 'stp' });
  const spikes = net.monitor(new SpikeMonitor(src));
  await net.run({ steps }, createCpuBackend());
  const sim = net.compiled as CpuSimulation;
  return { sim, steps: Array.from(spikes.steps), u: sim.synapseValues('stp', 'u')[0]!, x: sim.synapseValues('stp', 'x')[0]! };
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
    let [u, x, last] = [p.U, 1, 0];
    for (const s of got.steps) {
      const d = (s - last) * dt;
      u = p.U + (u - p.U) * Math.exp(-d / p.tau_f);
      x = 1 + (x - 1) * Math.exp(-d / p.tau_d);
      x -= u * x;
      u += p.U * (1 - u);
      last = s;
    }
    expect(got.u).toBeCloseTo(u, 12);
    expect(got.x).toBeCloseTo(x, 12);
    expect(got.sim.description).toContain('propagation in JavaScript: stp (per-synapse variables)');
  });

  it('named errors: unknown connection or variable; U outside (0, 1]; non-positive time constant', async () => {
    const { sim } = await tm([10], { U: 0.5 }, 10);
    expect(() => sim.synapseValues('nope', 'u')).toThrow(/unknown|no connection named 'nope'/);
    expect(() => sim.synapseValues('stp', 'w')).toThrow(/synapse model TsodyksMarkram has no per-synapse variable 'w'; it has: u, x/);
    await expect(tm([10], { U: 1.5 }, 10)).rejects.toThrow(ConfigError);
    await expect(tm([10], { U: 1.5 }, 10)).rejects.toThrow(/parameters\.U: 'U' must be ≤ 1, got 1\.5/);
    await expect(tm([10], { U: 0 }, 10)).rejects.toThrow(/parameters\.U: 'U' must be > 0, got 0/);
    await expect(tm([10], { U: 1 }, 10)).resolves.toBeDefined();
    await expect(tm([10], { tau_d: -5 }, 10)).rejects.toThrow(/parameters\.tau_d: time constant 'tau_d' must be > 0/);
  });
});
