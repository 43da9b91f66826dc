import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { runDecision, SCENARIO_NAMES, type DecisionSummary } from '@spikeflow/experiments';

// The seed report's observations, checked over several seeds with the report's settings
// (3 × 100 LIF, R = 1, C = 20, threshold −40, dt = 1, tau_s = 10, 1000 steps).
const SEEDS = [1, 2, 3, 4, 5];
const backend = createCpuBackend();
const run = async (scenario: string, seed: number): Promise<DecisionSummary> => (await runDecision(backend, { scenario, seed })).summary;
const half = (s: DecisionSummary, pop: 'ep1' | 'ep2' | 'ip1', second: boolean) =>
  s.bins.filter((b) => (b.startStep >= s.steps / 2) === second).reduce((n, b) => n + b.spikes[pop], 0);

describe('the seed report’s observations hold over seeds 1–5', () => {
  it.each(SEEDS)('zero input to ip1: ip1 still fires, driven by ep1 and ep2 (seed %i)', async (seed) => {
    const s = await run('zero-inhibitory-input', seed);
    expect(s.totals.ip1).toBeGreaterThan(100);
    // ip1's first spike comes only after the excitatory populations have started firing
    const firstIp1 = s.bins.findIndex((b) => b.spikes.ip1 > 0);
    const firstExc = s.bins.findIndex((b) => b.spikes.ep1 + b.spikes.ep2 > 0);
    expect(firstIp1).toBeGreaterThanOrEqual(firstExc);
  });

  it.each(SEEDS)('full connectivity: ip1 fires less than with random-normal connectivity (seed %i)', async (seed) => {
    const full = await run('full-connectivity', seed);
    const normal = await run('zero-inhibitory-input', seed); // same inputs, random-normal connectivity
    expect(full.totals.ip1).toBeLessThan(normal.totals.ip1);
  });

  it.each(SEEDS)('one strong current: ep2 out-fires ep1 in the second half, and ep1 fires less than with the same current (seed %i)', async (seed) => {
    const strong = await run('one-strong-current', seed);
    const same = await run('same-current', seed);
    expect(half(strong, 'ep2', true)).toBeGreaterThan(2 * half(strong, 'ep1', true));
    expect(strong.totals.ep1).toBeLessThan(same.totals.ep1);
  });

  it.each(SEEDS)('random-noise input: the lead changes hands at least once over ten bins (seed %i)', async (seed) => {
    const s = await run('random-noise', seed);
    const leaders = new Set(s.bins.map((b) => b.winner).filter((w) => w === 'ep1' || w === 'ep2'));
    expect(leaders.size).toBe(2);
  });
});

describe('determinism and reporting', () => {
  it('one seed gives identical spikes on every run; another seed gives different ones', async () => {
    const spikesOf = async (seed: number) => {
      const { decision } = await runDecision(backend, { scenario: 'default', seed });
      return (['ep1', 'ep2', 'ip1'] as const).map((p) => [Array.from(decision.spikes[p].steps), Array.from(decision.spikes[p].neurons)]);
    };
    const a = await spikesOf(7);
    const b = await spikesOf(7);
    const c = await spikesOf(8);
    expect(a.flat(2).length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('splitting a run into parts gives the same spikes as one run', async () => {
    const { decision: whole } = await runDecision(backend, { scenario: 'random-noise', seed: 3, steps: 400 });
    const { decision: parts } = await runDecision(backend, { scenario: 'random-noise', seed: 3, steps: 150 });
    await parts.network.run({ steps: 250 }, backend);
    expect(Array.from(parts.spikes.ip1.steps)).toEqual(Array.from(whole.spikes.ip1.steps));
    expect(Array.from(parts.spikes.ep2.neurons)).toEqual(Array.from(whole.spikes.ep2.neurons));
  });

  it.each(SCENARIO_NAMES)('scenario %s reports spikes per population per bin and a winner per bin', async (name) => {
    const s = await run(name, 1);
    expect(s.bins).toHaveLength(10);
    for (const pop of ['ep1', 'ep2', 'ip1'] as const) expect(s.bins.reduce((n, b) => n + b.spikes[pop], 0)).toBe(s.totals[pop]);
    for (const b of s.bins) {
      const expected = b.spikes.ep1 + b.spikes.ep2 === 0 ? 'none' : b.spikes.ep1 > b.spikes.ep2 ? 'ep1' : b.spikes.ep2 > b.spikes.ep1 ? 'ep2' : 'tie';
      expect(b.winner).toBe(expected);
    }
  });

  it('an unknown scenario is named with the known ones', async () => {
    await expect(runDecision(backend, { scenario: 'strong' })).rejects.toThrowError(/unknown scenario 'strong'; known: default, zero-inhibitory-input/);
  });
});
