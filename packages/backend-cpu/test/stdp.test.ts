/**
 * Plastic synapses (pair-based STDP, `StdpAdditive` and `StdpMultiplicative`) on the CPU backend:
 * chosen pre and post spikes change the weight by exactly the pair-based formula (all-to-all
 * pairing, traces decaying with taupre/taupost), in Brian2's order within a step (presynaptic
 * spikes, then postsynaptic ones); JavaScript, WebAssembly-mixed and threaded runs give the same
 * weights bit for bit; what is not supported is a named ConfigError.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { LIF, PoissonNeuron, SpikeSource } from '@spikeflow/neurons';
import { fixedProbabilityConnect, StdpAdditive, StdpMultiplicative } from '@spikeflow/connectivity';
import { spikeTimes } from '@spikeflow/stimuli';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';

/** A neuron that spikes exactly at the steps of the given times (its input is ignored; v is constant). */
const Trigger: ModelDefinition = {
  name: 'Trigger',
  kind: 'neuron',
  parameters: { t1: { unit: 'ms', default: -1 }, t2: { unit: 'ms', default: -1 }, C: { unit: 'nF', default: 1 } },
  state: { v: { unit: 'mV', initial: -70 } },
  inputs: { I: { unit: 'nA' } },
  equations: { v: '0 * I / C' },
  threshold: 'abs(t - t1) < dt / 2 || abs(t - t2) < dt / 2',
  reset: [],
};

const dt = 0.1;
const [taupre, taupost, Apre, Apost, wmin, wmax] = [20, 15, 0.4, -0.3, 0.5, 10];
const w0 = 4;

/** One pre neuron (spikes at `pre` ms), one post neuron (at `post`, up to two times): the final weight and the spike steps. */
async function pair(synapse: ModelDefinition, pre: number[], post: number[], backend: Backend = createCpuBackend(), extra: Record<string, number> = {}, steps = 600) {
  const net = new Network({ dt, seed: 1 });
  const src = net.population('pre', { model: SpikeSource, size: 1 });
  net.stimulate(src, spikeTimes({ times: pre, indices: pre.map(() => 0) }));
  const tgt = net.population('post', { model: Trigger, size: 1, parameters: { t1: post[0] ?? -1, t2: post[1] ?? -1 } });
  net.connect(src, tgt, { connector: fixedProbabilityConnect({ p: 1, weight: w0 }), synapse, parameters: { taupre, taupost, Apre, Apost, wmin, wmax, ...extra }, name: 'syn' });
  const preSpikes = net.monitor(new SpikeMonitor(src));
  const postSpikes = net.monitor(new SpikeMonitor(tgt));
  await net.run({ steps }, backend);
  const w = (net.compiled as CpuSimulation).weights('syn').weights[0]!;
  return { w, pre: Array.from(preSpikes.steps), post: Array.from(postSpikes.steps) };
}

const clip = (x: number) => Math.min(Math.max(x, wmin), wmax);

