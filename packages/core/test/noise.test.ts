/**
 * White noise in equations (`xi`, `xi_<suffix>`): parsing, the Euler–Maruyama rewrite into
 * per-neuron `randn()` call sites, the default integrator, units, and every named error.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, ExpressionError } from '../src/errors.js';
import { compileModel, type CompiledModel } from '../src/model/compile.js';
import type { IntegratorName, ModelDefinition } from '../src/model/definition.js';
import { evaluate } from '../src/expr/evaluate.js';
import { parseExpression } from '../src/expr/parse.js';
import { walkExpr, type Assign, type Expr } from '../src/expr/ir.js';
import { isNoiseName } from '../src/expr/functions.js';
import { ctx } from './helpers.js';

/** A free membrane with white noise: dv/dt = -(v - u)/tau + sigma*sqrt(2/tau)*xi. */
const NOISY: ModelDefinition = {
  name: 'Noisy',
  kind: 'neuron',
  parameters: {
    tau: { unit: 'ms', default: 10, timeConstant: true },
    sigma: { unit: 'mV', default: 2 },
    u: { unit: 'mV', default: -70 },
  },
  state: { v: { unit: 'mV', initial: 'u' } },
  inputs: { I: { unit: 'nA' } },
  equations: { v: '-(v - u)/tau + sigma*sqrt(2/tau)*xi' },
  threshold: 'v > 1000',
};

/** Host values of parameters and derived values, as instantiate computes them. */
function hostValues(m: CompiledModel, params: Record<string, number>, dt: number): Record<string, number> {
  const values: Record<string, number> = { ...params, dt };
  for (const d of m.derived) values[d.name] = evaluate(d.expr, { lookup: (name) => values[name] as number });
  return values;
}

/** Runs one step with `draws[site]` for each random call site. */
function runStep(step: readonly Assign[], state: Record<string, number>, fixed: Record<string, number>, draws: readonly number[]): Record<string, number> {
  const now = { ...state };
  const temps: Record<string, number> = {};
  for (const s of step) {
    const v = evaluate(s.value, {
      lookup: (name) => {
        const x = temps[name] ?? now[name] ?? fixed[name];
        if (x === undefined) throw new Error(`no value for ${name}`);
        return x;
      },
      random: (fn, site) => {
        expect(fn).toBe('randn');
        return draws[site] as number;
      },
    });
    if (s.role === 'temp') temps[s.target] = v;
    else now[s.target] = v;
  }
  return now;
}

const sitesOf = (m: CompiledModel): number[] => {
  const sites: number[] = [];
  for (const s of m.step) walkExpr(s.value, (n) => void (n.kind === 'call' && n.site !== undefined && sites.push(n.site)));
  return sites;
};

