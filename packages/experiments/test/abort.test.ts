import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildDecisionNetwork } from '@spikeflow/experiments';

const cpu = createCpuBackend();

describe('interrupting a run', () => {
  it('an aborted run keeps what was recorded, reports progress, and can be continued', async () => {
    const d = buildDecisionNetwork({ scenario: 'random-noise', seed: 1, steps: 1000 });
    const controller = new AbortController();
    const progress: number[] = [];
    const result = await d.network.run({ steps: 1000 }, cpu, {
      chunk: 100,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.done);
        if (p.done === 300) controller.abort();
      },
    });
    expect(result).toMatchObject({ steps: 300, aborted: true });
    expect(progress).toEqual([100, 200, 300]);
    const recorded = d.spikes.ep1.count;
    expect(recorded).toBeGreaterThan(0);
    expect(Math.max(...d.spikes.ep1.steps)).toBeLessThan(300);
    await d.network.run({ steps: 700 }, cpu);
    const whole = buildDecisionNetwork({ scenario: 'random-noise', seed: 1, steps: 1000 });
    await whole.network.run({ steps: 1000 }, cpu);
    expect(Array.from(d.spikes.ep1.neurons)).toEqual(Array.from(whole.spikes.ep1.neurons));
  });
});
