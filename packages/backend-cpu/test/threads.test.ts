/**
 * The multi-threaded CPU mode (`createCpuBackend({ threads })`) must give exactly the results of
 * one thread: the same (step, neuron) spike lists, the same recorded values and the same final
 * state, bit for bit, for the same seed. Covered: sparse tables with one weight and with float64
 * weights, dense tables, per-step random draws (randn per neuron and shared), spike traces,
 * refractoriness, array stimuli, state monitors (selected indices, every k, spike flags), runs
 * split into parts, and more threads than neurons in a population.
 */
import { describe, expect, it } from 'vitest';
import { Network, withSpikeTrace, type Backend, type SpikeSink } from '@spikeflow/core';
import { CubaLIF, LIF } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect, randomNormalConnect } from '@spikeflow/connectivity';
import { stepNoise, incrementalStepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';

/** A CUBA-like network (two CubaLIF populations, four sparse connections). */
function cuba(seed: number, size: number, weights: 'uniform' | 'normal') {
  const net = new Network({ dt: 0.1, seed });
  const initial = { v: { uniform: { min: -60, max: -50 } } };
  const nExc = Math.round(size * 0.8);
  const exc = net.population('exc', { model: CubaLIF, size: nExc, initial });
  const inh = net.population('inh', { model: CubaLIF, size: size - nExc, initial, sign: 'inhibitory' });
  const p = 80 / size;
  const we = weights === 'uniform' ? 1.62 : { normal: { mean: 1.62, std: 0.3 } };
  const wi = weights === 'uniform' ? 9 : { normal: { mean: 9, std: 1 } };
  for (const post of [exc, inh]) {
    net.connect(exc, post, { connector: fixedProbabilityConnect({ p, weight: we }), synapse: ExpCurrent, parameters: { tau: 5 }, input: 'ge' });
    net.connect(inh, post, { connector: fixedProbabilityConnect({ p, weight: wi }), synapse: ExpCurrent, parameters: { tau: 10 }, input: 'gi' });
  }
  const spikes = [net.monitor(new SpikeMonitor(exc)), net.monitor(new SpikeMonitor(inh))];
  const v = net.monitor(new StateMonitor(inh, 'v', { indices: [0, 5, 17, size - nExc - 1], every: 3 }));
  return { net, spikes, v };
}

/** The decision network's shape: LIF with spike traces, dense random-normal weights, noisy inputs. */
function decision(seed: number, n: number) {
  const net = new Network({ dt: 1, seed });
  const neuron = withSpikeTrace(LIF, { additive: true, tau: 10 });
  const params = { R: 1, C: 20, threshold: -40, t_ref: 2 };
  const ep = net.population('ep', { model: neuron, size: n, parameters: params });
  const ip = net.population('ip', { model: neuron, size: n, parameters: params, sign: 'inhibitory' });
  const dense = randomNormalConnect({ wmean: 20, wstd: 5 });
  net.connect(ep, ip, { connector: dense, synapse: ExpCurrent });
  net.connect(ip, ep, { connector: dense, synapse: ExpCurrent });
  net.connect(ep, ep, { connector: dense, synapse: ExpCurrent });
  net.stimulate(ep, stepNoise({ I_value: 45 }));
  net.stimulate(ip, incrementalStepNoise({ I_value: 20, scale: 100, gap: 5 }));
  const steps = 400;
  net.stimulate(ip, { kind: 'array', steps, size: n, data: Float64Array.from({ length: steps * n }, (_, k) => (k % 13) * 0.25) });
  const spikes = [net.monitor(new SpikeMonitor(ep)), net.monitor(new SpikeMonitor(ip))];
  const v = net.monitor(new StateMonitor(ep, 'v'));
  const flags = net.monitor(new StateMonitor(ip, 'spike', { indices: [1, 2, 3, n - 1] }));
  const trace = net.monitor(new StateMonitor(ip, 'trace', { every: 7 }));
  return { net, spikes, v, flags, trace, steps };
}

const events = (m: SpikeMonitor) => ({ steps: Array.from(m.steps), neurons: Array.from(m.neurons) });

async function runCuba(backend: Backend, weights: 'uniform' | 'normal', parts: number[]) {
  const c = cuba(7, 2000, weights);
  for (const steps of parts) await c.net.run({ steps }, backend);
  const state = ['exc', 'inh'].map((p) => Array.from(c.net.compiled!.getState(p, 'v')));
  c.net.compiled!.dispose();
  return { spikes: c.spikes.map(events), v: Array.from(c.v.values().data as Float64Array), state };
}

describe('multi-threaded CPU mode', () => {
  it.each([
    ['one weight per connection', 'uniform', 2],
    ['float64 weights', 'normal', 2],
    ['float64 weights, 3 threads', 'normal', 3],
  ] as const)('CUBA-like network (%s): the same spikes, recorded v and final state as one thread', async (_name, weights, threads) => {
    const one = await runCuba(createCpuBackend(), weights, [3000]);
    const many = await runCuba(createCpuBackend({ threads }), weights, [3000]);
    expect(one.spikes[0]!.steps.length).toBeGreaterThan(1000);
    expect(many.spikes).toEqual(one.spikes);
    expect(many.v).toEqual(one.v);
    expect(many.state).toEqual(one.state);
  });

  it('gives the same result when a run is split into parts', async () => {
    const whole = await runCuba(createCpuBackend(), 'uniform', [2000]);
    const parts = await runCuba(createCpuBackend({ threads: 2 }), 'uniform', [1, 999, 700, 300]);
    expect(parts.spikes).toEqual(whole.spikes);
    expect(parts.state).toEqual(whole.state);
  });

  it('decision-like network (dense tables, randn inputs, array stimulus, spike traces, refractoriness, state monitors): identical', async () => {
    const results = [];
    for (const threads of [1, 2, 4]) {
      const d = decision(3, 50);
      await d.net.run({ steps: d.steps }, createCpuBackend({ threads }));
      d.net.compiled!.dispose();
      results.push({
        spikes: d.spikes.map(events),
        v: Array.from(d.v.values().data as Float64Array),
        flags: Array.from(d.flags.values().data as Float64Array),
        trace: Array.from(d.trace.values().data as Float64Array),
      });
    }
    expect(results[0]!.spikes[0]!.steps.length).toBeGreaterThan(100);
    expect(results[0]!.flags.some((x) => x === 1)).toBe(true);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('handles more threads than neurons in a population', async () => {
    const run = async (threads: number) => {
      const net = new Network({ dt: 0.1, seed: 2 });
      const a = net.population('a', { model: LIF, size: 3, parameters: { threshold: -65 } });
      net.stimulate(a, stepNoise({ I_value: 15 }));
      const s = net.monitor(new SpikeMonitor(a));
      await net.run({ steps: 2000 }, createCpuBackend({ threads }));
      net.compiled!.dispose();
      return events(s);
    };
    const one = await run(1);
    expect(one.steps.length).toBeGreaterThan(10);
    expect(await run(5)).toEqual(one);
  });

  it.each([
    ['the WebAssembly step loop', true, 2],
    ['the WebAssembly step loop, 3 threads', true, 3],
    ['the JavaScript step loop', false, 2],
  ] as const)('a monitor that throws on the main thread stops the run (%s): it rejects with the monitor’s error, within the chunk that failed, and the simulation can be disposed', async (_name, wasm, threads) => {
    const c = cuba(3, 600, 'uniform');
    // Throws once a spike of step 500 or later arrives (per step or many steps at once).
    const fault = () => new Error('sink failed on purpose');
    const sink: SpikeSink = {
      kind: 'spikes',
      population: 'exc',
      onSpikes: (step) => {
        if (step >= 500) throw fault();
      },
      onSpikeSteps: (step0, counts) => {
        if (step0 + counts.length > 500) throw fault();
      },
    };
    c.net.monitor(sink);
    const backend = createCpuBackend({ threads, wasm });
    await expect(c.net.run({ steps: 3000 }, backend)).rejects.toThrow('sink failed on purpose');
    const recorded = c.spikes[0]!.steps;
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded[recorded.length - 1]).toBeLessThan(1600); // stopped within the chunk that failed (1000 steps)
    c.net.compiled?.dispose();
  });

  it('rejects external input buffers and bad thread counts with a clear error', async () => {
    const net = new Network({ dt: 1 });
    const p = net.population('p', { model: LIF, size: 4 });
    net.stimulate(p, { kind: 'external', buffer: new Float64Array(4) });
    await expect(net.run({ steps: 1 }, createCpuBackend({ threads: 2 }))).rejects.toThrow(/external input buffers .* one-threaded/);
    expect(() => createCpuBackend({ threads: 0 })).toThrow(/threads from 1 to 256/);
    expect(() => createCpuBackend({ threads: 1.5 })).toThrow(/threads from 1 to 256/);
  });
});
