/**
 * Transmission delays on WebGPU: a spike at step s acts on the target from step s + d, as on the
 * CPU; a connection with thousands of distinct per-synapse delays (one push each) runs and equals
 * CPU f32. The conformance suite's `delays` network checks recurrent E/I dynamics bit for bit and
 * checkpoint.test.ts the spikes in flight at a checkpoint.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Network, type Backend, type ModelDefinition, type ValueSpec } from '@spikeflow/core';
import { SpikeSource } from '@spikeflow/neurons';
import { ExpCurrent, fullConnect, oneToOneConnect } from '@spikeflow/connectivity';
import { spikeTimes } from '@spikeflow/stimuli';
import { StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());

/** A neuron that never fires and copies its synaptic input into x, to see when input arrives. */
const Probe: ModelDefinition = { name: 'Probe', kind: 'neuron', parameters: {}, state: { x: { unit: 'nA', initial: 0 } }, inputs: { I: { unit: 'nA' } }, update: ['x = I'], threshold: '0 > 1' };

/** Sources firing at `steps` into `n` probes (all to all), with `delay`; x of every probe, every step. */
async function probe(b: Backend, delay: ValueSpec, steps: readonly number[], n: number, run: number): Promise<Float64Array> {
  const dt = 0.1;
  const net = new Network({ dt, seed: 0 });
  const src = net.population('src', { model: SpikeSource, size: 1 });
  net.stimulate(src, spikeTimes({ times: steps.map((s) => s * dt), indices: steps.map(() => 0) }));
  const p = net.population('probe', { model: Probe, size: n });
  net.connect(src, p, { connector: n === 1 ? oneToOneConnect({ weight: 1 }) : fullConnect({ J: 1 }), synapse: ExpCurrent, parameters: { tau: 1e9 }, delay });
  const x = net.monitor(new StateMonitor(p, 'x'));
  await net.run({ steps: run }, b);
  net.compiled!.dispose();
  return Float64Array.from(x.values().data);
}

describe.skipIf(!backend)('WebGPU transmission delays', () => {
  it('a spike at step s acts from step s + d (d = 1, 2, 15, 20), as on the CPU', async () => {
    for (const [delay, at] of [[0.1, 5], [0.2, 0], [1.5, 5], [2, 3]] as const) {
      const x = await probe(backend!, delay, [at], 1, at + 40);
      expect(x.findIndex((v) => v !== 0)).toBe(at + Math.round(delay / 0.1));
      expect(x).toEqual(await probe(createCpuBackend({ precision: 'f32' }), delay, [at], 1, at + 40));
    }
  });

  it('4200 distinct per-synapse delays (4200 pushes, more than a 64 KiB uniform block holds) equal CPU f32', async () => {
    const n = 4200;
    const delays = Array.from({ length: n }, (_, k) => ((k * 37) % n) + 1).map((d) => d * 0.1); // every delay 1..4200 steps once
    const spikes = [0, 3, 4, 9];
    const gpu = await probe(backend!, delays, spikes, n, 12);
    const cpu = await probe(createCpuBackend({ precision: 'f32' }), delays, spikes, n, 12);
    expect(gpu).toEqual(cpu);
    // At the last step (11), exactly the probes whose delay is at most 11 steps have received the spike of step 0.
    expect(cpu.subarray(11 * n).filter((v) => v !== 0).length).toBe(11);
  });
});
