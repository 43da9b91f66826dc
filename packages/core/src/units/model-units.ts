import { ConfigError } from '../errors.js';
import { POST_SUFFIX, PRE_SUFFIX, walkExpr, type Assign, type Expr } from '../expr/ir.js';
import type { ModelDefinition } from '../model/definition.js';
import { expectUnit, FLEX, unitOfExpr, UNIT_OF_NOISE, UNIT_OF_TIME, type UnitScope } from './check.js';
import { parseUnit } from './parse.js';
import { divide, DIMENSIONLESS, formatDimension, formatUnit, isInternal, mentionsTarget, sameDimension, substituteTarget, toInternalFactor, type Unit } from './unit.js';

/** One parsed piece of a model with its source text and the field it came from. */
export interface Parsed<T> {
  readonly field: string;
  readonly source: string;
  readonly ir: T;
}

export interface ModelParts {
  readonly derived: readonly (Parsed<Expr> & { readonly name: string })[];
  readonly initial: readonly (Parsed<Expr> & { readonly name: string })[];
  readonly odes: readonly (Parsed<Expr> & { readonly name: string })[];
  readonly update: readonly Parsed<Assign>[];
  readonly threshold?: Parsed<Expr>;
  readonly reset: readonly Parsed<Assign>[];
  readonly refractory?: Parsed<Expr>;
  readonly onPre: readonly Parsed<Assign>[];
  readonly output?: Parsed<Expr>;
  /** A synapse model's summed (per-synapse) expression. */
  readonly summed?: Parsed<Expr>;
  /** A plastic synapse model's onPost statements. */
  readonly onPost?: readonly Parsed<Assign>[];
  /** A plastic synapse model's traces: time constant (ms) and jump (the trace's unit). */
  readonly traces?: readonly { readonly name: string; readonly tau: Parsed<Expr>; readonly jump: Parsed<Expr> }[];
  /** A plastic synapse model's per-synapse variables: initial values and event-driven equations. */
  readonly synapseState?: { readonly initial: readonly (Parsed<Expr> & { readonly name: string })[]; readonly odes: readonly (Parsed<Expr> & { readonly name: string })[] };
  /** The weight's event-driven equation (dw/dt). */
  readonly weightEquation?: Parsed<Expr> & { readonly name: string };
  /** Reward statements and the unit of `reward`. */
  readonly reward?: { readonly unit: string; readonly statements: readonly Parsed<Assign>[] };
}

/** Units of a compiled model: every name's declared unit, and the unit of what it delivers. */
export interface ModelUnits {
  /** Unit of each parameter, derived value, state, input, and of `t`, `dt`, `step`, `w` and the white noises (`xi`, ms^-1/2) the equations use. */
  readonly of: ReadonlyMap<string, Unit>;
  /** Unit of `output` (synapses and current sources); may mention the `target` placeholder. */
  readonly output?: Unit;
}

/**
 * Parses every declared unit and checks every expression of a model: each ODE's right-hand side has
 * the unit of its state per ms; statements assign values in the target's unit; thresholds compare
 * like with like; initial values, derived values and the refractory period have their declared
 * units. Errors name the model, the field, the expression, the term and both units.
 *
 * `post` gives the units of a synapse model's `<variable>_post` reads (the target neuron model's);
 * without it they take the unit of what they are combined with, as a bare number does, and are
 * checked when the network is built. `pre` does the same for the `<variable>_pre` reads of a
 * `summed` expression (the presynaptic neuron model's units); the summed expression's unit is
 * what the model delivers, as an output's is.
 */
