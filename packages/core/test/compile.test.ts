/**
 * The model compiler end to end (parse → integrate → hoist), and hoisting on its own: compiled
 * step statements run by an independent runner against closed forms; errors name model and field.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, ExpressionError } from '../src/errors.js';
import { compileModel } from '../src/model/compile.js';
import type { ModelDefinition } from '../src/model/definition.js';
import { hoistStatic } from '../src/model/hoist.js';
import { evaluate } from '../src/expr/evaluate.js';
import { mentions, walkExpr, type Expr } from '../src/expr/ir.js';
import { relDiff, runStatements, valueOf } from './helpers.js';

const LIF: ModelDefinition = {
  name: 'LIF',
  kind: 'neuron',
  parameters: {
    R: { unit: 'Mohm', default: 1, positive: true },
    C: { unit: 'nF', default: 20, positive: true },
    u_rest: { unit: 'mV', default: -70 },
    threshold: { unit: 'mV', default: -40 },
    t_ref: { unit: 'ms', default: 2 },
  },
  derived: { tau_m: { expr: 'R * C', unit: 'ms', timeConstant: true } },
  state: { v: { unit: 'mV', initial: 'u_rest' } },
  inputs: { I: { unit: 'nA' } },
  equations: { v: '(-(v - u_rest) + R * I) / tau_m' },
  threshold: 'v >= threshold',
  reset: ['v = u_rest'],
  refractory: { period: 't_ref', clamp: ['v'] },
};

/** Host values of parameters and derived values (user's then hoisted), as instantiate computes them. */
function hostValues(model: ReturnType<typeof compileModel>, params: Record<string, number>, dt: number): Record<string, number> {
  const values: Record<string, number> = { ...params, dt };
  for (const d of model.derived) values[d.name] = valueOf(d.expr, values);
  return values;
}

describe('compileModel: LIF', () => {
  const params = { R: 1.5, C: 20, u_rest: -70, threshold: -40, t_ref: 2 };
  it('exact step follows v(t) = u_rest + R·I·(1 − exp(−t/(R·C))) to 1e-12 over 2000 steps', () => {
    const m = compileModel(LIF);
    expect(m.integrator).toBe('exact');
    const dt = 0.1;
    const fixed = { ...hostValues(m, params, dt), I: 12, t: 0 };
    let state = { v: -70 };
    for (let n = 1; n <= 2000; n++) {
      state = runStatements(m.step, state, fixed) as { v: number };
      if (n % 500 === 0) expect(relDiff(state.v, -70 + 1.5 * 12 * (1 - Math.exp((-n * dt) / 30)))).toBeLessThan(1e-12);
    }
  });

  it('hoists parameter-only work to host values and keeps v, I, t in the loop', () => {
    const m = compileModel(LIF);
    expect(m.derived[0]).toEqual({ name: 'tau_m', expr: { kind: 'binary', op: '*', left: { kind: 'ref', name: 'R', role: 'parameter' }, right: { kind: 'ref', name: 'C', role: 'parameter' } } });
    const hoisted = m.derived.slice(1);
    expect(hoisted.length).toBeGreaterThan(0);
    hoisted.forEach((d, k) => expect(d.name).toBe(`_d${k + 1}`));
    for (const d of m.derived) expect(mentions(d.expr, (r) => !['parameter', 'derived', 'dt'].includes(r.role))).toBe(false);
    // Nothing static is left in the step: every call and operation touches v, I or a temporary.
    for (const s of m.step) {
      walkExpr(s.value, (n) => {
        if (n.kind !== 'num' && n.kind !== 'ref') expect(mentions(n, (r) => ['state', 'input', 'temp', 'time'].includes(r.role)), JSON.stringify(n)).toBe(true);
      });
    }
  });

  it('carries threshold, reset, refractory, initial values and the positivity checks', () => {
    const m = compileModel(LIF);
    expect(m.parameters).toEqual(['R', 'C', 'u_rest', 'threshold', 't_ref']);
    expect(m.states).toEqual(['v']);
    expect(m.inputs).toEqual(['I']);
    expect(m.threshold).toEqual({ kind: 'binary', op: '>=', left: { kind: 'ref', name: 'v', role: 'state' }, right: { kind: 'ref', name: 'threshold', role: 'parameter' } });
    expect(m.reset).toEqual([{ target: 'v', role: 'state', value: { kind: 'ref', name: 'u_rest', role: 'parameter' } }]);
    expect(m.refractory).toEqual({ kind: 'ref', name: 't_ref', role: 'parameter' });
    expect([...m.clamped]).toEqual(['v']);
    expect(m.initial.get('v')).toEqual({ kind: 'ref', name: 'u_rest', role: 'parameter' });
    expect(m.positive).toEqual([
      { name: 'R', timeConstant: false },
      { name: 'C', timeConstant: false },
      { name: 'tau_m', timeConstant: true },
    ]);
    expect(m.randomSites).toBe(0);
    expect(m.onPre).toEqual([]);
    expect(m.output).toBeUndefined();
    expect(m.name).toBe('LIF');
    expect(m.definition).toBe(LIF);
  });

  it('an integrator override wins over the definition; rk4 of LIF agrees with the closed form to 1e-9', () => {
    const m = compileModel({ ...LIF, integrator: 'euler' }, 'rk4');
    expect(m.integrator).toBe('rk4');
    expect(compileModel({ ...LIF, integrator: 'euler' }).integrator).toBe('euler');
    const dt = 0.1;
    const fixed = { ...hostValues(m, params, dt), I: 12, t: 0 };
    let state = { v: -70 };
    for (let n = 0; n < 300; n++) state = runStatements(m.step, state, fixed) as { v: number };
    expect(relDiff(state.v, -70 + 18 * (1 - Math.exp(-30 / 30)))).toBeLessThan(1e-9);
  });
});

