/**
 * Poisson input (`poissonInput`, Brian2's `PoissonInput`) on the CPU backend: the jumps are
 * k·weight with k the binomial table's value for Philox word 0 of (neuron, step, 0, stream);
 * JavaScript kernels and 2 and 3 threads give bit-identical v and spikes (WebAssembly populations
 * fall back to JavaScript, saying so); a checkpoint resumes the same draws; the `poisson-input` conformance network runs in f32 against
 * f64 within its rate tolerance; and bad input is a named ConfigError. Also: every rate input
 * refuses a negative rate (PoissonNeuron's rate, arrays and events into its r, the encoders).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, decodeCheckpoint, encodeCheckpoint, Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { binomialFromWord, binomialTable, CounterRng, streamId } from '@spikeflow/core/rng';
import { LIF, PoissonNeuron } from '@spikeflow/neurons';
import { arrayCurrent, poissonEncode, poissonInput } from '@spikeflow/stimuli';
import { StateMonitor } from '@spikeflow/monitors';
import { CpuSimulation, createCpuBackend } from '@spikeflow/backend-cpu';
import { checkConformance, conformanceFailures, poissonInputNetwork } from '@spikeflow/testing';

/** A neuron whose v only moves when an input moves it. */
const Hold: ModelDefinition = { name: 'Hold', kind: 'neuron', parameters: {}, state: { v: { unit: 'mV', initial: 0 } }, threshold: '0 > 1' };

describe('Poisson input on the CPU', () => {
  it('adds k·weight per step, k from the binomial table and Philox word 0 of (neuron, step, 0, stream)', async () => {
    const net = new Network({ dt: 0.1, seed: 9 });
    const h = net.population('h', { model: Hold, size: 5 });
    net.stimulate(h, poissonInput({ variable: 'v', n: 50, rate: 400, weight: 0.5 }), { name: 'drive' });
    const v = net.monitor(new StateMonitor(h, 'v'));
    await net.run({ steps: 30 }, createCpuBackend());
    const table = binomialTable(50, 0.04);
    const rng = new CounterRng(9);
    const expected: number[] = [];
    const acc = new Float64Array(5);
    for (let step = 0; step < 30; step++) {
      for (let i = 0; i < 5; i++) expected.push((acc[i]! += binomialFromWord(table, rng.word(streamId('drive'), step, i, 0)) * 0.5));
    }
    expect(Array.from(v.values().data as Float64Array)).toEqual(expected);
    expect(expected.at(-1)).toBeGreaterThan(0);
  });

  it('inputs on the same stream draw the same k; on different streams, different ones', async () => {
    const net = new Network({ dt: 0.1, seed: 2 });
    const a = net.population('a', { model: Hold, size: 50 });
    const b = net.population('b', { model: Hold, size: 50 });
    const input = { variable: 'v', n: 100, rate: 100, weight: 1 };
    net.stimulate(a, poissonInput({ ...input, stream: 'shared' }));
    net.stimulate(b, poissonInput({ ...input, stream: 'shared' }));
    net.stimulate(b, poissonInput(input), { name: 'own' });
    await net.run({ steps: 40 }, createCpuBackend());
    const [va, vb] = [net.compiled!.getState('a', 'v'), net.compiled!.getState('b', 'v')];
    const own = Array.from(vb, (x, i) => x - va[i]!);
    expect(Math.min(...own)).toBeGreaterThanOrEqual(0); // b = the shared draws of a + its own
    expect(own.every(Number.isInteger)).toBe(true);
    expect(own.some((x, i) => x !== va[i])).toBe(true); // the third input is not a copy of the shared one
    expect(own.reduce((s, x) => s + x, 0) / 50).toBeCloseTo(40 * 100 * 0.01, -1); // 40 steps × n·p = 40, within ±5
  });

  it('JavaScript ≡ 2 and 3 threads, bit for bit (v and spikes); WebAssembly populations fall back to JavaScript', async () => {
    const run = async (backend: Backend) => {
      const { network, monitors } = poissonInputNetwork.build(3);
      const v = network.monitor(new StateMonitor({ name: 'e', size: 400 }, 'v', { every: 9 }));
      await network.run({ steps: 600 }, backend);
      const sim = network.compiled as CpuSimulation;
      const out = { spikes: [...monitors].map(([, m]) => [Array.from(m.steps), Array.from(m.neurons)]), v: Array.from(v.values().data as Float64Array), description: sim.description };
      sim.dispose();
      return out;
    };
    const js = await run(createCpuBackend({ wasm: false }));
    expect(js.spikes[0]![0]!.length).toBeGreaterThan(300);
    const wasm = await run(createCpuBackend());
    expect(wasm.description).toMatch(/Poisson input stimulus\d+:e is drawn by JavaScript/);
    for (const other of [wasm, await run(createCpuBackend({ threads: 2 })), await run(createCpuBackend({ threads: 3, wasm: false }))]) {
      expect(other.spikes).toEqual(js.spikes);
      expect(other.v).toEqual(js.v);
    }
  });

  it('checkpoint + restore resumes the same draws: 300 + 300 steps equal 600 bit for bit', async () => {
    const build = () => {
      const { network, monitors } = poissonInputNetwork.build(5);
      return { network, e: monitors.get('e')! };
    };
    const whole = build();
    await whole.network.run({ steps: 600 }, createCpuBackend());
    const first = build();
    await first.network.run({ steps: 300 }, createCpuBackend());
    const bytes = encodeCheckpoint(await first.network.checkpoint());
    const second = build();
    await second.network.restore(decodeCheckpoint(bytes), createCpuBackend());
    await second.network.run({ steps: 300 }, createCpuBackend());
    expect([...first.e.steps, ...second.e.steps]).toEqual([...whole.e.steps]);
    expect([...first.e.neurons, ...second.e.neurons]).toEqual([...whole.e.neurons]);
    expect(second.network.compiled!.getState('e', 'v')).toEqual(whole.network.compiled!.getState('e', 'v'));
    expect(second.e.steps.length).toBeGreaterThan(100);
  });

  it('the poisson-input conformance network: CPU f32 within its rate tolerance of f64', async () => {
    const report = await checkConformance(createCpuBackend({ precision: 'f32' }), { networks: [poissonInputNetwork] });
    expect(conformanceFailures(report)).toEqual([]);
    for (const c of report.cases) for (const r of c.ratesF32) expect(r.countA).toBeGreaterThan(100);
  });
});

