import { describe, expect, it } from 'vitest';
import { ConfigError, ExpressionError, Network, type ModelDefinition } from '@spikeflow/core';
import { compileModel, instantiate, type BuiltConnection } from '@spikeflow/core/backend';
import { evaluate } from '@spikeflow/core/ir';
import { hostRng } from '@spikeflow/core/rng';
import { AlphaConductance, BiExpConductance, ExpConductance, ExpCurrent, fixedProbabilityConnect, randomNormalConnect } from '@spikeflow/connectivity';

// Minimal neuron models, so this package's tests need no other definition package.
const Cond: ModelDefinition = {
  name: 'Cond',
  kind: 'neuron',
  parameters: { tau: { unit: 'ms', default: 20, timeConstant: true }, R: { unit: 'MΩ', default: 100 } },
  state: { v: { unit: 'mV', initial: -60 } },
  inputs: { I: { unit: 'nA' } },
  equations: { v: '(-(v + 60) + R * I) / tau' },
  threshold: 'v > -50',
  reset: ['v = -60'],
};
const NoV: ModelDefinition = { name: 'Poisson', kind: 'neuron', parameters: {}, state: { u: { unit: '1', initial: 0 } }, inputs: { I: { unit: 'nA' } }, update: ['u = rand()'], threshold: 'u < 0.01' };
const VinNA: ModelDefinition = { ...Cond, name: 'Odd', state: { v: { unit: 'nA', initial: 0 } }, equations: { v: '(-v + I) / tau' }, threshold: 'v > 1', reset: ['v = 0'] };

function net(post: ModelDefinition, options: Partial<Parameters<Network['connect']>[2]> = {}, sign: 'excitatory' | 'inhibitory' = 'inhibitory') {
  const n = new Network({ dt: 0.1, seed: 3 });
  const a = n.population('exc', { model: Cond, size: 20, sign });
  const b = n.population('inh', { model: post, size: 10 });
  n.connect(a, b, { connector: fixedProbabilityConnect({ p: 0.5, weight: 6 }), synapse: ExpConductance, ...options });
  return n;
}

const thrown = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
};

describe('postsynaptic reads (v_post)', () => {
  it('compile into role post; the model lists what it reads', () => {
    const m = compileModel(ExpConductance);
    expect(m.post).toEqual(['v']);
    expect(compileModel(ExpCurrent).post).toEqual([]);
    expect(compileModel(BiExpConductance).post).toEqual(['v']);
  });

  it('a target model without the state is a ConfigError naming connection, synapse model, variable, neuron model and population', () => {
    const e = thrown(() => net(NoV).build());
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain('connection exc->inh');
    expect(e.message).toContain('synapse model ExpConductance reads v_post, but neuron model Poisson of population inh has no state v');
    // `check` (spikeflow validate) finds it too, without building.
    expect(thrown(() => net(NoV).check()).message).toContain('reads v_post');
  });

  it('units are checked against the target model: a v in nA does not fit E_rev (mV)', () => {
    const e = thrown(() => net(VinNA).build());
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.message).toMatch(/units disagree in '-'.*E_rev.*v_post/s);
  });

  it('are refused in onPre, and _post names cannot be declared in synapse models', () => {
    const onPre = { ...ExpConductance, name: 'Bad', onPre: ['g += w * (v_post > 0)'] };
    expect(thrown(() => compileModel(onPre)).message).toMatch(/onPre statements cannot read postsynaptic variables/);
    const declared = { ...ExpConductance, name: 'Bad2', state: { g: { unit: 'µS', initial: 0 }, x_post: { unit: 'µS', initial: 0 } } };
    expect(thrown(() => compileModel(declared)).message).toMatch(/'x_post' is reserved/);
    // Neuron models have no _post reads: the name is simply unknown.
    expect(thrown(() => compileModel({ ...Cond, name: 'N', threshold: 'v_post > 0' })).message).toMatch(/unknown identifier/);
  });
});

describe('the sign rule', () => {
  const built = (n: Network, k = 0): BuiltConnection => n.build().connections[k]!;

  it('conductance synapses: no presynaptic sign, weights converted from nS to µS', () => {
    const c = built(net(Cond));
    expect(c.sign).toBe(1);
    expect(new Set(c.table.weights)).toEqual(new Set([0.006]));
  });

  it('current synapses keep the presynaptic sign', () => {
    expect(built(net(Cond, { synapse: ExpCurrent })).sign).toBe(-1);
    expect(built(net(Cond, { synapse: ExpCurrent }, 'excitatory')).sign).toBe(1);
  });

  it('a negative conductance is a ConfigError naming the connection and the synapse', () => {
    const e = thrown(() => net(Cond, { connector: randomNormalConnect({ wmean: 1, wstd: 2 }) }).build());
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).path).toBe('connection exc->inh.connector.weight');
    expect(e.message).toMatch(/ExpConductance is a conductance synapse: weights must be >= 0 .* got -[\d.]+ at pre \d+, post \d+/);
    expect(() => net(Cond, { connector: fixedProbabilityConnect({ p: 0.5, weight: 0 }) }).build()).not.toThrow();
  });
});

