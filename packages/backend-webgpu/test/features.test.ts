import { afterAll, describe, expect, it } from 'vitest';
import { Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import type { SynapseTable } from '@spikeflow/core/backend';
import { LIF } from '@spikeflow/neurons';
import { AlphaCurrent, ExpCurrent, fixedProbabilityConnect, randomUniformConnect } from '@spikeflow/connectivity';
import { arrayCurrent, constantCurrent, incrementalStepNoise, materialize, randomWalkNoise, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildProgram, NoWebGpuAdapterError, acquireDevice, pipelineCache, pipelineCacheSize, WGSL_FUNCTIONS, type WebGpuSimulation } from '@spikeflow/backend-webgpu';
import { FUNCTIONS } from '@spikeflow/core/ir';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
// Small submissions, so chunk boundaries fall inside every run below.
const chunked = await gpuBackend({ maxChunk: 7 });
afterAll(() => {
  chunked?.destroy();
  backend?.destroy();
});
const cpu32 = createCpuBackend({ precision: 'f32' });

/** Copies its input into a state variable, never fires: observes what reaches a population. */
const Probe: ModelDefinition = {
  name: 'Probe',
  kind: 'neuron',
  parameters: {},
  state: { x: { unit: 'nA', initial: 0 } },
  inputs: { I: { unit: 'nA' } },
  update: ['x = I'],
  threshold: '0 > 1',
};

function featureNetwork() {
  const net = new Network({ dt: 0.5, seed: 9 });
  const a = net.population('a', { model: LIF, size: 90, parameters: { t_ref: { uniform: { min: 0, max: 4 } }, threshold: { normal: { mean: -52, std: 2 } } } });
  const b = net.population('b', { model: LIF, size: 70, sign: 'inhibitory', parameters: { t_ref: 2 } });
  const probe = net.population('probe', { model: Probe, size: 5 });
  net.connect(a, b, { connector: fixedProbabilityConnect({ p: 0.3, weight: { uniform: { min: 1, max: 4 } } }), synapse: AlphaCurrent, parameters: { tau: 3 } });
  net.connect(b, a, { connector: randomUniformConnect({ wmin: 5, wmax: 20 }), synapse: ExpCurrent, storage: 'dense' });
  net.connect(a, a, { connector: randomUniformConnect({ wmin: 5, wmax: 20 }), synapse: ExpCurrent, storage: 'csr', name: 'a-self' });
  net.connect(a, probe, { connector: fixedProbabilityConnect({ p: 0.5, weight: 1 }), synapse: ExpCurrent });
  net.stimulate(a, incrementalStepNoise({ I_value: 25, scale: 20, gap: 2, stream: 'drive' }));
  net.stimulate(b, randomWalkNoise({ start: 20, std: 0.5, sharedStd: 0.5 }));
  net.stimulate(b, arrayCurrent({ data: Float64Array.from({ length: 400 * 70 }, (_, k) => (k % 13) * 0.5), steps: 400, size: 70 }));
  net.stimulate(probe, stepNoise({ I_value: 1, std: 1, stream: 'drive' }));
  const spikes = [a, b].map((p) => net.monitor(new SpikeMonitor(p)));
  const v = net.monitor(new StateMonitor(a, 'v', { indices: [0, 3, 89], every: 3 }));
  const flags = net.monitor(new StateMonitor(b, 'spike', { every: 2 }));
  const x = net.monitor(new StateMonitor(probe, 'x'));
  return { net, spikes, v, flags, x };
}

async function runSplit(backend: Backend, parts: number[]) {
  const f = featureNetwork();
  for (const steps of parts) await f.net.run({ steps }, backend);
  return f;
}

describe.skipIf(!backend)('WebGPU backend features', () => {
  it('stimuli (model, random, array), dense and CSR, alpha and exp synapses, heterogeneous refractoriness and monitors equal CPU f32 exactly, across chunks and split runs', async () => {
    const ref = await runSplit(cpu32, [400]);
    for (const [b, parts] of [[backend!, [400]], [chunked!, [123, 1, 276]]] as const) {
      const got = await runSplit(b, [...parts]);
      expect(ref.spikes[0]!.count).toBeGreaterThan(100);
      expect(ref.spikes[1]!.count).toBeGreaterThan(100);
      for (let k = 0; k < 2; k++) {
        expect(Array.from(got.spikes[k]!.steps)).toEqual(Array.from(ref.spikes[k]!.steps));
        expect(Array.from(got.spikes[k]!.neurons)).toEqual(Array.from(ref.spikes[k]!.neurons));
      }
      expect(got.v.values().shape).toEqual(ref.v.values().shape);
      expect(Array.from(got.v.values().data as Float64Array)).toEqual(Array.from(ref.v.values().data as Float64Array));
      expect(Array.from(got.flags.values().data as Float64Array)).toEqual(Array.from(ref.flags.values().data as Float64Array));
      // The probe sees its step noise directly: float32 Box–Muller (GPU) against float64 (CPU, then rounded).
      const gx = got.x.values().data as Float64Array;
      const rx = ref.x.values().data as Float64Array;
      expect(gx.length).toBe(rx.length);
      for (let k = 0; k < rx.length; k++) expect(Math.abs(gx[k]! - rx[k]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(rx[k]!)));
      expect(Array.from(got.net.compiled!.getState('a', 'v'))).toEqual(Array.from(ref.net.compiled!.getState('a', 'v')));
      got.net.compiled!.dispose();
    }
  });

  it('a stimulus reaches the population as materialize() computes it (float32), whatever the chunking', async () => {
    const source = stepNoise({ I_value: 3, std: 2, stream: 's' });
    const net = new Network({ dt: 0.5, seed: 4 });
    const p = net.population('p', { model: Probe, size: 100 });
    net.stimulate(p, source);
    const x = net.monitor(new StateMonitor(p, 'x'));
    await net.run({ steps: 50 }, chunked!);
    const want = materialize(source, { steps: 50, size: 100, dt: 0.5, seed: 4 });
    let worst = 0;
    for (let s = 0; s < 50; s++) for (let i = 0; i < 100; i++) worst = Math.max(worst, Math.abs(x.values().get(s, i) - want.get(s, i)));
    expect(worst).toBeLessThan(1e-5 * 10); // Box–Muller in float32 against float64
  });

  it('reports progress per chunk, stops on abort keeping what it recorded, and continues identically', async () => {
    const whole = featureNetwork();
    await whole.net.run({ steps: 400 }, backend!);
    const f = featureNetwork();
    const controller = new AbortController();
    const done: number[] = [];
    const result = await f.net.run({ steps: 400 }, backend!, {
      chunk: 50,
      signal: controller.signal,
      onProgress: (p) => {
        done.push(p.done);
        if (p.done === 150) controller.abort();
      },
    });
    expect(result).toMatchObject({ steps: 150, aborted: true });
    expect(done).toEqual([50, 100, 150]);
    expect(Math.max(...f.spikes[0]!.steps)).toBeLessThan(150);
    await f.net.run({ steps: 250 }, backend!);
    expect(Array.from(f.spikes[0]!.neurons)).toEqual(Array.from(whole.spikes[0]!.neurons));
  });

  it('external stimuli: a buffer the caller refills between steps (one step per submission)', async () => {
    const make = () => {
      const net = new Network({ dt: 0.5, seed: 2 });
      const buffer = new Float64Array(6);
      const p = net.population('p', { model: Probe, size: 6 });
      net.stimulate(p, { kind: 'external', buffer });
      const x = net.monitor(new StateMonitor(p, 'x'));
      return { net, buffer, x };
    };
    const runs = [];
    for (const b of [backend!, cpu32]) {
      const r = make();
      for (let s = 0; s < 5; s++) {
        r.buffer.forEach((_, i) => (r.buffer[i] = s * 10 + i * 0.5));
        await r.net.run({ steps: 1 }, b);
      }
      runs.push(Array.from(r.x.values().data as Float64Array));
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.slice(24)).toEqual([40, 40.5, 41, 41.5, 42, 42.5]);
  });

  it.each(['csr', 'dense'] as const)('%s: simultaneous spikes reach a target in the CPU order, whatever order the atomics give', async (format) => {
    // float32: (1e8 + −1e8) + 1 = 1, but any order that adds 1 before −1e8 gives 0.
    const spiking = [5, 70, 140]; // in three different workgroups
    const weights = [1e8, -1e8, 1];
    const Trigger: ModelDefinition = {
      name: 'Trigger',
      kind: 'neuron',
      parameters: { armed: { unit: '1', default: 0 } },
      state: {},
      threshold: 'step == 0 && armed > 0.5',
    };
    const connector = {
      kind: 'test',
      settings: {},
      build: (nPre: number, nPost: number): SynapseTable => {
        if (format === 'dense') {
          const w = new Float64Array(nPre * nPost);
          spiking.forEach((pre, k) => (w[pre * nPost] = weights[k]!));
          return { format: 'dense', nPre, nPost, weights: w };
        }
        const rowStart = new Uint32Array(nPre + 1);
        for (let i = 0; i <= nPre; i++) rowStart[i] = spiking.filter((p) => p < i).length;
        return { format: 'csr', nPre, nPost, rowStart, post: new Uint32Array(3), weights: Float64Array.from(weights) };
      },
    };
    const results = [];
    for (const b of [backend!, cpu32]) {
      const net = new Network({ dt: 1, seed: 1 });
      const armed = Float64Array.from({ length: 200 }, (_, i) => +spiking.includes(i));
      const pre = net.population('pre', { model: Trigger, size: 200, parameters: { armed } });
      const post = net.population('post', { model: Probe, size: 1 });
      net.connect(pre, post, { connector, synapse: ExpCurrent, parameters: { tau: 1000 }, storage: format });
      const x = net.monitor(new StateMonitor(post, 'x'));
      await net.run({ steps: 2 }, b);
      results.push(x.values().get(1, 0));
    }
    expect(results).toEqual([1, 1]);
  });

  it('caches pipelines by model and layout: a second network of the same shape compiles nothing new', async () => {
    const make = (size: number, current: number) => {
      const net = new Network({ dt: 0.1, seed: size });
      const p = net.population('p', { model: LIF, size });
      net.stimulate(p, constantCurrent(current));
      return net;
    };
    const first = await backend!.compile(make(10, 20).build());
    const before = pipelineCacheSize(backend!.device);
    const second = await backend!.compile(make(1000, 35).build());
    expect(pipelineCacheSize(backend!.device)).toBe(before);
    first.dispose();
    second.dispose();
  });

  it('a second simulation of the same network reuses every pipeline (keyed by WGSL source) and gives the same spikes', async () => {
    const run = async () => {
      const { net, spikes } = featureNetwork();
      await net.run({ steps: 60 }, chunked!);
      const { program } = net.compiled as WebGpuSimulation;
      net.compiled!.dispose();
      const kernels = program.populations.length + program.connections.length + (program.finalize ? 1 : 0) + program.stateMonitors.length;
      return { kernels, spikes: spikes.map((m) => [Array.from(m.steps), Array.from(m.neurons)]) };
    };
    const first = await run();
    const before = pipelineCache(chunked!.device);
    const again = await run();
    const after = pipelineCache(chunked!.device);
    expect(again.kernels).toBe(11); // 3 populations, 4 pushes, finalize, 3 state monitors
    expect(after.pipelines).toBe(before.pipelines);
    expect(after.hits - before.hits).toBe(again.kernels);
    expect(again.spikes).toEqual(first.spikes);
    expect(first.spikes[0]![0]!.length).toBeGreaterThan(0);
  });

  it('runs populations larger than one dispatch row of workgroups (2-d grids)', async () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const p = net.population('p', { model: LIF, size: 65535 * 64 + 100, parameters: { threshold: -60 } });
    net.stimulate(p, constantCurrent(15));
    const s = net.monitor(new SpikeMonitor(p, { maxSpikes: 1e8 }));
    await net.run({ steps: 3 }, backend!);
    // v(t) = −70 + 15·(1 − e^(−t/20)) crosses −60 only later: no spikes; the last neuron moved.
    expect(s.count).toBe(0);
    const v = net.compiled!.getState('p', 'v');
    expect(v[v.length - 1]).toBeCloseTo(-70 + 15 * (1 - Math.exp(-0.3 / 20)), 4);
    net.compiled!.dispose();
  });
});

