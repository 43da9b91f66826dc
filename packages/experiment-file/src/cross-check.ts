import { ConfigError, parseUnit, toInternal, type ModelDefinition } from '@spikeflow/core';
import { describeValue } from './describe.js';
import type { RawIssue } from './issues.js';
import { DEFAULT_SYNAPSE, type ModelRegistry } from './registry.js';
import { POPULATION_NAME, QUANTITY_PATTERN } from './schema.js';
import { checkSynapseMonitors } from './synapse-check.js';

/**
 * Keys that could reach an object's prototype if some later code copied the data naively. No
 * experiment file needs them, so they are rejected wherever they appear.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting accepted (experiment files are shallow; this bounds the recursion). */
export const MAX_DEPTH = 64;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const own = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
const list = (names: Iterable<string>) => [...names].join(', ') || '(none)';

/** Same tolerance as `Network.steps`: a duration within 1e-9 (relative) of a whole number of steps. */
export function durationSteps(duration: number, dt: number): number | undefined {
  const steps = Math.round(duration / dt);
  return Math.abs(steps * dt - duration) > 1e-9 * Math.max(1, duration) ? undefined : steps;
}

interface PopInfo {
  readonly size?: number;
  readonly model?: ModelDefinition;
  readonly traced: boolean;
}

/**
 * Checks that relate fields to each other, on the data as parsed (before or whatever the
 * structural validation found): reserved keys, run length, names of populations, models, inputs
 * and state variables, array shapes against population sizes, connector constraints, unique names.
 * Tolerates any shape: what is structurally wrong is left to the schema.
 */
