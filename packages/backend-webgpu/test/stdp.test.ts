/**
 * Plastic (STDP) connections on WebGPU against the CPU f32 mode: the same spikes and the same
 * float32 weights bit for bit — one pre/post pair (the order within a step, traces older than the
 * decay table, traces that fall below the smallest normal float32), Poisson inputs onto LIF
 * neurons with a delay, a recurrent plastic connection and a static one beside, a user's model
 * reading both traces in both event blocks.
 * The conformance suite's `stdp-*` networks check the same at its scale; what is not supported
 * is a named ConfigError (program building only, no device needed).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { LIF, PoissonNeuron, SpikeSource } from '@spikeflow/neurons';
import { ExpConductance, fixedProbabilityConnect, randomNormalConnect, StdpAdditive, StdpMultiplicative } from '@spikeflow/connectivity';
import { spikeTimes } from '@spikeflow/stimuli';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildProgram } from '@spikeflow/backend-webgpu';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());
const cpu32 = createCpuBackend({ precision: 'f32' });

/** A neuron that spikes exactly at the steps of the given times. */
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

/** One pre and one post neuron: spike steps and the final weight. */
async function pair(b: Backend, synapse: ModelDefinition, pre: number[], post: number[], extra: Record<string, number>, steps: number, w0 = 4) {
  const net = new Network({ dt: 0.1, seed: 1 });
  const src = net.population('pre', { model: SpikeSource, size: 1 });
  net.stimulate(src, spikeTimes({ times: pre, indices: pre.map(() => 0) }));
  const tgt = net.population('post', { model: Trigger, size: 1, parameters: { t1: post[0] ?? -1, t2: post[1] ?? -1 } });
  net.connect(src, tgt, { connector: fixedProbabilityConnect({ p: 1, weight: w0 }), synapse, parameters: { taupre: 20, taupost: 15, wmin: 0.5, wmax: 10, ...extra }, name: 'syn' });
  const ps = net.monitor(new SpikeMonitor(tgt));
  await net.run({ steps }, b);
  const w = net.compiled!.weights!('syn').weights[0]!;
  net.compiled!.dispose();
  return { w, post: Array.from(ps.steps) };
}

/**
 * A user's plastic model where both event blocks read both traces (the presynaptic trace in
 * `onPre`, the postsynaptic one, just bumped, in `onPost`) and a numeric constant.
 */
const StdpBothTraces: ModelDefinition = {
  ...StdpAdditive,
  name: 'StdpBothTraces',
  onPre: ['g += w', 'w = clip(w + apost + 0.25 * apre, wmin, wmax)'],
  plasticity: { ...StdpAdditive.plasticity!, onPost: ['w = clip(w + apre - 0.5 * apost, wmin, wmax)'] },
};

/**
 * Poisson inputs onto LIF neurons (a delay of `delay` ms), a recurrent plastic connection among
 * the LIF neurons, and inhibitory Poisson inputs through a static conductance onto the same
 * neurons (its events are applied by the population kernel, the plastic ones by the plastic kernel).
 */
async function poissonNetwork(b: Backend, synapse: ModelDefinition, parameters: Record<string, number>, delay: number, seed: number, steps = 800) {
  const net = new Network({ dt: 0.1, seed });
  const inp = net.population('in', { model: PoissonNeuron, size: 200, parameters: { rate: 80 } });
  const out = net.population('out', { model: LIF, size: 12, parameters: { R: 1, C: 10, u_rest: -74, u_reset: -60, threshold: -54 } });
  net.connect(inp, out, { connector: fixedProbabilityConnect({ p: 0.5, weight: { uniform: { min: 0, max: 20 } } }), synapse, parameters: { wmax: 20, ...parameters }, delay, name: 'ff' });
  net.connect(out, out, { connector: fixedProbabilityConnect({ p: 0.3, weight: 4 }), synapse, parameters: { wmax: 20, ...parameters }, name: 'rec' });
  const inh = net.population('inh', { model: PoissonNeuron, size: 20, sign: 'inhibitory', parameters: { rate: 50 } });
  net.connect(inh, out, { connector: fixedProbabilityConnect({ p: 0.5, weight: 5 }), synapse: ExpConductance, parameters: { tau: 10, E_rev: -80 } });
  const si = net.monitor(new SpikeMonitor(inp));
  const so = net.monitor(new SpikeMonitor(out));
  await net.run({ steps }, b);
  const sim = net.compiled!;
  const result = { inSteps: Array.from(si.steps), outSteps: Array.from(so.steps), outNeurons: Array.from(so.neurons), ff: Array.from(sim.weights!('ff').weights), rec: Array.from(sim.weights!('rec').weights) };
  net.compiled!.dispose();
  return result;
}

