/**
 * The WebAssembly SIMD population kernels (default in the f64 mode where the model allows) must
 * give exactly what the JavaScript kernels give (`createCpuBackend({ wasm: false })`): the same
 * spikes, recorded values and final state, bit for bit. Covered: CUBA-like populations (two
 * inputs, refractoriness), LIF with spike traces and heterogeneous parameters (per-neuron arrays,
 * per-neuron refractory periods), alpha synapses, a constant-current source, odd population sizes
 * (the spare SIMD lane), sparse propagation as WebAssembly (one weight, float64 and float32
 * weights), and a model exercising every construct the SIMD compiler handles
 * (conditions, comparisons, && || !, == !=, booleans as numbers, floor/ceil/sqrt/abs/min/max/
 * clip/sign, t, step, dt); plus the multi-threaded mode over shared WebAssembly memory.
 */
import { describe, expect, it } from 'vitest';
import { Network, withSpikeTrace, type Backend, type ModelDefinition } from '@spikeflow/core';
import { AdEx, CubaLIF, LIF } from '@spikeflow/neurons';
import { AlphaCurrent, ExpCurrent, fixedProbabilityConnect } from '@spikeflow/connectivity';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { CpuSimulation, createCpuBackend } from '@spikeflow/backend-cpu';
import { Const } from './helpers.js';

/** Every construct of the SIMD expression compiler, in a neuron that does spike. */
const Kitchen: ModelDefinition = {
  name: 'Kitchen',
  kind: 'neuron',
  // Dimensionless v and I so that every construct below passes the unit checks.
  parameters: { a: { unit: '1/ms', default: 0.5 }, th: { unit: '1', default: 1 }, t_ref: { unit: 'ms', default: 0.3 }, tau: { unit: 'ms', default: 2 } },
  state: { v: { unit: '1', initial: 0 }, u: { unit: '1', initial: 0.25 }, z: { unit: '1', initial: -1.5 } },
  inputs: { I: { unit: '1' } },
  equations: { v: '(I - v) / tau' },
  update: [
    'u = clip(u + a * dt * sign(I - 1) + (v > 0.5) * 0.01, -3, 3)',
    'z = (u >= 0 && !(v < 0.2)) || (u == 0.25) ? floor(z * 3.7) / 3.7 + sqrt(abs(u)) * 0.1 : ceil(z) - min(u, v) + max(t / t_ref * 0.001, step * 0)',
    'z = z != z ? 0 : (abs(z) > 100 ? 0 : z)',
    'u = floor(abs(v) * 2) && u > -1 ? u : u + 0.001 * !floor(z - u)',
  ],
  threshold: 'v + 0.1 * u > th',
  reset: ['v = -0.5 * abs(z) - 0.1', 'u = u - 0.5'],
  refractory: { period: 't_ref', clamp: ['v'] },
};

interface Result {
  spikes: { steps: number[]; neurons: number[] }[];
  recorded: number[][];
  state: number[][];
}

async function simulate(build: () => { net: Network; spikes: SpikeMonitor[]; recorded: StateMonitor[]; states: [string, string][] }, backend: Backend, steps: number): Promise<Result & { wasm: number }> {
  const b = build();
  await b.net.run({ steps }, backend);
  const sim = b.net.compiled!;
  const wasm = sim instanceof CpuSimulation ? sim.wasmPopulations : -1;
  const result = {
    wasm,
    spikes: b.spikes.map((m) => ({ steps: Array.from(m.steps), neurons: Array.from(m.neurons) })),
    recorded: b.recorded.map((m) => Array.from(m.values().data as Float64Array)),
    state: b.states.map(([p, v]) => Array.from(sim.getState(p, v))),
  };
  sim.dispose();
  return result;
}

function cuba() {
  const net = new Network({ dt: 0.1, seed: 9 });
  const initial = { v: { uniform: { min: -60, max: -50 } } };
  const exc = net.population('exc', { model: CubaLIF, size: 1601, initial });
  const inh = net.population('inh', { model: CubaLIF, size: 399, initial, sign: 'inhibitory' });
  for (const post of [exc, inh]) {
    net.connect(exc, post, { connector: fixedProbabilityConnect({ p: 0.04, weight: { normal: { mean: 1.62, std: 0.2 } } }), synapse: ExpCurrent, parameters: { tau: 5 }, input: 'ge' });
    net.connect(inh, post, { connector: fixedProbabilityConnect({ p: 0.04, weight: 9 }), synapse: ExpCurrent, parameters: { tau: 10 }, input: 'gi' });
  }
  return {
    net,
    spikes: [net.monitor(new SpikeMonitor(exc)), net.monitor(new SpikeMonitor(inh))],
    recorded: [net.monitor(new StateMonitor(inh, 'v', { indices: [0, 398], every: 2 })), net.monitor(new StateMonitor(exc, 'spike', { indices: [3, 1600] }))],
    states: [
      ['exc', 'v'],
      ['inh', 'v'],
    ] as [string, string][],
  };
}

