/**
 * Checkpoint and resume on the CPU backend: N steps, checkpoint (to bytes and back), a fresh
 * network restored from it and N more steps give exactly the spikes, recorded values and final
 * states of 2N uninterrupted steps, bit for bit, with JavaScript kernels, WebAssembly kernels and
 * two threads, also across thread counts; a checkpoint of another network, seed or number format,
 * or damaged bytes, is a named `CheckpointError`.
 */
import { describe, expect, it } from 'vitest';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint } from '@spikeflow/core';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { checkpointNetwork, checkpointRoundTrip } from '@spikeflow/testing';

describe('CPU checkpoint and resume', () => {
  const cases = [
    { name: 'JavaScript f64', options: { wasm: false } },
    { name: 'WebAssembly f64', options: {} },
    { name: '2 threads', options: { threads: 2 } },
    { name: 'JavaScript f32', options: { precision: 'f32' as const } },
  ];
  for (const { name, options } of cases) {
    it(`N steps + checkpoint + restore + N steps equals 2N steps bit for bit (${name})`, async () => {
      const { whole, resumed } = await checkpointRoundTrip(() => createCpuBackend(options), { seed: 7, steps: 150 });
      expect(resumed.step).toBe(300);
      // The run must have something to lose: spikes in both halves, from both populations.
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

  it('a checkpoint of one thread resumes on two threads, and one of WebAssembly kernels on JavaScript ones', async () => {
    const first = checkpointNetwork(3, 200);
    await first.net.run({ steps: 100 }, createCpuBackend({ threads: 2 }));
    const bytes = encodeCheckpoint(await first.net.checkpoint());
    first.net.compiled!.dispose();
    const resumed = checkpointNetwork(3, 200);
    await resumed.net.restore(decodeCheckpoint(bytes), createCpuBackend({ wasm: false }));
    await resumed.net.run({ steps: 100 }, createCpuBackend());
    const whole = checkpointNetwork(3, 200);
    await whole.net.run({ steps: 200 }, createCpuBackend());
    expect([...first.spikes.ep.steps, ...resumed.spikes.ep.steps]).toEqual([...whole.spikes.ep.steps]);
    expect([...first.spikes.ep.neurons, ...resumed.spikes.ep.neurons]).toEqual([...whole.spikes.ep.neurons]);
    expect(resumed.net.compiled!.getState('ep', 'v')).toEqual(whole.net.compiled!.getState('ep', 'v'));
  });

  async function checkpointOf(seed: number, precision: 'f64' | 'f32' = 'f64') {
    const inst = checkpointNetwork(seed, 100);
    await inst.net.run({ steps: 20 }, createCpuBackend({ precision }));
    return inst.net.checkpoint();
  }

  it('a checkpoint of another seed, network size or number format is a named CheckpointError', async () => {
    const c = await checkpointOf(1);
    const otherSeed = checkpointNetwork(2, 100);
    await expect(otherSeed.net.restore(c, createCpuBackend())).rejects.toThrow(CheckpointError);
    await expect(otherSeed.net.restore(c, createCpuBackend())).rejects.toMatchObject({ code: 'other-network' });
    const otherSize = checkpointNetwork(1, 100, 42);
    await expect(otherSize.net.restore(c, createCpuBackend())).rejects.toMatchObject({ code: 'other-network' });
    const f32 = checkpointNetwork(1, 100);
    await expect(f32.net.restore(c, createCpuBackend({ precision: 'f32' }))).rejects.toMatchObject({ code: 'buffer-mismatch', message: expect.stringContaining("buffer 'ep.v'") });
    const same = checkpointNetwork(1, 100);
    await expect(same.net.restore(c, createCpuBackend())).resolves.toBeUndefined();
    expect(same.net.compiled!.currentStep).toBe(20);
  });

  it('damaged or foreign bytes are named CheckpointErrors, never a crash', async () => {
    const bytes = encodeCheckpoint(await checkpointOf(1));
    expect(() => decodeCheckpoint(new TextEncoder().encode('{"not":"a checkpoint"}'))).toThrow(expect.objectContaining({ code: 'not-a-checkpoint' }));
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 9))).toThrow(expect.objectContaining({ code: 'truncated' }));
    expect(() => decodeCheckpoint(bytes.subarray(0, 20))).toThrow(CheckpointError);
    const wrongVersion = bytes.slice();
    const text = new TextDecoder().decode(wrongVersion.subarray(0, 200));
    wrongVersion.set(new TextEncoder().encode('"version":9'), text.indexOf('"version":1'));
    expect(() => decodeCheckpoint(wrongVersion)).toThrow(expect.objectContaining({ code: 'bad-version' }));
    expect(decodeCheckpoint(bytes).step).toBe(20);
  });
});
