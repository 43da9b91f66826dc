import { ConfigError, ExpressionError } from '../errors.js';
import { mentions, type Assign, type Expr, type RefRole } from '../expr/ir.js';
import { linearIn } from '../expr/linear.js';
import { parseExpression, parseStatement, type Scope } from '../expr/parse.js';
import type { IntegratorName, ModelDefinition } from './definition.js';
import { integrate, type Ode } from './integrators.js';

/** A per-synapse variable, compiled: `d<name>/dt = a + b·<name>` with a, b static (parameters, derived values). */
export interface CompiledSynapseVariable {
  /** The variable's name. */
  readonly name: string;
  /** Initial value of every synapse, a static expression. */
  readonly initial: Expr;
  /** Constant part of the right-hand side (0 without an equation). */
  readonly a: Expr;
  /** Coefficient of the variable in the right-hand side (0 without an equation). */
  readonly b: Expr;
  /** Source text of the equation, for messages. */
  readonly source?: string;
  /** Clock-driven (`SynapseVariableSpec.clockDriven`): advanced every step by {@link CompiledPlasticity}'s `clock` statements; `a` and `b` are then 0 and unused. */
  readonly clock?: boolean;
}

/** Parsed pieces of the per-synapse variables, for the unit check. */
export interface SynapseStateParts {
  readonly initial: { name: string; field: string; source: string; ir: Expr }[];
  readonly odes: { name: string; field: string; source: string; ir: Expr }[];
}

/** The compiled per-synapse variables: each variable, the clock-driven ones' per-step statements, and the parts for the unit check. */
export interface CompiledSynapseState {
  /** Every per-synapse variable, in declaration order. */
  readonly vars: CompiledSynapseVariable[];
  /**
   * One step of every clock-driven variable's equation (empty without any): the model's
   * integrator applied to them together; the statements assign role `state` (the variable) and
   * `temp`, and read `w` (role `weight`), the variables (role `state`), parameters, derived
   * values, `t`, `dt` and `<variable>_post` (role `post`).
   */
  readonly clock: Assign[];
  /** Parsed initial values and equations, for the unit check. */
  readonly parts: SynapseStateParts;
}

/**
 * Compiles `plasticity.synapseState` (see `SynapseVariableSpec`): initial values are expressions of
 * parameters and derived values (`staticScope`). An event-driven equation may also read its own
 * variable and must be linear in it, so that the lazy, exact update at the synapse's events needs
 * only a and b. Clock-driven equations are integrated together by `method`, every step.
 *
 * @throws ExpressionError `not-linear` naming the model, the variable and the expression, for an
 * event-driven equation that is not linear in its variable or whose coefficients read anything
 * else (or, with `exact`, a clock-driven one not linear in its variable); `event-driven-read` for
 * a clock-driven equation that reads an event-driven variable.
 */
export function compileSynapseState(def: ModelDefinition, staticScope: Scope, method: IntegratorName = 'exact'): CompiledSynapseState {
  const where = (field: string) => `model ${def.name}, ${field}`;
  const vars: CompiledSynapseVariable[] = [];
  const parts: SynapseStateParts = { initial: [], odes: [] };
  const all = Object.entries(def.plasticity?.synapseState ?? {});
  const others = new Set(all.map(([name]) => name));
  const clocked = new Set(all.filter(([, spec]) => typeof spec === 'object' && spec !== null && spec.clockDriven === true && spec.equation !== undefined).map(([name]) => name));
  const odes: Ode[] = [];
  for (const [name, spec] of all) {
    const field = `plasticity.synapseState.${name}`;
    if (typeof spec !== 'object' || spec === null) throw new ConfigError('bad-model', where(field), 'expected { unit, initial, equation?, clockDriven? }');
    const initial: Expr =
      typeof spec.initial === 'number' ? { kind: 'num', value: spec.initial } : parseExpression(String(spec.initial), { where: where(`${field}.initial`), scope: staticScope, allowRandom: false });
    parts.initial.push({ name, field: `${field}.initial`, source: String(spec.initial), ir: initial });
    if (spec.equation === undefined) {
      vars.push({ name, initial, a: { kind: 'num', value: 0 }, b: { kind: 'num', value: 0 } });
      continue;
    }
    const eqWhere = where(`${field}.equation`);
    if (clocked.has(name)) {
      const rhs = parseClockDriven(spec.equation, eqWhere, staticScope, others, clocked);
      parts.odes.push({ name, field: `${field}.equation`, source: spec.equation, ir: rhs });
      odes.push({ state: name, rhs, source: spec.equation });
      vars.push({ name, initial, a: { kind: 'num', value: 0 }, b: { kind: 'num', value: 0 }, source: spec.equation, clock: true });
      continue;
    }
    // The equation may read its own variable; a sibling is named in the error (coupled equations are not event-driven here).
    const scope = new Map<string, RefRole>(staticScope);
    for (const o of others) scope.set(o, 'state');
    const rhs = parseExpression(spec.equation, { where: eqWhere, scope, allowRandom: false });
    const sibling = [...others].find((o) => o !== name && mentions(rhs, (r) => r.name === o && r.role === 'state'));
    const form = sibling === undefined ? linearIn(rhs, name) : undefined;
    if (!form) {
      throw new ExpressionError(
        'not-linear',
        eqWhere,
        spec.equation,
        sibling ?? name,
        sibling !== undefined
          ? `the event-driven equation of per-synapse variable ${name} may read only ${name}, parameters and derived values (it reads ${sibling}); event-driven equations are integrated exactly one variable at a time (make both clockDriven to integrate them together every step)`
          : `the event-driven equation of per-synapse variable ${name} must be linear in ${name} (d${name}/dt = a + b·${name}, a and b of parameters and derived values) to be integrated exactly at the synapse's events (or make it clockDriven: integrated every step by the model's integrator)`,
      );
    }
    parts.odes.push({ name, field: `${field}.equation`, source: spec.equation, ir: rhs });
    vars.push({ name, initial, a: form.a, b: form.b, source: spec.equation });
  }
  const clock = odes.length > 0 ? integrate(odes, method, def.name) : [];
  return { vars, clock, parts };
}

