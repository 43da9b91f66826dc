/**
 * Spike sources with given times (`SpikeSource` + `spikeTimes`, Brian2's SpikeGeneratorGroup):
 * every given spike comes out in exactly its step (times rounded to the nearest step), on every CPU
 * mode; periods repeat the pattern; checkpoints carry the sources' cursors; downstream neurons see
 * the spikes one step later, as from any population; bad input names the field.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { LIF, SpikeSource } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect, oneToOneConnect } from '@spikeflow/connectivity';
import { materialize, spikeTimes, type SpikeTimesOptions } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';

/** Seeded times on and off the grid, at most one per neuron and step (for dt = 0.1 ms). */
function randomTrains(size: number, duration: number, seed: number): { times: number[]; indices: number[]; expected: [number, number][] } {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const times: number[] = [];
  const indices: number[] = [];
  const expected: [number, number][] = [];
  for (let i = 0; i < size; i++) {
    for (let step = 0; step < duration * 10; step++) {
      if (next() < 0.05) {
        // Anywhere within ±0.04 ms of the step: rounding must land on `step`.
        times.push(step * 0.1 + (step === 0 ? next() * 0.04 : (next() - 0.5) * 0.08));
        indices.push(i);
        expected.push([step, i]);
      }
    }
  }
  // Shuffle so the builder has to sort.
  for (let k = times.length - 1; k > 0; k--) {
    const j = Math.floor(next() * (k + 1));
    [times[k], times[j]] = [times[j]!, times[k]!];
    [indices[k], indices[j]] = [indices[j]!, indices[k]!];
  }
  expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { times, indices, expected };
}

async function record(backend: Backend, trains: SpikeTimesOptions, size: number, steps: number, parts: number[] = [steps]) {
  const net = new Network({ dt: 0.1, seed: 3 });
  const src = net.population('src', { model: SpikeSource, size });
  net.stimulate(src, spikeTimes(trains));
  const mon = net.monitor(new SpikeMonitor(src));
  for (const p of parts) await net.run({ steps: p }, backend);
  return Array.from(mon.steps, (s, k) => [s, mon.neurons[k]!] as [number, number]);
}

