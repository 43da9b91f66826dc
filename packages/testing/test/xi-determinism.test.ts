/**
 * White noise in equations is one set of numbers on every CPU path: the `xi` conformance network
 * (`xi` in a neuron's dv/dt and in an Ornstein–Uhlenbeck current source) gives bit-identical
 * spikes, recorded v and final states with JavaScript kernels, WebAssembly SIMD kernels, and
 * 2 and 3 threads, for two seeds. (CPU f32 against WebGPU runs in
 * packages/backend-webgpu/test/conformance.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '@spikeflow/core';
import { CpuSimulation, createCpuBackend } from '@spikeflow/backend-cpu';
import { StateMonitor } from '@spikeflow/monitors';
import { xiNetwork } from '@spikeflow/testing';

async function run(backend: Backend, seed: number) {
  const { network, monitors } = xiNetwork.build(seed);
  const built = network.build();
  const e = built.populations.find((p) => p.name === 'e')!;
  const v = network.monitor(new StateMonitor({ name: 'e', size: e.instance.size }, 'v', { every: 7 }));
  await network.run({ steps: 1500 }, backend);
  const sim = network.compiled!;
  const result = {
    wasm: sim instanceof CpuSimulation ? sim.wasmPopulations : -1,
    spikes: [...monitors].map(([name, m]) => ({ name, steps: Array.from(m.steps), neurons: Array.from(m.neurons) })),
    v: Array.from(v.values().data as Float64Array),
    state: ['e', 'i'].map((p) => Array.from(sim.getState(p, 'v'))),
  };
  sim.dispose();
  return result;
}

describe('xi network: JavaScript ≡ WebAssembly ≡ threads (CPU f64)', () => {
  it.each([1, 2])('seed %i: identical spikes, recorded v and final v', async (seed) => {
    const js = await run(createCpuBackend({ wasm: false }), seed);
    expect(js.wasm).toBe(0);
    expect(js.spikes[0]!.steps.length).toBeGreaterThan(200); // both populations fire
    expect(js.spikes[1]!.steps.length).toBeGreaterThan(40);
    for (const backend of [createCpuBackend(), createCpuBackend({ threads: 2 }), createCpuBackend({ threads: 3, wasm: false })]) {
      const other = await run(backend, seed);
      expect(other.spikes).toEqual(js.spikes);
      expect(other.v).toEqual(js.v);
      expect(other.state).toEqual(js.state);
    }
    expect((await run(createCpuBackend(), seed)).wasm).toBe(2); // both populations (with the OU source) ran as WebAssembly
  });
});