function lifTraces() {
  const net = new Network({ dt: 0.25, seed: 4 });
  const neuron = withSpikeTrace(LIF, { additive: true, tau: 10 });
  const a = net.population('a', { model: neuron, size: 77, parameters: { threshold: { normal: { mean: -52, std: 2 } }, t_ref: { uniform: { min: 0, max: 3 } }, R: { uniform: { min: 0.8, max: 1.2 } } } });
  const b = net.population('b', { model: neuron, size: 31, sign: 'inhibitory', parameters: { threshold: -55, t_ref: 2 } });
  net.stimulate(a, { kind: 'model', model: Const, parameters: { I0: { uniform: { min: 15, max: 30 } } } });
  net.stimulate(b, { kind: 'model', model: Const, parameters: { I0: 12 } });
  net.connect(a, b, { connector: fixedProbabilityConnect({ p: 0.3, weight: { uniform: { min: 0.5, max: 2 } } }), synapse: AlphaCurrent, parameters: { tau: 3 } });
  net.connect(b, a, { connector: fixedProbabilityConnect({ p: 0.3, weight: 4 }), synapse: ExpCurrent });
  return {
    net,
    spikes: [net.monitor(new SpikeMonitor(a)), net.monitor(new SpikeMonitor(b))],
    recorded: [net.monitor(new StateMonitor(b, 'trace')), net.monitor(new StateMonitor(a, 'v', { every: 5 }))],
    states: [
      ['a', 'v'],
      ['a', 'trace'],
      ['b', 'v'],
    ] as [string, string][],
  };
}

function kitchen() {
  const net = new Network({ dt: 0.1, seed: 1 });
  const k = net.population('k', { model: Kitchen, size: 13, parameters: { a: { uniform: { min: 0, max: 1 } } } });
  net.stimulate(k, { kind: 'model', model: Const, parameters: { I0: { uniform: { min: 0.5, max: 4 } } } });
  return {
    net,
    spikes: [net.monitor(new SpikeMonitor(k))],
    recorded: [net.monitor(new StateMonitor(k, 'z')), net.monitor(new StateMonitor(k, 'u'))],
    states: [
      ['k', 'v'],
      ['k', 'u'],
      ['k', 'z'],
    ] as [string, string][],
  };
}

