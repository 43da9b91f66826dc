import { ConfigError, ExpressionError } from '../errors.js';
import { postVariable, POST_SUFFIX, preVariable, PRE_SUFFIX, walkExpr, type Assign, type Expr, type RefRole } from '../expr/ir.js';
import { parseExpression, parseStatement, type Scope } from '../expr/parse.js';
import type { IntegratorName, ModelDefinition } from './definition.js';
import { integrate, type Ode } from './integrators.js';
import { hoistStatic, type DerivedValue } from './hoist.js';
import { defaultIntegrator, integratorWarnings } from './integrator-advice.js';
import { hasNoise, noiseNames } from './noise.js';
import { isNoiseName } from '../expr/functions.js';
import type { SpikeflowWarning } from '../errors.js';
import { checkModelUnits, type ModelParts, type ModelUnits } from '../units/model-units.js';
import { compileRewardStatements, compileSynapseState, compileWeightEquation, synapseRandomRefusal, type CompiledSynapseVariable } from './synapse-state.js';
import type { Unit } from '../units/unit.js';

/**
 * The postsynaptic neuron model a synapse model is compiled for (by `Network.build`): what its
 * `<variable>_post` reads resolve to, with their units.
 */
export interface PostTarget {
  /** The neuron model's state variables and their units. */
  readonly states: ReadonlyMap<string, Unit>;
  /** Makes the error for a read (or, with `writes`, an onPre write) of a variable the target model has no state for (`v` for `v_post`). */
  readonly missing: (variable: string, writes?: boolean) => Error;
}

/**
 * The presynaptic neuron model a synapse model is compiled for (by `Network.build`): what the
 * `<variable>_pre` reads of its `summed` expression resolve to, with their units.
 */
export interface PreSource {
  /** The neuron model's state variables and their units. */
  readonly states: ReadonlyMap<string, Unit>;
  /** Makes the error for a read of a variable the presynaptic model has no state for (`v` for `v_pre`). */
  readonly missing: (variable: string) => Error;
}

/** A model after parsing, checking and integration: what every backend prints. */
export interface CompiledModel {
  /** The definition it was compiled from. */
  readonly definition: ModelDefinition;
  /** The model's name (from the definition). */
  readonly name: string;
  /** The integrator applied to `equations`: the override, the definition's, or the default (`exact`; `euler` for equations with white noise). */
  readonly integrator: IntegratorName;
  /** Parameter names, in declaration order. */
  readonly parameters: readonly string[];
  /** State variable names, in declaration order. */
  readonly states: readonly string[];
  /** Input names (neurons), in declaration order; the first is the default target of stimuli and synapses. */
  readonly inputs: readonly string[];
  /** Host-computed values, in dependency order: the user's `derived` then hoisted subexpressions. */
  readonly derived: readonly DerivedValue[];
  /** Initial value of each state, an expression of parameters and derived values. */
  readonly initial: ReadonlyMap<string, Expr>;
  /** Per-step statements: integration then `update`. Targets of role `state` in `clamped` skip refractory steps. */
  readonly step: readonly Assign[];
  /** State variables held (not integrated) during the refractory period. */
  readonly clamped: ReadonlySet<string>;
  /** Spike condition (neurons): non-zero means the neuron spikes this step. */
  readonly threshold?: Expr;
  /** Statements run on a spike, in order. */
  readonly reset: readonly Assign[];
  /** Refractory period in ms (static expression), if any. */
  readonly refractory?: Expr;
  /** Statements run per synapse on a presynaptic spike (synapses); `w` is the weight; targets of role `post` write the postsynaptic neuron's state. */
  readonly onPre: readonly Assign[];
  /** Value delivered each step to the fed input (synapses, current sources). */
  readonly output?: Expr;
  /** A plastic synapse model's traces and `onPost` statements; `w` is then assigned in onPre/onPost. */
  readonly plasticity?: CompiledPlasticity;
  /**
   * Postsynaptic state variables the synapse model reads or writes (`v` for `v_post`), reads first,
   * in order of first appearance; empty for other models.
   */
  readonly post: readonly string[];
  /**
   * Postsynaptic state variables the synapse model's `onPre` writes (`v` for `v_post += w`): a
   * voltage-jump synapse. Such a model may have no output.
   */
  readonly postWrites: readonly string[];
  /**
   * The per-synapse expression summed into the fed input every step (synapse models with
   * `summed`, e.g. a gap junction's `w * (v_pre - v_post)`); it reads `pre` and `post` references.
   */
  readonly summed?: Expr;
  /** Presynaptic state variables the `summed` expression reads (`v` for `v_pre`), in order of first appearance; empty otherwise. */
  readonly pre: readonly string[];
  /** Number of random call sites; each site draws its own stream of numbers. */
  readonly randomSites: number;
  /** Parameters with a largest allowed value (`ParameterSpec.maximum`, inclusive, internal units). */
  readonly maxima: readonly {
    /** The parameter. */
    readonly name: string;
    /** Its largest allowed value, inclusive, in the internal unit. */
    readonly maximum: number;
  }[];
  /** Names whose values must be > 0, with the reason (for error messages). */
  readonly positive: readonly {
    /** A parameter or derived value. */
    name: string;
    /** True when it is a time constant (compared with dt for warnings). */
    timeConstant: boolean;
  }[];
  /** Declared units, checked against every expression. */
  readonly units: ModelUnits;
  /** Things that compile but probably fail (e.g. rk4 on an exponential spike term); `Network.build` reports them. */
  readonly warnings: readonly SpikeflowWarning[];
}

