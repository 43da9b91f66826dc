/**
 * Reward-modulated STDP (`RewardStdp`) on the CPU backend: one pre and one post spike set the
 * eligibility c exactly as pair-based STDP would set w; a reward delivered T ms after the pairing
 * moves w by eta·R·c·exp(−T/tau_c) (to 1e-12), clipped to [wmin, wmax]; JavaScript, WebAssembly-mixed
 * and threaded runs give identical weights; and bad deliveries are named ConfigErrors.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { LIF, PoissonNeuron, SpikeSource } from '@spikeflow/neurons';
import { fixedProbabilityConnect, RewardStdp, StdpAdditive, TsodyksMarkram } from '@spikeflow/connectivity';
import { spikeTimes } from '@spikeflow/stimuli';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';

/** A neuron that spikes exactly at the step of t1 (its input is ignored; v is constant). */
const Trigger: ModelDefinition = {
  name: 'Trigger',
  kind: 'neuron',
  parameters: { t1: { unit: 'ms', default: -1 }, C: { unit: 'nF', default: 1 } },
  state: { v: { unit: 'mV', initial: -70 } },
  inputs: { I: { unit: 'nA' } },
  equations: { v: '0 * I / C' },
  threshold: 'abs(t - t1) < dt / 2',
  reset: [],
};

const dt = 0.1;
const p = { taupre: 20, taupost: 15, Apre: 0.4, Apost: -0.3, tau_c: 200, eta: 0.5, wmin: 0, wmax: 10 };
const w0 = 4;

/** One pre spike at `pre` ms and one post spike at `post` ms, run for `steps` steps. */
async function pair(pre: number, post: number, steps: number, synapse: ModelDefinition = RewardStdp) {
  const net = new Network({ dt, seed: 1 });
  const src = net.population('pre', { model: SpikeSource, size: 1 });
  net.stimulate(src, spikeTimes({ times: [pre], indices: [0] }));
  const tgt = net.population('post', { model: Trigger, size: 1, parameters: { t1: post } });
  net.connect(src, tgt, { connector: fixedProbabilityConnect({ p: 1, weight: w0 }), synapse, parameters: synapse.name.startsWith('RewardStdp') ? p : {}, name: 'syn' });
  await net.run({ steps }, createCpuBackend());
  return { net, sim: net.compiled as CpuSimulation };
}

const w = (sim: CpuSimulation) => sim.weights('syn').weights[0]!;
const c = (sim: CpuSimulation) => sim.synapseValues('syn', 'c')[0]! * 1000; // µS → nS

