import { postVariable } from '@spikeflow/core/ir';
import type { BuiltConnection, CsrTable } from '@spikeflow/core/backend';
import { DECAY_STEPS, decayTable, traceConstants, type BlockPlan, type KernelPlan } from '@spikeflow/core/plan';
import { deliverEvents } from './events.js';
import type { Arena, ConnLayout } from './layout.js';
import { noRandom, PRINTER_HELPERS, printWgslStatements, type WgslPrintOptions, type WgslResolve } from './printer.js';
import { sharedRoles } from './roles.js';
import { Uniforms } from './uniforms.js';
import { constantPool, gridKernel, PRODUCT_ROUNDING, type GpuKernel } from './wgsl.js';

/**
 * Plastic (STDP) connections on the GPU, in the CPU's order of updates and with its float32
 * arithmetic (the CPU f32 mode is the reference, bit for bit):
 *
 * - per-synapse weights in F (float32), written only by the thread of the synapse's postsynaptic
 *   neuron, so no two invocations ever write one weight (no atomics on weights);
 * - traces: values in F, the step of each value's last update in I; a trace is read decayed to
 *   the current step through a host-computed float32 table of exp(−k·dt/tau) (`sf_decay`, the
 *   same sequence of float32 products as the CPU f32 mode's `sf_decay`: GPUs' `exp` is not
 *   correctly rounded, a table is);
 * - at step s, the connection's push (one workgroup per presynaptic spike delivered at s) first
 *   brings that neuron's presynaptic traces to s and adds their jumps (each spiking neuron is in
 *   one workgroup only); then, after every push of the step, the connection's plastic kernel
 *   runs one thread per postsynaptic neuron i: its events of step s sorted by synapse id (the
 *   CPU's order: presynaptic neuron, then row position) with `onPre` each (it writes the weight
 *   and the synapse's state, e.g. `g += w`), then, if i spiked at s, its postsynaptic traces
 *   decay and jump and `onPost` runs for every synapse onto i in presynaptic order (a transposed
 *   index in C). That is the CPU's step: every presynaptic spike's traces and `onPre`, then every
 *   postsynaptic spike's traces and `onPost`; the weights of different synapses never interact.
 */


/**
 * WGSL of the trace decay: `v` decayed by `n` steps through the table at C[table…], subnormal
 * results 0 (the CPU f32 mode's `sf_decay`, the same float32 operations in the same order).
 */
export const DECAY_WGSL = `fn sf_ftz(x: f32) -> f32 { return select(x, 0.0f, abs(x) < bitcast<f32>(0x00800000u)); }
fn sf_decay(v0: f32, n0: u32, table: u32) -> f32 {
  var v = v0;
  var n = n0;
  loop {
    if (n <= ${DECAY_STEPS}u || v == 0.0f) { break; }
    v = sf_ftz(sf_r(v * bitcast<f32>(C[table + ${DECAY_STEPS}u])));
    n = n - ${DECAY_STEPS}u;
  }
  if (n > ${DECAY_STEPS}u) { return v; }
  return sf_ftz(sf_r(v * bitcast<f32>(C[table + n])));
}`;

/** One trace of a plastic connection in GPU memory. */
export interface TraceLayout {
  /** The trace's name in the model. */
  readonly name: string;
  /** Whose spikes bump it. */
  readonly side: 'pre' | 'post';
  /** Added on each spike of its neuron, after the decay (float32). */
  readonly jump: number;
  /** F: one value per neuron of its side. */
  readonly values: number;
  /** I: the step of each value's last update. */
  readonly last: number;
  /** C: float32 bits of exp(−k·dt/tau), k = 0 … DECAY_STEPS. */
  readonly table: number;
}

/** Where a plastic connection's weights, traces and transposed index are. */
export interface PlasticLayout {
  /** The connection's name. */
  readonly name: string;
  /** F: one float32 weight per synapse, in the table's CSR order (internal unit). */
  readonly weights: number;
  /** Synapses. */
  readonly count: number;
  /** The connection's spike traces (pre- and postsynaptic), in the model's order. */
  readonly traces: readonly TraceLayout[];
  /** C: per postsynaptic neuron i, its column spans colStart[i] … colStart[i + 1]. */
  readonly colStart: number;
  /** C: per column entry, the synapse id. */
  readonly colSynapse: number;
  /** C: per column entry, the presynaptic neuron. */
  readonly colPre: number;
  /** C: per synapse id, its presynaptic neuron (for `onPre` reading a presynaptic trace). */
  readonly synapsePre: number;
}

/** Lays out a plastic connection: weights and trace values in F, last-update steps in I, tables and indices in C. */
export function plasticLayout(c: BuiltConnection, dt: number, floats: (values: ArrayLike<number>) => number, F: Arena, I: Arena, constants: (v: Uint32Array) => number): PlasticLayout {
  const t = c.table as CsrTable;
  const traces = traceConstants(c, dt).map((tr): TraceLayout => {
    const n = tr.side === 'pre' ? t.nPre : t.nPost;
    return { name: tr.name, side: tr.side, jump: Math.fround(tr.jump), values: F.alloc(n), last: I.alloc(n), table: constants(new Uint32Array(decayTable(tr.rate).buffer)) };
  });
  const count = t.post.length;
  const colStart = new Uint32Array(t.nPost + 1);
  for (let k = 0; k < count; k++) colStart[t.post[k]! + 1]!++;
  for (let i = 0; i < t.nPost; i++) colStart[i + 1]! += colStart[i]!;
  const fill = colStart.slice(0, t.nPost);
  const colSynapse = new Uint32Array(count);
  const colPre = new Uint32Array(count);
  const synapsePre = new Uint32Array(count);
  for (let p = 0; p < t.nPre; p++) {
    for (let k = t.rowStart[p]!; k < t.rowStart[p + 1]!; k++) {
      const at = fill[t.post[k]!]!++;
      colSynapse[at] = k;
      colPre[at] = p;
      synapsePre[k] = p;
    }
  }
  return {
    name: c.name,
    weights: floats(t.weights),
    count,
    traces,
    colStart: constants(colStart),
    colSynapse: constants(colSynapse),
    colPre: constants(colPre),
    synapsePre: constants(synapsePre),
  };
}

