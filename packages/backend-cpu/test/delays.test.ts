/**
 * Transmission delays (`ConnectionOptions.delay`): a spike at step s acts on the target from step
 * s + d, for one delay per connection and for per-synapse delays drawn from the seed; results are
 * identical in JavaScript, WebAssembly and on several threads, through checkpoints, and bad delays
 * are named errors.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type Backend, type ModelDefinition, type SpikeflowWarning, type ValueSpec } from '@spikeflow/core';
import { LIF, SpikeSource } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect, fullConnect, oneToOneConnect } from '@spikeflow/connectivity';
import { spikeTimes, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';

/** A neuron that never fires and copies its synaptic input into x, to see when input arrives. */
const Probe: ModelDefinition = { name: 'Probe', kind: 'neuron', parameters: {}, state: { x: { unit: 'nA', initial: 0 } }, inputs: { I: { unit: 'nA' } }, update: ['x = I'], threshold: '0 > 1' };

/** One source spike at step `at`; returns the first step at which the probe's x is non-zero. */
async function arrival(delay: ValueSpec | undefined, at: number, dt = 0.1): Promise<number> {
  const net = new Network({ dt, seed: 0 });
  const src = net.population('src', { model: SpikeSource, size: 1 });
  net.stimulate(src, spikeTimes({ times: [at * dt], indices: [0] }));
  const probe = net.population('probe', { model: Probe, size: 1 });
  net.connect(src, probe, { connector: oneToOneConnect({ weight: 1 }), synapse: ExpCurrent, parameters: { tau: 1e9 }, ...(delay !== undefined ? { delay } : {}) });
  const x = net.monitor(new StateMonitor(probe, 'x'));
  await net.run({ steps: at + 40 }, createCpuBackend());
  return Array.from(x.values().data).findIndex((v) => v !== 0);
}

