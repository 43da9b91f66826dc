/**
 * The whole step loop in WebAssembly (wasm/step-module.ts: one thread, every kernel WebAssembly,
 * no state values recorded) must give exactly what the JavaScript loop gives: the same spikes to
 * every kind of monitor (spike monitors served many steps at once through `onSpikeSteps`, sinks
 * with `onSpikes` only and `spike` state monitors one step at a time, from the loop's logs), the
 * same final state and last spikes, across run parts, progress chunks, the 1024-step calls of the
 * loop and a log that fills before the call's steps are done; with several threads, each running
 * the loop on its own slice and meeting the others at the loop's WebAssembly barrier.
 */
import { describe, expect, it } from 'vitest';
import { Network, type Backend } from '@spikeflow/core';
import { CubaLIF, LIF } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect } from '@spikeflow/connectivity';
import { SpikeCounter, SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { CpuSimulation, createCpuBackend } from '@spikeflow/backend-cpu';
import { Const, spikeCollector } from './helpers.js';

/** CUBA-like, with a delayed connection (a ring of more than two spike slots) and four kinds of monitor. */
function cuba() {
  const net = new Network({ dt: 0.1, seed: 7 });
  const initial = { v: { uniform: { min: -60, max: -50 } } };
  const exc = net.population('exc', { model: CubaLIF, size: 801, initial });
  const inh = net.population('inh', { model: CubaLIF, size: 199, initial, sign: 'inhibitory' });
  for (const post of [exc, inh]) {
    net.connect(exc, post, { connector: fixedProbabilityConnect({ p: 0.08, weight: { normal: { mean: 1.62, std: 0.2 } } }), synapse: ExpCurrent, parameters: { tau: 5 }, input: 'ge' });
    net.connect(inh, post, { connector: fixedProbabilityConnect({ p: 0.08, weight: 9 }), synapse: ExpCurrent, parameters: { tau: 10 }, input: 'gi', delay: 0.7 });
  }
  const monitors = {
    exc: net.monitor(new SpikeMonitor(exc)),
    inh: net.monitor(new SpikeMonitor(inh)),
    counter: net.monitor(new SpikeCounter(inh, { binSteps: 10 })),
    collector: net.monitor(spikeCollector('exc')),
    flags: net.monitor(new StateMonitor(exc, 'spike', { indices: [3, 800], every: 3 })),
  };
  return { net, monitors };
}

async function runCuba(backend: Backend, parts: number[], chunk?: number) {
  const { net, monitors: m } = cuba();
  for (const steps of parts) await net.run({ steps, ...(chunk ? { chunk } : {}) }, backend);
  const sim = net.compiled as CpuSimulation;
  const result = {
    description: sim.description,
    exc: [Array.from(m.exc.steps), Array.from(m.exc.neurons)],
    inh: [Array.from(m.inh.steps), Array.from(m.inh.neurons)],
    counter: Array.from(m.counter.countsPerBin(10, 3000)),
    collector: m.collector.events,
    flags: Array.from(m.flags.values().data as Float64Array),
    v: Array.from(sim.getState('exc', 'v')),
    vInh: Array.from(sim.getState('inh', 'v')),
    last: Array.from(sim.lastSpikes('exc')),
  };
  sim.dispose();
  return result;
}

describe('the step loop in WebAssembly', () => {
  it('CUBA with a delay: identical to the JavaScript loop for every kind of monitor, in parts and chunks, on 1, 2 and 3 threads', async () => {
    const js = await runCuba(createCpuBackend({ wasm: false }), [3000]);
    expect(js.description).not.toContain('step loop in WebAssembly');
    expect(js.exc[0]!.length).toBeGreaterThan(300);
    expect(js.inh[0]!.length).toBeGreaterThan(50);
    for (const [threads, parts, chunk] of [
      [1, [3000]],
      [1, [1, 1100, 1899], 500],
      [2, [3000]],
      [3, [1, 1100, 1899], 500],
    ] as const) {
      const wasm = await runCuba(createCpuBackend({ threads }), [...parts], chunk);
      expect(wasm.description).toContain('step loop in WebAssembly');
      expect(wasm).toEqual({ ...js, description: wasm.description });
    }
  });

  it('a log that fills up ends a call early (the other threads wait at the next barrier): every neuron spiking every step, identical to JavaScript', async () => {
    const run = async (backend: Backend) => {
      const net = new Network({ dt: 0.1, seed: 1 });
      // 9000 neurons spike every step (no refractory period): the log holds 36 000 indices, four steps.
      const p = net.population('p', { model: LIF, size: 9000, parameters: { t_ref: 0 } });
      net.stimulate(p, { kind: 'model', model: Const, parameters: { I0: 1e6 } });
      const spikes = net.monitor(new SpikeMonitor(p));
      await net.run({ steps: 50 }, backend);
      const sim = net.compiled as CpuSimulation;
      const out = { description: sim.description, count: spikes.count, steps: Array.from(spikes.steps), neurons: Array.from(spikes.neurons) };
      sim.dispose();
      return out;
    };
    const js = await run(createCpuBackend({ wasm: false }));
    expect(js.count).toBe(9000 * 50);
    for (const threads of [1, 2]) {
      const wasm = await run(createCpuBackend({ threads }));
      expect(wasm.description).toContain('step loop in WebAssembly');
      expect(wasm.steps).toEqual(js.steps);
      expect(wasm.neurons).toEqual(js.neurons);
    }
  });
});