export function crossCheck(data: unknown, registry: ModelRegistry): RawIssue[] {
  const issues: RawIssue[] = [];
  const add: Add = (path, message, replaces = false, fatal = false) => issues.push({ path, message, ...(replaces ? { replaces } : {}), ...(fatal ? { fatal } : {}) });
  checkKeys(data, [], add, new Set(), 0);
  if (!isObj(data)) return issues;

  // Run length.
  const dt = own(data, 'dt');
  const duration = own(data, 'duration');
  const stepsGiven = own(data, 'steps');
  let steps: number | undefined = isPositiveInt(stepsGiven) ? stepsGiven : undefined;
  if (duration !== undefined && stepsGiven !== undefined) {
    add(['steps'], `give duration or steps, not both; found duration ${describeValue(duration)} and steps ${describeValue(stepsGiven)}`);
    steps = undefined;
  } else if (duration === undefined && stepsGiven === undefined) {
    add([], 'missing the run length; expected duration (ms) or steps');
  } else if (typeof duration === 'number' && duration > 0 && Number.isFinite(duration) && typeof dt === 'number' && dt > 0 && Number.isFinite(dt)) {
    steps = durationSteps(duration, dt);
    if (steps === undefined) add(['duration'], `expected a whole number of steps of dt = ${dt} ms, found ${duration} ms (${Number((duration / dt).toPrecision(6))} steps)`);
    else if (!Number.isSafeInteger(steps)) {
      add(['duration'], `expected at most ${Number.MAX_SAFE_INTEGER} steps (Number.MAX_SAFE_INTEGER), found ${duration} ms = ${steps} steps of dt = ${dt} ms`);
      steps = undefined;
    }
  }

  // Populations.
  const pops = new Map<string, PopInfo>();
  const popsRaw = own(data, 'populations');
  if (popsRaw !== undefined && isObj(popsRaw)) {
    if (Object.keys(popsRaw).length === 0) add(['populations'], 'expected at least one population, found none');
    for (const [name, p] of Object.entries(popsRaw)) {
      if (!POPULATION_NAME.test(name) || RESERVED_KEYS.has(name)) continue;
      if (!isObj(p)) {
        pops.set(name, { traced: false });
        continue;
      }
      const modelName = own(p, 'model');
      const model = typeof modelName === 'string' ? registry.neurons.get(modelName) : undefined;
      const size = isPositiveInt(own(p, 'size')) ? (own(p, 'size') as number) : undefined;
      pops.set(name, { size, model, traced: own(p, 'spikeTrace') !== undefined });
      const path = ['populations', name];
      if (model) {
        checkValues(own(p, 'parameters'), size, `neuron of ${name}`, [...path, 'parameters'], add, model);
        checkValues(own(p, 'initial'), size, `neuron of ${name}`, [...path, 'initial'], add, undefined, model?.state);
      }
    }
  }
  const knownPops = list(pops.keys());
  const popRef = (value: unknown, path: readonly PropertyKey[]): PopInfo | undefined => {
    if (typeof value !== 'string' || value === '') return undefined;
    const info = pops.has(value) && !RESERVED_KEYS.has(value) ? pops.get(value) : undefined;
    if (!info) add(path, `unknown population ${describeValue(value)}; known: ${knownPops}`);
    return info;
  };
  const inputRef = (value: unknown, pop: PopInfo | undefined, path: readonly PropertyKey[]) => {
    if (typeof value !== 'string' || !pop?.model) return;
    const inputs = Object.keys(pop.model.inputs ?? {});
    if (!inputs.includes(value)) add(path, `unknown input ${describeValue(value)} of model ${pop.model.name}; known: ${list(inputs)}`);
  };

  // Connections.
  const connections = own(data, 'connections');
  if (Array.isArray(connections)) {
    const names = new Map<string, number>();
    connections.forEach((c: unknown, i) => {
      if (!isObj(c)) return;
      const path = ['connections', i];
      const pre = popRef(own(c, 'pre'), [...path, 'pre']);
      const post = popRef(own(c, 'post'), [...path, 'post']);
      inputRef(own(c, 'input'), post, [...path, 'input']);
      const synapse = own(c, 'synapse');
      if (synapse === undefined && !registry.synapses.has(DEFAULT_SYNAPSE)) {
        add([...path, 'synapse'], `missing required field; no default synapse model (${DEFAULT_SYNAPSE}) in the registry; known: ${list(registry.synapses.keys())}`);
      }
      if (isObj(synapse)) {
        const model = typeof own(synapse, 'model') === 'string' ? registry.synapses.get(own(synapse, 'model') as string) : undefined;
        if (model) checkValues(own(synapse, 'parameters'), post?.size, `postsynaptic neuron (${String(own(c, 'post'))})`, [...path, 'synapse', 'parameters'], add, model);
        if (model) checkValues(own(synapse, 'initial'), post?.size, `postsynaptic neuron (${String(own(c, 'post'))})`, [...path, 'synapse', 'initial'], add, undefined, model.state);
        if (model?.weight?.conductance) checkConductance(own(c, 'connector'), model.name, [...path, 'connector'], add);
      }
      const connector = own(c, 'connector');
      if (isObj(connector)) checkConnector(connector, pre, post, c, path, add);
      const preName = own(c, 'pre');
      const postName = own(c, 'post');
      const name = typeof own(c, 'name') === 'string' ? (own(c, 'name') as string) : typeof preName === 'string' && typeof postName === 'string' ? `${preName}->${postName}` : undefined;
      if (name !== undefined) {
        const first = names.get(name);
        if (first !== undefined) add([...path, ...(own(c, 'name') !== undefined ? ['name'] : [])], `duplicate connection name ${describeValue(name)} (also connections[${first}]); give each connection its own name`);
        else names.set(name, i);
      }
    });
  }

  // Stimuli.
  const stimuli = own(data, 'stimuli');
  if (Array.isArray(stimuli)) {
    const names = new Map<string, number>();
    stimuli.forEach((s: unknown, i) => {
      if (!isObj(s)) return;
      const path = ['stimuli', i];
      const target = popRef(own(s, 'target'), [...path, 'target']);
      const source = own(s, 'source');
      if (isObj(source) && own(source, 'type') === 'poisson-input') checkPoissonInput(s, source, target, String(own(s, 'target')), dt, path, add);
      else inputRef(own(s, 'input'), target, [...path, 'input']);
      if (isObj(source)) checkSource(source, target, String(own(s, 'target')), steps, [...path, 'source'], add);
      const targetName = own(s, 'target');
      const name = typeof own(s, 'name') === 'string' ? (own(s, 'name') as string) : typeof targetName === 'string' ? `stimulus${i}:${targetName}` : undefined;
      if (name !== undefined) {
        const first = names.get(name);
        if (first !== undefined) add([...path, 'name'], `duplicate stimulus name ${describeValue(name)} (also stimuli[${first}]); give each stimulus its own name`);
        else names.set(name, i);
      }
    });
  }

  // Monitors.
  const spikeMonitored = new Set<string>();
  const monitors = own(data, 'monitors');
  if (isObj(monitors)) {
    const spikes = own(monitors, 'spikes');
    if (spikes === 'all') for (const name of pops.keys()) spikeMonitored.add(name);
    else if (Array.isArray(spikes)) {
      spikes.forEach((name: unknown, j) => {
        if (typeof name !== 'string') return;
        if (spikeMonitored.has(name)) add(['monitors', 'spikes', j], `population ${describeValue(name)} is listed twice`);
        if (popRef(name, ['monitors', 'spikes', j])) spikeMonitored.add(name);
      });
    }
    const state = own(monitors, 'state');
    if (Array.isArray(state)) {
      state.forEach((m: unknown, j) => {
        if (!isObj(m)) return;
        const path = ['monitors', 'state', j];
        const pop = popRef(own(m, 'population'), [...path, 'population']);
        const variable = own(m, 'variable');
        if (pop?.model && typeof variable === 'string') {
          const known = ['spike', ...Object.keys(pop.model.state), ...(pop.traced ? ['trace'] : [])];
          if (!known.includes(variable)) add([...path, 'variable'], `unknown state variable ${describeValue(variable)} of model ${pop.model.name}; known: ${known.join(', ')}`);
        }
        const indices = own(m, 'indices');
        if (Array.isArray(indices) && pop?.size !== undefined) {
          indices.forEach((index: unknown, k) => {
            if (typeof index === 'number' && Number.isInteger(index) && index >= pop.size!) {
              add([...path, 'indices', k], `expected a neuron index below ${pop.size} (the size of ${String(own(m, 'population'))}), found ${index}`);
            }
          });
        }
      });
    }
  }

  const synapseVars = (c: Record<string, unknown>): readonly string[] => {
    const syn = own(c, 'synapse');
    const name = isObj(syn) ? own(syn, 'model') : undefined;
    const model = typeof name === 'string' ? registry.synapses.get(name) : registry.synapses.get(DEFAULT_SYNAPSE);
    return Object.keys(model?.plasticity?.synapseState ?? {});
  };
  if (isObj(monitors)) checkSynapseMonitors(own(monitors, 'synapses'), connections, pops, (path, message) => add(path, message), synapseVars);

  // Analysis.
  const analysis = own(data, 'analysis');
  const compare = isObj(analysis) ? own(analysis, 'compare') : undefined;
  if (Array.isArray(compare) && compare.length === 2) {
    compare.forEach((name: unknown, j) => {
      if (typeof name !== 'string') return;
      const path = ['analysis', 'compare', j];
      if (popRef(name, path) && !spikeMonitored.has(name)) add(path, `population ${describeValue(name)} has no spike monitor; add it to monitors.spikes`);
    });
    if (typeof compare[0] === 'string' && compare[0] === compare[1]) add(['analysis', 'compare', 1], `expected two different populations, found ${describeValue(compare[0])} twice`);
  }
  return issues;
}