describe('WebAssembly SIMD population kernels', () => {
  it.each([
    ['CUBA-like (odd sizes)', cuba, 3000],
    ['LIF with spike traces, heterogeneous parameters, alpha synapses', lifTraces, 2000],
    ['every construct of the SIMD compiler', kitchen, 2000],
  ] as const)('%s: identical to the JavaScript kernels', async (_name, build, steps) => {
    const js = await simulate(build, createCpuBackend({ wasm: false }), steps);
    const wasm = await simulate(build, createCpuBackend(), steps);
    expect(js.wasm).toBe(0);
    expect(wasm.wasm).toBeGreaterThan(0);
    expect(js.spikes[0]!.steps.length).toBeGreaterThan(20);
    expect(wasm.spikes).toEqual(js.spikes);
    expect(wasm.recorded).toEqual(js.recorded);
    expect(wasm.state).toEqual(js.state);
  });

  it('float32 weight storage: identical to the JavaScript kernels with the same storage', async () => {
    const js = await simulate(cuba, createCpuBackend({ wasm: false, weights: 'f32' }), 2000);
    const wasm = await simulate(cuba, createCpuBackend({ weights: 'f32' }), 2000);
    expect(wasm.spikes).toEqual(js.spikes);
    expect(wasm.state).toEqual(js.state);
  });

  it('multi-threaded over shared WebAssembly memory: identical to one JavaScript thread', async () => {
    const js = await simulate(cuba, createCpuBackend({ wasm: false }), 2000);
    const threaded = await simulate(cuba, createCpuBackend({ threads: 2 }), 2000);
    expect(threaded.spikes).toEqual(js.spikes);
    expect(threaded.recorded).toEqual(js.recorded);
    expect(threaded.state).toEqual(js.state);
  });

  it.each([
    ['AdEx (exp) with noisy input (randn, rand_shared)', adex, 3000],
    ['every host function (exp, expm1, log, log1p, sin, cos, tan, tanh, **)', hostFunctions, 500],
  ] as const)('%s: runs in WebAssembly, identical to the JavaScript kernels', async (_name, build, steps) => {
    const js = await simulate(build, createCpuBackend({ wasm: false }), steps);
    const wasm = await simulate(build, createCpuBackend(), steps);
    expect(js.wasm).toBe(0);
    expect(wasm.wasm).toBe(build().net.build().populations.length);
    expect(js.spikes[0]!.steps.length).toBeGreaterThan(10);
    expect(wasm.spikes).toEqual(js.spikes);
    expect(wasm.recorded).toEqual(js.recorded);
    expect(wasm.state).toEqual(js.state);
  });

  it('AdEx over two threads (shared WebAssembly memory, host functions per thread): identical to one thread', async () => {
    const one = await simulate(adex, createCpuBackend(), 2000);
    const two = await simulate(adex, createCpuBackend({ threads: 2 }), 2000);
    expect(two.spikes).toEqual(one.spikes);
    expect(two.state).toEqual(one.state);
  });

  it('keeps JavaScript kernels for array stimuli and in the f32 mode, and says so in the description', async () => {
    const net = new Network({ dt: 1, seed: 2 });
    const p = net.population('p', { model: LIF, size: 10 });
    net.population('r', { model: LIF, size: 4 });
    net.stimulate(p, { kind: 'array', data: new Float64Array(10 * 10).fill(30), steps: 10, size: 10 }, { name: 'drive' });
    await net.run({ steps: 10 }, createCpuBackend());
    const sim = net.compiled as CpuSimulation;
    expect(sim.wasmPopulations).toBe(1);
    expect(sim.description).toContain('populations in WebAssembly: r');
    expect(sim.description).toContain('populations in JavaScript: p (array stimulus drive is read by JavaScript)');
    const f32 = new Network({ dt: 1 });
    f32.population('q', { model: LIF, size: 10 });
    await f32.run({ steps: 10 }, createCpuBackend({ precision: 'f32' }));
    expect((f32.compiled as CpuSimulation).wasmPopulations).toBe(0);
    expect((f32.compiled as CpuSimulation).description).toContain('q (f32 mode)');
  });
});

function adex() {
  const net = new Network({ dt: 0.1, seed: 5 });
  const e = net.population('e', { model: AdEx, size: 41, parameters: { b: { uniform: { min: 0.05, max: 0.1 } } } });
  net.stimulate(e, { kind: 'model', model: { name: 'Noisy', kind: 'current', parameters: { amp: { unit: 'target', default: 1 } }, state: {}, output: 'amp * (0.8 + 0.3 * randn() + 0.05 * rand_shared())' } });
  net.connect(e, e, { connector: fixedProbabilityConnect({ p: 0.1, weight: 0.05 }), synapse: ExpCurrent, parameters: { tau: 5 } });
  return { net, spikes: [net.monitor(new SpikeMonitor(e))], recorded: [net.monitor(new StateMonitor(e, 'w_ad', { every: 7 }))], states: [['e', 'v'], ['e', 'w_ad']] as [string, string][] };
}

/** A neuron whose update calls every IR function that WebAssembly imports from the host. */
const Hosts: ModelDefinition = {
  name: 'Hosts',
  kind: 'neuron',
  parameters: { k: { unit: '1', default: 0.3 }, tau_h: { unit: 'ms', default: 3 } },
  state: { v: { unit: '1', initial: 0 }, u: { unit: '1', initial: 0.5 } },
  inputs: { I: { unit: '1' } },
  equations: { v: '(I - v) / tau_h' },
  update: ['u = exp(-k * u) + expm1(u * 0.01) + log(1 + abs(v)) + log1p(abs(u)) * sin(v) + cos(u) * tan(0.1 * u) + tanh(v) + abs(v) ** 0.7', 'u = u - floor(u)'],
  threshold: 'v + u > 2.5',
  reset: ['v = 0'],
};

function hostFunctions() {
  const net = new Network({ dt: 0.1, seed: 3 });
  const h = net.population('h', { model: Hosts, size: 9, parameters: { k: { uniform: { min: 0.1, max: 0.9 } } } });
  net.stimulate(h, { kind: 'model', model: Const, parameters: { I0: { uniform: { min: 1, max: 5 } } } });
  return { net, spikes: [net.monitor(new SpikeMonitor(h))], recorded: [net.monitor(new StateMonitor(h, 'u'))], states: [['h', 'v'], ['h', 'u']] as [string, string][] };
}
