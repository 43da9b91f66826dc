/**
 * Checkpoint and resume on WebGPU: N steps, checkpoint (to bytes and back), a fresh network
 * restored from it and N more steps give exactly the spikes, recorded values and final states of
 * 2N uninterrupted steps (float32 on the GPU, compared bit for bit with itself), with run parts
 * that are not multiples of the submission size; a CPU checkpoint is refused by name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { checkpointNetwork, checkpointRoundTrip } from '@spikeflow/testing';
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

  it('a checkpoint of the CPU backend is a named CheckpointError', async () => {
    const cpu = checkpointNetwork(11, 100);
    await cpu.net.run({ steps: 10 }, createCpuBackend({ precision: 'f32' }));
    const gpu = checkpointNetwork(11, 100);
    await expect(gpu.net.restore(await cpu.net.checkpoint(), backend!)).rejects.toMatchObject({ name: 'CheckpointError', code: 'other-backend' });
    gpu.net.compiled!.dispose();
  });
});
