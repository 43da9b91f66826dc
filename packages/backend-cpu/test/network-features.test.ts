import { describe, expect, it } from 'vitest';
import { Network, type ModelDefinition } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect, randomNormalConnect } from '@spikeflow/connectivity';
import { incrementalStepNoise, materialize, randomWalkNoise, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';

const cpu = createCpuBackend();

/** A neuron that never fires and copies its input into a state variable, to observe inputs. */
const Probe: ModelDefinition = {
  name: 'Probe',
  kind: 'neuron',
  parameters: {},
  state: { x: { unit: 'nA', initial: 0 } },
  inputs: { I: { unit: 'nA' } },
  update: ['x = I'],
  threshold: '0 > 1',
};

describe('stimuli inside a network', () => {
  it.each([
    ['step noise', stepNoise({ I_value: 20, stream: 's' })],
    ['incremental step noise', incrementalStepNoise({ I_value: 20, scale: 10, gap: 2, stream: 's' })],
    ['random walk', randomWalkNoise({ stream: 's' })],
  ])('%s delivers exactly the values of materialize() (same seed and stream)', async (_name, source) => {
    const steps = 60;
    const size = 7;
    const net = new Network({ dt: 0.5, seed: 11 });
    const p = net.population('p', { model: Probe, size });
    net.stimulate(p, source);
    const x = net.monitor(new StateMonitor(p, 'x'));
    await net.run({ steps }, cpu);
    const expected = materialize(source, { steps, size, dt: 0.5, seed: 11 });
    const got = x.values();
    for (let s = 0; s < steps; s++) for (let i = 0; i < size; i++) expect(got.get(s, i)).toBe(expected.get(s, i));
  });
});

describe('heterogeneous parameters', () => {
  it('draws per-neuron thresholds from the seeded distribution, reproducibly, and they act per neuron', async () => {
    const make = (seed: number) => {
      const net = new Network({ dt: 0.1, seed });
      const p = net.population('p', { model: LIF, size: 2000, parameters: { threshold: { normal: { mean: -50, std: 2 } } } });
      net.stimulate(p, { kind: 'model', model: { name: 'C', kind: 'current', parameters: {}, state: {}, output: '25' } });
      return { net, spikes: net.monitor(new SpikeMonitor(p)) };
    };
    const thresholdsOf = (net: Network) => net.build().populations[0]!.instance.values.get('threshold') as Float64Array;
    const a = thresholdsOf(make(5).net);
    expect(Array.from(thresholdsOf(make(5).net))).toEqual(Array.from(a));
    expect(Array.from(thresholdsOf(make(6).net))).not.toEqual(Array.from(a));
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / (a.length - 1));
    expect(Math.abs(mean + 50)).toBeLessThan(5 * (2 / Math.sqrt(2000))); // 5 standard errors
    expect(Math.abs(sd - 2)).toBeLessThan(0.15);

    // v_inf = −70 + 25 = −45 mV: exactly the neurons with threshold <= −45 mV fire.
    const { net, spikes } = make(5);
    await net.run({ duration: 300 }, cpu);
    const perNeuron = spikes.spikesPerNeuron();
    for (let i = 0; i < a.length; i++) expect(perNeuron[i]! > 0, `neuron ${i}, threshold ${a[i]}`).toBe(a[i]! < -45.001);
  });
});

describe('storage and monitors', () => {
  it('dense and CSR propagation give identical spikes', async () => {
    const run = async (storage: 'dense' | 'csr') => {
      const net = new Network({ dt: 1, seed: 2 });
      const e = net.population('e', { model: LIF, size: 80 });
      const i = net.population('i', { model: LIF, size: 20, sign: 'inhibitory' });
      for (const [pre, post] of [[e, e], [e, i], [i, e], [i, i]] as const) {
        net.connect(pre, post, { connector: randomNormalConnect({ wmean: 20, wstd: 5 }), synapse: ExpCurrent, storage });
      }
      net.stimulate(e, stepNoise({ I_value: 32, std: 3 }));
      net.stimulate(i, stepNoise({ I_value: 25 }));
      const s = net.monitor(new SpikeMonitor(e));
      await net.run({ steps: 1000 }, cpu);
      return [Array.from(s.steps), Array.from(s.neurons)];
    };
    const dense = await run('dense');
    expect(dense[0]!.length).toBeGreaterThan(1000);
    expect(await run('csr')).toEqual(dense);
  });

  it("state monitors record selected neurons every k steps, and 'spike' flags match the spike monitor", async () => {
    const net = new Network({ dt: 1, seed: 3 });
    const p = net.population('p', { model: LIF, size: 50 });
    net.connect(p, p, { connector: fixedProbabilityConnect({ p: 0.1, weight: 2 }), synapse: ExpCurrent });
    net.stimulate(p, stepNoise({ I_value: 33, std: 4 }));
    const spikes = net.monitor(new SpikeMonitor(p));
    const flags = net.monitor(new StateMonitor(p, 'spike'));
    const v = net.monitor(new StateMonitor(p, 'v', { indices: [3, 17], every: 5 }));
    await net.run({ steps: 100 }, cpu);
    await net.run({ steps: 100 }, cpu);
    expect(Array.from(v.times)).toEqual(Array.from({ length: 40 }, (_, k) => 5 * k));
    expect(v.values().shape).toEqual([40, 2]);
    const f = flags.values();
    let ones = 0;
    for (let s = 0; s < 200; s++) for (let i = 0; i < 50; i++) ones += f.get(s, i);
    expect(ones).toBe(spikes.count);
    expect(spikes.count).toBeGreaterThan(50);
    for (let k = 0; k < spikes.count; k++) expect(f.get(spikes.steps[k]!, spikes.neurons[k]!)).toBe(1);
  });
});
