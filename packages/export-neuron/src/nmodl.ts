import type { CompiledModel, ModelInstance } from '@spikeflow/core/backend';
import type { Assign } from '@spikeflow/core/ir';
import { printAssignments, printExpr, Unprintable, type Dialect } from './printer.js';
import type { PopulationPlan } from './plan.js';

/**
 * IR → NMODL. Each population becomes an ARTIFICIAL_CELL whose per-step update is the compiled
 * IR step of its neuron model, of the synapse models that feed it (one numbered slot per incoming
 * connection) and of its stimuli (read from data), in spikeflow's order. Every identifier is
 * generated from a fixed prefix and a name that the model compiler already validated.
 */

/** C math for the functions the IR knows (all printed as VERBATIM wrappers with fixed text). */
const C_FUNCTIONS: Readonly<Record<string, { arity: number; body: string }>> = {
  exp: { arity: 1, body: 'exp(_la0)' },
  expm1: { arity: 1, body: 'expm1(_la0)' },
  log: { arity: 1, body: 'log(_la0)' },
  log1p: { arity: 1, body: 'log1p(_la0)' },
  sqrt: { arity: 1, body: 'sqrt(_la0)' },
  abs: { arity: 1, body: 'fabs(_la0)' },
  sin: { arity: 1, body: 'sin(_la0)' },
  cos: { arity: 1, body: 'cos(_la0)' },
  tan: { arity: 1, body: 'tan(_la0)' },
  tanh: { arity: 1, body: 'tanh(_la0)' },
  floor: { arity: 1, body: 'floor(_la0)' },
  ceil: { arity: 1, body: 'ceil(_la0)' },
  sign: { arity: 1, body: '(double)((_la0 > 0) - (_la0 < 0))' },
  min: { arity: 2, body: 'fmin(_la0, _la1)' },
  max: { arity: 2, body: 'fmax(_la0, _la1)' },
  clip: { arity: 3, body: 'fmin(fmax(_la0, _la1), _la2)' },
};

/** Range-variable names of a model instance under `prefix` (n, c0, c1, …). */
export const names = {
  value: (prefix: string, name: string) => `${prefix}p_${name}`,
  state: (prefix: string, name: string) => `${prefix}s_${name}`,
  initial: (prefix: string, name: string) => `${prefix}i_${name}`,
  temp: (prefix: string, name: string) => `${prefix}t_${name}`,
};

/**
 * `onPre` runs at the start of the next step here (stepc = k + 1) where spikeflow propagates at
 * the end of step k: its `t` and `step` are read one step back.
 */
export function neuronDialect(prefix: string, used = new Set<string>(), onPre = false): Dialect {
  const step = onPre ? '(stepc - 1)' : 'stepc';
  return {
    target: 'NEURON',
    ref: (name, role) => {
      switch (role) {
        case 'parameter':
        case 'derived':
          return names.value(prefix, name);
        case 'state':
          return names.state(prefix, name);
        case 'temp':
          return names.temp(prefix, name);
        case 'input':
          return `in_${name}`;
        case 'dt':
          return 'sf_dt';
        case 'time':
          return `(${step} * sf_dt)`;
        case 'step':
          return step;
        case 'weight':
          return 'w';
        case 'post':
          throw new Unprintable(`the postsynaptic variable ${name} (conductance synapses are not exported yet)`);
        default:
          throw new Error(`internal: cannot resolve ${role} '${name}'`);
      }
    },
    binary: { '+': '+', '-': '-', '*': '*', '/': '/', '**': '^', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '!=': '!=', '&&': '&&', '||': '||' },
    not: '!',
    functions: Object.fromEntries(
      Object.keys(C_FUNCTIONS).map((fn) => [
        fn,
        (args: string[]) => {
          used.add(fn);
          return `sf_${fn}(${args.join(', ')})`;
        },
      ]),
    ),
    cond: (test, then, other) => {
      used.add('cond');
      return `sf_cond(${test}, ${then}, ${other})`;
    },
  };
}

/** Names of a model's per-neuron values (parameters and host-computed derived values). */
export const valueNames = (m: CompiledModel): string[] => [...m.parameters, ...m.derived.map((d) => d.name)];

/** Every range variable a population's cells need set from data, with its value (scalar or per neuron). */
export function rangeValues(pop: PopulationPlan): Map<string, number | Float64Array> {
  const out = new Map<string, number | Float64Array>();
  const add = (prefix: string, inst: ModelInstance) => {
    for (const name of valueNames(inst.model)) out.set(names.value(prefix, name), inst.values.get(name)!);
    for (const s of inst.model.states) out.set(names.initial(prefix, s), uniform(inst.initial.get(s)!));
  };
  add('n', pop.instance);
  if (pop.instance.refractorySteps !== undefined) out.set('ref_steps', pop.instance.refractorySteps);
  for (const s of pop.slots) add(`c${s.slot}`, s.synapse);
  return out;
}

/** A per-neuron array whose entries are all equal is written as one number. */
const uniform = (a: Float64Array): number | Float64Array => (a.every((x) => Object.is(x, a[0])) ? a[0]! : a);

