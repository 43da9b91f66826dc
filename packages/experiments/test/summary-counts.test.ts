import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { SpikeCounter } from '@spikeflow/monitors';
import { buildDecisionNetwork, summarizeDecision } from '@spikeflow/experiments';

describe('decision summary from counters', () => {
  it('a seeded run gives the same summary from per-bin counters as from every stored spike', async () => {
    const d = buildDecisionNetwork({ scenario: 'random-noise', seed: 5, steps: 1000 });
    const counter = (p: 'ep1' | 'ep2' | 'ip1') => d.network.monitor(new SpikeCounter(d.populations[p], { binSteps: d.options.scale }));
    const counts = { ep1: counter('ep1'), ep2: counter('ep2'), ip1: counter('ip1') };
    await d.network.run({ steps: 1000 }, createCpuBackend());
    const fromSpikes = summarizeDecision(d, 1000);
    expect(fromSpikes.totals.ep1 + fromSpikes.totals.ep2).toBeGreaterThan(0);
    expect(summarizeDecision({ ...d, spikes: counts }, 1000)).toEqual(fromSpikes);
    // Coarser bins than the counters' own are sums of theirs.
    expect(summarizeDecision({ ...d, spikes: counts }, 1000, 200)).toEqual(summarizeDecision(d, 1000, 200));
  });
});