describe('pair-based STDP: one pre and one post neuron, exact', () => {
  it.each([
    ['pre 10 ms before post', [10], [20]],
    ['pre 7 ms after post', [27], [20]],
    ['pre before, between and after two post spikes', [5, 21.3, 40], [12, 30]],
    ['pre and post in the same step (pre first: potentiation)', [15], [15]],
  ])('additive: %s', async (_name, preT, postT) => {
    const got = await pair(StdpAdditive, preT, postT);
    expect(got.pre.length).toBe(preT.length);
    expect(got.post.length).toBe(postT.length);
    // Replays the rule on the recorded steps: every pair (pre at a, post at b) adds Apre·exp(−(b−a)/taupre) at b when a ≤ b
    // (same step: pre runs first), else Apost·exp(−(a−b)/taupost) at a.
    const events = [...got.pre.map((s) => ({ s, kind: 'pre' as const })), ...got.post.map((s) => ({ s, kind: 'post' as const }))].sort((x, y) => x.s - y.s || (x.kind === 'pre' ? -1 : 1));
    let w = w0;
    for (const e of events) {
      if (e.kind === 'pre') w = clip(w + got.post.filter((b) => b < e.s).reduce((sum, b) => sum + Apost * Math.exp(-(e.s - b) * dt / taupost), 0));
      else w = clip(w + got.pre.filter((a) => a <= e.s).reduce((sum, a) => sum + Apre * Math.exp(-(e.s - a) * dt / taupre), 0));
    }
    expect(w).not.toBe(w0);
    expect(got.w).toBeCloseTo(w, 12);
  });

  it('additive, closed form: pre at 10 ms, post at 20 ms gives w0 + Apre·exp(−10/taupre)', async () => {
    const got = await pair(StdpAdditive, [10], [20]);
    expect(got.post[0]! - got.pre[0]!).toBe(100);
    expect(got.w).toBeCloseTo(w0 + Apre * Math.exp(-10 / taupre), 12);
    const after = await pair(StdpAdditive, [27], [20]);
    expect(after.w).toBeCloseTo(w0 + Apost * Math.exp(-7 / taupost), 12);
  });

  it('multiplicative: potentiation ∝ (wmax − w), depression ∝ (w − wmin)', async () => {
    const [mApre, mApost] = [0.05, -0.04];
    const before = await pair(StdpMultiplicative, [10], [20], createCpuBackend(), { Apre: mApre, Apost: mApost });
    expect(before.w).toBeCloseTo(w0 + mApre * Math.exp(-10 / taupre) * (wmax - w0), 12);
    const after = await pair(StdpMultiplicative, [27], [20], createCpuBackend(), { Apre: mApre, Apost: mApost });
    expect(after.w).toBeCloseTo(w0 + mApost * Math.exp(-7 / taupost) * (w0 - wmin), 12);
  });

  it('clips the weight to [wmin, wmax]', async () => {
    const up = await pair(StdpAdditive, [10, 10.5, 11, 11.5], [12], createCpuBackend(), { Apre: 5 });
    expect(up.w).toBe(wmax);
    const down = await pair(StdpAdditive, [13, 13.5, 14], [12], createCpuBackend(), { Apost: -5 });
    expect(down.w).toBe(wmin);
  });
});

/** 200 Poisson inputs onto 30 LIF neurons through StdpAdditive: the weights and output spikes after 300 ms. */
async function network(backend: Backend) {
  const net = new Network({ dt, seed: 11 });
  const inp = net.population('in', { model: PoissonNeuron, size: 200, parameters: { rate: 80 } });
  const out = net.population('out', { model: LIF, size: 30, parameters: { R: 1, C: 10, u_rest: -74, u_reset: -60, threshold: -54 } });
  net.connect(inp, out, { connector: fixedProbabilityConnect({ p: 0.5, weight: { uniform: { min: 0, max: 20 } } }), synapse: StdpAdditive, parameters: { wmax: 20, Apre: 0.5, Apost: -0.525 }, name: 'plastic' });
  const spikes = net.monitor(new SpikeMonitor(out));
  await net.run({ steps: 3000 }, backend);
  const sim = net.compiled as CpuSimulation;
  return { weights: sim.weights('plastic'), steps: Array.from(spikes.steps), neurons: Array.from(spikes.neurons), description: sim.description };
}

describe('plastic connections: JavaScript ≡ WebAssembly-mixed ≡ threads', () => {
  it('gives bit-identical weights and spikes', async () => {
    const wasm = await network(createCpuBackend());
    const js = await network(createCpuBackend({ wasm: false }));
    const threads = await network(createCpuBackend({ threads: 3 }));
    expect(wasm.description).toContain('propagation in JavaScript: plastic (plastic weights)');
    expect(wasm.steps.length).toBeGreaterThan(100);
    // The weights stayed within [0, 20] and moved: some reached a bound.
    const w = wasm.weights.weights;
    expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...w)).toBeLessThanOrEqual(20);
    expect(w.filter((x) => x === 0 || x === 20).length).toBeGreaterThan(10);
    for (const other of [js, threads]) {
      expect(other.steps).toEqual(wasm.steps);
      expect(other.neurons).toEqual(wasm.neurons);
      expect(Array.from(other.weights.weights)).toEqual(Array.from(w));
    }
  });
});