describe('Poisson input: bad input is a named error', () => {
  const build = (source: Parameters<typeof poissonInput>[0] | Record<string, unknown>, options: { input?: string } = {}) => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const p = net.population('exc', { model: LIF, size: 3 });
    net.stimulate(p, { kind: 'poisson-input', ...(source as object) } as never, { name: 'drive', ...options });
    return () => net.build();
  };
  const base = { variable: 'v', n: 100, rate: 10, weight: 0.1 };

  it.each([
    ['a negative rate', { rate: -5 }, 'negative-rate', 'stimulus drive.rate', 'expected a rate >= 0 Hz, got -5'],
    ['a negative rate with a unit', { rate: '-5 Hz' }, 'negative-rate', 'stimulus drive.rate', 'got -5 Hz'],
    ['a rate that is not finite', { rate: Number.NaN }, 'not-finite', 'stimulus drive.rate', 'finite'],
    ['a rate in the wrong unit', { rate: '5 mV' }, 'wrong-unit', 'stimulus drive.rate', 'Hz'],
    ['rate·dt > 1', { rate: 20_000 }, 'bad-rate', 'stimulus drive.rate', 'rate·dt = 20000 Hz × 0.1 ms = 2 > 1'],
    ['n = 0', { n: 0 }, 'bad-value', 'stimulus drive.n', 'a whole number >= 1, got 0'],
    ['n not whole', { n: 2.5 }, 'bad-value', 'stimulus drive.n', 'got 2.5'],
    ['an unknown variable', { variable: 'u' }, 'unknown-state', 'stimulus drive.variable', "population exc (model LIF) has no state variable 'u'; known: v"],
    ['a weight in the wrong unit', { weight: '0.1 nA' }, 'wrong-unit', 'stimulus drive.weight', 'mV'],
    ['a weight that is not finite', { weight: Number.POSITIVE_INFINITY }, 'not-finite', 'stimulus drive.weight', 'finite'],
  ])('%s', (_what, change, code, path, message) => {
    const f = build({ ...base, ...change });
    expect(f).toThrow(ConfigError);
    try {
      f();
    } catch (e) {
      expect(e).toMatchObject({ code, path });
      expect((e as Error).message).toContain(message);
    }
  });

  it('an input named for it (it moves a state variable, it feeds none)', () => {
    expect(build(base, { input: 'I' })).toThrow(/stimulus drive\.input.*moves the state variable 'v' of population exc/);
  });

  it('the factory refuses a negative or non-finite rate, a bad n and a non-finite weight by option name', () => {
    expect(() => poissonInput({ ...base, rate: -1 })).toThrow(/poissonInput\.rate.*>= 0 Hz, got -1/);
    expect(() => poissonInput({ ...base, rate: Number.POSITIVE_INFINITY })).toThrow(/poissonInput\.rate/);
    expect(() => poissonInput({ ...base, n: 0 })).toThrow(/poissonInput\.n/);
    expect(() => poissonInput({ ...base, n: 1.5 })).toThrow(/poissonInput\.n/);
    expect(() => poissonInput({ ...base, weight: Number.NaN })).toThrow(/poissonInput\.weight/);
    expect(() => poissonInput({ ...base, variable: '' })).toThrow(/poissonInput\.variable/);
  });

  it('rate 0 and rate·dt = 1 are allowed (no input; n jumps every step)', async () => {
    for (const [rate, expected] of [[0, 0], [10_000, 100 * 0.1 * 20]] as const) {
      const net = new Network({ dt: 0.1, seed: 1 });
      const h = net.population('h', { model: Hold, size: 2 });
      net.stimulate(h, poissonInput({ variable: 'v', n: 100, rate, weight: 0.1 }));
      await net.run({ steps: 20 }, createCpuBackend());
      net.compiled!.getState('h', 'v').forEach((x) => expect(x).toBeCloseTo(expected, 9));
    }
  });
});