describe.skipIf(!backend)('WebGPU STDP ≡ CPU f32', () => {
  it.each([
    ['additive, pre before post', StdpAdditive, [10], [20], { Apre: 0.4, Apost: -0.3 }, 300],
    ['additive, pre after post, and pre and post in one step', StdpAdditive, [15, 27], [15, 20], { Apre: 0.4, Apost: -0.3 }, 300],
    ['multiplicative', StdpMultiplicative, [5, 21.3, 40], [12, 30], { Apre: 0.05, Apost: -0.04 }, 500],
    ['additive, 103 ms between pre and post (past the 1024-step decay table)', StdpAdditive, [1], [104], { Apre: 0.4, Apost: -0.3, taupre: 100 }, 1100],
  ] as const)('one pair: %s', async (_name, synapse, pre, post, extra, steps) => {
    const c = await pair(cpu32, synapse, [...pre], [...post], extra, steps);
    const g = await pair(backend!, synapse, [...pre], [...post], extra, steps);
    expect(g.post).toEqual(c.post);
    expect(c.w).not.toBe(4);
    expect(g.w).toBe(c.w);
  });

  it('a trace decayed below the smallest normal float32 is 0 on both (GPUs may flush subnormals): a weight at wmin = 0 stays 0', async () => {
    // taupre 0.5 ms: 44 ms after the pre spike its trace is Apre·e^−88 ≈ 2e−42, subnormal.
    const extra = { Apre: 0.4, Apost: -0.3, taupre: 0.5, wmin: 0 };
    const c = await pair(cpu32, StdpAdditive, [1], [45], extra, 500, 0);
    const g = await pair(backend!, StdpAdditive, [1], [45], extra, 500, 0);
    expect(c.post).toEqual([450]);
    expect(c.w).toBe(0);
    expect(g.w).toBe(0);
    const near = await pair(backend!, StdpAdditive, [1], [30], extra, 500, 0); // e^−58: normal, the weight moves
    expect(near.w).toBeGreaterThan(0);
    expect(near.w).toBe((await pair(cpu32, StdpAdditive, [1], [30], extra, 500, 0)).w);
  });

  it.each([
    ['StdpAdditive', StdpAdditive, { Apre: 0.5, Apost: -0.525 }],
    ['StdpMultiplicative', StdpMultiplicative, { Apre: 0.05, Apost: -0.0525 }],
    ['a model whose onPre and onPost read both traces', StdpBothTraces, { Apre: 0.5, Apost: -0.525 }],
  ] as const)('%s: Poisson → LIF (delay 0.3 ms), recurrent, static inhibition beside: identical spikes and weights after 800 steps', async (_name, synapse, parameters) => {
    const c = await poissonNetwork(cpu32, synapse, parameters, 0.3, 3);
    const g = await poissonNetwork(backend!, synapse, parameters, 0.3, 3);
    expect(c.outSteps.length).toBeGreaterThan(50);
    expect(g.inSteps).toEqual(c.inSteps);
    expect(g.outSteps).toEqual(c.outSteps);
    expect(g.outNeurons).toEqual(c.outNeurons);
    expect(g.ff.filter((w, k) => w !== c.ff[k])).toEqual([]);
    expect(g.rec.filter((w, k) => w !== c.rec[k])).toEqual([]);
    // The weights moved (after one step they are the initial ones: no postsynaptic spike yet).
    const initial = await poissonNetwork(cpu32, synapse, parameters, 0.3, 3, 1);
    expect(c.ff.filter((w, k) => w !== initial.ff[k]!).length).toBeGreaterThan(c.ff.length / 3);
    expect(c.rec.filter((w, k) => w !== initial.rec[k]!).length).toBeGreaterThan(c.rec.length / 10);
  });
});

describe('WebGPU STDP: what is not supported is a named ConfigError', () => {
  const program = (net: Network) => buildProgram(net.build(), { maxChunk: 4, regionWords: 1 << 20, maxBindingBytes: 1 << 30 });
  const base = () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    return { net, a: net.population('a', { model: PoissonNeuron, size: 4 }), b: net.population('b', { model: LIF, size: 2 }) };
  };

  it('several delays, a dense table', () => {
    const d = base();
    d.net.connect(d.a, d.b, { connector: fixedProbabilityConnect({ p: 1, weight: 1 }), synapse: StdpAdditive, delay: { uniform: { min: 0.1, max: 2 } }, name: 'learn' });
    expect(() => program(d.net)).toThrow(ConfigError);
    expect(() => program(d.net)).toThrow(/connection learn\.delay: synapse model StdpAdditive is plastic: plastic connections need one delay/);
    const dense = base();
    dense.net.connect(dense.a, dense.b, { connector: randomNormalConnect({ wmean: 1, wstd: 0.1 }), synapse: StdpAdditive, name: 'learn' });
    expect(() => program(dense.net)).toThrow(/connection learn\.connector: .*sparse \(CSR\) table/);
  });
});

describe.skipIf(!backend)('WebGPU STDP: checkpoints', () => {
  it('refuses checkpoints of plastic state by name', async () => {
    const d = new Network({ dt: 0.1, seed: 1 });
    const a = d.population('a', { model: PoissonNeuron, size: 4 });
    d.connect(a, d.population('b', { model: LIF, size: 2 }), { connector: fixedProbabilityConnect({ p: 1, weight: 1 }), synapse: StdpAdditive, name: 'learn' });
    await d.run({ steps: 5 }, backend!);
    const sim = d.compiled as unknown as { checkpoint(): Promise<unknown> };
    await expect(sim.checkpoint()).rejects.toThrow(/checkpoint\(\): checkpoints of plastic connections \(learn\) are not supported yet/);
    d.compiled!.dispose();
  });
});
