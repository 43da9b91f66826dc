import { describe, expect, it } from 'vitest';
import { ConfigError, ExpressionError, type ModelDefinition } from '@spikeflow/core';
import { compileModel } from '@spikeflow/core/backend';

// The seed's LIF, written inline so core's tests need no definition package.
const LIF: ModelDefinition = {
  name: 'LIF',
  kind: 'neuron',
  parameters: {
    R: { unit: 'MΩ', default: 1 },
    C: { unit: 'nF', default: 20 },
    u_rest: { unit: 'mV', default: -70 },
    u_reset: { unit: 'mV', default: -70 },
    threshold: { unit: 'mV', default: -40 },
    t_ref: { unit: 'ms', default: 2 },
  },
  derived: { tau_m: { expr: 'R * C', unit: 'ms' } },
  state: { v: { unit: 'mV', initial: 'u_rest' } },
  inputs: { I: { unit: 'nA' } },
  equations: { v: '(-(v - u_rest) + R * I) / tau_m' },
  threshold: 'v >= threshold',
  reset: ['v = u_reset'],
  refractory: { period: 't_ref', clamp: ['v'] },
};
const withV = (rhs: string, extra: Partial<ModelDefinition> = {}): ModelDefinition => ({ ...LIF, name: 'Bad', equations: { v: rhs }, ...extra });
const rejects = (def: ModelDefinition, message: RegExp, integrator?: 'euler' | 'rk4') => {
  expect(() => compileModel(def, integrator)).toThrowError(ExpressionError);
  expect(() => compileModel(def, integrator)).toThrowError(message);
};

