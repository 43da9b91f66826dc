import { ConfigError, type WarningHandler } from '../errors.js';
import { evaluate } from '../expr/evaluate.js';
import { mentions, type Expr } from '../expr/ir.js';
import type { HostRng } from '../rng/host.js';
import { sampleValues, type ValueSpec } from '../rng/distributions.js';
import type { CompiledModel } from './compile.js';
import { toInternal } from '../units/values.js';
import type { Unit } from '../units/unit.js';

/** A value shared by all neurons, or one per neuron. */
export type Resolved = number | Float64Array;

/** Parameters, derived values and initial state of one model instance of size `n`. */
export interface ModelInstance {
  /** The compiled model. */
  readonly model: CompiledModel;
  /** Number of elements (neurons, or postsynaptic neurons for a synapse model). */
  readonly size: number;
  /** Parameters and derived values by name. */
  readonly values: ReadonlyMap<string, Resolved>;
  /** Initial value of every state variable, per neuron. */
  readonly initial: ReadonlyMap<string, Float64Array>;
  /** Refractory period in whole steps (per neuron when heterogeneous), if the model has one. */
  readonly refractorySteps?: Resolved;
}

/** Options of {@link instantiate}. */
export interface InstanceOptions {
  /** Number of elements, a positive integer. */
  readonly size: number;
  /** Time step in ms (derived values and refractory steps depend on it). */
  readonly dt: number;
  /** Parameter values by name (defaults fill the rest), in the units the model declares. */
  readonly parameters?: Readonly<Record<string, ValueSpec>>;
  /** Initial state values by name, replacing the model's `initial` expressions. */
  readonly initial?: Readonly<Record<string, ValueSpec>>;
  /** Prefix for error paths, e.g. `population ep1`. */
  readonly path: string;
  /** Host random stream for distributions, created lazily per field. */
  readonly rng: (field: string) => HostRng;
  /** Receives warnings (e.g. dt larger than a time constant). */
  readonly warn: WarningHandler;
  /** Unit of the input this synapse or current source feeds: replaces `target` in its units. */
  readonly target?: Unit;
}

/**
 * Resolves parameter values (defaults, numbers, arrays, distributions), checks them against the
 * definition, computes derived values on the host and the initial state.
 *
 * @throws ConfigError (path under `opts.path`) for a bad size, an unknown or missing parameter or
 * state, a value of the wrong unit or shape, a non-positive value that must be > 0, or a negative
 * refractory period.
 * @example
 * const inst = instantiate(compileModel(LIF), { size: 3, dt: 0.1, path: 'population p', rng: (f) => hostRng(1, f), warn: printWarning });
 * inst.initial.get('v'); // Float64Array [-70, -70, -70]
 */
export function instantiate(model: CompiledModel, opts: InstanceOptions): ModelInstance {
  const { size: n, dt, path } = opts;
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError('bad-size', `${path}.size`, `expected a positive integer, got ${n}`);
  const values = new Map<string, Resolved>();
  const given = opts.parameters ?? {};
  for (const key of Object.keys(given)) {
    if (!model.parameters.includes(key)) {
      throw new ConfigError('unknown-parameter', `${path}.parameters.${key}`, `model ${model.name} has no parameter '${key}'; known: ${model.parameters.join(', ')}`);
    }
  }
  for (const name of model.parameters) {
    const spec = given[name] ?? model.definition.parameters[name]?.default;
    if (spec === undefined) throw new ConfigError('missing-parameter', `${path}.parameters.${name}`, `model ${model.name} needs a value for '${name}' (no default)`);
    // Values are converted to internal units here: a bare number is in the declared unit (20 Hz → 0.02 /ms).
    const toNumber = converter(model, name, model.definition.parameters[name]!.unit, opts.target);
    const field = `${path}.parameters.${name}`;
    values.set(name, typeof spec === 'number' || typeof spec === 'string' ? toNumber(spec, field) : sampleValues(spec, n, () => opts.rng(`parameter:${name}`), field, toNumber));
  }
  const perNeuron = (name: string) => values.get(name) instanceof Float64Array;
  for (const d of model.derived) {
    const isArray = mentions(d.expr, (r) => perNeuron(r.name));
    values.set(d.name, isArray ? evaluatePerNeuron(d.expr, n, values, dt) : evaluatePerNeuron(d.expr, 1, values, dt)[0]!);
  }
  checkPositive(model, values, dt, path, opts.warn);
  checkNonNegative(model, values, path);

  const initial = new Map<string, Float64Array>();
  const givenInit = opts.initial ?? {};
  for (const key of Object.keys(givenInit)) {
    if (!model.states.includes(key)) {
      throw new ConfigError('unknown-state', `${path}.initial.${key}`, `model ${model.name} has no state variable '${key}'; known: ${model.states.join(', ')}`);
    }
  }
  for (const s of model.states) {
    const spec = givenInit[s];
    if (spec !== undefined) {
      initial.set(s, sampleValues(spec, n, () => opts.rng(`initial:${s}`), `${path}.initial.${s}`, converter(model, s, model.definition.state[s]!.unit, opts.target)));
    } else {
      const expr = model.initial.get(s);
      if (!expr) throw new ConfigError('missing-initial', `${path}.initial.${s}`, `model ${model.name} needs an initial value for '${s}'`);
      initial.set(s, mentions(expr, (r) => perNeuron(r.name)) ? evaluatePerNeuron(expr, n, values, dt) : new Float64Array(n).fill(evaluatePerNeuron(expr, 1, values, dt)[0]!));
    }
  }

  let refractorySteps: Resolved | undefined;
  if (model.refractory) {
    const expr = model.refractory;
    const isArray = mentions(expr, (r) => perNeuron(r.name));
    const ms = evaluatePerNeuron(expr, isArray ? n : 1, values, dt);
    for (let i = 0; i < ms.length; i++) {
      if (!(ms[i]! >= 0)) throw new ConfigError('bad-refractory', `${path}.refractory`, `expected a refractory period >= 0 ms, got ${ms[i]}`);
      ms[i] = Math.round(ms[i]! / dt);
    }
    refractorySteps = isArray ? ms : ms[0]!;
  }
  return { model, size: n, values, initial, ...(refractorySteps !== undefined ? { refractorySteps } : {}) };
}