describe('SpikeSource with spikeTimes', () => {
  const trains = randomTrains(37, 30, 7);

  it.each([
    ['JavaScript, f64', createCpuBackend()],
    ['f32', createCpuBackend({ precision: 'f32' })],
    ['3 threads', createCpuBackend({ threads: 3 })],
  ])('emits every given spike in its step (%s)', async (_name, backend) => {
    expect(trains.expected.length).toBeGreaterThan(400);
    expect(await record(backend, trains, 37, 300)).toEqual(trains.expected);
  });

  it('gives the same spikes when the run is split into parts', async () => {
    expect(await record(createCpuBackend(), trains, 37, 300, [1, 120, 79, 100])).toEqual(trains.expected);
  });

  it('repeats the pattern every period', async () => {
    const got = await record(createCpuBackend(), { times: [0, 0.5, 2.9], indices: [1, 0, 1], period: 3 }, 2, 95);
    const expected: [number, number][] = [];
    for (let c = 0; c * 30 < 95; c++) expected.push([c * 30, 1], [c * 30 + 5, 0], [c * 30 + 29, 1]);
    expect(got).toEqual(expected.filter(([s]) => s < 95));
  });

  it('delivers the same 0/1 rows as materialize() (the figure and export path)', async () => {
    const size = 4;
    const source = spikeTimes({ times: [0.2, 0.3, 1.0, 0.3, 0.05], indices: [0, 0, 3, 2, 1], period: 1.5 });
    const rows = materialize(source, { steps: 40, size, dt: 0.1, seed: 0 });
    const got = await record(createCpuBackend(), source, size, 40);
    const fromRows: [number, number][] = [];
    for (let s = 0; s < 40; s++) for (let i = 0; i < size; i++) if (rows.get(s, i) === 1) fromRows.push([s, i]);
    expect(got).toEqual(fromRows);
  });

  it('drives downstream neurons like any population: WebAssembly and JavaScript agree, one step of delay', async () => {
    const run = async (backend: Backend) => {
      const net = new Network({ dt: 0.1, seed: 5 });
      const src = net.population('src', { model: SpikeSource, size: 37 });
      net.stimulate(src, spikeTimes(trains));
      const lif = net.population('lif', { model: LIF, size: 20, parameters: { u_rest: -65, u_reset: -65, threshold: -55, R: 10, C: 1 } });
      net.connect(src, lif, { connector: fixedProbabilityConnect({ p: 0.5, weight: 1.5 }), synapse: ExpCurrent, parameters: { tau: 2 } });
      const spikes = net.monitor(new SpikeMonitor(lif));
      const v = net.monitor(new StateMonitor(lif, 'v'));
      await net.run({ steps: 300 }, backend);
      return { steps: Array.from(spikes.steps), v: Array.from(v.values().data), description: (net.compiled as { description?: string }).description };
    };
    const wasm = await run(createCpuBackend());
    const js = await run(createCpuBackend({ wasm: false }));
    expect(wasm.steps.length).toBeGreaterThan(10);
    expect(wasm.steps).toEqual(js.steps);
    expect(wasm.v).toEqual(js.v);
    // The source population is JavaScript (its events are read by JavaScript), and says so.
    expect(wasm.description).toMatch(/events stimulus/);
  });

  it('reaches its target one step after the given spike', async () => {
    const Probe: ModelDefinition = { name: 'Probe', kind: 'neuron', parameters: {}, state: { x: { unit: 'nA', initial: 0 } }, inputs: { I: { unit: 'nA' } }, update: ['x = I'], threshold: '0 > 1' };
    const net = new Network({ dt: 1, seed: 0 });
    const src = net.population('src', { model: SpikeSource, size: 1 });
    net.stimulate(src, spikeTimes({ times: [4], indices: [0] }));
    const probe = net.population('probe', { model: Probe, size: 1 });
    net.connect(src, probe, { connector: oneToOneConnect({ weight: 2 }), synapse: ExpCurrent, parameters: { tau: 1e9 } });
    const x = net.monitor(new StateMonitor(probe, 'x'));
    await net.run({ steps: 8 }, createCpuBackend());
    expect(Array.from(x.values().data).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 0, 0, 0, 0, 2, 2, 2]);
  });

  it('keeps its position through a checkpoint', async () => {
    const setup = () => {
      const net = new Network({ dt: 0.1, seed: 3 });
      const src = net.population('src', { model: SpikeSource, size: 37 });
      net.stimulate(src, spikeTimes(trains));
      return { net, mon: net.monitor(new SpikeMonitor(src)) };
    };
    const a = setup();
    await a.net.run({ steps: 150 }, createCpuBackend());
    const saved = await a.net.checkpoint();
    const b = setup();
    await b.net.restore(saved, createCpuBackend());
    await b.net.run({ steps: 150 }, createCpuBackend());
    expect(Array.from(b.mon.steps, (s, k) => [s, b.mon.neurons[k]!])).toEqual(trains.expected.filter(([s]) => s >= 150));
  });
});

describe('spikeTimes: errors name the field', () => {
  const build = (size: number, options: SpikeTimesOptions) => {
    const net = new Network({ dt: 0.1, seed: 0 });
    const src = net.population('src', { model: SpikeSource, size });
    net.stimulate(src, spikeTimes(options), { name: 'gen' });
    return () => net.build();
  };
  it.each([
    ['two spikes of one neuron in one step', 3, { times: [1, 1.02], indices: [2, 2] }, 'stimulus gen.times[1]', /neuron 2 has two events in step 10/],
    ['an index outside the population', 3, { times: [1], indices: [3] }, 'stimulus gen.indices[0]', /outside 0\.\.2/],
    ['a period that is not a whole number of steps', 3, { times: [1], indices: [0], period: 2.05 }, 'stimulus gen.period', /whole number of steps/],
    ['a time not earlier than the period', 3, { times: [2], indices: [0], period: 2 }, 'stimulus gen.times[0]', /not earlier than the period/],
  ])('%s', (_name, size, options, path, message) => {
    const err = (() => {
      try {
        build(size, options)();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).path).toBe(path);
    expect((err as Error).message).toMatch(message);
  });
  it('refuses negative times and mismatched lengths when the source is made', () => {
    expect(() => spikeTimes({ times: [-1], indices: [0] })).toThrow(/spikeTimes.times\[0\].*time ≥ 0/);
    expect(() => spikeTimes({ times: [1, 2], indices: [0] })).toThrow(/spikeTimes.indices.*one neuron index per time/);
    expect(() => spikeTimes({ times: [1], indices: [0.5] })).toThrow(/spikeTimes.indices\[0\]/);
  });
});
