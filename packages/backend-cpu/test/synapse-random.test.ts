/**
 * Random draws in synapse models (docs/concepts/model-language.md, "Random numbers"): a
 * connection's `update` statements and `output` draw from the stream `connection:<name>`, per
 * postsynaptic neuron i, step and call site — the numbers the counter-based generator gives for
 * that counter (checked exactly), with the right statistics, independent between two connections
 * of the same model, and identical on JS, WebAssembly and 2 threads. (Outputs used to draw NaN.)
 * Draws per synapse (`onPre`, `plasticity.onPost`, `summed`, reward statements) are refused with an
 * `ExpressionError` naming the model, the field and the token.
 */
import { describe, expect, it } from 'vitest';
import { ExpressionError, Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { CounterRng, SHARED_INDEX, streamId } from '@spikeflow/core/rng';
import { SpikeSource } from '@spikeflow/neurons';
import { fixedProbabilityConnect, fullConnect } from '@spikeflow/connectivity';
import { StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend, CpuSimulation, StepConnection, StepPopulation } from '@spikeflow/backend-cpu';
import { PlasticRandOutput, Probe, RandOutput, RandUpdate, refusedModels, SharedOutput } from '../../../test-support/synapse-random-models.js';

const N = 40;
const STEPS = 250;
const SEED = 7;

/** WebAssembly population kernels of the last {@link run}. */
let wasmPopulations = -1;

/** Five connections into a probe: update-drawn normals (I), two output-drawn uniforms (J, K), a shared uniform (L), a plastic model's output-drawn uniform (M). */
async function run(backend: Backend) {
  const net = new Network({ dt: 0.1, seed: SEED });
  const src = net.population('src', { model: SpikeSource, size: 1 });
  const probe = net.population('probe', { model: Probe, size: N });
  const connect = (synapse: ModelDefinition, input: string, name: string, s: number) =>
    net.connect(src, probe, { connector: fixedProbabilityConnect({ p: 1, weight: 0 }), synapse, input, name, parameters: { s } });
  connect(RandUpdate, 'I', 'normal', 2);
  connect(RandOutput, 'J', 'u1', 1);
  connect(RandOutput, 'K', 'u2', 1);
  connect(SharedOutput, 'L', 'shared', 1);
  connect(PlasticRandOutput, 'M', 'plastic', 1);
  const monitors = ['x', 'y', 'z', 'q', 'r'].map((v) => net.monitor(new StateMonitor(probe, v)));
  await net.run({ steps: STEPS }, backend);
  const [x, y, z, q, r] = monitors.map((m) => Array.from(m.values().data));
  const sim = net.compiled!;
  wasmPopulations = sim instanceof CpuSimulation ? sim.wasmPopulations : -1;
  sim.dispose();
  return { x: x!, y: y!, z: z!, q: q!, r: r! };
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a: number[]) => Math.sqrt(mean(a.map((v) => (v - mean(a)) ** 2)));

describe('random draws in synapse models (CPU)', () => {
  it('update and output draw the counter (connection stream, step, postsynaptic neuron, site), with the right statistics', async () => {
    const r = await run(createCpuBackend({ wasm: false }));
    const R = new CounterRng(SEED);
    const at = (k: number, i: number) => k * N + i;
    for (const k of [0, 1, 17, STEPS - 1]) {
      for (const i of [0, 5, N - 1]) {
        // The output is read before the synapse's update: step k outputs the draw of step k − 1.
        expect(r.x[at(k, i)]).toBe(k === 0 ? 0 : 2 * R.normal(streamId('connection:normal'), k - 1, i, 0));
        expect(r.y[at(k, i)]).toBe(R.uniform(streamId('connection:u1'), k, i, 0));
        expect(r.z[at(k, i)]).toBe(R.uniform(streamId('connection:u2'), k, i, 0));
        expect(r.q[at(k, i)]).toBe(R.uniform(streamId('connection:shared'), k, SHARED_INDEX, 0));
        expect(r.r[at(k, i)]).toBe(R.uniform(streamId('connection:plastic'), k, i, 0));
      }
    }
    // 9,960 normals (s = 2) and 10,000 uniforms: means within 5 standard errors, spreads within 3 %.
    const normals = r.x.slice(N);
    expect(Math.abs(mean(normals))).toBeLessThan((5 * 2) / Math.sqrt(normals.length));
    expect(Math.abs(sd(normals) / 2 - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean(r.y) - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / r.y.length));
    expect(Math.abs(sd(r.y) / Math.sqrt(1 / 12) - 1)).toBeLessThan(0.03);
    expect(Math.min(...r.y)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...r.y)).toBeLessThan(1);
    // Two connections of the same model draw independent streams: correlation within 5/sqrt(n).
    const cov = mean(r.y.map((v, k) => (v - mean(r.y)) * (r.z[k]! - mean(r.z))));
    expect(Math.abs(cov / (sd(r.y) * sd(r.z)))).toBeLessThan(5 / Math.sqrt(r.y.length));
    // A shared draw is the same for every postsynaptic neuron of a step, and differs between steps.
    for (const k of [3, 100]) expect(new Set(r.q.slice(at(k, 0), at(k + 1, 0))).size).toBe(1);
    expect(r.q[at(3, 0)]).not.toBe(r.q[at(4, 0)]);
  });

  it('JS, WebAssembly and 2 threads draw the same numbers bit for bit; f32 draws them rounded', async () => {
    const js = await run(createCpuBackend({ wasm: false }));
    expect(wasmPopulations).toBe(0);
    expect(await run(createCpuBackend())).toEqual(js);
    expect(wasmPopulations).toBe(2);
    expect(await run(createCpuBackend({ threads: 2 }))).toEqual(js);
    const f32 = await run(createCpuBackend({ precision: 'f32' }));
    for (const v of ['x', 'y', 'z', 'q', 'r'] as const) f32[v].forEach((a, k) => expect(Math.abs(a - js[v][k]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(js[v][k]!))));
  });

  it('a StepConnection draws its output from the stream a Network gives the connection', async () => {
    const r = await run(createCpuBackend({ wasm: false }));
    const src = new StepPopulation('src', { model: SpikeSource, size: 1, dt: 0.1, seed: SEED });
    const post = new StepPopulation('probe', { model: Probe, size: N, dt: 0.1, seed: SEED });
    const con = new StepConnection(src, post, { connector: fullConnect({ J: 0 }), synapse: RandOutput, name: 'u1' });
    for (let k = 0; k < 3; k++) expect(Array.from(con.compute())).toEqual(r.y.slice(k * N, (k + 1) * N));
  });

  it('draws per synapse (onPre, plasticity.onPost, summed, reward statements) are refused, naming the model, the field and the token', async () => {
    for (const [field, model] of Object.entries(refusedModels)) {
      const net = new Network({ dt: 0.1, seed: 1 });
      const src = net.population('src', { model: SpikeSource, size: 1 });
      const probe = net.population('probe', { model: Probe, size: 2 });
      let error: unknown;
      try {
        net.connect(src, probe, { connector: fixedProbabilityConnect({ p: 1, weight: 0 }), synapse: model as ModelDefinition });
        net.build();
      } catch (e) {
        error = e;
      }
      expect(error, field).toBeInstanceOf(ExpressionError);
      const e = error as ExpressionError;
      expect(e.code).toBe('random-not-allowed');
      expect(e.token).toMatch(/^randn?$/);
      expect(e.where).toContain(`model ${model.name}, ${field}`);
      expect(e.message).toContain('use rand() and randn() in the model\'s update statements or output');
    }
  });
});