describe('unit checks when a model compiles', () => {
  it('the seed LIF passes', () => {
    expect(compileModel(LIF).units.of.get('tau_m')).toBeDefined();
  });

  it("rejects the issue's dv/dt = v + I + tau_m, naming the model, the expression, the term and both units", () => {
    rejects(withV('v + I + tau_m'), /^model Bad, equation dv\/dt: units disagree in '\+': 'v' is mV but 'I' is nA \(token 'v \+ I'\) in expression 'v \+ I \+ tau_m'$/);
    // With v and I in agreement, the next term is the one named.
    rejects(withV('v/tau_m + R*I/tau_m + tau_m'), /units disagree in '\+': 'v \/ tau_m \+ R \* I \/ tau_m' is mV\/ms but 'tau_m' is ms/);
  });

  it("rejects the issue's threshold v >= t_ref", () => {
    rejects({ ...LIF, name: 'Bad', threshold: 'v >= t_ref' }, /^model Bad, threshold: units disagree in '>=': 'v' is mV but 't_ref' is ms \(token 'v >= t_ref'\)/);
  });

  it("rejects the unit 'parsecs', naming the model, field and string", () => {
    const def = { ...LIF, name: 'Bad', parameters: { ...LIF.parameters, R: { unit: 'parsecs', default: 1 } } };
    expect(() => compileModel(def)).toThrowError(ConfigError);
    expect(() => compileModel(def)).toThrowError(/^model Bad, parameter R: unit 'parsecs': unknown unit 'parsecs'/);
  });

  it('each ODE right-hand side is in the unit of its state per ms', () => {
    rejects(withV('-(v - u_rest) + R * I'), /equation dv\/dt: dv\/dt \(unit of v per ms\) must be in mV\/ms, but '-\(v - u_rest\) \+ R \* I' is mV/);
    rejects(withV('(-(v - u_rest) + I) / tau_m'), /'-\(v - u_rest\)' is mV but 'I' is nA/);
  });

  it('exp, log and the like take dimensionless arguments', () => {
    rejects(withV('(-(v - u_rest) + R * I + exp(v)) / tau_m', { integrator: 'euler' }), /the argument of exp\(\) must be dimensionless, but 'v' is mV/);
    rejects(withV('log(R) / tau_m * v', { integrator: 'euler' }), /the argument of log\(\) must be dimensionless, but 'R' is MΩ/);
    rejects(withV('sin(t) * v / tau_m', { integrator: 'euler' }), /sin\(\) must be dimensionless, but 't' is ms/);
    // Unit names in expressions make arguments dimensionless, as in Brian2.
    expect(() => compileModel(withV('(-(v - u_rest) + R * I + 2*mV*exp((v - threshold)/(2*mV))) / tau_m'), 'euler')).not.toThrow();
  });

  it('function results carry units: sqrt halves powers, abs/min/max keep them, random draws are dimensionless', () => {
    expect(() => compileModel(withV('(-sqrt((v - u_rest)**2) + R * abs(I)) / tau_m'), 'euler')).not.toThrow();
    rejects(withV('(-sqrt(v - u_rest) + R * I) / tau_m'), /'-sqrt\(v - u_rest\)' is mV\^0\.5 but 'R \* I' is mV/, 'euler');
    rejects(withV('(max(v, t_ref) + R * I) / tau_m'), /units disagree in 'max\(\)': 'v' is mV but 't_ref' is ms/, 'euler');
    rejects({ ...LIF, name: 'Bad', update: ['v = v + randn()'] }, /update\[0\]: units disagree in '\+': 'v' is mV but 'randn\(\)' is 1/);
    expect(() => compileModel({ ...LIF, update: ['v = v + (threshold - u_rest) * 0.01 * randn()'] })).not.toThrow();
  });

  it('assignments agree with their target; a bare number takes the unit it meets', () => {
    rejects({ ...LIF, name: 'Bad', reset: ['v = t_ref'] }, /^model Bad, reset\[0\]: a value assigned to v must be in mV, but 't_ref' is ms/);
    rejects({ ...LIF, name: 'Bad', reset: ['v += R'] }, /reset\[0\]: units disagree in '\+': 'v' is mV but 'R' is MΩ/);
    rejects({ ...LIF, name: 'Bad', reset: ['v = -65*ms'] }, /must be in mV, but '-65 \* ms' is ms/);
    expect(() => compileModel({ ...LIF, reset: ['v = -65'], threshold: 'v > -50 && t > 0' })).not.toThrow();
    expect(() => compileModel({ ...LIF, reset: ['v = -65*mV'] })).not.toThrow();
    // A literal factor is dimensionless: 2*v is still mV, v*v is not.
    expect(() => compileModel(withV('(2*(v - u_rest) + R*I) / tau_m'))).not.toThrow();
    rejects(withV('((v - u_rest)*(v - u_rest) + R*I) / tau_m'), /is mV\^2 but 'R \* I' is mV/, 'euler');
  });

  it('initial values, derived values and the refractory period have their declared units', () => {
    rejects({ ...LIF, name: 'Bad', state: { v: { unit: 'mV', initial: 't_ref' } } }, /state v\.initial: the initial value of v must be in mV, but 't_ref' is ms/);
    rejects({ ...LIF, name: 'Bad', derived: { tau_m: { expr: 'R / C', unit: 'ms' } } }, /derived tau_m: derived value tau_m must be in ms, but 'R \/ C' is mV\^2\/\(nA\^2·ms\)/);
    rejects({ ...LIF, name: 'Bad', refractory: { period: 'u_reset', clamp: ['v'] } }, /refractory\.period: the refractory period must be in ms, but 'u_reset' is mV/);
  });

  it('states, inputs and derived values are declared in internal units; parameters may use any', () => {
    expect(() => compileModel({ ...LIF, name: 'Bad', state: { v: { unit: 'volt', initial: 0 } } })).toThrowError(
      /model Bad, state v: unit 'volt' is 1000 × mV; .*declare it as 'mV'/,
    );
    expect(() => compileModel({ ...LIF, parameters: { ...LIF.parameters, R: { unit: 'kohm', default: 1000 } } })).not.toThrow();
  });

  it("'target' is for synapse models and current sources only", () => {
    expect(() => compileModel({ ...LIF, name: 'Bad', parameters: { ...LIF.parameters, R: { unit: 'target' } } })).toThrowError(/model Bad, parameter R: 'target'/);
  });

  it('w is free in neuron models (AdEx) and still the weight in synapse models', () => {
    const AdExLike: ModelDefinition = {
      ...LIF,
      name: 'AdExLike',
      parameters: { ...LIF.parameters, a: { unit: 'µS', default: 0.004 }, b: { unit: 'nA', default: 0.08 }, tau_w: { unit: 'ms', default: 100 } },
      state: { v: { unit: 'mV', initial: 'u_rest' }, w: { unit: 'nA', initial: 0 } },
      equations: { v: '(-(v - u_rest) + R * (I - w)) / tau_m', w: '(a * (v - u_rest) - w) / tau_w' },
      reset: ['v = u_reset', 'w += b'],
    };
    expect(compileModel(AdExLike).states).toEqual(['v', 'w']);
    const Syn: ModelDefinition = { name: 'Syn', kind: 'synapse', parameters: {}, state: { w: { unit: 'nA', initial: 0 } }, onPre: ['w += 1'], output: 'w' };
    expect(() => compileModel(Syn)).toThrowError(/model Syn, state w: 'w' is reserved/);
  });

  it("a synapse's weight has the target's unit unless declared", () => {
    const Cond: ModelDefinition = {
      name: 'Cond',
      kind: 'synapse',
      parameters: { E: { unit: 'mV', default: 0 }, tau: { unit: 'ms', default: 5 } },
      state: { g: { unit: 'µS', initial: 0 } },
      equations: { g: '-g / tau' },
      onPre: ['g += w'],
      output: 'g * E',
    };
    expect(() => compileModel(Cond)).toThrowError(/model Cond, onPre\[0\]: units disagree in '\+': 'g' is µS but 'w' is target/);
    expect(compileModel({ ...Cond, weight: { unit: 'µS' } }).units.output).toBeDefined();
  });
});