/** NMODL source of a population's mechanism, with `MECHANISM` where its name goes (see `mechanismName`). */
export function printMechanism(pop: PopulationPlan): string {
  const used = new Set<string>();
  const neuron = pop.instance.model;
  const ranges: string[] = ['sf_dt', 'stepc', 'ref_until', 'last_t', 'err', 'spiked'];
  const locals: string[] = [];
  const init: string[] = [];
  const declare = (prefix: string, m: CompiledModel) => {
    for (const n of valueNames(m)) ranges.push(names.value(prefix, n));
    for (const s of m.states) {
      ranges.push(names.state(prefix, s), names.initial(prefix, s));
      init.push(`${names.state(prefix, s)} = ${names.initial(prefix, s)}`);
    }
  };
  const tempsOf = (prefix: string, stmts: readonly Assign[]) => stmts.filter((s) => s.role === 'temp').map((s) => names.temp(prefix, s.target));
  declare('n', neuron);
  const refractory = pop.instance.refractorySteps !== undefined;
  if (refractory) ranges.push('ref_steps');
  const body: string[] = [];
  const inputTerms = new Map<string, string[]>(neuron.inputs.map((i) => [i, []]));

  for (const s of pop.stimuli) {
    locals.push(`k${s.slot}_out`);
    body.push(`k${s.slot}_out = sf_stim${s.slot}()`);
    inputTerms.get(s.input)?.push(`k${s.slot}_out`);
  }
  for (const slot of pop.slots) {
    const prefix = `c${slot.slot}`;
    const m = slot.synapse.model;
    declare(prefix, m);
    const d = neuronDialect(prefix, used);
    locals.push(`${prefix}_out`, ...tempsOf(prefix, m.step));
    // Read before this step's decay: the output carries spikes up to the previous step.
    body.push(`${prefix}_out = ${printExpr(m.output!, d)}`, ...printAssignments(m.step, d, (t, v) => `${t} = ${v}`));
    inputTerms.get(slot.input)?.push(`${prefix}_out`);
  }
  for (const [name, terms] of inputTerms) {
    locals.push(`in_${name}`);
    body.push(`in_${name} = ${terms.length ? terms.reduce((acc, t) => `(${acc} + ${t})`) : '0'}`);
  }
  const d = neuronDialect('n', used);
  locals.push(...tempsOf('n', neuron.step), ...tempsOf('n', neuron.reset));
  if (refractory) {
    locals.push('active');
    body.push('active = stepc > ref_until');
  }
  body.push(
    ...printAssignments(neuron.step, d, (t, v, s) => (refractory && s.role === 'state' && neuron.clamped.has(s.target) ? `if (active) { ${t} = ${v} }` : `${t} = ${v}`)),
    'spiked = 0',
    `if (${refractory ? 'active && ' : ''}${printExpr(neuron.threshold!, d)}) {`,
    ...printAssignments(neuron.reset, d, (t, v) => `  ${t} = ${v}`),
    ...(refractory ? ['  ref_until = stepc + ref_steps'] : []),
    '  spiked = 1',
    '}',
  );

  const onPre: string[] = [];
  for (const slot of pop.slots) {
    const ds = neuronDialect(`c${slot.slot}`, used, true);
    onPre.push(`${onPre.length ? 'else ' : ''}if (slot == ${slot.slot}) {`, ...printAssignments(slot.synapse.model.onPre, ds, (t, v) => `  ${t} = ${v}`), '}');
  }
  const onPreLocals = pop.slots.flatMap((slot) => tempsOf(`c${slot.slot}`, slot.synapse.model.onPre));
  const stimRanges = pop.stimuli.map((s) => `sf_vec${s.slot}`);

  const helpers = [...used].sort().map((fn) => {
    if (fn === 'cond') return 'FUNCTION sf_cond(c, a, b) {\n  if (c) { sf_cond = a } else { sf_cond = b }\n}';
    const f = C_FUNCTIONS[fn]!;
    const args = Array.from({ length: f.arity }, (_, k) => `a${k}`).join(', ');
    return `FUNCTION sf_${fn}(${args}) {\nVERBATIM\n  _lsf_${fn} = ${f.body};\nENDVERBATIM\n}`;
  });

  return [
    `: spikeflow export: neuron model ${safe(neuron.name)}${pop.slots.map((s) => `, slot c${s.slot}: ${safe(s.synapse.model.name)} onto ${s.input}`).join('')}${pop.stimuli.map((s) => `, stimulus k${s.slot} onto ${s.input}`).join('')}.`,
    ': Printed from the compiled IR by @spikeflow/export-neuron; one event per step replays spikeflow\'s update order.',
    'NEURON {',
    '  ARTIFICIAL_CELL MECHANISM',
    `  RANGE ${ranges.join(', ')}`,
    `  POINTER sf_pending${stimRanges.map((s) => `, ${s}`).join('')}`,
    '}',
    '',
    'ASSIGNED {',
    ...ranges.map((r) => `  ${r}`),
    '  sf_pending',
    ...stimRanges.map((s) => `  ${s}`),
    '}',
    '',
    VERBATIM_PRELUDE,
    '',
    'INITIAL {',
    ...init.map((l) => `  ${l}`),
    '  stepc = 0',
    '  ref_until = -1',
    '  last_t = -1e300',
    '  err = 0',
    '  spiked = 0',
    'VERBATIM',
    '  if (_p_sf_pending) ((SfPending*)_p_sf_pending)->n = 0;',
    'ENDVERBATIM',
    '  : Steps happen at (k + 1/2)*dt: mid-way between spike exchanges, on a fixed-step boundary (dt/2).',
    '  net_send(0.5 * sf_dt, 1)',
    '}',
    '',
    'NET_RECEIVE (w, slot, key) {',
    '  : Without this block finitialize() would zero every NetCon weight but the first (slot, key).',
    '  INITIAL { }',
    '  if (flag == 0) {',
    '    if (t <= last_t) { err = 1 }',
    '    sf_push(w, slot, key)',
    '  } else if (flag == 1) {',
    '    : Let every spike that arrives at this time be queued first (equal times run in insertion order).',
    '    net_send(0, 2)',
    '  } else if (flag == 2) {',
    '    last_t = t',
    '    sf_deliver()',
    '    sf_advance()',
    '    if (spiked) { net_event(t) }',
    '    stepc = stepc + 1',
    '    net_send(sf_dt, 1)',
    '  }',
    '}',
    '',
    'PROCEDURE sf_advance() {',
    ...(locals.length ? [`  LOCAL ${locals.join(', ')}`] : []),
    ...body.map((l) => `  ${l}`),
    '}',
    '',
    'PROCEDURE sf_on_pre(slot, w) {',
    ...(onPreLocals.length ? [`  LOCAL ${onPreLocals.join(', ')}`] : []),
    ...onPre.map((l) => `  ${l}`),
    '}',
    '',
    ...pop.stimuli.flatMap((s) => [
      `PROCEDURE sf_set_stim${s.slot}() {`,
      'VERBATIM',
      `  { void** pv = (void**)(&_p_sf_vec${s.slot}); *pv = vector_arg(1); }`,
      'ENDVERBATIM',
      '}',
      '',
      `FUNCTION sf_stim${s.slot}() {`,
      'VERBATIM',
      `  { void* v = (void*)_p_sf_vec${s.slot}; int k = (int)stepc;`,
      `    if (!v || k >= vector_capacity(v)) { err = 2; _lsf_stim${s.slot} = 0.; } else { _lsf_stim${s.slot} = vector_vec(v)[k]; } }`,
      'ENDVERBATIM',
      '}',
      '',
    ]),
    ...helpers,
    '',
  ].join('\n');
}

