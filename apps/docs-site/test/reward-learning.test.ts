/**
 * The synapses guide's reward-learning example (snippets/reward-task.ts, drawn by
 * snippets/synapses-reward.ts) learns: over 60 trials the inputs whose response is rewarded
 * 400 ms later strengthen and the output answers them more, the others barely move; punished
 * instead, the response dies out; and one seed gives one result. Seeds 1–3 (≈ 0.3 s of CPU each).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@spikeflow/core';
import { rewardTask, type Trial } from '../snippets/reward-task.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Mean output spikes per presentation of group g among `part`. */
const response = (g: number, part: Trial[]) => mean(part.filter((t) => t.group === g).map((t) => t.spikes));

describe('reward learning with RewardStdp (the synapses guide\'s example)', () => {
  it.each([1, 2, 3])('seed %i: the rewarded group strengthens by > 0.4 nS (others by < 0.1 nS) and its response grows by > 1 spike', async (seed) => {
    const { initial, trials } = await rewardTask({ seed });
    for (const w of initial) expect(w).toBeCloseTo(0.8, 12); // as built (a sum of 20 weights)
    expect(trials).toHaveLength(60);
    expect(trials.filter((t) => t.group === 0)).toHaveLength(15); // shuffled blocks: each group 15 times
    const final = trials.at(-1)!.weights;
    // measured on seeds 1–8: group 0 +0.52 … +0.82 nS, the others +0.008 … +0.071 nS
    expect(final[0]! - initial[0]!).toBeGreaterThan(0.4);
    for (const g of [1, 2, 3]) expect(Math.abs(final[g]! - initial[g]!)).toBeLessThan(0.1);
    // measured: group 0 from 1.8–3.0 to 4.2–6.4 spikes per stimulus (first vs last 20 trials)
    expect(response(0, trials.slice(-20)) - response(0, trials.slice(0, 20))).toBeGreaterThan(1);
  });

  it.each([1, 2])('seed %i, punishment (reward: −1): group 0 weakens by > 0.2 nS until the output stops answering it; the others move by < 0.1 nS', async (seed) => {
    const { initial, trials } = await rewardTask({ seed, reward: -1 });
    const final = trials.at(-1)!.weights;
    // measured on seeds 1–6: group 0 −0.26 … −0.34 nS after 7–9 punishments, the others −0.01 … −0.03 nS
    expect(final[0]! - initial[0]!).toBeLessThan(-0.2);
    for (const g of [1, 2, 3]) expect(Math.abs(final[g]! - initial[g]!)).toBeLessThan(0.1);
    // measured: 1.4–2.0 spikes per stimulus in the first 20 trials, 0–0.2 in the last 20
    expect(response(0, trials.slice(-20))).toBeLessThan(0.5);
    expect(trials.slice(-20).filter((t) => t.rewarded).length).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed, and another seed gives other trials', async () => {
    const a = await rewardTask({ seed: 2, trials: 12 });
    const b = await rewardTask({ seed: 2, trials: 12 });
    expect(b).toEqual(a);
    const c = await rewardTask({ seed: 3, trials: 12 });
    expect(c.trials.map((t) => t.group)).not.toEqual(a.trials.map((t) => t.group));
  });

  it('a trial too short for its stimulus and reward delay is a ConfigError naming the option', async () => {
    const error = await rewardTask({ stimulus: 100, rewardDelay: 400, trial: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/rewardTask\.trial: expected stimulus > 0, rewardDelay > 0 and trial > stimulus \+ rewardDelay \(ms\), got stimulus 100, rewardDelay 400, trial 500/);
  });
});