/** A trace of `p` read at neuron `at`, decayed to `step` (WGSL). */
const decayed = (u: Uniforms, tr: TraceLayout, at: string): string => `sf_decay(F[${u.u32(tr.values)} + ${at}], step - I[${u.u32(tr.last)} + ${at}], ${u.u32(tr.table)})`;

/** Statements that bring the traces of one side to `step` for a spike of neuron `at` and add their jumps. */
export function traceJumps(u: Uniforms, p: PlasticLayout, side: 'pre' | 'post', at: string): string[] {
  return p.traces.flatMap((tr) => (tr.side !== side ? [] : [`F[${u.u32(tr.values)} + ${at}] = ${decayed(u, tr, at)} + ${u.f32(tr.jump)};`, `I[${u.u32(tr.last)} + ${at}] = step;`]));
}

/** What the push of a plastic connection adds: helpers, and its presynaptic traces' jumps for the spike `pre` (one thread per spike). */
export function pushTraceJumps(p: PlasticLayout): (u: Uniforms) => { declarations: string[]; lines: string[] } {
  return (u) => ({ declarations: [PRODUCT_ROUNDING, DECAY_WGSL], lines: ['if (lid == 0u) {', '  let step = S.step;', ...traceJumps(u, p, 'pre', 'pre').map((l) => `  ${l}`), '}'] });
}

/** What the plastic kernel needs to know of the rest of the program. */
export interface PlasticMemory {
  /** The plan's state buffer → its offset in F (states the population kernels already placed). */
  readonly stateOffsets: Map<number, number>;
  /** Allocates `values` in F; returns the offset. */
  readonly floats: (values: ArrayLike<number>) => number;
}

/**
 * The plastic kernel of connection `c` (see the module comment): one thread per postsynaptic
 * neuron; `lastSpike` is I's step + 1 of each postsynaptic neuron's last spike. `onPre` and
 * `onPost` are printed from the model's IR; the synapse's states and the target's `<v>_post`
 * are read and written in F in place, as the CPU's propagation kernels do in their arrays.
 */
export function plasticKernel(plan: KernelPlan, c: KernelPlan['connections'][number], l: ConnLayout, p: PlasticLayout, mem: PlasticMemory, lastSpike: number): GpuKernel {
  const u = new Uniforms();
  const options: WgslPrintOptions = { constant: constantPool(u), product: 'sf_r' };
  const block = c.synapse;
  const neuron = plan.populations[c.post]!.neuron;
  const stateOf = (b: BlockPlan, name: string): string => {
    const k = b.states.get(name);
    if (k === undefined) throw new Error(`internal: no state ${name} in ${b.label}`);
    let at = mem.stateOffsets.get(k);
    if (at === undefined) mem.stateOffsets.set(k, (at = mem.floats(plan.buffers[k]!.initial)));
    return `F[${u.u32(at)} + i]`;
  };
  const traces = new Map(p.traces.map((tr) => [tr.name, decayed(u, tr, tr.side === 'pre' ? 'pre' : 'i')]));
  const shared = sharedRoles(block.instance, block.names, u, mem.floats);
  const resolve: WgslResolve = (name, role) => {
    const trace = traces.get(name);
    if (trace) return trace;
    if (name === 'w' && (role === 'weight' || role === 'state')) return 'w';
    if (role === 'state') return stateOf(block, name);
    if (role === 'post') return stateOf(neuron, postVariable(name));
    const code = shared(name, role);
    if (code === undefined) throw new Error(`internal: cannot resolve ${role} '${name}' in the plastic kernel of ${c.name}`);
    return code;
  };
  const model = block.instance.model;
  const onPre = printWgslStatements(model.onPre, resolve, noRandom, undefined, options);
  const onPost = printWgslStatements(model.plasticity!.onPost, resolve, noRandom, undefined, options);
  const weight = u.u32(p.weights);
  const events = deliverEvents(l, u, onPre, { weights: weight, pre: u.u32(p.synapsePre) });
  const body = [
    'let i = (wid.x + wid.y * nwg.x) * 64u + lid;',
    `if (i >= ${u.u32(l.nPost)}) { return; }`,
    'let step = S.step;',
    'let stepf = f32(step);',
    'let t = S.t;',
    'let dt = S.dt;',
    ...events,
    `if (I[${u.u32(lastSpike)} + i] == step + 1u) {`,
    ...traceJumps(u, p, 'post', 'i').map((x) => `  ${x}`),
    `  let end = C[${u.u32(p.colStart)} + i + 1u];`,
    `  for (var k = C[${u.u32(p.colStart)} + i]; k < end; k = k + 1u) {`,
    `    let j = C[${u.u32(p.colSynapse)} + k];`,
    `    let pre = C[${u.u32(p.colPre)} + k];`,
    `    var w = F[${weight} + j];`,
    ...onPost.map((x) => `    ${x}`),
    `    F[${weight} + j] = w;`,
    '  }',
    '}',
  ];
  return { label: `plasticity ${c.name}`, source: gridKernel(u, [PRINTER_HELPERS, PRODUCT_ROUNDING, DECAY_WGSL], body), uniforms: u, layout: 'main' };
}
