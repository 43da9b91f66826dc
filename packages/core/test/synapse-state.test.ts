/**
 * The model language's per-synapse variables (`plasticity.synapseState`, event-driven linear
 * ODEs) and reward statements (`plasticity.reward`): what compiles, and named errors.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, ExpressionError, type ModelDefinition } from '../src/index.js';
import { compileModel, plasticityKind } from '../src/backend.js';

const Stp: ModelDefinition = {
  name: 'Stp',
  kind: 'synapse',
  parameters: { tau: { unit: 'ms', default: 3 }, U: { unit: '1', default: 0.5, maximum: 1 }, tau_f: { unit: 'ms', default: 50 }, tau_d: { unit: 'ms', default: 200 } },
  state: { I: { unit: 'nA', initial: 0 } },
  equations: { I: '-I / tau' },
  onPre: ['I += w * u * x', 'x -= u * x', 'u += U * (1 - u)'],
  plasticity: {
    synapseState: {
      u: { unit: '1', initial: 'U', equation: '(U - u) / tau_f' },
      x: { unit: '1', initial: 1, equation: '(1 - x) / tau_d' },
    },
  },
  weight: { unit: 'nA' },
  output: 'I',
};

const withVar = (equation: string, extra: Partial<ModelDefinition> = {}): ModelDefinition => ({
  ...Stp,
  ...extra,
  plasticity: { synapseState: { ...Stp.plasticity!.synapseState, u: { unit: '1', initial: 'U', equation } } },
});

describe('per-synapse variables', () => {
  it('compile: a and b of each linear equation; no onPost needed; maxima listed', () => {
    const m = compileModel(Stp);
    expect(m.plasticity!.synapseState.map((v) => v.name)).toEqual(['u', 'x']);
    expect(m.plasticity!.onPost).toEqual([]);
    expect(m.maxima).toEqual([{ name: 'U', maximum: 1 }]);
    expect(m.onPre.map((a) => a.target)).toEqual(['I', 'x', 'u']);
  });

  it('an equation not linear in its variable is an ExpressionError naming model, variable and expression', () => {
    const bad = () => compileModel(withVar('(U - u*u) / tau_f'));
    expect(bad).toThrow(ExpressionError);
    expect(bad).toThrow(/model Stp, plasticity\.synapseState\.u\.equation: the event-driven equation of per-synapse variable u must be linear in u .*in expression '\(U - u\*u\) \/ tau_f'/);
    expect(() => compileModel(withVar('(x - u) / tau_f'))).toThrow(/per-synapse variable u may read only u, parameters and derived values \(it reads x\)/);
    expect(() => compileModel(withVar('(U - u) / tau_f + I'))).toThrow(/unknown name|'I'/);
  });

  it('units are checked: an equation in the wrong unit, a name clash', () => {
    expect(() => compileModel(withVar('U - u'))).toThrow(/du\/dt \(unit of u per ms\)/);
    expect(() => compileModel({ ...Stp, state: { ...Stp.state, u: { unit: '1', initial: 0 } } })).toThrow(/'u' is declared twice/);
  });

  it('a weight equation compiles as a variable named w; wrong units and nonlinear ones are named errors', () => {
    const W = (weightEquation: string): ModelDefinition => ({ ...Stp, plasticity: { ...Stp.plasticity, weightEquation } });
    expect(compileModel(W('-w / tau_f')).plasticity!.weight!.name).toBe('w');
    expect(() => compileModel(W('-w'))).toThrow(/plasticity\.weightEquation.*dw\/dt \(unit of w per ms\)/);
    expect(() => compileModel(W('-w * w / tau_f'))).toThrow(/model Stp, plasticity\.weightEquation: the event-driven equation of the weight w must be linear in w/);
  });

  it('reward statements read `reward` (reserved), may assign w; empty ones are a named error', () => {
    const R: ModelDefinition = { ...Stp, plasticity: { ...Stp.plasticity, reward: { unit: 'nA', statements: ['w = w + reward * x'] } } };
    const m = compileModel(R);
    expect(m.plasticity!.reward!.map((a) => a.target)).toEqual(['w']);
    expect(() => compileModel({ ...R, plasticity: { ...R.plasticity, reward: { unit: 'nA', statements: [] } } })).toThrow(ConfigError);
    expect(() => compileModel({ ...R, parameters: { ...R.parameters, reward: { unit: '1', default: 0 } } })).toThrow(/'reward' is declared twice/);
    expect(() => compileModel({ ...R, plasticity: { ...R.plasticity, reward: { unit: 'nA', statements: ['w = w + reward * v_post'] } } })).toThrow(ExpressionError);
  });
});

describe('plasticityKind', () => {
  it('calls a model with spike traces plastic (STDP), and one with only per-synapse variables what it keeps', () => {
    const stp = compileModel(Stp).plasticity!;
    expect(plasticityKind(stp)).toBe('keeps per-synapse state (u, x)');
    const stdp = { ...stp, traces: [{ name: 'apre', side: 'pre' as const, tau: { kind: 'num' as const, value: 20 }, jump: { kind: 'num' as const, value: 1 } }] };
    expect(plasticityKind(stdp)).toBe('is plastic (STDP)');
    expect(plasticityKind({ ...stdp, reward: [] })).toBe('is plastic (reward-modulated STDP)');
    // Only the weight's own equation: the state it keeps is w.
    expect(plasticityKind({ ...stp, synapseState: [] })).toBe('keeps per-synapse state (w)');
  });
});
