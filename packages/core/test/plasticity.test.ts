/**
 * The model language's plastic synapses (`plasticity`: traces and onPost): what compiles, and
 * that every mistake is an error naming the model, the field and the token.
 */
import { describe, expect, it } from 'vitest';
import { ExpressionError, type ModelDefinition } from '../src/index.js';
import { compileModel } from '../src/backend.js';

const Stdp: ModelDefinition = {
  name: 'Stdp',
  kind: 'synapse',
  parameters: {
    tau: { unit: 'ms', default: 5 },
    taupre: { unit: 'ms', default: 20 },
    taupost: { unit: 'ms', default: 20 },
    Apre: { unit: 'nA', default: 0.01 },
    Apost: { unit: 'nA', default: -0.0105 },
    wmax: { unit: 'nA', default: 1 },
  },
  state: { I: { unit: 'nA', initial: 0 } },
  equations: { I: '-I / tau' },
  onPre: ['I += w', 'w = clip(w + apost, 0, wmax)'],
  plasticity: {
    traces: {
      apre: { side: 'pre', unit: 'nA', tau: 'taupre', jump: 'Apre' },
      apost: { side: 'post', unit: 'nA', tau: 'taupost', jump: 'Apost' },
    },
    onPost: ['w = clip(w + apre, 0, wmax)'],
  },
  weight: { unit: 'nA' },
  output: 'I',
};

const withPlasticity = (p: Partial<NonNullable<ModelDefinition['plasticity']>>, rest: Partial<ModelDefinition> = {}): ModelDefinition => ({ ...Stdp, ...rest, plasticity: { ...Stdp.plasticity!, ...p } });

describe('plastic synapse models', () => {
  it('compile: traces in order with their time constants and jumps, onPost statements assigning w', () => {
    const m = compileModel(Stdp);
    expect(m.plasticity!.traces.map((t) => [t.name, t.side])).toEqual([
      ['apre', 'pre'],
      ['apost', 'post'],
    ]);
    expect(m.plasticity!.traces[0]!.tau).toEqual({ kind: 'ref', name: 'taupre', role: 'parameter' });
    expect(m.plasticity!.onPost.map((s) => s.target)).toEqual(['w']);
    expect(m.onPre.map((s) => s.target)).toEqual(['I', 'w']);
  });

  it('without plasticity, w is not assignable', () => {
    const { plasticity: _p, ...rest } = Stdp;
    expect(() => compileModel({ ...rest, onPre: ['w = w + 1', 'I += w'] })).toThrow(/cannot assign to 'w'/);
  });

  it('traces are read-only and only in onPre/onPost', () => {
    expect(() => compileModel(withPlasticity({ onPost: ['apre = 0'] }))).toThrow(/Stdp, plasticity.onPost\[0\].*cannot assign to 'apre'/);
    expect(() => compileModel({ ...Stdp, output: 'I + apre' })).toThrow(ExpressionError);
  });

  it('bad traces and onPost are named errors', () => {
    expect(() => compileModel(withPlasticity({ onPost: [] }))).toThrow(/model Stdp, plasticity.onPost: a plastic synapse model needs onPost statements/);
    expect(() => compileModel(withPlasticity({ traces: { ...Stdp.plasticity!.traces, apre: { side: 'middle' as 'pre', unit: 'nA', tau: 'taupre', jump: 'Apre' } } }))).toThrow(/plasticity.traces.apre.side: expected 'pre' or 'post', got 'middle'/);
    expect(() => compileModel(withPlasticity({ traces: { ...Stdp.plasticity!.traces, apre: { side: 'pre', unit: 'nA', tau: 'Apre', jump: 'Apre' } } }))).toThrow(/plasticity.traces.apre.tau: the time constant of trace apre must be in ms, but 'Apre' is nA/);
    expect(() => compileModel(withPlasticity({ traces: { ...Stdp.plasticity!.traces, apre: { side: 'pre', unit: 'nA', tau: 'taupre', jump: 'taupre' } } }))).toThrow(/jump of trace apre/);
    expect(() => compileModel(withPlasticity({ traces: { ...Stdp.plasticity!.traces, tau: { side: 'pre', unit: 'nA', tau: 'taupre', jump: 'Apre' } } }))).toThrow(/'tau' is declared twice/);
    expect(() => compileModel(withPlasticity({ onPost: ['w = w + v_post'] }))).toThrow(ExpressionError);
    expect(() => compileModel({ ...Stdp, kind: 'current', onPre: undefined, weight: undefined })).toThrow(/only synapse models are plastic/);
  });
});