type Add = (path: readonly PropertyKey[], message: string, replaces?: boolean, fatal?: boolean) => void;

/** Rejects reserved keys and cyclic or overly deep data anywhere in the file. */
function checkKeys(value: unknown, path: PropertyKey[], add: Add, ancestors: Set<unknown>, depth: number): void {
  if (typeof value !== 'object' || value === null) return;
  if (ancestors.has(value)) {
    add(path, 'the value contains itself (a recursive YAML alias); expected plain data', true, true);
    return;
  }
  if (depth > MAX_DEPTH) {
    add(path, `nested deeper than ${MAX_DEPTH} levels; expected an experiment file`, true, true);
    return;
  }
  ancestors.add(value);
  if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => checkKeys(v, [...path, i], add, ancestors, depth + 1));
  } else {
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) add([...path, key], `reserved key '${key}' is not allowed`, true);
      else checkKeys((value as Obj)[key], [...path, key], add, ancestors, depth + 1);
    }
  }
  ancestors.delete(value);
}

/** Per-neuron arrays must have one value per neuron; positive parameters given as numbers must be > 0, non-negative ones ≥ 0. */
function checkValues(
  values: unknown,
  size: number | undefined,
  what: string,
  path: readonly PropertyKey[],
  add: Add,
  model?: ModelDefinition,
  units?: Readonly<Record<string, { readonly unit: string }>>,
): void {
  if (!isObj(values)) return;
  for (const [key, v] of Object.entries(values)) {
    if (RESERVED_KEYS.has(key)) continue;
    if (Array.isArray(v) && size !== undefined && v.length > 0 && v.length !== size) {
      add([...path, key], `expected ${size} values (one per ${what}), found ${v.length}`);
    }
    const spec = model && Object.hasOwn(model.parameters, key) ? model.parameters[key] : undefined;
    const unit = spec?.unit ?? (units && Object.hasOwn(units, key) ? units[key]!.unit : undefined);
    if (unit !== undefined) checkQuantities(v, unit, [...path, key], add);
    if (spec && (spec.positive || spec.timeConstant) && typeof v === 'number' && Number.isFinite(v) && !(v > 0)) {
      add([...path, key], `expected a number > 0 (${spec.doc ?? key}, ${spec.unit}), found ${v}`);
    }
    if (spec?.nonNegative && typeof v === 'number' && Number.isFinite(v) && !(v >= 0)) {
      add([...path, key], `expected a number ≥ 0 (${spec.doc ?? key}, ${spec.unit}), found ${v}`);
    }
    if (spec?.maximum !== undefined && typeof v === 'number' && Number.isFinite(v) && !(v <= spec.maximum)) {
      add([...path, key], `expected a number ≤ ${spec.maximum} (${spec.doc ?? key}, ${spec.unit}), found ${v}`);
    }
  }
}