describe('plastic connections: bad input and what is not supported', () => {
  it('wmin > wmax is a ConfigError naming the value', async () => {
    const err = await pair(StdpAdditive, [1], [2], createCpuBackend(), { wmin: 5, wmax: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(String((err as Error).message)).toMatch(/wmax_minus_wmin.*> 0/);
  });

  it('refuses checkpoints with a named ConfigError', async () => {
    const net = new Network({ dt, seed: 1 });
    const src = net.population('pre', { model: SpikeSource, size: 2 });
    const tgt = net.population('post', { model: LIF, size: 2 });
    net.connect(src, tgt, { connector: fixedProbabilityConnect({ p: 1, weight: 1 }), synapse: StdpAdditive, name: 'syn' });
    await net.run({ steps: 10 }, createCpuBackend());
    expect(() => (net.compiled as CpuSimulation).checkpoint()).toThrow(/checkpoints of plastic connections \(syn\)/);
  });
});

describe('plastic connections in the f32 mode', () => {
  // Float32 weights and traces, every result rounded; traces decay through a float32 table of
  // exp(−k·dt/tau) (the WebGPU backend uses the same table), so weights agree with the exact
  // pair rule to float32 precision: relative 1e-6 over these few updates.
  it('pair rule: additive and multiplicative within 1e-6 of the closed form', async () => {
    const f32 = createCpuBackend({ precision: 'f32' });
    const before = await pair(StdpAdditive, [10], [20], f32);
    expect(Math.abs(before.w - (w0 + Apre * Math.exp(-10 / taupre))) / w0).toBeLessThan(1e-6);
    const after = await pair(StdpAdditive, [27], [20], f32);
    expect(Math.abs(after.w - (w0 + Apost * Math.exp(-7 / taupost))) / w0).toBeLessThan(1e-6);
    const [mApre, mApost] = [0.05, -0.04];
    const mult = await pair(StdpMultiplicative, [10], [20], f32, { Apre: mApre, Apost: mApost });
    expect(Math.abs(mult.w - (w0 + mApre * Math.exp(-10 / taupre) * (wmax - w0))) / w0).toBeLessThan(1e-6);
  });

  it('a trace older than the decay table (1024 steps) decays by table-sized products: 251 ms between pre and post', async () => {
    const got = await pair(StdpAdditive, [1], [252], createCpuBackend({ precision: 'f32' }), { taupre: 100 }, 2600);
    expect(got.post[0]! - got.pre[0]!).toBe(2510);
    expect(Math.abs(got.w - (w0 + Apre * Math.exp(-251 / 100))) / w0).toBeLessThan(1e-6);
  });

  it('threads give the same f32 weights and spikes as one thread', async () => {
    const one = await network(createCpuBackend({ precision: 'f32' }));
    const three = await network(createCpuBackend({ precision: 'f32', threads: 3 }));
    expect(one.description).toContain('CPU f32');
    expect(one.steps.length).toBeGreaterThan(100);
    expect(three.steps).toEqual(one.steps);
    expect(three.neurons).toEqual(one.neurons);
    expect(Array.from(three.weights.weights)).toEqual(Array.from(one.weights.weights));
  });
});

describe('plastic synapses in the stepping API', () => {
  it('a StepConnection refuses a plastic model by name', async () => {
    const { StepConnection, StepPopulation } = await import('@spikeflow/backend-cpu');
    const a = new StepPopulation('a', { model: LIF, size: 2, dt: 1 });
    const b = new StepPopulation('b', { model: LIF, size: 2, dt: 1 });
    expect(() => new StepConnection(a, b, { connector: fixedProbabilityConnect({ p: 1, weight: 1 }), synapse: StdpAdditive })).toThrow(/StdpAdditive is plastic \(STDP\): a StepConnection keeps no per-synapse state and sees no postsynaptic spikes/);
  });
});
