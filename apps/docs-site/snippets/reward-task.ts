// Synapses guide: a reward-learning task with RewardStdp — the distal reward problem (Izhikevich 2007), scaled down.
import { ConfigError, Network } from '@spikeflow/core';
import { hostRng } from '@spikeflow/core/rng';
import { LIF, SpikeSource } from '@spikeflow/neurons';
import { poissonEncode, spikeTimes } from '@spikeflow/stimuli';
import { fixedProbabilityConnect, RewardStdp } from '@spikeflow/connectivity';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';

/** The task's settings; every field has a default (the guide's run). */
export interface RewardTaskOptions {
  readonly seed?: number;
  readonly trials?: number;
  /** input groups (stimuli); group 0 is the rewarded one */
  readonly groups?: number;
  readonly groupSize?: number;
  /** ms: the stimulus, the wait from its end to the reward, the whole trial */
  readonly stimulus?: number;
  readonly rewardDelay?: number;
  readonly trial?: number;
  /** the reward delivered after a response to group 0 (0: none, a control; < 0: punishment) */
  readonly reward?: number;
}

/** One trial: the group shown, the output's spikes during it, whether a reward (or punishment) was delivered, each group's mean weight after it (nS). */
export interface Trial {
  readonly group: number;
  readonly spikes: number;
  readonly rewarded: boolean;
  readonly weights: readonly number[];
}

/**
 * Each trial shows one of `groups` stimuli, in shuffled blocks (each once per block): its group of Poisson inputs fires
 * at 40 Hz for `stimulus` ms (the others are silent), all inputs onto one LIF output through
 * `RewardStdp`. When the stimulus was group 0 and the output fired, a reward (+1) arrives
 * `rewardDelay` ms after the stimulus ends — long after the 20 ms STDP window; only the
 * eligibility c (tau_c = 500 ms) still remembers which synapses caused the response.
 */
export async function rewardTask(o: RewardTaskOptions = {}): Promise<{ initial: number[]; trials: Trial[] }> {
  const { seed = 1, trials = 60, groups = 4, groupSize = 20, stimulus = 100, rewardDelay = 400, trial = 1000, reward = 1 } = o;
  if (!(stimulus > 0 && rewardDelay > 0 && trial > stimulus + rewardDelay)) {
    throw new ConfigError('bad-trial', 'rewardTask.trial', `expected stimulus > 0, rewardDelay > 0 and trial > stimulus + rewardDelay (ms), got stimulus ${stimulus}, rewardDelay ${rewardDelay}, trial ${trial}`);
  }
  const dt = 0.5;
  const rng = hostRng(seed, 'reward-task');
  // the stimuli in random order, each group once in every block of `groups` trials
  const order = Array.from({ length: trials }, (_, k) => k % groups);
  for (let b = 0; b < trials; b += groups) {
    for (let i = Math.min(b + groups, trials) - 1; i > b; i--) {
      const j = b + Math.floor(rng.uniform() * (i - b + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  // the input spikes of every trial, fixed in advance: group g's inputs fire in trial k's stimulus
  const times: number[] = [];
  const indices: number[] = [];
  for (const [k, g] of order.entries()) {
    const on = Array.from({ length: groups * groupSize }, (_, i) => (Math.floor(i / groupSize) === g ? 1 : 0));
    const s = poissonEncode(on, { duration: stimulus, dt, maxRate: 40, seed: seed * 100_000 + k });
    for (const [j, t] of Array.from(s.times).entries()) {
      times.push(k * trial + t);
      indices.push(s.indices[j]!);
    }
  }

  const net = new Network({ dt, seed });
  const inputs = net.population('inputs', { model: SpikeSource, size: groups * groupSize });
  net.stimulate(inputs, spikeTimes({ times, indices }));
  const out = net.population('out', { model: LIF, size: 1, parameters: { R: 100, C: 0.2, u_rest: -70, u_reset: -70, threshold: -54, t_ref: 2 } });
  net.connect(inputs, out, {
    connector: fixedProbabilityConnect({ p: 1, weight: 0.8 }), // all to all, nS
    synapse: RewardStdp,
    parameters: { tau: 5, E_rev: 0, Apre: 0.02, Apost: -0.021, tau_c: 500, eta: 8, wmin: 0, wmax: 3 },
    name: 'learn',
  });
  const spikes = net.monitor(new SpikeMonitor(out));
  const backend = createCpuBackend();

  const sim = () => net.compiled as CpuSimulation;
  const groupMeans = (): number[] => {
    const w = Array.from(sim().weights('learn').weights); // one output: synapse i comes from input i
    return Array.from({ length: groups }, (_, g) => w.slice(g * groupSize, (g + 1) * groupSize).reduce((a, b) => a + b, 0) / groupSize);
  };
  const result: Trial[] = [];
  let initial: number[] = [];
  for (const [k, g] of order.entries()) {
    const before = spikes.count;
    await net.run({ duration: stimulus }, backend);
    if (k === 0) initial = groupMeans(); // no reward yet: the weights as built
    const fired = spikes.count - before;
    await net.run({ duration: rewardDelay }, backend);
    const rewarded = g === 0 && fired > 0 && reward !== 0;
    if (rewarded) sim().deliverReward('learn', reward);
    await net.run({ duration: trial - stimulus - rewardDelay }, backend);
    result.push({ group: g, spikes: fired, rewarded, weights: groupMeans() });
  }
  sim().dispose();
  return { initial, trials: result };
}