describe('compileModel: coupled two-variable model under exact', () => {
  // Adaptive neuron: v relaxes towards u, u decays. Exact integrates v with u frozen over the step.
  const Coupled: ModelDefinition = {
    name: 'Coupled',
    kind: 'neuron',
    parameters: { tau: { unit: 'ms', default: 10, timeConstant: true }, tau_u: { unit: 'ms', default: 50 }, a: { unit: 'mV', default: 0.5 } },
    state: { v: { unit: 'mV', initial: 0 }, u: { unit: 'mV', initial: 'a * 10' } },
    equations: { v: '(-v + u) / tau', u: '-u / tau_u' },
    threshold: 'v > 100',
    reset: ['v = 0', 'u += a'],
  };

  it('v1 = u0 + (v0 − u0)·exp(−dt/tau), u1 = u0·exp(−dt/tau_u)', () => {
    const m = compileModel(Coupled);
    const values = hostValues(m, { tau: 10, tau_u: 50, a: 0.5 }, 0.5);
    expect(valueOf(m.initial.get('u')!, values)).toBe(5);
    const s = runStatements(m.step, { v: -3, u: 5 }, { ...values, t: 0 });
    expect(relDiff(s.v!, 5 + (-3 - 5) * Math.exp(-0.05))).toBeLessThan(1e-14);
    expect(relDiff(s.u!, 5 * Math.exp(-0.01))).toBeLessThan(1e-14);
    expect(m.reset.map((r) => r.target)).toEqual(['v', 'u']);
    const after = runStatements(m.reset, { v: 120, u: 5 }, values);
    expect(after).toEqual({ v: 0, u: 5.5 });
  });
});