describe('every rate input refuses a negative rate by name', () => {
  const poissonPop = (rate: unknown, stimulus?: (net: Network, p: ReturnType<Network['population']>) => void) => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const p = net.population('src', { model: PoissonNeuron, size: 3, parameters: { rate: rate as number } });
    stimulus?.(net, p);
    return () => net.build();
  };

  it.each([
    ['a negative rate', -5, "'rate' of model PoissonNeuron must be >= 0, got -5 Hz"],
    ['a negative rate with a unit', '-0.5 kHz', 'got -500 Hz'],
    ['one negative rate of an array', [1, -2, 3], 'got -2 Hz (neuron 1)'],
    ['a distribution that draws a negative rate', { uniform: { min: -10, max: -1 } }, '(neuron 0)'],
  ])('PoissonNeuron: %s', (_what, rate, message) => {
    const f = poissonPop(rate);
    expect(f).toThrow(ConfigError);
    expect(f).toThrow(message);
    try {
      f();
    } catch (e) {
      expect(e).toMatchObject({ code: 'negative-rate', path: 'population src.parameters.rate' });
    }
  });

  it('PoissonNeuron: an array stimulus into r that takes rate + r below 0 names the step and neuron', () => {
    const data = new Float64Array(5 * 3);
    data[3 * 3 + 1] = -0.02; // 10 Hz − 20 Hz at step 3, neuron 1
    const f = poissonPop(10, (net, p) => net.stimulate(p, arrayCurrent({ data, steps: 5, size: 3 }), { name: 'profile', input: 'r' }));
    expect(f).toThrow(/stimulus profile: rate \+ r of population src \(model PoissonNeuron\) must stay >= 0.* at step 3, neuron 1/);
    try {
      f();
    } catch (e) {
      expect(e).toMatchObject({ code: 'negative-rate' });
    }
    data[3 * 3 + 1] = -0.005; // 10 Hz − 5 Hz: allowed
    expect(poissonPop(10, (net, p) => net.stimulate(p, arrayCurrent({ data, steps: 5, size: 3 }), { input: 'r' }))).not.toThrow();
  });

  it('PoissonNeuron: given events into r with a value below −rate', () => {
    const f = poissonPop(10, (net, p) => net.stimulate(p, { kind: 'events', times: [1], indices: [2], value: -1 }, { name: 'kick', input: 'r' }));
    expect(f).toThrow(/stimulus kick: rate \+ r .* at an event of neuron 2/);
  });

  it('poissonEncode and poissonInput refuse a negative rate', () => {
    expect(() => poissonEncode([0.5], { duration: 10, dt: 0.1, maxRate: -1, seed: 1 })).toThrow(/poissonEncode\.maxRate/);
    expect(() => poissonInput({ variable: 'v', n: 10, rate: -1, weight: 1 })).toThrow(/poissonInput\.rate/);
  });
});
