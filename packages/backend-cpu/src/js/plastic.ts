import type { Bindings } from './bindings.js';
import type { Resolve } from './printer.js';
import { DECAY_STEPS, MIN_NORMAL_F32 } from '@spikeflow/core/plan';
import type { PartitionPlasticity, PartitionTrace } from '../plastic.js';

/**
 * The f32 mode's trace decay, a fixed helper of the kernel source (no user text): `v` decayed by
 * `n` steps through the table `T` of core's `decayTable`, one float32 product per 1024 steps past
 * the table's end, then one for the rest; a zero stays zero, and a subnormal result is 0 (GPUs
 * may flush subnormals; this way a trace never holds one on any backend). The WebGPU backend's
 * `sf_decay` is the same sequence of float32 operations.
 */
export const DECAY_HELPER_JS = [
  `function sf_ftz(x) { return Math.abs(x) < ${MIN_NORMAL_F32} ? 0 : x; }`,
  'function sf_decay(v, n, T) {',
  `  while (n > ${DECAY_STEPS} && v !== 0) { v = sf_ftz(Math.fround(v * T[${DECAY_STEPS}])); n -= ${DECAY_STEPS}; }`,
  `  return n > ${DECAY_STEPS} ? v : sf_ftz(Math.fround(v * T[n]));`,
  '}',
].join('\n');

/** A trace's value at neuron `at` decayed to `step` (f64: exp(); f32: the table). */
function decayed(b: Bindings, tr: PartitionTrace, k: number, at: string): string {
  const values = b.bind(`TR${k}`, tr.values);
  const last = b.bind(`TL${k}`, tr.last);
  if (tr.table) return `sf_decay(${values}[${at}], step - ${last}[${at}], ${b.bind(`TT${k}`, tr.table)})`;
  const rate = b.bind(`TK${k}`, tr.rate);
  return `(${values}[${at}] * Math.exp((${last}[${at}] - step) * ${rate}))`;
}

/**
 * Names of a plastic connection's kernels: `w` (the synapse's weight, a local loaded from and
 * stored back to `W[j]`) and every trace, read as its value decayed to `step` — the trace of the
 * spiking side was already brought up to date, so its factor is exp(0) = 1. `preIndex` and
 * `postIndex` are the kernel's locals for the synapse's two neurons. Per-synapse variables are
 * the locals `S<k>` of {@link synapseLoad}.
 */
export function plasticResolver(b: Bindings, plastic: PartitionPlasticity, base: Resolve, preIndex: string, postIndex: string): Resolve {
  const traces = new Map(plastic.traces.map((tr, k) => [tr.name, decayed(b, tr, k, tr.side === 'pre' ? preIndex : postIndex)]));
  const vars = new Map(plastic.vars.map((v, k) => [v.name, `S${k}`]));
  return (name, role) => (name === 'w' && (role === 'weight' || role === 'state') ? 'w' : role === 'state' ? (vars.get(name) ?? traces.get(name) ?? base(name, role)) : base(name, role));
}

/**
 * Loads synapse `j`'s per-synapse variables into locals `S<k>`, advanced exactly from the step of
 * its last event to `step` (Brian2's event-driven update), and marks `step` as its last event;
 * with a weight equation, also advances the local `w` (already loaded).
 */
export function synapseLoad(b: Bindings, plastic: PartitionPlasticity, j: string): string[] {
  if (plastic.vars.length === 0 && !plastic.weight) return [];
  // Only event-driven variables (and a weight equation) need the step of the last event; clock-driven ones are current.
  const lines = plastic.lastEvent.length > 0 ? [`const dS = step - ${b.bind('SLAST', plastic.lastEvent)}[${j}];`, `SLAST[${j}] = step;`] : [];
  const wv = plastic.weight;
  // The weight's own equation (plasticity.weightEquation) advances the local w, loaded just before.
  if (wv?.decays) lines.push(`w = ${b.bind('WI', wv.inf)} + (w - WI) * Math.exp(dS * ${b.bind('WR', wv.rate)});`);
  else if (wv) lines.push(`w += dS * ${b.bind('WA', wv.slope)};`);
  plastic.vars.forEach((v, k) => {
    const arr = b.bind(`SV${k}`, v.values);
    lines.push(`let S${k} = ${arr}[${j}];`);
    if (!v.evolves) return;
    if (v.decays) {
      const inf = b.bind(`SI${k}`, v.inf);
      lines.push(`S${k} = ${inf} + (S${k} - ${inf}) * Math.exp(dS * ${b.bind(`SR${k}`, v.rate)});`);
    } else lines.push(`S${k} += dS * ${b.bind(`SA${k}`, v.slope)};`);
  });
  return lines;
}

/** Stores the locals `S<k>` back into synapse `j`'s per-synapse variables. */
export function synapseStore(b: Bindings, plastic: PartitionPlasticity, j: string): string[] {
  return plastic.vars.map((v, k) => `${b.bind(`SV${k}`, v.values)}[${j}] = S${k};`);
}

/** Brings the traces of one side up to date for a spike of neuron `index` at `step` and adds their jumps. */
export function traceJumps(b: Bindings, plastic: PartitionPlasticity, side: 'pre' | 'post', index: string): string[] {
  return plastic.traces.flatMap((tr, k) => {
    if (tr.side !== side) return [];
    const [v, l] = [b.bind(`TR${k}`, tr.values), b.bind(`TL${k}`, tr.last)];
    const jump = b.bind(`TJ${k}`, tr.jump);
    const sum = `${decayed(b, tr, k, index)} + ${jump}`;
    return [`${v}[${index}] = ${tr.table ? `Math.fround(${sum})` : sum};`, `${l}[${index}] = step;`];
  });
}

/** The helper lines a plastic kernel's source needs (the decay helper in the f32 mode). */
export const plasticHelpers = (plastic: PartitionPlasticity): string[] => (plastic.traces.some((tr) => tr.table) ? [DECAY_HELPER_JS] : []);

/**
 * The loop over synapses `from <= k < to` of a plastic connection's transposed index (by
 * postsynaptic neuron, presynaptic order) that the post-spike and reward kernels share: per
 * synapse, its stored index `j` and presynaptic neuron `pre`, the weight `w = W[j]` and the
 * per-synapse variables loaded (advanced to `step`), then `statements`, then all stored back.
 * Binds `W`, `COL`, `SYN`, `PRE` and `LO`; `indent` prefixes the loop's lines.
 */
export function synapseColumnLoop(b: Bindings, plastic: PartitionPlasticity, weights: Float64Array | Float32Array, statements: readonly string[], from: string, to: string, indent: string): string[] {
  b.bind('W', weights);
  b.bind('COL', plastic.colStart);
  b.bind('SYN', plastic.synapse);
  b.bind('PRE', plastic.pre);
  b.bind('LO', plastic.lo);
  const body = ['const j = SYN[k];', 'const pre = PRE[k];', 'let w = W[j];', ...synapseLoad(b, plastic, 'j'), ...statements, 'W[j] = w;', ...synapseStore(b, plastic, 'j')];
  return [`${indent}for (let k = ${from}; k < ${to}; k++) {`, ...body.map((l) => `${indent}  ${l}`), `${indent}}`];
}