describe('compileModel: synapses, currents, randomness', () => {
  it('a synapse model: onPre with w, output, derived decay hoisted', () => {
    const m = compileModel({
      name: 'Exp',
      kind: 'synapse',
      parameters: { tau: { unit: 'ms', default: 5, timeConstant: true } },
      state: { g: { unit: 'target', initial: 0 } },
      equations: { g: '-g / tau' },
      onPre: ['g += w'],
      output: 'g',
    });
    expect(m.onPre).toEqual([{ target: 'g', role: 'state', value: { kind: 'binary', op: '+', left: { kind: 'ref', name: 'g', role: 'state' }, right: { kind: 'ref', name: 'w', role: 'weight' } } }]);
    expect(m.output).toEqual({ kind: 'ref', name: 'g', role: 'state' });
    expect(m.threshold).toBeUndefined();
    expect(m.positive).toEqual([{ name: 'tau', timeConstant: true }]);
    const values = hostValues(m, { tau: 5 }, 0.1);
    expect(relDiff(runStatements(m.step, { g: 2 }, { ...values, t: 0 }).g!, 2 * Math.exp(-0.02))).toBeLessThan(1e-14);
  });

  it('a current source with random update and output: sites numbered across update then output', () => {
    const m = compileModel({
      name: 'Noise',
      kind: 'current',
      parameters: { mu: { unit: 'nA', default: 1 }, sigma: { unit: 'nA', default: 2 } },
      state: { x: { unit: 'nA', initial: 'mu' } },
      update: ['x = mu + sigma * randn()', 'x += sigma * rand_shared()'],
      output: 'x + 0.1 * sigma * rand()',
    });
    expect(m.randomSites).toBe(3);
    const sites: number[] = [];
    for (const e of [...m.step.map((s) => s.value), m.output!]) walkExpr(e, (n) => void (n.kind === 'call' && n.site !== undefined && sites.push(n.site)));
    expect(sites).toEqual([0, 1, 2]);
    // The random draws are not hoisted, though their surroundings are parameters only.
    expect(m.derived.every((d) => !JSON.stringify(d.expr).includes('rand'))).toBe(true);
    const draws = [0.5, 0.25, 0.75];
    const env = { mu: 1, sigma: 2, dt: 0.1 };
    const values = hostValues(m, env, 0.1);
    const stepEval = (e: Expr, x: number) => evaluate(e, { lookup: (name) => ({ ...values, x })[name] as number, random: (_fn, site) => draws[site]! });
    const x1 = stepEval(m.step[0]!.value, 0);
    expect(x1).toBe(1 + 2 * 0.5);
    expect(stepEval(m.step[1]!.value, x1)).toBe(2.5);
    expect(stepEval(m.output!, 2.5)).toBe(2.5 + 0.1 * 2 * 0.75);
  });

  it('derived values see parameters, dt and earlier derived values only', () => {
    const m = compileModel({
      name: 'D',
      kind: 'neuron',
      parameters: { tau: { unit: 'ms', default: 4 } },
      derived: { decay: { expr: 'exp(-dt / tau)', unit: '1' }, twice: { expr: '2 * decay', unit: '1' } },
      state: { v: { unit: '1', initial: 'twice' } },
      update: ['v = v * decay'],
      threshold: 'v > 1',
    });
    const values = hostValues(m, { tau: 4 }, 0.5);
    expect(values.twice).toBe(2 * Math.exp(-0.125));
    expect(() => compileModel({ ...m.definition, derived: { a: { expr: 'b', unit: '1' }, b: { expr: 'tau', unit: '1' } } })).toThrow(ExpressionError);
    expect(() => compileModel({ ...m.definition, derived: { a: { expr: 'v', unit: '1' } } })).toThrow(/derived a/);
  });
});