/**
 * An expression of parameters, derived values and dt for neurons 0 … count − 1 (one lookup closure
 * for all of them: a closure per neuron cost milliseconds per population).
 */
function evaluatePerNeuron(expr: Expr, count: number, values: ReadonlyMap<string, Resolved>, dt: number): Float64Array {
  const out = new Float64Array(count);
  let i = 0;
  const lookup = (name: string, role: string) => (role === 'dt' ? dt : valueAt(values, name, i));
  for (; i < count; i++) out[i] = evaluate(expr, { lookup });
  return out;
}

/** Value of a parameter or derived value for neuron `i`. */
export function valueAt(values: ReadonlyMap<string, Resolved>, name: string, i: number): number {
  const v = values.get(name);
  if (v === undefined) throw new Error(`internal: no value for '${name}'`);
  return typeof v === 'number' ? v : (v[i] as number);
}

/** Converts one given value of `name` (declared `unitText`) into internal units. */
function converter(model: CompiledModel, name: string, unitText: string, target: Unit | undefined) {
  const unit = model.units.of.get(name) as Unit;
  return (q: number | string, path: string) => toInternal(q, unit, unitText, path, target);
}

/** Parameters declared `nonNegative` (rates): every value ≥ 0 (code `negative-rate` for a parameter in Hz, else `negative-value`). */
function checkNonNegative(model: CompiledModel, values: ReadonlyMap<string, Resolved>, path: string): void {
  for (const [name, spec] of Object.entries(model.definition.parameters)) {
    if (!spec.nonNegative) continue;
    const v = values.get(name) as Resolved;
    const arr = typeof v === 'number' ? [v] : v;
    for (let i = 0; i < arr.length; i++) {
      if ((arr[i] as number) < 0) {
        const hz = spec.unit === 'Hz';
        const shown = hz ? `${+((arr[i] as number) * 1000).toPrecision(12)} Hz` : String(arr[i]);
        throw new ConfigError(hz ? 'negative-rate' : 'negative-value', `${path}.parameters.${name}`, `'${name}' of model ${model.name} must be >= 0, got ${shown}${arr.length > 1 ? ` (neuron ${i})` : ''}`);
      }
    }
  }
}

function checkPositive(model: CompiledModel, values: ReadonlyMap<string, Resolved>, dt: number, path: string, warn: WarningHandler): void {
  for (const { name, maximum } of model.maxima ?? []) {
    const v = values.get(name) as Resolved;
    const arr = typeof v === 'number' ? [v] : v;
    for (let i = 0; i < arr.length; i++) {
      if (!((arr[i] as number) <= maximum)) throw new ConfigError('too-large', `${path}.parameters.${name}`, `'${name}' must be ≤ ${maximum}, got ${arr[i]}${arr.length > 1 ? ` (neuron ${i})` : ''}`);
    }
  }
  let smallest = Infinity;
  let smallestName = '';
  for (const { name, timeConstant } of model.positive) {
    const v = values.get(name) as Resolved;
    const arr = typeof v === 'number' ? [v] : v;
    const field = model.parameters.includes(name) ? `${path}.parameters.${name}` : `${path} (model ${model.name}, derived ${name})`;
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i] as number;
      if (!(x > 0)) {
        const which = arr.length > 1 ? ` (neuron ${i})` : '';
        throw new ConfigError(timeConstant ? 'non-positive-time-constant' : 'non-positive', field, `${timeConstant ? 'time constant ' : ''}'${name}' must be > 0, got ${x}${which}`);
      }
      if (timeConstant && x < smallest) {
        smallest = x;
        smallestName = name;
      }
    }
  }
  if (dt > smallest) {
    warn({ code: 'dt-too-large', path, message: `dt = ${dt} ms is larger than the smallest time constant of model ${model.name} (${smallestName} = ${smallest} ms); results may be inaccurate` });
  }
}