/**
 * Parses a clock-driven equation: it may read `w`, every per-synapse variable (an event-driven
 * one is refused by name), parameters, derived values, `t`, `dt` and `<variable>_post`.
 */
function parseClockDriven(source: string, where: string, staticScope: Scope, vars: ReadonlySet<string>, clocked: ReadonlySet<string>): Expr {
  const scope = new Map<string, RefRole>(staticScope).set('w', 'weight').set('t', 'time').set('step', 'step');
  for (const v of vars) scope.set(v, 'state');
  const rhs = parseExpression(source, { where, scope, allowRandom: false, post: true });
  const stale = [...vars].find((v) => !clocked.has(v) && mentions(rhs, (r) => r.name === v && r.role === 'state'));
  if (stale !== undefined) {
    throw new ExpressionError('event-driven-read', where, source, stale, `a clock-driven equation may not read the event-driven per-synapse variable ${stale}: it is advanced only at the synapse's events, so between them its value is stale; make ${stale} clockDriven too`);
  }
  return rhs;
}

/**
 * Compiles `plasticity.weightEquation` (dw/dt, linear in `w`, coefficients static) as a per-synapse
 * variable named `w`.
 *
 * @throws ExpressionError `not-linear` naming the model and the expression.
 */
export function compileWeightEquation(def: ModelDefinition, staticScope: Scope): { variable: CompiledSynapseVariable; ir: Expr } | undefined {
  const source = def.plasticity?.weightEquation;
  if (source === undefined) return undefined;
  const where = `model ${def.name}, plasticity.weightEquation`;
  const rhs = parseExpression(source, { where, scope: new Map<string, RefRole>(staticScope).set('w', 'state'), allowRandom: false });
  const form = linearIn(rhs, 'w');
  if (!form) throw new ExpressionError('not-linear', where, source, 'w', 'the event-driven equation of the weight w must be linear in w (dw/dt = a + b·w, a and b of parameters and derived values) to be integrated exactly at the synapse\'s events');
  return { variable: { name: 'w', initial: { kind: 'num', value: 0 }, a: form.a, b: form.b, source }, ir: rhs };
}

/**
 * Compiles `plasticity.reward.statements`: synapse statements that may also read `reward`.
 */
export function compileRewardStatements(def: ModelDefinition, synapseScope: Scope, assignable: ReadonlySet<string>): Assign[] | undefined {
  const r = def.plasticity?.reward;
  if (!r) return undefined;
  const where = (field: string) => `model ${def.name}, plasticity.reward${field}`;
  if (!Array.isArray(r.statements) || r.statements.length === 0) throw new ConfigError('missing-field', where('.statements'), 'reward modulation needs statements (e.g. "w = clip(w + reward * c, wmin, wmax)")');
  const scope = new Map(synapseScope).set('reward', 'state');
  const noPost = 'reward statements cannot read postsynaptic variables as <name>_post';
  return r.statements.map((s, k) => parseStatement(s, { where: where(`.statements[${k}]`), scope, allowRandom: false, randomRefusal: synapseRandomRefusal('plasticity.reward statements'), post: noPost }, assignable));
}

/**
 * The message refusing `rand()`/`randn()` in a synapse model's per-synapse code (`onPre`,
 * `plasticity.onPost`, `summed`, reward statements): a connection's draws are counted per
 * postsynaptic neuron, step and call site (its `update` statements and `output`), which names no
 * draw of one synapse among many — and the order of synapse events differs between threads and
 * the GPU, so no backend-independent counter exists without one.
 */
export function synapseRandomRefusal(field: string): string {
  return `random draws are not allowed in a synapse model's ${field}: it runs per synapse, and a connection draws per postsynaptic neuron, step and call site; use rand() and randn() in the model's update statements or output (one stream per connection)`;
}