/** Values with units ("6 nS", or inside a distribution) must have the dimension of the field's unit. */
function checkQuantities(v: unknown, unit: string, path: readonly PropertyKey[], add: Add): void {
  const parts: [unknown, readonly PropertyKey[]][] = [[v, path]];
  const dist = isObj(v) ? (own(v, 'normal') ?? own(v, 'uniform')) : undefined;
  if (isObj(dist)) for (const k of Object.keys(dist)) parts.push([own(dist, k), [...path, isObj(v) && own(v, 'normal') ? 'normal' : 'uniform', k]]);
  for (const [q, at] of parts) {
    if (typeof q !== 'string' || !QUANTITY_PATTERN.test(q)) continue; // the schema reports other strings
    try {
      toInternal(q, parseUnit(unit, ''), unit, '');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      add(at, error.message.replace(/^: /, ''));
    }
  }
}

/** Conductance synapses take weights >= 0: a negative constant, uniform minimum or normal mean is refused here. */
function checkConductance(connector: unknown, model: string, path: readonly PropertyKey[], add: Add): void {
  const weight = isObj(connector) ? own(connector, 'weight') : undefined;
  const normal = isObj(weight) ? own(weight, 'normal') : undefined;
  const uniform = isObj(weight) ? own(weight, 'uniform') : undefined;
  const [value, at] =
    typeof weight === 'number' ? [weight, ['weight']] : isObj(uniform) ? [own(uniform, 'min'), ['weight', 'uniform', 'min']] : isObj(normal) ? [own(normal, 'mean'), ['weight', 'normal', 'mean']] : [undefined, []];
  if (typeof value === 'number' && value < 0) {
    add([...path, ...at], `synapse model ${model} is a conductance synapse: weights must be >= 0 (inhibition comes from its reversal potential E_rev, not from a sign), found ${value}`);
  }
}

const SPARSE = new Set(['fixed-probability', 'fixed-indegree', 'one-to-one']);

