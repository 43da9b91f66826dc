/**
 * Checkpoint and resume on WebGPU: N steps, checkpoint (to bytes and back), a fresh network
 * restored from it and N more steps give exactly the spikes, recorded values and final states of
 * 2N uninterrupted steps (float32 on the GPU, compared bit for bit with itself), with run parts
 * that are not multiples of the submission size; with transmission delays, the spikes still in
 * flight at the checkpoint travel with it; a CPU checkpoint is refused by name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { decodeCheckpoint, encodeCheckpoint, type Backend } from '@spikeflow/core';
import { checkpointNetwork, checkpointRoundTrip, delaysNetwork, type ReferenceInstance } from '@spikeflow/testing';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
// Small submissions, so the checkpoint falls inside a chunk of steps.
const chunked = await gpuBackend({ maxChunk: 7 });
afterAll(() => {
  backend?.destroy();
  chunked?.destroy();
});

describe.skipIf(!backend)('WebGPU checkpoint and resume', () => {
  for (const [name, b] of [
    ['default submissions', () => backend!],
    ['7-step submissions', () => chunked!],
  ] as const) {
    it(`N steps + checkpoint + restore + N steps equals 2N steps bit for bit (${name})`, async () => {
      const { whole, resumed } = await checkpointRoundTrip(b, { seed: 11, steps: 150 });
      expect(resumed.step).toBe(300);
      for (const pop of ['ep', 'ip']) {
        const steps = whole.spikes[pop]!.steps;
        expect(steps.filter((s) => s < 150).length).toBeGreaterThan(10);
        expect(steps.filter((s) => s >= 150).length).toBeGreaterThan(10);
      }
      expect(resumed.spikes).toEqual(whole.spikes);
      expect(resumed.recorded).toEqual(whole.recorded);
      expect(resumed.final).toEqual(whole.final);
    });
  }

  /** Every spike of the delays network's populations, as [steps, neurons] per population. */
  const trains = (parts: readonly ReferenceInstance[]) =>
    Object.fromEntries(['e', 'i'].map((pop) => [pop, parts.map((p) => p.monitors.get(pop)!).flatMap((m) => [...m.steps].map((s, k) => [s, m.neurons[k]!]))]));

  /** The delays network (seed 3) run `n` steps, checkpointed (to bytes and back), restored into a fresh network and run `n` more. */
  async function resumeDelays(b: Backend, n: number) {
    const whole = delaysNetwork.build(3);
    await whole.network.run({ steps: 2 * n }, b);
    const first = delaysNetwork.build(3);
    await first.network.run({ steps: n }, b);
    const bytes = encodeCheckpoint(await first.network.checkpoint());
    first.network.compiled!.dispose();
    const second = delaysNetwork.build(3);
    await second.network.restore(decodeCheckpoint(bytes), b);
    await second.network.run({ steps: n }, b);
    const result = { whole: trains([whole]), resumed: trains([first, second]), final: Array.from(second.network.compiled!.getState('e', 'v')), wholeFinal: Array.from(whole.network.compiled!.getState('e', 'v')) };
    whole.network.compiled!.dispose();
    second.network.compiled!.dispose();
    return result;
  }

  for (const [name, b] of [
    ['default submissions', () => backend!],
    ['7-step submissions', () => chunked!],
  ] as const) {
    it(`with delays up to 30 steps, spikes in flight at the checkpoint arrive after the restore (${name})`, async () => {
      const n = 275; // not a multiple of 7: the checkpoint falls inside a submission's chunk
      const { whole, resumed, final, wholeFinal } = await resumeDelays(b(), n);
      // Spikes in flight: E fired within its longest delay (30 steps, E→E) before the checkpoint, I within its (20 steps, I→E).
      expect(whole.e!.filter(([s]) => s! >= n - 30 && s! < n).length).toBeGreaterThan(10);
      expect(whole.i!.filter(([s]) => s! >= n - 20 && s! < n).length).toBeGreaterThan(2);
      expect(whole.e!.filter(([s]) => s! >= n).length).toBeGreaterThan(100);
      expect(resumed).toEqual(whole);
      expect(final).toEqual(wholeFinal);
    });
  }

  it('a checkpoint of the CPU backend is a named CheckpointError', async () => {
    const cpu = checkpointNetwork(11, 100);
    await cpu.net.run({ steps: 10 }, createCpuBackend({ precision: 'f32' }));
    const gpu = checkpointNetwork(11, 100);
    await expect(gpu.net.restore(await cpu.net.checkpoint(), backend!)).rejects.toMatchObject({ name: 'CheckpointError', code: 'other-backend' });
    gpu.net.compiled!.dispose();
  });
});