const errorOf = (def: ModelDefinition, integrator?: IntegratorName): ExpressionError | ConfigError => {
  try {
    compileModel(def, integrator);
  } catch (e) {
    if (e instanceof ExpressionError || e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected an error');
};

describe('xi: names and parsing', () => {
  it('xi and xi_<suffix> are noise names; others are not', () => {
    for (const n of ['xi', 'xi_1', 'xi_e', 'xi_ext_2']) expect(isNoiseName(n)).toBe(true);
    for (const n of ['xis', 'x', 'xi_', 'Xi', 'my_xi', 'xi-1']) expect(isNoiseName(n)).toBe(false);
  });

  it('parses to references of role noise where noise is allowed, and names the token elsewhere', () => {
    const e = parseExpression('a*xi + b*xi_e', { ...ctx({ a: 'parameter', b: 'parameter' }), allowNoise: true });
    const refs: [string, string][] = [];
    walkExpr(e, (n) => void (n.kind === 'ref' && refs.push([n.name, n.role])));
    expect(refs).toEqual([['a', 'parameter'], ['xi', 'noise'], ['b', 'parameter'], ['xi_e', 'noise']]);
    expect(() => parseExpression('a*xi', ctx({ a: 'parameter' }))).toThrow(/model T, test: white noise 'xi' is only allowed in equations.*\(token 'xi'\)/);
  });
});

describe('xi: the Euler–Maruyama rewrite', () => {
  it('v ← v + dt·f(v) + sqrt(dt)·g·N with one randn() site, exact to 1e-14 for given draws', () => {
    const m = compileModel(NOISY);
    expect(m.integrator).toBe('euler');
    expect(m.randomSites).toBe(1);
    expect(sitesOf(m)).toEqual([0]);
    const p = { tau: 10, sigma: 2, u: -70 };
    const dt = 0.1;
    const fixed = { ...hostValues(m, p, dt), I: 0, t: 0 };
    for (const [v, n] of [[-70, 0], [-65, 1.5], [-72, -0.3]] as const) {
      const out = runStep(m.step, { v }, fixed, [n]).v!;
      const expected = v + dt * (-(v - p.u) / p.tau) + Math.sqrt(dt) * p.sigma * Math.sqrt(2 / p.tau) * n;
      expect(Math.abs(out - expected)).toBeLessThan(1e-14 * Math.abs(expected));
    }
    for (const d of m.derived) walkExpr(d.expr, (x) => expect(x.kind === 'call' && x.site !== undefined).toBe(false));
  });

  it('several noises draw independently; the same name in two equations is the same draw; update sites come after', () => {
    const def: ModelDefinition = {
      ...NOISY,
      parameters: { ...NOISY.parameters, s2: { unit: 'mV/ms', default: 0.5 } },
      state: { v: { unit: 'mV', initial: 'u' }, w: { unit: 'mV', initial: 0 } },
      equations: { v: '-(v - u)/tau + sigma*xi_a/sqrt(tau) + s2*sqrt(tau)*xi_b', w: '-w/tau + sigma/sqrt(tau)*xi_a' },
      update: ['w = w + 0*mV*randn()'],
    };
    const m = compileModel(def);
    expect(m.randomSites).toBe(3); // xi_a: 0, xi_b: 1, the update's randn(): 2
    expect(sitesOf(m)).toEqual([0, 1, 0, 2]);
    const dt = 0.25;
    const p = { tau: 10, sigma: 2, u: -70, s2: 0.5 };
    const fixed = { ...hostValues(m, p, dt), I: 0, t: 0 };
    const draws = [0.7, -1.2, 5];
    const out = runStep(m.step, { v: -60, w: 1 }, fixed, draws);
    const sq = Math.sqrt(dt);
    const v = -60 + dt * (-(-60 - p.u) / p.tau) + sq * (p.sigma / Math.sqrt(p.tau)) * draws[0]! + sq * p.s2 * Math.sqrt(p.tau) * draws[1]!;
    const w = 1 + dt * (-1 / p.tau) + sq * (p.sigma / Math.sqrt(p.tau)) * draws[0]!;
    expect(out.v).toBeCloseTo(v, 13);
    expect(out.w).toBeCloseTo(w, 13);
  });

  it('a coefficient may read inputs and derived values (additive noise)', () => {
    const def: ModelDefinition = { ...NOISY, derived: { s: { expr: 'sigma*sqrt(2/tau)', unit: 'mV/ms**0.5' } }, equations: { v: '-(v - u)/tau + (s + I*mV/nA/ms**0.5)*xi' } };
    const m = compileModel(def);
    const fixed = { ...hostValues(m, { tau: 10, sigma: 2, u: -70 }, 0.1), I: 3, t: 0 };
    const out = runStep(m.step, { v: -70 }, fixed, [1]).v!;
    expect(out).toBeCloseTo(-70 + Math.sqrt(0.1) * (2 * Math.sqrt(0.2) + 3), 13);
  });

  it('a stochastic model that names no integrator gets euler; a named euler is kept; deterministic models keep exact', () => {
    expect(compileModel(NOISY).integrator).toBe('euler');
    expect(compileModel({ ...NOISY, integrator: 'euler' }).integrator).toBe('euler');
    expect(compileModel(NOISY, 'euler').integrator).toBe('euler');
    expect(compileModel({ ...NOISY, equations: { v: '-(v - u)/tau' } }).integrator).toBe('exact');
  });

  it('refractory clamping guards the noisy update like any other', () => {
    const m = compileModel({ ...NOISY, reset: ['v = u'], refractory: { period: '2', clamp: ['v'] } });
    expect(m.clamped.has('v')).toBe(true);
    expect(m.step.filter((s) => s.role === 'state').map((s) => s.target)).toEqual(['v']);
  });

  it('current sources integrate noise too (an Ornstein–Uhlenbeck current)', () => {
    const m = compileModel({
      name: 'OU',
      kind: 'current',
      parameters: { mu: { unit: 'target' }, sigma: { unit: 'target' }, tau: { unit: 'ms', timeConstant: true } },
      state: { I: { unit: 'target', initial: 'mu' } },
      equations: { I: '(mu - I)/tau + sigma*sqrt(2/tau)*xi' },
      output: 'I',
    });
    expect(m.integrator).toBe('euler');
    const fixed = { ...hostValues(m, { mu: 1, sigma: 0.5, tau: 5 }, 0.2), t: 0 };
    expect(runStep(m.step, { I: 2 }, fixed, [-1]).I).toBeCloseTo(2 + 0.2 * (-1 / 5) - Math.sqrt(0.2) * 0.5 * Math.sqrt(2 / 5), 13);
  });
});

describe('xi: units', () => {
  it('xi is in ms^-1/2: sigma*sqrt(2/tau)*xi is mV/ms; sigma*xi is not', () => {
    expect(compileModel(NOISY).units.of.get('xi')).toEqual(expect.objectContaining({ dims: [0, 0, -0.5, 0, 0] }));
    const e = errorOf({ ...NOISY, equations: { v: '-(v - u)/tau + sigma*xi' } });
    expect(e.code).toBe('unit-mismatch');
    expect(e.message).toContain('model Noisy, equation dv/dt');
    expect(e.message).toContain('sigma * xi');
  });
});

describe('xi: named errors', () => {
  const neuron = (equation: string, extra: Partial<ModelDefinition> = {}): ModelDefinition => ({ ...NOISY, equations: { v: equation }, ...extra });
  const ok = '-(v - u)/tau + sigma*sqrt(2/tau)*xi';
  it.each<[string, ModelDefinition, IntegratorName | undefined, string, string[]]>([
    ['exact named by the model', neuron(ok, { integrator: 'exact' }), undefined, 'noise-needs-euler', ["model Noisy, equation dv/dt: the 'exact' integrator cannot integrate white noise", "(token 'xi')"]],
    ['rk2 named by the population', neuron(ok), 'rk2', 'noise-needs-euler', ["model Noisy, equation dv/dt: the 'rk2' integrator", "set integrator 'euler'"]],
    ['rk4 named by the population', neuron(ok, { integrator: 'euler' }), 'rk4', 'noise-needs-euler', ["'rk4' integrator cannot integrate white noise"]],
    ['multiplicative (state)', neuron('-(v - u)/tau + (v/ms**0.5)*xi*0.01'), undefined, 'multiplicative-noise', ['model Noisy, equation dv/dt', 'depends on the state variable v', 'multiplicative noise is not supported', "(token 'v')"]],
    ['multiplicative (time)', neuron('-(v - u)/tau + sigma*t/ms/ms**0.5*xi'), undefined, 'multiplicative-noise', ['depends on time', "(token 't')"]],
    ['not linear: xi**2', neuron('-(v - u)/tau + sigma*ms**0.5/ms*xi**2'), undefined, 'noise-not-linear', ['model Noisy, equation dv/dt: white noise must enter the equation as a term coefficient*xi', "(token 'xi')"]],
    ['not linear: exp(xi)', neuron('-(v - u)/tau + sigma/ms*exp(xi*ms**0.5)'), undefined, 'noise-not-linear', ["(token 'xi')"]],
    ['not linear: xi_1*xi_2', neuron('-(v - u)/tau + sigma*xi_1*xi_2'), undefined, 'noise-not-linear', ["(token 'xi_1')"]],
    ['not linear: in a condition', neuron('-(v - u)/tau + (v > u ? sigma*xi/ms**0.5 : 0)'), undefined, 'noise-not-linear', ["(token 'xi')"]],
    ['xi in update', neuron('-(v - u)/tau', { update: ['v = v + sigma*xi*ms**0.5'] }), undefined, 'noise-not-allowed', ["model Noisy, update[0]: white noise 'xi' is only allowed in equations", "(token 'xi')"]],
    ['xi in threshold', neuron('-(v - u)/tau', { threshold: 'v > xi*mV*ms**0.5' }), undefined, 'noise-not-allowed', ['model Noisy, threshold', "(token 'xi')"]],
    ['xi_2 in reset', neuron('-(v - u)/tau', { reset: ['v = u + xi_2*mV*ms**0.5'] }), undefined, 'noise-not-allowed', ['model Noisy, reset[0]', "(token 'xi_2')"]],
    ['xi in a derived value', neuron('-(v - u)/tau', { derived: { d: { expr: 'xi', unit: '1' } } }), undefined, 'noise-not-allowed', ['model Noisy, derived d']],
    ['xi in an initial value', neuron('-(v - u)/tau', { state: { v: { unit: 'mV', initial: 'u + xi' } } }), undefined, 'noise-not-allowed', ['model Noisy, state v.initial']],
    [
      'xi in a synapse output',
      { name: 'Syn', kind: 'synapse', parameters: { tau: { unit: 'ms' } }, state: { g: { unit: 'target', initial: 0 } }, equations: { g: '-g/tau' }, onPre: ['g += w'], output: 'g*(1 + xi*ms**0.5)' },
      undefined,
      'noise-not-allowed',
      ['model Syn, output', "(token 'xi')"],
    ],
    [
      'xi in a synapse onPre',
      { name: 'Syn', kind: 'synapse', parameters: { tau: { unit: 'ms' } }, state: { g: { unit: 'target', initial: 0 } }, equations: { g: '-g/tau' }, onPre: ['g += w*xi*ms**0.5'], output: 'g' },
      undefined,
      'noise-not-allowed',
      ['model Syn, onPre[0]'],
    ],
    [
      'xi in a synapse equation',
      { name: 'Syn', kind: 'synapse', parameters: { tau: { unit: 'ms' }, s: { unit: 'target' } }, state: { g: { unit: 'target', initial: 0 } }, equations: { g: '-g/tau + s/tau**0.5*xi_s' }, onPre: ['g += w'], output: 'g' },
      undefined,
      'noise-not-allowed',
      ['model Syn, equation dg/dt: white noise is not supported in synapse models', "(token 'xi_s')"],
    ],
  ])('%s', (_label, def, integrator, code, parts) => {
    const e = errorOf(def, integrator);
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.code).toBe(code);
    for (const part of parts) expect(e.message).toContain(part);
  });

  it.each([
    ['parameter xi', { parameters: { ...NOISY.parameters, xi: { unit: '1' } } }, 'model Noisy, parameter xi'],
    ['state xi_1', { state: { v: { unit: 'mV', initial: 'u' }, xi_1: { unit: '1', initial: 0 } } }, 'model Noisy, state xi_1'],
    ['input xi_e', { inputs: { xi_e: { unit: 'nA' } } }, 'model Noisy, input xi_e'],
  ])('reserved name: %s', (_label, extra, where) => {
    const e = errorOf({ ...NOISY, ...extra } as ModelDefinition);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.code).toBe('reserved-name');
    expect(e.message).toContain(`${where}: '`);
    expect(e.message).toContain('reserved for white noise');
  });

  it('random functions in an equation still fail, pointing at xi', () => {
    const e = errorOf(neuron('-(v - u)/tau + randn()*mV/ms'));
    expect(e.code).toBe('random-not-allowed');
    expect(e.message).toContain('write xi for white noise in an equation');
  });

  it('the rewritten step holds no noise reference (printers never see role noise)', () => {
    const m = compileModel(NOISY);
    const roles = new Set<string>();
    const visit = (e: Expr) => walkExpr(e, (n) => void (n.kind === 'ref' && roles.add(n.role)));
    m.step.forEach((s) => visit(s.value));
    m.derived.forEach((d) => visit(d.expr));
    expect(roles.has('noise')).toBe(false);
  });
});