function checkConnector(connector: Obj, pre: PopInfo | undefined, post: PopInfo | undefined, c: Obj, path: readonly PropertyKey[], add: Add): void {
  const type = own(connector, 'type');
  const at = [...path, 'connector'];
  if (type === 'one-to-one' && pre?.size !== undefined && post?.size !== undefined && pre.size !== post.size) {
    add(at, `one-to-one needs populations of equal size; found ${String(own(c, 'pre'))} with ${pre.size} and ${String(own(c, 'post'))} with ${post.size} neurons`);
  }
  if (type === 'fixed-indegree' && pre?.size !== undefined) {
    const k = own(connector, 'k');
    const allowSelf = own(connector, 'allowSelfConnections') !== false;
    const limit = allowSelf ? pre.size : pre.size - 1;
    if (typeof k === 'number' && Number.isInteger(k) && own(connector, 'allowMultapses') === false && k > limit) {
      add([...at, 'k'], `expected at most ${limit} (the distinct presynaptic candidates) when allowMultapses is false, found ${k}`);
    }
  }
  if (typeof type === 'string' && SPARSE.has(type) && own(c, 'storage') === 'dense') {
    add([...path, 'storage'], `connector ${type} builds sparse tables; expected 'csr' or 'auto', found 'dense'`);
  }
}

/** A Poisson input: no `input`, a state variable of the target's model, rate·dt <= 1 (numbers in Hz). */
function checkPoissonInput(s: Obj, source: Obj, target: PopInfo | undefined, targetName: string, dt: unknown, path: readonly PropertyKey[], add: Add): void {
  if (own(s, 'input') !== undefined) add([...path, 'input'], `a poisson-input source moves a state variable (source.variable) of ${targetName}; it feeds no input: leave 'input' out`);
  const variable = own(source, 'variable');
  if (typeof variable === 'string' && target?.model && !target.traced) {
    const states = Object.keys(target.model.state);
    if (!states.includes(variable)) add([...path, 'source', 'variable'], `unknown state variable ${describeValue(variable)} of population ${targetName} (model ${target.model.name}); known: ${list(states)}`);
  }
  const rate = own(source, 'rate');
  if (typeof rate === 'number' && rate >= 0 && typeof dt === 'number' && dt > 0 && (rate / 1000) * dt > 1 + 1e-9) {
    add([...path, 'source', 'rate'], `expected rate·dt <= 1 (an input spikes at most once per step), found ${rate} Hz × ${dt} ms = ${Number(((rate / 1000) * dt).toPrecision(6))}`);
  }
}

function checkSource(source: Obj, target: PopInfo | undefined, targetName: string, steps: number | undefined, path: readonly PropertyKey[], add: Add): void {
  const size = target?.size;
  for (const key of ['amplitude', 'I_value']) {
    const v = own(source, key);
    if (Array.isArray(v) && size !== undefined && v.length > 0 && v.length !== size) {
      add([...path, key], `expected ${size} values (one per neuron of ${targetName}), found ${v.length}`);
    }
  }
  const indices = own(source, 'indices');
  if (own(source, 'type') === 'spike-times' && Array.isArray(indices) && size !== undefined) {
    const bad = indices.findIndex((i: unknown) => typeof i === 'number' && i >= size);
    if (bad >= 0) add([...path, 'indices', bad], `expected a neuron index of ${targetName} (0..${size - 1}), found ${String(indices[bad])}`);
  }
  const rows = own(source, 'rows');
  if (own(source, 'type') === 'array' && Array.isArray(rows) && rows.length > 0) {
    if (size !== undefined) {
      const bad = rows.findIndex((r: unknown) => Array.isArray(r) && r.length !== size);
      if (bad >= 0) {
        const more = rows.filter((r: unknown) => Array.isArray(r) && r.length !== size).length - 1;
        add([...path, 'rows', bad], `expected ${size} values per row (one per neuron of ${targetName}), found ${(rows[bad] as unknown[]).length}${more > 0 ? ` (and ${more} more rows of the wrong length)` : ''}`);
      }
    }
    if (steps !== undefined && rows.length < steps) {
      add([...path, 'rows'], `expected at least ${steps} rows (one per step of the run), found ${rows.length}`);
    }
  }
}