describe('transmission delays', () => {
  it('a spike at step s acts from step s + d (d = round(delay / dt), as Brian2 and NEST round)', async () => {
    expect(await arrival(undefined, 5)).toBe(6); // the default: one step
    expect(await arrival(0.1, 5)).toBe(6);
    expect(await arrival(1.5, 5)).toBe(20);
    expect(await arrival('1.5 ms', 0)).toBe(15);
    expect(await arrival(2.04, 7)).toBe(27); // 20.4 steps → 20
    expect(await arrival(0.37, 3, 0.25)).toBe(4); // 1.48 steps → 1
  });

  it('warns when one delay for the connection is not a whole number of steps', () => {
    const warnings: SpikeflowWarning[] = [];
    const net = new Network({ dt: 0.1, seed: 0, onWarning: (w) => warnings.push(w) });
    const a = net.population('a', { model: LIF, size: 2 });
    net.connect(a, a, { connector: fullConnect({}), synapse: ExpCurrent, delay: 0.26 });
    expect(net.build().connections[0]!.delay).toBe(3);
    expect(warnings.map((w) => w.path)).toEqual(['connection a->a.delay']);
    expect(warnings[0]!.message).toMatch(/rounded to 3 steps/);
  });

  /** A recurrent E/I LIF network: per-synapse delays (uniform) within exc, one delay exc→inh, per-synapse delays inh→exc. */
  function delayedNetwork() {
    const net = new Network({ dt: 0.1, seed: 4 });
    const exc = net.population('exc', { model: LIF, size: 60, parameters: { R: 10, C: 1, u_rest: -65, u_reset: -65, threshold: -55, t_ref: 2 }, initial: { v: { uniform: { min: -65, max: -56 } } } });
    const inh = net.population('inh', { model: LIF, size: 20, sign: 'inhibitory', parameters: { R: 10, C: 1, u_rest: -65, u_reset: -65, threshold: -55, t_ref: 1 } });
    net.stimulate(exc, stepNoise({ I_value: 1.1, std: 0.4 }));
    net.connect(exc, exc, { connector: fixedProbabilityConnect({ p: 0.2, weight: 0.4 }), synapse: ExpCurrent, parameters: { tau: 5 }, delay: { uniform: { min: 0.5, max: 3 } } });
    net.connect(exc, inh, { connector: fixedProbabilityConnect({ p: 0.3, weight: 0.8 }), synapse: ExpCurrent, parameters: { tau: 5 }, delay: 1.2 });
    net.connect(inh, exc, { connector: fixedProbabilityConnect({ p: 0.4, weight: 1.5 }), synapse: ExpCurrent, parameters: { tau: 8 }, delay: { uniform: { min: 0.1, max: 2 } } });
    return { net, se: net.monitor(new SpikeMonitor(exc)), si: net.monitor(new SpikeMonitor(inh)) };
  }

  async function run(backend: Backend, parts: number[] = [600]) {
    const { net, se, si } = delayedNetwork();
    for (const p of parts) await net.run({ steps: p }, backend);
    return { spikes: [Array.from(se.steps), Array.from(se.neurons), Array.from(si.steps), Array.from(si.neurons)], v: Array.from(net.compiled!.getState('exc', 'v')), description: (net.compiled as { description?: string }).description };
  }

  it('gives identical results in WebAssembly, JavaScript, on 3 threads and split into parts', async () => {
    const wasm = await run(createCpuBackend());
    expect(wasm.spikes[0]!.length).toBeGreaterThan(50);
    expect(wasm.spikes[2]!.length).toBeGreaterThan(10);
    expect(wasm.description).toMatch(/propagation in WebAssembly: exc->exc, exc->inh, inh->exc/);
    for (const other of [await run(createCpuBackend({ wasm: false })), await run(createCpuBackend({ threads: 3 })), await run(createCpuBackend(), [1, 17, 230, 352])]) {
      expect(other.spikes).toEqual(wasm.spikes);
      expect(other.v).toEqual(wasm.v);
    }
  });

  it('differs from the same network without delays (the delays are used)', async () => {
    const { net, se } = delayedNetwork();
    await net.run({ steps: 600 }, createCpuBackend());
    const plain = new Network({ dt: 0.1, seed: 4 });
    const exc = plain.population('exc', { model: LIF, size: 60, parameters: { R: 10, C: 1, u_rest: -65, u_reset: -65, threshold: -55, t_ref: 2 }, initial: { v: { uniform: { min: -65, max: -56 } } } });
    plain.stimulate(exc, stepNoise({ I_value: 1.1, std: 0.4 }));
    plain.connect(exc, exc, { connector: fixedProbabilityConnect({ p: 0.2, weight: 0.4 }), synapse: ExpCurrent, parameters: { tau: 5 } });
    const sp = plain.monitor(new SpikeMonitor(exc));
    await plain.run({ steps: 600 }, createCpuBackend());
    expect(Array.from(se.steps)).not.toEqual(Array.from(sp.steps));
  });

  it('keeps the spikes still in flight through a checkpoint (restored on 2 threads)', async () => {
    const whole = delayedNetwork();
    await whole.net.run({ steps: 333 }, createCpuBackend());
    const saved = await whole.net.checkpoint();
    // Spikes of up to 30 steps back are still on their way: the checkpoint holds them.
    expect(saved.buffers.map((b) => b.name)).toContain('exc#spikes-30');
    await whole.net.run({ steps: 267 }, createCpuBackend());
    const resumed = delayedNetwork();
    const backend = createCpuBackend({ threads: 2 });
    await resumed.net.restore(saved, backend);
    await resumed.net.run({ steps: 267 }, backend);
    expect(Array.from(resumed.net.compiled!.getState('exc', 'v'))).toEqual(Array.from(whole.net.compiled!.getState('exc', 'v')));
    const tail = (m: SpikeMonitor) => Array.from(m.steps).filter((s) => s >= 333);
    expect(Array.from(resumed.se.steps)).toEqual(tail(whole.se));
  });
});

describe('delays: errors name the field', () => {
  const build = (delay: ValueSpec, storage?: 'dense') => {
    const net = new Network({ dt: 0.1, seed: 0 });
    const a = net.population('a', { model: LIF, size: 3 });
    net.connect(a, a, { connector: fullConnect({}), synapse: ExpCurrent, delay, ...(storage ? { storage } : {}) });
    return () => net.build();
  };
  it.each([
    ['a delay under one step', 0.04, undefined, 'connection a->a.delay', /less than one step/],
    ['a per-synapse delay under one step', [0.1, 0.1, 0.1, 0.1, 0.02, 0.1, 0.1, 0.1, 0.1], undefined, 'connection a->a.delay[4]', /less than one step/],
    ['a delay that is not finite', Number.POSITIVE_INFINITY, undefined, 'connection a->a.delay', /finite/],
    ['a delay longer than a spike can be held', 10_000, undefined, 'connection a->a.delay', /more than the 65536 steps/],
    ['a delay in the wrong unit', '2 mV', undefined, 'connection a->a.delay', /expected a value in ms/],
    ['per-synapse delays on a dense table', { uniform: { min: 1, max: 2 } }, 'dense' as const, 'connection a->a.delay', /sparse table/],
  ])('%s', (_name, delay, storage, path, message) => {
    let err: unknown;
    try {
      build(delay as ValueSpec, storage)();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).path).toBe(path);
    expect((err as Error).message).toMatch(message);
  });
});