describe('initial synapse state per connection', () => {
  it('constants with units and seeded distributions (one value per target neuron), the same for the same seed', () => {
    const init = (spec: Parameters<Network['connect']>[2]['initial']) => net(Cond, { initial: spec }).build().connections[0]!.synapse.initial.get('g')!;
    expect(Array.from(init({ g: '4 nS' }))).toEqual(Array(10).fill(0.004));
    const drawn = init({ g: { normal: { mean: '40 nS', std: '15 nS' } } });
    expect(drawn).toHaveLength(10);
    expect(new Set(drawn).size).toBe(10);
    expect(init({ g: { normal: { mean: '40 nS', std: '15 nS' } } })).toEqual(drawn);
    const mean = drawn.reduce((a, b) => a + b, 0) / 10;
    expect(mean).toBeGreaterThan(0.02);
    expect(mean).toBeLessThan(0.06);
  });

  it('an unknown state or a wrong unit names the field', () => {
    expect(thrown(() => net(Cond, { initial: { h: 1 } }).build()).message).toMatch(/connection exc->inh.initial.h.*no state variable 'h'/s);
    expect(thrown(() => net(Cond, { initial: { g: '4 mV' } }).build()).message).toMatch(/connection exc->inh.initial.g/);
  });
});

/** The conductance after one spike of weight 1 nS at step 0, sampled each step (host evaluation of the model's code). */
function kernel(def: ModelDefinition, parameters: Record<string, number>, dt: number, steps: number): number[] {
  const model = compileModel(def);
  const inst = instantiate(model, { size: 1, dt, parameters, path: 'test', rng: (f) => hostRng(0, f), warn: () => {} });
  const state = new Map([...inst.initial].map(([k, v]) => [k, v[0] as number]));
  const temps = new Map<string, number>();
  const lookup = (name: string, role: string): number => {
    if (role === 'state') return state.get(name)!;
    if (role === 'temp') return temps.get(name)!;
    if (role === 'dt') return dt;
    if (role === 'weight') return 0.001; // 1 nS
    if (role === 'post') return -1; // v_post: E_rev − v_post = 1 mV, so the output is g (µS) in nA
    const v = inst.values.get(name)!;
    return typeof v === 'number' ? v : v[0]!;
  };
  const exec = (s: (typeof model.step)[number]) => (s.role === 'state' ? state : temps).set(s.target, evaluate(s.value, { lookup }));
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    model.step.forEach(exec);
    if (k === 0) model.onPre.forEach(exec);
    out.push(evaluate(model.output!, { lookup }) * 1000); // nS
  }
  return out;
}

describe('the three conductance kernels (host evaluation, E_rev − v_post = 1 mV)', () => {
  const dt = 0.05;
  it('ExpConductance: w·exp(−t/tau)', () => {
    const g = kernel(ExpConductance, { tau: 5, E_rev: 0 }, dt, 400);
    g.forEach((x, k) => expect(x).toBeCloseTo(Math.exp((-k * dt) / 5), 12));
  });

  it('AlphaConductance: w·(t/tau)·exp(1 − t/tau), peak w at tau', () => {
    const g = kernel(AlphaConductance, { tau: 2, E_rev: 0 }, dt, 400);
    g.forEach((x, k) => expect(x).toBeCloseTo(((k * dt) / 2) * Math.exp(1 - (k * dt) / 2), 12));
    expect(Math.max(...g)).toBeCloseTo(1, 12);
  });

  it('BiExpConductance: difference of exponentials normalised to peak w', () => {
    const [tr, td] = [0.5, 5];
    const g = kernel(BiExpConductance, { tau_rise: tr, tau_decay: td, E_rev: 0 }, dt, 2000);
    const tp = ((td * tr) / (td - tr)) * Math.log(td / tr);
    const norm = 1 / (Math.exp(-tp / td) - Math.exp(-tp / tr));
    g.forEach((x, k) => expect(x).toBeCloseTo(norm * (Math.exp((-k * dt) / td) - Math.exp((-k * dt) / tr)), 12));
    expect(Math.max(...g)).toBeCloseTo(1, 3); // the sampled peak is within dt of t_peak
    expect(thrown(() => instantiate(compileModel(BiExpConductance), { size: 1, dt, parameters: { tau_rise: 2, tau_decay: 2 }, path: 'c', rng: (f) => hostRng(0, f), warn: () => {} })).message).toMatch(/t_peak/);
  });
});