/** A plastic synapse model, compiled: its traces (static time constants and jumps) and `onPost`. */
export interface CompiledPlasticity {
  /** Traces in declaration order; statements read them as references of role `state` by name. */
  readonly traces: readonly {
    /** The trace's name. */
    readonly name: string;
    /** Kept per presynaptic or per postsynaptic neuron. */
    readonly side: 'pre' | 'post';
    /** Decay time constant (ms), an expression of parameters and derived values. */
    readonly tau: Expr;
    /** Jump on each spike of its neuron, an expression of parameters and derived values. */
    readonly jump: Expr;
  }[];
  /** Statements run per synapse when its postsynaptic neuron spikes (may be empty). */
  readonly onPost: readonly Assign[];
  /** Per-synapse variables besides `w` (event-driven linear or clock-driven ODEs), in declaration order; statements read them as references of role `state` by name. */
  readonly synapseState: readonly CompiledSynapseVariable[];
  /**
   * One step of the clock-driven per-synapse variables (empty without any), run for every synapse
   * every step before the neurons integrate: assigns the variables (role `state`) through temps,
   * reads `w` (role `weight`), parameters, derived values, `t`, `dt` and `<variable>_post`.
   */
  readonly clock: readonly Assign[];
  /** Reward modulation: statements run per synapse on each delivery, reading `reward` (role `state`). */
  readonly reward?: readonly Assign[];
  /** The weight's own event-driven equation (`plasticity.weightEquation`), as a variable named `w`. */
  readonly weight?: CompiledSynapseVariable;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED = new Set(['t', 'dt', 'step', 'pi', 'e', 'i', 'N']);

/**
 * Parses and checks a model definition, then applies the integrator. Errors name model and field.
 *
 * A synapse model may read its postsynaptic neuron's state variables as `<variable>_post` (e.g.
 * `v_post`) in `output`, `equations`, `update` and `onPre`, and write them in `onPre` (`v_post += w`:
 * a voltage-jump synapse, which needs no output). With `target`, every such name must be a state
 * of the target model and is unit-checked against it; without one (a model on its own), their
 * units are taken from the expressions around them and checked when the network is built.
 *
 * @param integratorOverride - integrator to use instead of the definition's (a population's `integrator`)
 * @param target - the postsynaptic neuron model (synapse models that read `_post` variables)
 * @param source - the presynaptic neuron model (synapse models whose `summed` expression reads `_pre` variables)
 * @throws ConfigError for bad or reserved names, missing fields (a neuron's threshold, a synapse's
 * `onPre`, an output), unknown states or integrators, or units that do not match.
 * @throws ExpressionError for an expression that does not parse or uses an unknown name or function.
 * @example
 * const model = compileModel(LIF, 'rk4');
 * model.states; // ['v']
 */
export function compileModel(def: ModelDefinition, integratorOverride?: IntegratorName, target?: PostTarget, source?: PreSource): CompiledModel {
  const model = def.name;
  const where = (field: string) => `model ${model}, ${field}`;
  const scope = new Map<string, RefRole>();
  const declare = (name: string, role: RefRole, field: string) => {
    if (!NAME.test(name)) throw new ConfigError('bad-name', where(field), `'${name}' is not a valid name (letters, digits, _; starts with a letter)`);
    // `w` is the weight in synapse models only; neuron models may use it (AdEx's adaptation current).
    if (def.kind === 'synapse' && name.endsWith(POST_SUFFIX)) throw new ConfigError('reserved-name', where(field), `'${name}' is reserved: in synapse models, <name>${POST_SUFFIX} reads the postsynaptic neuron's variable <name>`);
    if (def.kind === 'synapse' && name.endsWith(PRE_SUFFIX)) throw new ConfigError('reserved-name', where(field), `'${name}' is reserved: in synapse models, <name>${PRE_SUFFIX} reads the presynaptic neuron's variable <name>`);
    if (RESERVED.has(name) || (name === 'w' && def.kind === 'synapse')) throw new ConfigError('reserved-name', where(field), `'${name}' is reserved`);
    if (isNoiseName(name)) throw new ConfigError('reserved-name', where(field), `'${name}' is reserved for white noise in equations (xi, xi_<suffix>)`);
    if (scope.has(name)) throw new ConfigError('duplicate-name', where(field), `'${name}' is declared twice`);
    scope.set(name, role);
  };
  for (const p of Object.keys(def.parameters)) declare(p, 'parameter', `parameter ${p}`);
  for (const d of Object.keys(def.derived ?? {})) declare(d, 'derived', `derived ${d}`);
  for (const s of Object.keys(def.state)) declare(s, 'state', `state ${s}`);
  for (const i of Object.keys(def.inputs ?? {})) declare(i, 'input', `input ${i}`);
  if (def.kind !== 'neuron' && def.inputs && Object.keys(def.inputs).length > 0) {
    throw new ConfigError('bad-model', where('inputs'), `only neuron models take inputs (this is a ${def.kind} model)`);
  }

  const staticScope: Scope = new Map([...scope].filter(([, r]) => r === 'parameter' || r === 'derived')).set('dt', 'dt');
  const derived: DerivedValue[] = [];
  const parts: { -readonly [K in keyof ModelParts]: ModelParts[K] } = { derived: [], initial: [], odes: [], update: [], reset: [], onPre: [] };
  const derivedScope = new Map(staticScope);
  for (const d of Object.keys(def.derived ?? {})) derivedScope.delete(d);
  for (const [name, spec] of Object.entries(def.derived ?? {})) {
    derived.push({ name, expr: parseExpression(spec.expr, { where: where(`derived ${name}`), scope: derivedScope, allowRandom: false }) });
    parts.derived = [...parts.derived, { name, field: `derived ${name}`, source: spec.expr, ir: derived[derived.length - 1]!.expr }];
    derivedScope.set(name, 'derived');
  }

  const full: Scope = new Map(scope).set('t', 'time').set('dt', 'dt').set('step', 'step');
  // Synapse models read the postsynaptic neuron's state as <variable>_post in per-step code.
  const post = def.kind === 'synapse' ? ({ post: true, pre: 'only a synapse model\'s summed expression reads presynaptic variables (<name>_pre)' } as const) : {};
  const site = { next: 0 };
  const states = new Set(Object.keys(def.state));

  const initial = new Map<string, Expr>();
  for (const [name, spec] of Object.entries(def.state)) {
    initial.set(
      name,
      typeof spec.initial === 'number'
        ? { kind: 'num', value: spec.initial }
        : parseExpression(spec.initial, { where: where(`state ${name}.initial`), scope: staticScope, allowRandom: false }),
    );
    parts.initial = [...parts.initial, { name, field: `state ${name}.initial`, source: String(spec.initial), ir: initial.get(name)! }];
  }

  const odes: Ode[] = [];
  for (const [name, source] of Object.entries(def.equations ?? {})) {
    if (!states.has(name)) throw new ConfigError('unknown-state', where(`equation d${name}/dt`), `'${name}' is not a state variable; declare it under state`);
    const rhs = parseExpression(source, { where: where(`equation d${name}/dt`), scope: full, allowRandom: false, allowNoise: true, ...post });
    // White noise in synapse equations is not supported yet (randn() in update or output is).
    if (def.kind === 'synapse' && hasNoise(rhs)) {
      throw new ExpressionError('noise-not-allowed', where(`equation d${name}/dt`), source, noiseNames([{ state: name, rhs, source }])[0], 'white noise is not supported in synapse models yet; draw randn() in the synapse model\'s update statements or output (one stream per connection), or put the noise in the neuron model or a current source');
    }
    odes.push({ state: name, source, rhs });
  }
  parts.odes = odes.map((o) => ({ name: o.state, field: `equation d${o.state}/dt`, source: o.source, ir: o.rhs }));
  const method = integratorOverride ?? def.integrator ?? defaultIntegrator(odes);
  // A definition from data (a file, a stranger) may name anything here.
  if (!['exact', 'euler', 'rk2', 'rk4'].includes(method)) throw new ConfigError('unknown-integrator', where('integrator'), `unknown integrator '${String(method)}'; known: exact, euler, rk2, rk4`);
  const step: Assign[] = integrate(odes, method, model, site.next);
  site.next += noiseNames(odes).length;
  for (const [k, source] of (def.update ?? []).entries()) {
    step.push(parseStatement(source, { where: where(`update[${k}]`), scope: full, allowRandom: true, ...post }, states, site));
    parts.update = [...parts.update, { field: `update[${k}]`, source, ir: step[step.length - 1]! }];
  }

  const threshold = def.threshold !== undefined ? parseExpression(def.threshold, { where: where('threshold'), scope: full, allowRandom: false }) : undefined;
  if (def.kind === 'neuron' && !threshold) throw new ConfigError('missing-field', where('threshold'), 'a neuron model needs a threshold condition');
  const reset = (def.reset ?? []).map((s, k) => parseStatement(s, { where: where(`reset[${k}]`), scope: full, allowRandom: false }, states));

  let refractory: Expr | undefined;
  const clamped = new Set<string>();
  if (def.refractory) {
    refractory = parseExpression(def.refractory.period, { where: where('refractory.period'), scope: staticScope, allowRandom: false });
    for (const c of def.refractory.clamp) {
      if (!states.has(c)) throw new ConfigError('unknown-state', where('refractory.clamp'), `'${c}' is not a state variable`);
      clamped.add(c);
    }
  }

  if (threshold) parts.threshold = { field: 'threshold', source: def.threshold!, ir: threshold };
  parts.reset = reset.map((ir, k) => ({ field: `reset[${k}]`, source: def.reset![k]!, ir }));
  if (refractory) parts.refractory = { field: 'refractory.period', source: def.refractory!.period, ir: refractory };

  const synapseScope = new Map(full).set('w', 'weight');
  const plastic = def.plasticity;
  if (plastic && def.kind !== 'synapse') throw new ConfigError('bad-model', where('plasticity'), `only synapse models are plastic (this is a ${def.kind} model)`);
  const traceNames = Object.keys(plastic?.traces ?? {});
  for (const name of traceNames) declare(name, 'state', `plasticity.traces.${name}`);
  for (const name of traceNames) synapseScope.set(name, 'state');
  const synapseVarNames = Object.keys(plastic?.synapseState ?? {});
  for (const name of synapseVarNames) declare(name, 'state', `plasticity.synapseState.${name}`);
  for (const name of synapseVarNames) synapseScope.set(name, 'state');
  if (plastic?.reward) declare('reward', 'state', 'plasticity.reward');
  // With plasticity, `w` and the per-synapse variables are per-synapse values that onPre and onPost may assign.
  const synapseTargets = plastic ? new Set([...states, 'w', ...synapseVarNames]) : states;
  // onPre may read and write the postsynaptic neuron's state (`v_post += w`, a voltage jump).
  const summed = parseSummed(def, where, synapseScope);
  const onPre = (def.onPre ?? []).map((s, k) => parseStatement(s, { where: where(`onPre[${k}]`), scope: synapseScope, allowRandom: false, randomRefusal: synapseRandomRefusal('onPre statements'), ...post, writePost: true }, synapseTargets));
  if (def.kind === 'synapse' && onPre.length === 0 && !summed) throw new ConfigError('missing-field', where('onPre'), 'a synapse model needs onPre statements (e.g. "g += w")');
  const postWrites = [...new Set(onPre.filter((a) => a.role === 'post').map((a) => postVariable(a.target)))];
  const output = def.output !== undefined ? parseExpression(def.output, { where: where('output'), scope: full, allowRandom: true, ...post }, site) : undefined;
  // A synapse that writes its target's state (a voltage jump) needs no output.
  if (def.kind !== 'neuron' && !output && postWrites.length === 0 && !summed) {
    throw new ConfigError('missing-field', where('output'), `a ${def.kind} model needs an output expression${def.kind === 'synapse' ? ' (or onPre statements that write a postsynaptic variable, e.g. "v_post += w", or a summed expression)' : ''}`);
  }
  if (summed && output) throw new ConfigError('bad-model', where('summed'), 'a synapse model has either an output (one value per postsynaptic neuron) or a summed expression (one per synapse, summed), not both');
  if (summed && plastic) checkSummedReads(def, where, summed);
  if (summed) parts.summed = { field: 'summed', source: def.summed!, ir: summed };
  parts.onPre = onPre.map((ir, k) => ({ field: `onPre[${k}]`, source: def.onPre![k]!, ir }));
  if (output) parts.output = { field: 'output', source: def.output!, ir: output };
  let plasticity: CompiledPlasticity | undefined;
  if (plastic) {
    const noPostInOnPost = 'onPost statements cannot read postsynaptic variables as <name>_post; use the traces';
    const onPost = (plastic.onPost ?? []).map((s, k) => parseStatement(s, { where: where(`plasticity.onPost[${k}]`), scope: synapseScope, allowRandom: false, randomRefusal: synapseRandomRefusal('plasticity.onPost statements'), post: noPostInOnPost }, synapseTargets));
    if (onPost.length === 0 && (traceNames.length > 0 || plastic.onPost !== undefined)) throw new ConfigError('missing-field', where('plasticity.onPost'), 'a plastic synapse model needs onPost statements (e.g. "w = clip(w + apre, wmin, wmax)")');
    const traces = Object.entries(plastic.traces ?? {}).map(([name, spec]) => {
      if (spec.side !== 'pre' && spec.side !== 'post') throw new ConfigError('bad-trace', where(`plasticity.traces.${name}.side`), `expected 'pre' or 'post', got '${String(spec.side)}'`);
      const tau = parseExpression(spec.tau, { where: where(`plasticity.traces.${name}.tau`), scope: staticScope, allowRandom: false });
      const jump = parseExpression(spec.jump, { where: where(`plasticity.traces.${name}.jump`), scope: staticScope, allowRandom: false });
      return { name, side: spec.side, tau, jump };
    });
    parts.onPost = onPost.map((ir, k) => ({ field: `plasticity.onPost[${k}]`, source: plastic.onPost![k]!, ir }));
    parts.traces = traces.map((tr) => ({ name: tr.name, tau: { field: `plasticity.traces.${tr.name}.tau`, source: plastic.traces![tr.name]!.tau, ir: tr.tau }, jump: { field: `plasticity.traces.${tr.name}.jump`, source: plastic.traces![tr.name]!.jump, ir: tr.jump } }));
    const synapseState = compileSynapseState(def, staticScope, method);
    parts.synapseState = synapseState.parts;
    const reward = compileRewardStatements(def, synapseScope, synapseTargets);
    if (reward) parts.reward = { unit: plastic.reward!.unit, statements: reward.map((ir, k) => ({ field: `plasticity.reward.statements[${k}]`, source: plastic.reward!.statements[k]!, ir })) };
    const weightEq = compileWeightEquation(def, staticScope);
    if (weightEq) parts.weightEquation = { name: 'w', field: 'plasticity.weightEquation', source: weightEq.variable.source!, ir: weightEq.ir };
    plasticity = { traces, onPost, synapseState: synapseState.vars, clock: synapseState.clock, ...(reward ? { reward } : {}), ...(weightEq ? { weight: weightEq.variable } : {}) };
  }
  const reads = postReads([...step.map((a) => a.value), ...onPre.map((a) => a.value), ...(output ? [output] : []), ...(summed ? [summed] : []), ...(plasticity?.clock ?? []).map((a) => a.value)]);
  const used = [...new Set([...reads, ...postWrites])];
  const postUnits = new Map<string, Unit>();
  for (const v of target ? used : []) {
    const u = target!.states.get(v);
    if (!u) throw target!.missing(v, postWrites.includes(v));
    postUnits.set(`${v}${POST_SUFFIX}`, u);
  }
  const pre = summed ? preReads(summed) : [];
  const preUnits = new Map<string, Unit>();
  for (const v of source ? pre : []) {
    const u = source!.states.get(v);
    if (!u) throw source!.missing(v);
    preUnits.set(`${v}${PRE_SUFFIX}`, u);
  }
  const units = checkModelUnits(def, parts, target ? postUnits : undefined, source ? preUnits : undefined);

  const hoisted = hoistStatic({ step, reset, onPre, threshold, output }, derived.length);
  const positive = [
    ...Object.entries(def.parameters).filter(([, p]) => p.positive || p.timeConstant).map(([name, p]) => ({ name, timeConstant: !!p.timeConstant })),
    ...Object.entries(def.derived ?? {}).filter(([, d]) => d.timeConstant || d.positive).map(([name, d]) => ({ name, timeConstant: !!d.timeConstant })),
  ];

  return {
    definition: def,
    name: model,
    integrator: method,
    parameters: Object.keys(def.parameters),
    states: [...states],
    inputs: Object.keys(def.inputs ?? {}),
    derived: [...derived, ...hoisted.derived],
    initial,
    step: hoisted.step,
    clamped,
    ...(hoisted.threshold ? { threshold: hoisted.threshold } : {}),
    reset: hoisted.reset,
    ...(refractory ? { refractory } : {}),
    onPre: hoisted.onPre,
    ...(hoisted.output ? { output: hoisted.output } : {}),
    ...(plasticity ? { plasticity } : {}),
    ...(summed ? { summed } : {}),
    pre,
    post: used,
    postWrites,
    randomSites: site.next,
    maxima: Object.entries(def.parameters).flatMap(([name, p]) => (p.maximum !== undefined ? [{ name, maximum: p.maximum }] : [])),
    positive,
    units,
    warnings: integratorWarnings(model, method, odes, def.kind === 'neuron' && threshold !== undefined),
  };
}

/** A synapse model's `summed` expression, parsed: `_pre` and `_post` reads allowed, no random draws. */
function parseSummed(def: ModelDefinition, where: (field: string) => string, scope: Scope): Expr | undefined {
  if (def.summed === undefined) return undefined;
  if (def.kind !== 'synapse') throw new ConfigError('bad-model', where('summed'), `only synapse models have a summed expression (this is a ${def.kind} model)`);
  return parseExpression(def.summed, { where: where('summed'), scope, allowRandom: false, randomRefusal: synapseRandomRefusal('summed expression'), post: true, pre: true });
}

/**
 * A plastic model's `summed` expression runs every step for every synapse: it may read the
 * per-synapse variables that are clock-driven or have no equation, not traces or event-driven
 * variables (advanced only at events, so stale between them).
 */
function checkSummedReads(def: ModelDefinition, where: (field: string) => string, summed: Expr): void {
  const p = def.plasticity!;
  const stale = new Set([...Object.keys(p.traces ?? {}), ...Object.entries(p.synapseState ?? {}).filter(([, v]) => v.equation !== undefined && v.clockDriven !== true).map(([name]) => name)]);
  let found: string | undefined;
  walkExpr(summed, (n) => void (found === undefined && n.kind === 'ref' && n.role === 'state' && stale.has(n.name) && (found = n.name)));
  if (found !== undefined) {
    throw new ExpressionError('event-driven-read', where('summed'), def.summed!, found, `the summed expression runs every step and may not read ${found}, which is advanced only at the synapse's events (a trace or an event-driven per-synapse variable); make it a clockDriven per-synapse variable`);
  }
}

/** Presynaptic variables read (`v` for `v_pre`) by an expression, in order of first appearance. */
function preReads(e: Expr): string[] {
  const found = new Set<string>();
  walkExpr(e, (n) => n.kind === 'ref' && n.role === 'pre' && found.add(preVariable(n.name)));
  return [...found];
}

/** Postsynaptic variables read (`v` for `v_post`) by expressions, in order of first appearance. */
function postReads(exprs: readonly Expr[]): string[] {
  const found = new Set<string>();
  for (const e of exprs) walkExpr(e, (n) => n.kind === 'ref' && n.role === 'post' && found.add(postVariable(n.name)));
  return [...found];
}