/** Fixed C: the queue of spikes that arrived since the last step, applied in spikeflow's order. */
const VERBATIM_PRELUDE = `VERBATIM
#include <stdlib.h>
#include <math.h>
extern double* vector_vec(void*);
extern int vector_capacity(void*);
extern void* vector_arg(int);
typedef struct { double slot, key, w; } SfArrival;
typedef struct { int n, cap; SfArrival* a; } SfPending;
static int sf_order(const void* x, const void* y) {
  const SfArrival* a = (const SfArrival*)x;
  const SfArrival* b = (const SfArrival*)y;
  if (a->slot != b->slot) return a->slot < b->slot ? -1 : 1;
  return a->key < b->key ? -1 : (a->key > b->key ? 1 : 0);
}
ENDVERBATIM

PROCEDURE sf_setup() {
VERBATIM
  { void** pv = (void**)(&_p_sf_pending);
    SfPending* q = (SfPending*)calloc(1, sizeof(SfPending));
    *pv = (void*)q; }
ENDVERBATIM
}

PROCEDURE sf_push(w, slot, key) {
VERBATIM
  { SfPending* q = (SfPending*)_p_sf_pending;
    if (q->n == q->cap) { q->cap = q->cap ? 2 * q->cap : 16; q->a = (SfArrival*)realloc(q->a, q->cap * sizeof(SfArrival)); }
    q->a[q->n].slot = _lslot; q->a[q->n].key = _lkey; q->a[q->n].w = _lw; q->n++; }
ENDVERBATIM
}

PROCEDURE sf_deliver() {
VERBATIM
  { SfPending* q = (SfPending*)_p_sf_pending; int k;
    if (q->n > 1) qsort(q->a, q->n, sizeof(SfArrival), sf_order);
    for (k = 0; k < q->n; k++) sf_on_pre(_threadargscomma_ q->a[k].slot, q->a[k].w);
    q->n = 0; }
ENDVERBATIM
}`;

/** A model's name in a comment only when it is plain (names are free text; comments must not end early). */
const safe = (name: string) => (/^[A-Za-z0-9_+.-]{1,64}$/.test(name) ? name : '(model)');

/** FNV-1a over the source: equal mechanisms (across populations and exports) get equal names. */
export function mechanismName(source: string): string {
  let h = 0x811c9dc5;
  for (let k = 0; k < source.length; k++) {
    h ^= source.charCodeAt(k);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `sf_${h.toString(16).padStart(8, '0')}`;
}
