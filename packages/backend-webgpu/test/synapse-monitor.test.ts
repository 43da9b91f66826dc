/**
 * Synapse monitors on WebGPU: a monitor of static weights records them as built, the same row at
 * every recorded step, and `sim.weights` reads them like the CPU backend does; a monitor of
 * plastic (STDP) weights records the float32 weights of each recorded step, as the CPU f32 mode
 * does; unknown variables are named errors.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Network } from '@spikeflow/core';
import { LIF, PoissonNeuron } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect, StdpAdditive } from '@spikeflow/connectivity';
import { SynapseMonitor } from '@spikeflow/monitors';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';
import type { WebGpuSimulation } from '@spikeflow/backend-webgpu';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());

function net() {
  const n = new Network({ dt: 0.1, seed: 2 });
  const a = n.population('a', { model: PoissonNeuron, size: 30, parameters: { rate: 50 } });
  const b = n.population('b', { model: LIF, size: 4 });
  n.connect(a, b, { connector: fixedProbabilityConnect({ p: 0.3, weight: { uniform: { min: 0.1, max: 1 } } }), synapse: ExpCurrent, name: 'ab' });
  return n;
}

describe.skipIf(!backend)('WebGPU synapse monitors (static weights)', () => {
  it('record the weights as built at every recorded step, equal to the CPU backend', async () => {
    const gpu = net();
    const some = gpu.monitor(new SynapseMonitor('ab', { every: 40, indices: [3, 0] }));
    const all = gpu.monitor(new SynapseMonitor('ab', { every: 40 }));
    await gpu.run({ steps: 200 }, backend!);
    expect(Array.from(all.times)).toEqual([0, 40, 80, 120, 160]);
    const cpu = net();
    await cpu.run({ steps: 1 }, createCpuBackend());
    const w = (cpu.compiled as CpuSimulation).weights('ab').weights;
    const sim = gpu.compiled as WebGpuSimulation;
    expect(Array.from(sim.weights('ab').weights)).toEqual(Array.from(w));
    for (let r = 0; r < all.rows; r++) for (let k = 0; k < w.length; k++) expect(all.values().get(r, k)).toBe(w[k]);
    expect(Array.from(some.values().data)).toEqual(Array.from({ length: 5 }, () => [w[3], w[0]]).flat());
    expect(() => sim.synapseValues('ab', 'g')).toThrow(expect.objectContaining({ code: 'unknown-variable' }));
    sim.dispose();
  });
});

/** Poisson inputs onto LIF neurons through additive STDP: weights move during the run. */
function plasticNet() {
  const n = new Network({ dt: 0.1, seed: 3 });
  const a = n.population('a', { model: PoissonNeuron, size: 400, parameters: { rate: 40 } });
  const b = n.population('b', { model: LIF, size: 3, parameters: { R: 1, C: 10, u_rest: -70, u_reset: -70, threshold: -54, t_ref: 2 } });
  n.connect(a, b, { connector: fixedProbabilityConnect({ p: 0.8, weight: { uniform: { min: 4, max: 8 } } }), synapse: StdpAdditive, parameters: { wmax: 10, Apre: 0.5, Apost: -0.525 }, name: 'ab' });
  return n;
}

describe.skipIf(!backend)('WebGPU synapse monitors (plastic weights)', () => {
  it('record the weights of each recorded step, equal to the CPU f32 mode bit for bit', async () => {
    const [gpu, cpu] = [plasticNet(), plasticNet()];
    const g = gpu.monitor(new SynapseMonitor('ab', { every: 300 }));
    const c = cpu.monitor(new SynapseMonitor('ab', { every: 300 }));
    await gpu.run({ steps: 1200 }, backend!);
    await cpu.run({ steps: 1200 }, createCpuBackend({ precision: 'f32' }));
    expect(g.rows).toBe(4);
    expect(Array.from(g.values().data)).toEqual(Array.from(c.values().data));
    // The weights do move: the last row differs from the first.
    const w = g.values();
    let moved = 0;
    for (let k = 0; k < w.shape[1]!; k++) if (w.get(0, k) !== w.get(3, k)) moved++;
    expect(moved).toBeGreaterThan(10);
    (gpu.compiled as WebGpuSimulation).dispose();
  });
});

describe.skipIf(!backend)('WebGPU synapse monitors of selected synapses', () => {
  it('each recorded column is the same entry of the whole read at the same step, bit for bit (plastic and static)', async () => {
    for (const [build, every, steps] of [[plasticNet, 100, 1200], [net, 40, 200]] as const) {
      const probe = build();
      const all = probe.monitor(new SynapseMonitor('ab'));
      probe.build(); // the synapse count is known
      const count = all.layout.count;
      const idx = Int32Array.from([count - 1, 0, 7, Math.floor(count / 2), 7, count - 2]);
      const gpu = build();
      const some = gpu.monitor(new SynapseMonitor('ab', { every, indices: Array.from(idx) }));
      const whole = gpu.monitor(new SynapseMonitor('ab', { every }));
      await gpu.run({ steps }, backend!);
      expect(some.rows).toBe(steps / every);
      expect(Array.from(some.times)).toEqual(Array.from(whole.times));
      for (let r = 0; r < some.rows; r++) for (let col = 0; col < idx.length; col++) expect(some.values().get(r, col)).toBe(whole.values().get(r, idx[col]!));
      const sim = gpu.compiled as WebGpuSimulation;
      const now = sim.synapseValues('ab', 'w');
      expect(Array.from(sim.synapseValues('ab', 'w', idx))).toEqual(Array.from(idx, (i) => now[i]!));
      expect(() => sim.synapseValues('ab', 'w', [count])).toThrow(expect.objectContaining({ code: 'bad-synapse-index' }));
      let moved = 0;
      for (let col = 0; col < idx.length; col++) if (some.values().get(0, col) !== some.values().get(some.rows - 1, col)) moved++;
      if (build === plasticNet) expect(moved).toBeGreaterThan(2);
      else expect(moved).toBe(0);
      sim.dispose();
    }
  });
});
