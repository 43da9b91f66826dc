/**
 * Random draws in synapse models on WebGPU: a connection's `update` statements and `output` draw
 * from its stream per postsynaptic neuron, step and site (Philox in WGSL), the same numbers as the
 * CPU in f32: bit for bit for rand(), to float32 accuracy for randn() (WGSL's log and cos are
 * inexact, as for neuron models). (Outputs used to draw NaN.) Per-synapse draws are refused when the
 * network is built, before any backend (backend-cpu/test/synapse-random.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { CounterRng, streamId } from '@spikeflow/core/rng';
import { SpikeSource } from '@spikeflow/neurons';
import { fixedProbabilityConnect } from '@spikeflow/connectivity';
import { StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { PlasticRandOutput, Probe, RandOutput, RandUpdate, SharedOutput } from '../../../test-support/synapse-random-models.js';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());

const N = 70;
const STEPS = 120;
const SEED = 11;

/** Five connections into a probe (two on one input): update-drawn normals, output-drawn uniforms, a shared uniform, a plastic model's uniform. */
async function run(b: Backend) {
  const net = new Network({ dt: 0.1, seed: SEED });
  const src = net.population('src', { model: SpikeSource, size: 1 });
  const probe = net.population('probe', { model: Probe, size: N });
  const connect = (synapse: ModelDefinition, input: string, name: string, s: number) =>
    net.connect(src, probe, { connector: fixedProbabilityConnect({ p: 1, weight: 0 }), synapse, input, name, parameters: { s } });
  connect(RandUpdate, 'I', 'normal', 0.5);
  connect(RandOutput, 'J', 'u1', 1);
  connect(RandOutput, 'K', 'u2', 3);
  connect(SharedOutput, 'K', 'shared', 1);
  connect(PlasticRandOutput, 'M', 'plastic', 1);
  const monitors = ['x', 'y', 'z', 'r'].map((v) => net.monitor(new StateMonitor(probe, v)));
  await net.run({ steps: STEPS }, b);
  return monitors.map((m) => Array.from(m.values().data));
}

describe.skipIf(!backend)('WebGPU random draws in synapse models', () => {
  it('uniform draws equal CPU f32 bit for bit; normal draws agree to float32 accuracy; both are the counter-based draws', async () => {
    const gpu = await run(backend!);
    const cpu = await run(createCpuBackend({ precision: 'f32' }));
    // rand(): the float32 of word 0 / 2^32 on both, so bit for bit (outputs u1; u2 plus a shared draw; a plastic model's).
    expect(gpu.slice(1)).toEqual(cpu.slice(1));
    // randn(): Box–Muller's log and cos are inexact in WGSL (as for neuron models, philox.test.ts): within 2e-5.
    gpu[0]!.forEach((v, k) => expect(Math.abs(v - cpu[0]![k]!)).toBeLessThan(2e-5 * Math.max(1, Math.abs(cpu[0]![k]!))));
    const R = new CounterRng(SEED);
    const [x, y] = gpu;
    for (const k of [1, 50, STEPS - 1]) {
      for (const i of [0, 63, 64, N - 1]) {
        expect(Math.abs(x![k * N + i]! - 0.5 * R.normal(streamId('connection:normal'), k - 1, i, 0))).toBeLessThan(1e-5);
        expect(Math.abs(y![k * N + i]! - R.uniform(streamId('connection:u1'), k, i, 0))).toBeLessThan(1e-6);
      }
    }
    expect(gpu.flat().every(Number.isFinite)).toBe(true);
  });
});