describe('reward-modulated STDP: exact', () => {
  it('pre 10 ms before post: c = Apre·exp(−10/taupre), w unchanged until a reward', async () => {
    const { sim } = await pair(10, 20, 400);
    expect(c(sim)).toBeCloseTo(p.Apre * Math.exp(-10 / p.taupre), 12);
    expect(w(sim)).toBe(w0);
  });

  it('a reward R delivered T after the pairing moves w by eta·R·c·exp(−T/tau_c), exactly; a second one by the decayed rest', async () => {
    const { net, sim } = await pair(10, 20, 600); // post at step 200, reward at step 600: T = 40 ms
    const c0 = p.Apre * Math.exp(-10 / p.taupre);
    sim.deliverReward('syn', 1.5);
    const w1 = w0 + p.eta * 1.5 * c0 * Math.exp(-40 / p.tau_c);
    expect(w(sim)).toBeCloseTo(w1, 12);
    // c keeps decaying (the reward does not consume it): another 100 ms later, R = −2.
    await net.run({ steps: 1000 }, createCpuBackend());
    sim.deliverReward('syn', -2);
    expect(w(sim)).toBeCloseTo(w1 - p.eta * 2 * c0 * Math.exp(-140 / p.tau_c), 12);
  });

  it('post before pre (depression) with a large reward clips at wmin', async () => {
    const { sim } = await pair(27, 20, 300); // c = Apost·exp(−7/taupost) < 0
    const c0 = c(sim);
    expect(c0).toBeCloseTo(p.Apost * Math.exp(-7 / p.taupost), 12);
    sim.deliverReward('syn', 1);
    expect(w(sim)).toBeCloseTo(w0 + p.eta * c0 * Math.exp(-3 / p.tau_c), 12);
    // The delivery advanced the stored eligibility to its moment.
    expect(c(sim)).toBeCloseTo(c0 * Math.exp(-3 / p.tau_c), 12);
    sim.deliverReward('syn', 1e6);
    expect(w(sim)).toBe(p.wmin);
  });

  it('a weight equation (plasticity.weightEquation) decays w exactly at the events: the course\'s weight_decay as w·(1 − λ) per step', async () => {
    const lambda = 1e-4;
    const Decaying: ModelDefinition = {
      ...RewardStdp,
      name: 'RewardStdpDecay',
      parameters: { ...RewardStdp.parameters, weight_decay: { unit: '1', default: lambda, doc: 'fraction of w lost per step' } },
      plasticity: { ...RewardStdp.plasticity!, weightEquation: 'w * log(1 - weight_decay) / dt' },
    };
    const { sim } = await pair(10, 20, 600, Decaying); // events at steps 100 (pre) and 200 (post); reward at 600
    expect(w(sim)).toBeCloseTo(w0 * (1 - lambda) ** 200, 12); // as of the last event
    sim.deliverReward('syn', 2);
    const c0 = p.Apre * Math.exp(-10 / p.taupre);
    expect(w(sim)).toBeCloseTo(w0 * (1 - lambda) ** 600 + p.eta * 2 * c0 * Math.exp(-40 / p.tau_c), 12);
    const bad = { ...Decaying, plasticity: { ...Decaying.plasticity!, weightEquation: '-w * w / tau_c' } };
    await expect(pair(10, 20, 10, bad)).rejects.toThrow(/model RewardStdpDecay, plasticity\.weightEquation: the event-driven equation of the weight w must be linear in w/);
  });

  it('bad deliveries are named ConfigErrors: no reward modulation, unknown connection, non-finite value', async () => {
    const { sim } = await pair(10, 20, 10);
    expect(() => sim.deliverReward('nope', 1)).toThrow(/deliverReward\(nope\): no connection named 'nope'/);
    for (const bad of [NaN, Infinity, '1' as unknown as number]) expect(() => sim.deliverReward('syn', bad)).toThrow(/deliverReward\(syn\): the reward must be a finite number/);
    for (const model of [StdpAdditive, TsodyksMarkram]) {
      const other = await pair(10, 20, 10, model);
      const err = (() => {
        try {
          other.sim.deliverReward('syn', 1);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).code).toBe('not-reward-modulated');
      expect((err as Error).message).toMatch(new RegExp(`synapse model ${model.name} of connection syn has no reward modulation`));
    }
  });
});

async function network(backend: Backend) {
  const net = new Network({ dt, seed: 5 });
  const inp = net.population('in', { model: PoissonNeuron, size: 200, parameters: { rate: 80 } });
  const out = net.population('out', { model: LIF, size: 12, parameters: { R: 1, C: 10, u_rest: -74, u_reset: -60, threshold: -54 } });
  net.connect(inp, out, { connector: fixedProbabilityConnect({ p: 0.5, weight: { uniform: { min: 0, max: 20 } } }), synapse: RewardStdp, parameters: { wmax: 20, Apre: 0.5, Apost: -0.525, tau_c: 100 }, name: 'learn' });
  await net.run({ steps: 1000 }, backend);
  const sim = net.compiled as CpuSimulation;
  const before = Array.from(sim.weights('learn').weights);
  sim.deliverReward('learn', 2);
  await net.run({ steps: 500 }, backend);
  sim.deliverReward('learn', -1);
  const result = { before, w: Array.from(sim.weights('learn').weights), c: Array.from(sim.synapseValues('learn', 'c')) };
  sim.dispose();
  return result;
}

describe('reward-modulated STDP: JavaScript ≡ WebAssembly-mixed ≡ threads', () => {
  it('gives identical weights and eligibilities', async () => {
    const wasm = await network(createCpuBackend());
    const js = await network(createCpuBackend({ wasm: false }));
    const threads = await network(createCpuBackend({ threads: 2 }));
    expect(wasm.c.filter((x) => x !== 0).length).toBeGreaterThan(100);
    // Before any reward the weights are as built; the rewards moved many of them.
    expect(wasm.w.filter((x, k) => x !== wasm.before[k]).length).toBeGreaterThan(100);
    expect(wasm.w.filter((x, k) => x !== js.w[k]).length).toBe(0);
    expect(threads.w).toEqual(wasm.w);
    expect(threads.c).toEqual(wasm.c);
    expect(js.c).toEqual(wasm.c);
  });
});