export function checkModelUnits(def: ModelDefinition, parts: ModelParts, post?: ReadonlyMap<string, Unit>, pre?: ReadonlyMap<string, Unit>): ModelUnits {
  const model = def.name;
  const of = new Map<string, Unit>([
    ['t', UNIT_OF_TIME],
    ['dt', UNIT_OF_TIME],
    ['step', DIMENSIONLESS],
  ]);
  const generic = def.kind !== 'neuron';
  const declare = (name: string, unit: string, field: string, internalOnly: boolean) => {
    const where = `model ${model}, ${field}`;
    const u = parseUnit(unit, where);
    if (mentionsTarget(u) && !generic) throw new ConfigError('bad-unit', where, `'target' (the unit of the input fed) is only for synapse models and current sources`);
    if (internalOnly && !isInternal(u)) {
      throw new ConfigError(
        'not-internal-unit',
        where,
        `unit '${unit}' is ${toInternalFactor(u)} × ${formatDimension(u)}; state variables, inputs and derived values are stored in spikeflow's internal units — declare it as '${formatDimension(u)}' (parameters may use any unit; their values are converted)`,
      );
    }
    of.set(name, u);
  };
  for (const [name, p] of Object.entries(def.parameters)) declare(name, p.unit, `parameter ${name}`, false);
  for (const [name, d] of Object.entries(def.derived ?? {})) declare(name, d.unit, `derived ${name}`, true);
  for (const [name, s] of Object.entries(def.state)) declare(name, s.unit, `state ${name}`, true);
  for (const [name, i] of Object.entries(def.inputs ?? {})) declare(name, i.unit, `input ${name}`, true);
  // A weight may be declared in any unit (`nS`): the connection's weights are converted when it is built.
  if (def.kind === 'synapse') declare('w', def.weight?.unit ?? 'target', 'weight', false);
  for (const [name, u] of post ?? []) of.set(name, u);
  for (const [name, u] of pre ?? []) of.set(name, u);
  for (const [name, tr] of Object.entries(def.plasticity?.traces ?? {})) declare(name, tr.unit, `plasticity.traces.${name}`, true);
  for (const [name, v] of Object.entries(def.plasticity?.synapseState ?? {})) declare(name, v.unit, `plasticity.synapseState.${name}`, true);
  if (parts.reward) declare('reward', parts.reward.unit, 'plasticity.reward.unit', true);

  const scope = (p: Parsed<unknown>): UnitScope => ({
    where: `model ${model}, ${p.field}`,
    source: p.source,
    unitOf: (name) => {
      const u = of.get(name);
      if (!u && !post && name.endsWith(POST_SUFFIX)) return FLEX;
      if (!u && !pre && name.endsWith(PRE_SUFFIX)) return FLEX;
      if (!u) throw new Error(`internal: no unit for '${name}'`);
      return u;
    },
  });
  const unit = (name: string) => of.get(name) as Unit;

  for (const d of parts.derived) expectUnit(d.ir, unit(d.name), `derived value ${d.name}`, scope(d));
  for (const i of parts.initial) expectUnit(i.ir, unit(i.name), `the initial value of ${i.name}`, scope(i));
  for (const o of parts.odes) walkExpr(o.ir, (n) => void (n.kind === 'ref' && n.role === 'noise' && of.set(n.name, UNIT_OF_NOISE)));
  for (const o of parts.odes) expectUnit(o.ir, divide(unit(o.name), UNIT_OF_TIME), `d${o.name}/dt (unit of ${o.name} per ms)`, scope(o));
  for (const tr of parts.traces ?? []) {
    expectUnit(tr.tau.ir, UNIT_OF_TIME, `the time constant of trace ${tr.name}`, scope(tr.tau));
    expectUnit(tr.jump.ir, unit(tr.name), `the jump of trace ${tr.name}`, scope(tr.jump));
  }
  for (const i of parts.synapseState?.initial ?? []) expectUnit(i.ir, unit(i.name), `the initial value of ${i.name}`, scope(i));
  if (parts.weightEquation) expectUnit(parts.weightEquation.ir, divide(unit('w'), UNIT_OF_TIME), 'dw/dt (unit of w per ms)', scope(parts.weightEquation));
  for (const o of parts.synapseState?.odes ?? []) expectUnit(o.ir, divide(unit(o.name), UNIT_OF_TIME), `d${o.name}/dt (unit of ${o.name} per ms)`, scope(o));
  for (const s of [...parts.update, ...parts.reset, ...parts.onPre, ...(parts.onPost ?? []), ...(parts.reward?.statements ?? [])]) {
    // A `v_post` target without the target model (a synapse model on its own) is checked when the network is built.
    if (s.ir.role === 'post' && !post) continue;
    expectUnit(s.ir.value, unit(s.ir.target), `a value assigned to ${s.ir.target}`, scope(s));
  }
  if (parts.threshold) unitOfExpr(parts.threshold.ir, scope(parts.threshold));
  if (parts.refractory) expectUnit(parts.refractory.ir, UNIT_OF_TIME, 'the refractory period', scope(parts.refractory));
  let output: Unit | undefined;
  const delivered = parts.output ?? parts.summed;
  if (delivered) {
    const u = unitOfExpr(delivered.ir, scope(delivered));
    output = u === FLEX ? undefined : u;
  }
  return { of, ...(output ? { output } : {}) };
}

/**
 * Checks, when a network is built, that a synapse or current source delivers values in the unit of
 * the input it feeds (`target` in its units stands for that unit, so generic models always fit).
 */
export function checkDelivery(units: ModelUnits, modelName: string, input: { name: string; unit: Unit; model: string }, path: string): void {
  if (!units.output) return;
  const delivered = substituteTarget(units.output, input.unit);
  if (!sameDimension(delivered, input.unit)) {
    throw new ConfigError(
      'unit-mismatch',
      path,
      `model ${modelName} delivers ${formatUnit(delivered)} but input ${input.name} of model ${input.model} is in ${formatUnit(input.unit)}`,
    );
  }
}