describe('compileModel: errors name model and field', () => {
  const base: ModelDefinition = { name: 'M', kind: 'neuron', parameters: { p: { unit: '1' } }, state: { v: { unit: 'mV', initial: 0 } }, threshold: 'v > 1' };
  const codeOf = (def: ModelDefinition) => {
    try {
      compileModel(def);
    } catch (e) {
      return { code: (e as ConfigError).code, message: (e as Error).message, type: (e as Error).name };
    }
    throw new Error('expected an error');
  };
  it.each<[string, ModelDefinition, string, string]>([
    ['bad name', { ...base, parameters: { '1x': { unit: '1' } } }, 'bad-name', "model M, parameter 1x: '1x' is not a valid name"],
    ['bad name (underscore first)', { ...base, state: { _v: { unit: '1', initial: 0 } } }, 'bad-name', 'model M, state _v'],
    ['reserved', { ...base, parameters: { dt: { unit: 'ms' } } }, 'reserved-name', "model M, parameter dt: 'dt' is reserved"],
    ['reserved t', { ...base, state: { t: { unit: 'ms', initial: 0 } } }, 'reserved-name', 'model M, state t'],
    ['duplicate', { ...base, state: { p: { unit: '1', initial: 0 } } }, 'duplicate-name', "model M, state p: 'p' is declared twice"],
    ['inputs on a synapse', { ...base, kind: 'synapse', inputs: { I: { unit: 'nA' } }, onPre: ['v += w'], output: 'v' }, 'bad-model', 'only neuron models take inputs (this is a synapse model)'],
    ['equation of an unknown state', { ...base, equations: { u: '-u' } }, 'unknown-state', "model M, equation du/dt: 'u' is not a state variable"],
    ['no threshold', { ...base, threshold: undefined }, 'missing-field', 'model M, threshold: a neuron model needs a threshold'],
    ['clamp of an unknown state', { ...base, refractory: { period: 'p', clamp: ['u'] } }, 'unknown-state', "model M, refractory.clamp: 'u' is not a state variable"],
    ['synapse without onPre', { ...base, kind: 'synapse', threshold: undefined, output: 'v' }, 'missing-field', 'model M, onPre: a synapse model needs onPre'],
    ['current without output', { ...base, kind: 'current', threshold: undefined }, 'missing-field', 'model M, output: a current model needs an output'],
    ['nonlinear under exact', { ...base, equations: { v: 'v * v' } }, 'not-linear', 'model M, equation dv/dt'],
    ['random in an equation', { ...base, equations: { v: 'randn()' }, integrator: 'euler' }, 'random-not-allowed', 'model M, equation dv/dt'],
    ['random in a reset', { ...base, reset: ['v = rand()'] }, 'random-not-allowed', 'model M, reset[0]'],
    ['state in a refractory period', { ...base, refractory: { period: 'v', clamp: [] } }, 'unknown-identifier', 'model M, refractory.period'],
    ['state in an initial value', { ...base, state: { v: { unit: 'mV', initial: 'v + 1' } } }, 'unknown-identifier', 'model M, state v.initial'],
    ['w outside onPre', { ...base, reset: ['v = w'] }, 'unknown-identifier', 'model M, reset[0]'],
    ['assigning a parameter', { ...base, update: ['p = 1'] }, 'bad-assignment-target', 'model M, update[0]'],
    ['a name with a dash', { ...base, parameters: { 'a-b': { unit: '1' } } }, 'bad-name', 'model M, parameter a-b'],
    ['reserved step', { ...base, parameters: { step: { unit: '1' } } }, 'reserved-name', "'step' is reserved"],
    ['reserved w (synapses)', { name: 'M', kind: 'synapse', parameters: { w: { unit: '1' } }, state: { g: { unit: 'target', initial: 0 } }, onPre: ['g += 1'], output: 'g' }, 'reserved-name', "'w' is reserved"],
    ['reserved pi', { ...base, parameters: { pi: { unit: '1' } } }, 'reserved-name', "'pi' is reserved"],
    ['reserved e', { ...base, parameters: { e: { unit: '1' } } }, 'reserved-name', "'e' is reserved"],
    ['reserved i', { ...base, parameters: { i: { unit: '1' } } }, 'reserved-name', "'i' is reserved"],
    ['reserved N', { ...base, parameters: { N: { unit: '1' } } }, 'reserved-name', "'N' is reserved"],
    ['derived named twice', { ...base, derived: { p: { expr: '1', unit: '1' } } }, 'duplicate-name', 'model M, derived p'],
    ['input named twice', { ...base, inputs: { p: { unit: 'nA' } } }, 'duplicate-name', 'model M, input p'],
    ['inputs on a current', { ...base, kind: 'current', threshold: undefined, inputs: { I: { unit: 'nA' } }, output: 'v' }, 'bad-model', 'model M, inputs: only neuron models'],
    ['random in a derived value', { ...base, derived: { d: { expr: 'rand()', unit: '1' } } }, 'random-not-allowed', 'model M, derived d'],
    ['random in an initial value', { ...base, state: { v: { unit: 'mV', initial: 'rand()' } } }, 'random-not-allowed', 'model M, state v.initial'],
    ['random in a threshold', { ...base, threshold: 'v > rand()' }, 'random-not-allowed', 'model M, threshold'],
    ['random in a refractory period', { ...base, refractory: { period: 'rand()', clamp: [] } }, 'random-not-allowed', 'model M, refractory.period'],
    ['random in onPre', { ...base, kind: 'synapse', threshold: undefined, onPre: ['v += rand()'], output: 'v' }, 'random-not-allowed', 'model M, onPre[0]'],
    ['unknown name in an output', { ...base, kind: 'current', threshold: undefined, output: 'q' }, 'unknown-identifier', 'model M, output'],
  ])('%s', (_label, def, code, message) => {
    const e = codeOf(def);
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });

  it('an empty inputs list is fine on any model; t, dt and step have their roles everywhere', () => {
    expect(compileModel({ ...base, kind: 'current', threshold: undefined, inputs: {}, output: 'v' }).inputs).toEqual([]);
    const m = compileModel({ ...base, state: { v: { unit: 'ms', initial: 0 } }, update: ['v = t + dt * step'], threshold: 'v > t', output: 'step' });
    const roles = new Map<string, string>();
    for (const e of [m.step[0]!.value, m.threshold!, m.output!]) walkExpr(e, (x) => void (x.kind === 'ref' && roles.set(x.name, x.role)));
    expect(Object.fromEntries(roles)).toEqual({ t: 'time', dt: 'dt', step: 'step', v: 'state' });
  });

  it('a valid minimal neuron compiles, with equations optional', () => {
    const m = compileModel(base);
    expect(m.step).toEqual([]);
    expect(m.derived).toEqual([]);
    expect(m.refractory).toBeUndefined();
  });
});