describe('WebGPU printer and templates (no device needed)', () => {
  it('maps every deterministic function of the model language', () => {
    const deterministic = Object.entries(FUNCTIONS).filter(([, f]) => !f.random).map(([n]) => n);
    expect([...WGSL_FUNCTIONS].sort()).toEqual(deterministic.sort());
  });

  it('prints no name from the model into shader code, so any valid name works (even WGSL keywords)', async () => {
    const Weird: ModelDefinition = {
      name: 'WeirdModel',
      kind: 'neuron',
      parameters: { gain_q: { unit: 'ms', default: 1 }, loop: { unit: '1', default: 2 } },
      state: { volt_x: { unit: '1', initial: 0 }, active: { unit: '1', initial: 0 } },
      inputs: { drive_in: { unit: '1/ms' } },
      equations: { volt_x: '(loop - volt_x) / gain_q + drive_in' },
      update: ['active = active + 1'],
      threshold: 'volt_x > 0.5',
      reset: ['volt_x = 0'],
      integrator: 'euler',
    };
    const make = () => {
      const net = new Network({ dt: 0.1 });
      const p = net.population('weird_population_name', { model: Weird, size: 3 });
      net.stimulate(p, constantCurrent(1), { name: 'secret_stimulus' });
      return net;
    };
    const program = buildProgram(make().build(), { maxChunk: 4, regionWords: 1 << 20, maxBindingBytes: 1 << 30 });
    const identifiers = new Set(program.populations[0]!.kernel.source.match(/[A-Za-z_][A-Za-z0-9_]*/g));
    for (const name of ['gain_q', 'volt_x', 'active', 'drive_in', 'WeirdModel', 'weird_population_name', 'secret_stimulus']) {
      expect(identifiers.has(name)).toBe(false);
    }
    if (backend) {
      const net = make();
      await net.run({ steps: 30 }, backend);
      const ref = make();
      await ref.run({ steps: 30 }, cpu32);
      expect(Array.from(net.compiled!.getState('weird_population_name', 'active'))).toEqual([30, 30, 30]);
      expect(Array.from(net.compiled!.getState('weird_population_name', 'volt_x'))).toEqual(Array.from(ref.compiled!.getState('weird_population_name', 'volt_x')));
    }
  });

  it('explains how to get an adapter when there is none', async () => {
    const gpu = { requestAdapter: async () => null } as unknown as NonNullable<Parameters<typeof acquireDevice>[0]>['gpu'];
    const error = await acquireDevice({ gpu }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoWebGpuAdapterError);
    expect((error as Error).message).toMatch(/no WebGPU adapter found/);
    expect((error as Error).message).toMatch(/EGL_PLATFORM=surfaceless/);
    expect((error as Error).message).toMatch(/libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri/);
  });
});
