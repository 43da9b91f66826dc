/** instantiate: parameter values, host-computed derived values, initial state, refractory steps, checks; and withSpikeTrace. */
import { describe, expect, it } from 'vitest';
import { ConfigError, type SpikeflowWarning } from '../src/errors.js';
import { compileModel } from '../src/model/compile.js';
import type { ModelDefinition } from '../src/model/definition.js';
import { instantiate, valueAt, type InstanceOptions } from '../src/model/instance.js';
import { withSpikeTrace } from '../src/model/spike-trace.js';
import { hostRng } from '../src/rng/host.js';
import { runStatements } from './helpers.js';

const Model: ModelDefinition = {
  name: 'M',
  kind: 'neuron',
  parameters: {
    R: { unit: 'Mohm', default: 2, positive: true },
    C: { unit: 'nF', default: 10 },
    v0: { unit: 'mV', default: -65 },
    t_ref: { unit: 'ms', default: 1.26 },
    tau_x: { unit: 'ms', default: 3, timeConstant: true },
  },
  derived: { tau: { expr: 'R * C', unit: 'ms', timeConstant: true }, decay: { expr: 'exp(-dt / tau)', unit: '1' } },
  state: { v: { unit: 'mV', initial: 'v0 + 1' }, x: { unit: '1', initial: 0 } },
  equations: { v: '-v / tau', x: '-x / tau_x' },
  threshold: 'v > 0',
  refractory: { period: 't_ref', clamp: ['v'] },
};
const model = compileModel(Model);