describe('hoistStatic', () => {
  const P = (name: string): Expr => ({ kind: 'ref', name, role: 'parameter' });
  const S = (name: string): Expr => ({ kind: 'ref', name, role: 'state' });
  const DT: Expr = { kind: 'ref', name: 'dt', role: 'dt' };
  const mul = (left: Expr, right: Expr): Expr => ({ kind: 'binary', op: '*', left, right });
  const decay: Expr = { kind: 'call', fn: 'exp', args: [{ kind: 'binary', op: '/', left: { kind: 'unary', op: '-', arg: DT }, right: P('tau') }] };

  it('moves maximal static subexpressions out, once each, named from firstIndex', () => {
    const out = hoistStatic(
      {
        step: [{ target: 'v', role: 'state', value: mul(S('v'), decay) }],
        reset: [{ target: 'v', role: 'state', value: mul(decay, P('tau')) }],
        onPre: [{ target: 'v', role: 'state', value: { kind: 'binary', op: '+', left: S('v'), right: { kind: 'ref', name: 'w', role: 'weight' } } }],
        threshold: { kind: 'binary', op: '>', left: S('v'), right: mul(P('a'), P('b')) },
        output: mul(decay, S('v')),
      },
      3,
    );
    expect(out.derived).toEqual([
      { name: '_d3', expr: decay },
      { name: '_d4', expr: mul(decay, P('tau')) },
      { name: '_d5', expr: mul(P('a'), P('b')) },
    ]);
    const D = (name: string): Expr => ({ kind: 'ref', name, role: 'derived' });
    expect(out.step[0]!.value).toEqual(mul(S('v'), D('_d3')));
    expect(out.reset[0]!.value).toEqual(D('_d4'));
    expect(out.threshold).toEqual({ kind: 'binary', op: '>', left: S('v'), right: D('_d5') });
    expect(out.output).toEqual(mul(D('_d3'), S('v')));
    expect(out.onPre[0]!.value).toEqual({ kind: 'binary', op: '+', left: S('v'), right: { kind: 'ref', name: 'w', role: 'weight' } });
  });

  it('leaves bare names, numbers, random calls and anything with state, time, input or temporaries', () => {
    const keep: Expr[] = [
      P('a'),
      { kind: 'num', value: 2 },
      mul(P('a'), { kind: 'call', fn: 'rand', args: [], site: 0 }),
      mul(P('a'), { kind: 'ref', name: 't', role: 'time' }),
      mul(P('a'), { kind: 'ref', name: 'I', role: 'input' }),
      mul(P('a'), { kind: 'ref', name: '_k0_v', role: 'temp' }),
      mul(P('a'), { kind: 'ref', name: 'step', role: 'step' }),
    ];
    for (const e of keep) {
      const out = hoistStatic({ step: [{ target: 'v', role: 'state', value: e }], reset: [], onPre: [], threshold: undefined, output: undefined }, 0);
      expect(out.derived, JSON.stringify(e)).toEqual([]);
      expect(out.step[0]!.value).toEqual(e);
      expect(out.threshold).toBeUndefined();
      expect(out.output).toBeUndefined();
    }
  });
});