function make(over: Partial<InstanceOptions> = {}, warnings: SpikeflowWarning[] = []) {
  return instantiate(model, { size: 3, dt: 0.5, path: 'population p', rng: (field) => hostRng(1, field), warn: (w) => void warnings.push(w), ...over });
}
function configError(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('instantiate', () => {
  it('defaults, derived values on the host, initial expressions and refractory steps', () => {
    const inst = make();
    expect(inst.size).toBe(3);
    expect(inst.values.get('R')).toBe(2);
    expect(inst.values.get('tau')).toBe(20);
    expect(inst.values.get('decay')).toBe(Math.exp(-0.5 / 20));
    expect([...inst.initial.get('v')!]).toEqual([-64, -64, -64]);
    expect([...inst.initial.get('x')!]).toEqual([0, 0, 0]);
    expect(inst.refractorySteps).toBe(3); // round(1.26 / 0.5) = round(2.52)
    // Hoisted step values are computed too (the exact update of v uses exp(-dt/tau)).
    for (const d of model.derived) expect(inst.values.has(d.name)).toBe(true);
  });

  it('per-neuron parameters make derived values, initial values and refractory steps per neuron', () => {
    const inst = make({ parameters: { C: [10, 20, 30], t_ref: [0, 0.74, 2.2], v0: 1 } });
    expect([...(inst.values.get('tau') as Float64Array)]).toEqual([20, 40, 60]);
    expect([...(inst.values.get('decay') as Float64Array)]).toEqual([20, 40, 60].map((t) => Math.exp(-0.5 / t)));
    expect(inst.values.get('R')).toBe(2); // scalars stay scalars
    expect([...(inst.refractorySteps as Float64Array)]).toEqual([0, 1, 4]);
    expect([...inst.initial.get('v')!]).toEqual([2, 2, 2]);
    // An initial expression of a per-neuron parameter is evaluated per neuron (v = v0 + 1).
    expect([...make({ parameters: { v0: [1, -3, 7.5] } }).initial.get('v')!]).toEqual([2, -2, 8.5]);
    expect(valueAt(inst.values, 'tau', 2)).toBe(60);
    expect(valueAt(inst.values, 'R', 2)).toBe(2);
    expect(() => valueAt(inst.values, 'nope', 0)).toThrow("no value for 'nope'");
    // A step run with neuron 1's values integrates with its own tau.
    const values = Object.fromEntries([...inst.values].map(([k, v]) => [k, typeof v === 'number' ? v : v[1]!]));
    const s = runStatements(model.step, { v: 10, x: 1 }, { ...values, dt: 0.5, t: 0 });
    expect(s.v).toBeCloseTo(10 * Math.exp(-0.5 / 40), 13);
  });

  it('a model without a refractory period has no refractory steps; dt is visible to initial values and periods', () => {
    const plain = compileModel({ ...Model, refractory: undefined, state: { ...Model.state, x: { unit: 'ms', initial: 'dt * 4' } } });
    const inst = instantiate(plain, { size: 2, dt: 0.25, path: 'p', rng: (f) => hostRng(1, f), warn: () => {} });
    expect('refractorySteps' in inst).toBe(false);
    expect([...inst.initial.get('x')!]).toEqual([1, 1]);
    const inDt = compileModel({ ...Model, refractory: { period: 'dt * 3', clamp: ['v'] } });
    expect(instantiate(inDt, { size: 1, dt: 0.25, path: 'p', rng: (f) => hostRng(1, f), warn: () => {} }).refractorySteps).toBe(3);
  });

  it('distributions draw from the stream named after their field', () => {
    const inst = make({ parameters: { C: { uniform: { min: 10, max: 20 } } }, initial: { x: { normal: { mean: 0, std: 1 } } } });
    const c = hostRng(1, 'parameter:C');
    expect([...(inst.values.get('C') as Float64Array)]).toEqual([0, 1, 2].map(() => 10 + 10 * c.uniform()));
    const x = hostRng(1, 'initial:x');
    expect([...inst.initial.get('x')!]).toEqual([0, 1, 2].map(() => x.normal(0, 1)));
    expect(() => make({ parameters: { C: { normal: { mean: 1, std: -1 } } } })).toThrow('population p.parameters.C.normal.std');
    expect(() => make({ initial: { v: [1, 2] } })).toThrow('population p.initial.v: expected 3 values');
  });

  it('of equal time constants, the warning names the first declared', () => {
    const warnings: SpikeflowWarning[] = [];
    make({ dt: 4, parameters: { R: 1, C: 3 } }, warnings);
    expect(warnings[0]!.message).toContain('(tau_x = 3 ms)');
  });

  it('initial values given per neuron, from distributions, seeded', () => {
    const a = make({ initial: { v: { uniform: { min: -70, max: -50 } }, x: [1, 2, 3] } });
    const b = make({ initial: { v: { uniform: { min: -70, max: -50 } } } });
    expect([...a.initial.get('x')!]).toEqual([1, 2, 3]);
    expect([...a.initial.get('v')!]).toEqual([...b.initial.get('v')!]);
    expect([...a.initial.get('v')!].every((v) => v >= -70 && v < -50)).toBe(true);
    expect(new Set(a.initial.get('v')).size).toBe(3);
  });

  it.each<[string, Partial<InstanceOptions>, string, string]>([
    ['size 0', { size: 0 }, 'bad-size', 'population p.size: expected a positive integer, got 0'],
    ['size 1.5', { size: 1.5 }, 'bad-size', 'population p.size'],
    ['unknown parameter', { parameters: { Q: 1 } }, 'unknown-parameter', "population p.parameters.Q: model M has no parameter 'Q'; known: R, C, v0, t_ref, tau_x"],
    ['not finite', { parameters: { C: Infinity } }, 'not-finite', 'population p.parameters.C: expected a finite number, got Infinity'],
    ['NaN', { parameters: { C: NaN } }, 'not-finite', 'population p.parameters.C'],
    ['non-positive', { parameters: { R: 0 } }, 'non-positive', "population p.parameters.R: 'R' must be > 0, got 0$"],
    ['non-positive, one neuron', { size: 1, parameters: { R: [0] } }, 'non-positive', "population p.parameters.R: 'R' must be > 0, got 0$"],
    ['non-positive time constant', { parameters: { tau_x: -1 } }, 'non-positive-time-constant', "time constant 'tau_x' must be > 0, got -1"],
    ['derived time constant', { parameters: { C: [10, -1, 10] } }, 'non-positive-time-constant', "population p (model M, derived tau): time constant 'tau' must be > 0, got -2 (neuron 1)"],
    ['unknown initial', { initial: { q: 1 } }, 'unknown-state', "population p.initial.q: model M has no state variable 'q'; known: v, x"],
    ['negative refractory', { parameters: { t_ref: -1 } }, 'bad-refractory', 'population p.refractory: expected a refractory period >= 0 ms, got -1'],
  ])('%s', (_label, over, code, message) => {
    const err = configError(() => make(over));
    expect(err.code).toBe(code);
    if (message.endsWith('$')) expect(err.message).toBe(message.slice(0, -1));
    else expect(err.message).toContain(message);
  });

  it('a parameter without a default must be given', () => {
    const m = compileModel({ ...Model, parameters: { ...Model.parameters, C: { unit: 'nF' } } });
    const err = configError(() => instantiate(m, { size: 1, dt: 0.1, path: 'population q', rng: (f) => hostRng(1, f), warn: () => {} }));
    expect(err.code).toBe('missing-parameter');
    expect(err.message).toBe("population q.parameters.C: model M needs a value for 'C' (no default)");
  });

  it('warns (once, naming the smallest time constant) when dt exceeds a time constant', () => {
    const warnings: SpikeflowWarning[] = [];
    make({ dt: 2.5 }, warnings);
    expect(warnings).toHaveLength(0);
    make({ dt: 4 }, warnings);
    expect(warnings).toEqual([{ code: 'dt-too-large', path: 'population p', message: 'dt = 4 ms is larger than the smallest time constant of model M (tau_x = 3 ms); results may be inaccurate' }]);
    const w2: SpikeflowWarning[] = [];
    make({ dt: 3 }, w2);
    expect(w2).toHaveLength(0);
  });
});

describe('withSpikeTrace', () => {
  const base = { ...Model, reset: ['v = v0'] };
  it('adds a decaying trace, bumped additively or set to 1 on a spike', () => {
    const add = withSpikeTrace(base, { additive: true, tau: 8, scale: 0.5 });
    expect(add.name).toBe('M+trace');
    expect(add.parameters.tau_trace).toMatchObject({ unit: 'ms', default: 8, timeConstant: true });
    expect(add.parameters.trace_scale).toMatchObject({ unit: '1', default: 0.5 });
    expect(add.state.trace!.unit).toBe('1');
    for (const spec of [add.parameters.tau_trace!, add.parameters.trace_scale!, add.state.trace!]) expect(spec.doc!.length).toBeGreaterThan(5);
    expect(add.reset).toEqual(['v = v0', 'trace += trace_scale']);
    expect(add.state.trace).toMatchObject({ initial: 0 });
    expect(withSpikeTrace(base, { additive: false, tau: 8 }).reset).toEqual(['v = v0', 'trace = 1']);
    expect(withSpikeTrace(base, { additive: true, tau: 8 }).parameters.trace_scale).toMatchObject({ default: 1 });
    expect(withSpikeTrace({ ...Model }, { additive: false, tau: 8 }).reset).toEqual(['trace = 1']);
    const m = compileModel(add);
    const inst = instantiate(m, { size: 1, dt: 0.1, path: 'p', rng: (f) => hostRng(1, f), warn: () => {} });
    const values = Object.fromEntries([...inst.values].map(([k, v]) => [k, v as number]));
    const s = runStatements(m.step, { v: -65, x: 0, trace: 2 }, { ...values, dt: 0.1, t: 0 });
    expect(s.trace).toBeCloseTo(2 * Math.exp(-0.1 / 8), 14);
    expect(runStatements(m.reset, { v: 5, x: 0, trace: 2 }, values)).toEqual({ v: -65, x: 0, trace: 2.5 });
  });

  it('refuses non-neuron models and models with a trace already', () => {
    const errorOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected an error');
    };
    const kind = errorOf(() => withSpikeTrace({ ...Model, kind: 'synapse' }, { additive: true, tau: 1 }));
    expect([kind.code, kind.message]).toEqual(['bad-model', 'model M: spike traces apply to neuron models']);
    const twice = errorOf(() => withSpikeTrace({ ...Model, state: { ...Model.state, trace: { unit: '1', initial: 0 } } }, { additive: true, tau: 1 }));
    expect([twice.code, twice.message]).toEqual(['duplicate-name', "model M: already has a state variable 'trace'"]);
  });
});
