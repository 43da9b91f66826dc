import { ConfigError, type StateSink } from '@spikeflow/core';
import type { BuiltConnection, BuiltNetwork, BuiltPopulation, CompiledModel, ModelInstance, SynapseTable } from '@spikeflow/core/backend';
import type { Assign } from '@spikeflow/core/ir';
import { streamId, SHARED_INDEX } from '@spikeflow/core/rng';
import { PHILOX_WGSL } from './philox.js';
import { PRINTER_HELPERS, printWgslCondition, printWgslExpr, printWgslStatements, type WgslConstant, type WgslPrintOptions, type WgslRandomCall, type WgslResolve } from './printer.js';
import { Uniforms } from './uniforms.js';

/**
 * The GPU program of a network: buffer layouts with their initial contents, and one kernel per
 * population, per connection and per state monitor, printed from the models' IR into templates.
 *
 * Four storage buffers (compatibility mode allows 4 per stage):
 *   F  f32, read-write:  states, per-neuron parameters, array-stimulus rows, state-monitor rows
 *   A  atomic u32:       per-step spike counters, monitor stream counters, synaptic event counters
 *   I  u32, read-write:  spike lists, last-spike and refractory steps, event buckets, spike streams
 *   C  u32, read-only:   CSR rows, targets, in-degree offsets, weights (float bits), indices
 * plus the per-step uniform `S` (dynamic offset: many steps per submission) and each kernel's `P`.
 *
 * Per step: every population's kernel (apply last step's synaptic events in presynaptic order,
 * stimuli, synapse outputs and decay, input sums, integration, threshold, reset, refractoriness,
 * spike collection: a workgroup counter, then one global atomic per workgroup); one `finalize`
 * dispatch turning spike counts into indirect dispatch sizes; one event-driven `push` per
 * connection (a workgroup per spike) appending synapse ids to per-target buckets; state monitors.
 * Buckets are sorted by synapse id before use, which is the CPU's order (spike index, then row),
 * so float32 sums equal the CPU's whatever order the atomics gave.
 */
export const WORKGROUP = 64;
/** `S`: the per-step uniform record (32 bytes, at a dynamic offset per step). */
export const STEP_RECORD_BYTES = 32;

/** One compute kernel: its WGSL source and its parameter uniforms `P`. */
export interface KernelPlan {
  /** Name in GPU labels and messages, e.g. `population ep1`. */
  readonly label: string;
  /** The WGSL source (depends on the model and the layout's shape, not on values). */
  readonly source: string;
  /** The kernel's parameter record `P`, by slot. */
  readonly uniforms: Uniforms;
  /** Bind-group layout: `main` (the four storage buffers and S) or `finalize`. */
  readonly layout: 'main' | 'finalize';
}

export interface PopulationPlan {
  readonly name: string;
  readonly size: number;
  readonly kernel: KernelPlan;
  /** A: spike count of step k of the chunk at `counts + k`. */
  readonly counts: number;
  /** I: this step's spike list. */
  readonly spikes: number;
  /** I: step + 1 of each neuron's last spike (0: never). */
  readonly lastSpike: number;
  /** F: offset of each state variable's array. */
  readonly states: ReadonlyMap<string, number>;
  /** I: the chunk's spikes, step after step (spike monitors), or -1. */
  readonly stream: number;
  /** A: how many spikes the stream holds, or -1. */
  readonly streamCount: number;
}

export interface ConnectionPlan {
  readonly name: string;
  readonly pre: string;
  readonly kernel: KernelPlan;
}

export interface StateMonitorPlan {
  readonly sink: StateSink;
  readonly kernel: KernelPlan;
  /** Uniform slot holding the first recorded step of the chunk. */
  readonly firstSlot: number;
  readonly width: number;
  /** F: rows of `width` values. */
  readonly out: number;
  readonly every: number;
}

export interface ArrayStimulusPlan {
  readonly name: string;
  readonly data: Float64Array;
  readonly steps: number;
  readonly size: number;
  /** F: `maxChunk` rows of `size`. */
  readonly offset: number;
}

export interface ExternalStimulusPlan {
  readonly buffer: Float64Array;
  readonly offset: number;
}

/**
 * What {@link buildProgram} returns: the buffers' sizes and initial contents, and every kernel.
 * Offsets are in 32-bit words into the buffer named in each plan's comments (F, A, I, C).
 */
export interface Program {
  /** Steps per queue submission (bounded by the options' region size). */
  readonly maxChunk: number;
  /** Initial contents of F (states, per-neuron parameters; rows for stimuli and monitors). */
  readonly floats: Float32Array;
  /** Size of I in words. */
  readonly ints: number;
  /** Initial values of I where not zero. */
  readonly intInit: readonly {
    /** Word offset into I. */
    offset: number;
    /** The words written there. */
    values: Uint32Array;
  }[];
  /** Size of A in words. */
  readonly atomics: number;
  /** A words [0, resetWords) are zeroed at the start of every chunk. */
  readonly resetWords: number;
  /** Contents of C: CSR rows, targets, in-degree offsets, weights (float bits), indices. */
  readonly constants: Uint32Array;
  /** One kernel per population, in network order. */
  readonly populations: readonly PopulationPlan[];
  /** One spike-push kernel per connection, in network order. */
  readonly connections: readonly ConnectionPlan[];
  /** Turns spike counts into indirect dispatch sizes; absent without connections. */
  readonly finalize: KernelPlan | undefined;
  /** One kernel per state monitor. */
  readonly stateMonitors: readonly StateMonitorPlan[];
  /** Array stimuli, uploaded a chunk of rows at a time. */
  readonly arrays: readonly ArrayStimulusPlan[];
  /** External stimuli, uploaded every step. */
  readonly externals: readonly ExternalStimulusPlan[];
  /** Synapses per connection and presynaptic population, for event counts. */
  readonly synapses: readonly {
    /** The presynaptic population. */
    readonly pre: string;
    /** Synapses of the connection. */
    readonly count: number;
    /** Size of the presynaptic population. */
    readonly nPre: number;
  }[];
}

export interface ProgramOptions {
  /** Largest number of steps per submission. */
  readonly maxChunk: number;
  /** Words a chunk-sized region (spike stream, array rows, state rows) may take before chunks shrink. */
  readonly regionWords: number;
  /** Limit on one storage binding, in bytes. */
  readonly maxBindingBytes: number;
}

/** A growing region of 32-bit words. */
class Arena {
  words = 0;
  alloc(n: number): number {
    const at = this.words;
    this.words += Math.max(0, Math.ceil(n));
    return at;
  }
}

const f32Bits = (values: ArrayLike<number>, scale = 1): Uint32Array => {
  const f = new Float32Array(values.length);
  for (let k = 0; k < values.length; k++) f[k] = (values[k] as number) * scale;
  return new Uint32Array(f.buffer);
};

/** Chooses the chunk length (steps per submission) so that chunk-sized regions stay bounded. */
function chunkLength(net: BuiltNetwork, o: ProgramOptions): number {
  let chunk = Math.max(1, Math.floor(o.maxChunk));
  const sizeOf = new Map(net.populations.map((p) => [p.name, p.instance.size]));
  const bound = (perStep: number) => {
    chunk = Math.min(chunk, Math.max(1, Math.floor(o.regionWords / Math.max(1, perStep))));
  };
  for (const m of net.monitors) {
    if (m.kind === 'spikes') bound(sizeOf.get(m.population)!);
    else bound((m.indices?.length ?? sizeOf.get(m.population)!) / m.every);
  }
  for (const s of net.stimuli) {
    if (s.kind === 'array') bound(sizeOf.get(s.population)!);
    if (s.kind === 'external') chunk = 1;
  }
  return chunk;
}

/** Lays out the GPU buffers of `net` and prints every kernel's WGSL. Nothing touches a device. */
export function buildProgram(net: BuiltNetwork, options: ProgramOptions): Program {
  const events = net.stimuli.find((s) => s.kind === 'events');
  if (events) throw new ConfigError('unsupported', `stimulus ${events.name}`, 'given events (spike generators) run on the CPU backend; the WebGPU backend does not have them yet');
  const delayed = net.connections.find((c) => c.delay !== 1);
  if (delayed) throw new ConfigError('unsupported', `connection ${delayed.name}.delay`, 'transmission delays other than one step run on the CPU backend; the WebGPU backend does not have them yet');
  const maxChunk = chunkLength(net, options);
  const F = new Arena();
  const I = new Arena();
  const A = new Arena();
  const C = new Arena();
  const floatInit: { offset: number; values: ArrayLike<number> }[] = [];
  const intInit: { offset: number; values: Uint32Array }[] = [];
  const constInit: { offset: number; values: Uint32Array }[] = [];
  const floats = (values: ArrayLike<number>) => {
    const at = F.alloc(values.length);
    floatInit.push({ offset: at, values });
    return at;
  };
  const constants = (values: Uint32Array) => {
    const at = C.alloc(values.length);
    constInit.push({ offset: at, values });
    return at;
  };
  const check = (words: number, what: string) => {
    if (words * 4 > options.maxBindingBytes) {
      throw new ConfigError('too-large', what, `needs ${words * 4} bytes in one GPU buffer; this device allows ${options.maxBindingBytes} (maxStorageBufferBindingSize)`);
    }
  };

  // Per-chunk counters first: one clear resets them all.
  const counts = new Map<string, number>();
  const streamCount = new Map<string, number>();
  const monitored = new Set(net.monitors.filter((m) => m.kind === 'spikes').map((m) => m.population));
  for (const p of net.populations) {
    counts.set(p.name, A.alloc(maxChunk));
    streamCount.set(p.name, monitored.has(p.name) ? A.alloc(1) : -1);
  }
  const resetWords = A.words;

  const popInfo = new Map<string, { spikes: number; lastSpike: number; stream: number; size: number }>();
  for (const p of net.populations) {
    const n = p.instance.size;
    popInfo.set(p.name, {
      size: n,
      spikes: I.alloc(n),
      lastSpike: I.alloc(n),
      stream: monitored.has(p.name) ? I.alloc(maxChunk * n) : -1,
    });
  }

  // Connections: tables in C, event buckets in I, event counters in A.
  const connLayout = net.connections.map((c) => connectionLayout(c, I, A, constants));

  const stimulusRegions = new Map<number, number>();
  const populations: PopulationPlan[] = net.populations.map((p) =>
    populationPlan(net, p, { floats, constants, I, F, connLayout, counts, streamCount, popInfo, maxChunk, stimulusRegions }),
  );

  const connections: ConnectionPlan[] = net.connections.map((c, k) => ({
    name: c.name,
    pre: c.pre,
    kernel: pushKernel(c, connLayout[k]!, counts.get(c.pre)!, popInfo.get(c.pre)!.spikes),
  }));

  const finalize = net.connections.length > 0 ? finalizeKernel(net.connections.map((c) => counts.get(c.pre)!)) : undefined;

  const stateMonitors: StateMonitorPlan[] = net.monitors
    .filter((m): m is StateSink => m.kind === 'state')
    .map((sink) => {
      const pop = populations.find((p) => p.name === sink.population)!;
      const indices = sink.indices ?? Int32Array.from({ length: pop.size }, (_, i) => i);
      const rows = Math.floor((maxChunk - 1) / sink.every) + 1;
      const out = F.alloc(rows * indices.length);
      const idx = constants(Uint32Array.from(indices));
      const u = new Uniforms();
      const firstSlot = u.size;
      const first = u.u32(0);
      const every = u.u32(sink.every);
      const width = u.u32(indices.length);
      const value =
        sink.variable === 'spike'
          ? `select(0.0f, 1.0f, I[${u.u32(pop.lastSpike)} + j] == S.step + 1u)`
          : `F[${u.u32(pop.states.get(sink.variable)!)} + j]`;
      const body = [
        'let k = (wid.x + wid.y * nwg.x) * 64u + lid;',
        `if (k >= ${width}) { return; }`,
        `let j = C[${u.u32(idx)} + k];`,
        `let row = (S.step - ${first}) / ${every};`,
        `F[${u.u32(out)} + row * ${width} + k] = ${value};`,
      ];
      const source = [header(u, 'main'), '@compute @workgroup_size(64)', `fn main(${GRID_ARGS}) {`, ...indent(body), '}'].join('\n');
      return { sink, kernel: { label: `monitor ${sink.population}.${sink.variable}`, source, uniforms: u, layout: 'main' as const }, firstSlot, width: indices.length, out, every: sink.every };
    });

  const arrays: ArrayStimulusPlan[] = [];
  const externals: ExternalStimulusPlan[] = [];
  net.stimuli.forEach((s, k) => {
    const at = stimulusRegions.get(k);
    if (at === undefined) return;
    if (s.kind === 'array') arrays.push({ name: s.name, data: s.data, steps: s.steps, size: popInfo.get(s.population)!.size, offset: at });
    if (s.kind === 'external') externals.push({ buffer: s.buffer, offset: at });
  });

  check(F.words, 'network (float data)');
  check(I.words, 'network (spike lists and event buckets)');
  check(C.words, 'network (connectivity)');
  const floatData = new Float32Array(Math.max(4, F.words));
  for (const { offset, values } of floatInit) floatData.set(values, offset);
  const constData = new Uint32Array(Math.max(4, C.words));
  for (const { offset, values } of constInit) constData.set(values, offset);
  return {
    maxChunk,
    floats: floatData,
    ints: Math.max(4, I.words),
    intInit,
    atomics: Math.max(4, A.words),
    resetWords,
    constants: constData,
    populations,
    connections,
    finalize,
    stateMonitors,
    arrays,
    externals,
    synapses: net.connections.map((c) => ({ pre: c.pre, count: synapseTotal(c.table), nPre: c.table.nPre })),
  };
}

const synapseTotal = (t: SynapseTable): number => {
  if (t.format === 'csr') return t.post.length;
  let n = 0;
  for (let k = 0; k < t.weights.length; k++) if (Math.fround(t.weights[k] as number) !== 0) n++;
  return n;
};

interface ConnLayout {
  readonly format: 'csr' | 'dense';
  readonly nPre: number;
  readonly nPost: number;
  /** C offsets. */
  readonly row: number;
  readonly post: number;
  readonly inStart: number;
  readonly weights: number;
  /** I: event buckets (synapse ids for CSR, presynaptic indices for dense). */
  readonly buckets: number;
  /** A: events pending per target neuron. */
  readonly pending: number;
}

function connectionLayout(c: BuiltConnection, I: Arena, A: Arena, constants: (v: Uint32Array) => number): ConnLayout {
  const t = c.table;
  const pending = A.alloc(t.nPost);
  if (t.format === 'csr') {
    const inDegree = new Uint32Array(t.nPost);
    for (let j = 0; j < t.post.length; j++) inDegree[t.post[j]!]!++;
    const inStart = new Uint32Array(t.nPost);
    let acc = 0;
    for (let i = 0; i < t.nPost; i++) {
      inStart[i] = acc;
      acc += inDegree[i]!;
    }
    return {
      format: 'csr',
      nPre: t.nPre,
      nPost: t.nPost,
      row: constants(Uint32Array.from(t.rowStart)),
      post: constants(Uint32Array.from(t.post)),
      inStart: constants(inStart),
      weights: constants(f32Bits(t.weights, c.sign)),
      buckets: I.alloc(t.post.length),
      pending,
    };
  }
  return {
    format: 'dense',
    nPre: t.nPre,
    nPost: t.nPost,
    row: -1,
    post: -1,
    inStart: -1,
    weights: constants(f32Bits(t.weights, c.sign)),
    buckets: I.alloc(t.nPre * t.nPost),
    pending,
  };
}

/**
 * `sf_r`: a product, rounded to float32 before anything else uses it. OR-ing its bits with a
 * uniform the compiler cannot prove zero (`S.zero` is always 0) stops multiply-add contraction
 * and reassociation, so the GPU rounds every product as the CPU's f32 mode does.
 */
const PRODUCT_ROUNDING = 'fn sf_r(x: f32) -> f32 { return bitcast<f32>(bitcast<u32>(x) | S.zero); }';

/** Entry-point arguments of kernels dispatched over a 2-d grid of 64-thread workgroups. */
const GRID_ARGS = '@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32';

const indent = (lines: readonly string[], by = '  ') => lines.map((l) => by + l);

/** Bindings and helpers shared by every kernel. */
function header(u: Uniforms, layout: 'main' | 'finalize'): string {
  const common = [
    'struct Step { step: u32, t: f32, k: u32, dt: f32, key0: u32, key1: u32, zero: u32, pad: u32 }',
    '@group(0) @binding(0) var<uniform> S: Step;',
    `@group(0) @binding(1) var<uniform> P: array<vec4<u32>, ${u.rows}>;`,
    '@group(0) @binding(3) var<storage, read_write> A: array<atomic<u32>>;',
  ];
  if (layout === 'finalize') return [...common, '@group(0) @binding(6) var<storage, read_write> D: array<u32>;'].join('\n');
  return [
    ...common,
    '@group(0) @binding(2) var<storage, read_write> F: array<f32>;',
    '@group(0) @binding(4) var<storage, read_write> I: array<u32>;',
    '@group(0) @binding(5) var<storage, read> C: array<u32>;',
  ].join('\n');
}

/** Generated identifiers for one model instance's names: `<prefix>_s<k>`, `<prefix>_t<k>`. */
function instanceResolver(
  prefix: string,
  inst: ModelInstance,
  u: Uniforms,
  perNeuron: (name: string, values: Float64Array) => number,
  inputs: ReadonlyMap<string, string>,
): WgslResolve {
  const model = inst.model;
  const temps = new Map<string, string>();
  const scalars = new Map<string, string>();
  return (name, role) => {
    switch (role) {
      case 'parameter':
      case 'derived': {
        let code = scalars.get(name);
        if (code === undefined) {
          const v = inst.values.get(name);
          if (v === undefined) throw new Error(`internal: no value for ${role} of ${model.name}`);
          code = typeof v === 'number' ? u.f32(v) : `F[${u.u32(perNeuron(name, v))} + i]`;
          scalars.set(name, code);
        }
        return code;
      }
      case 'state': {
        const k = model.states.indexOf(name);
        if (k < 0) throw new Error(`internal: unknown state of ${model.name}`);
        return `${prefix}_s${k}`;
      }
      case 'temp': {
        let t = temps.get(name);
        if (t === undefined) {
          t = `${prefix}_t${temps.size}`;
          temps.set(name, t);
        }
        return t;
      }
      case 'dt':
        return 'dt';
      case 'time':
        return 't';
      case 'step':
        return 'stepf';
      case 'weight':
        return 'w';
      case 'input': {
        const code = inputs.get(name);
        if (code === undefined) throw new Error(`internal: unknown input of ${model.name}`);
        return code;
      }
      default:
        throw new Error(`internal: cannot resolve role ${role}`);
    }
  };
}

/** Random calls of one instance: per-neuron draws by neuron index, shared ones once per block. */
function randomPrinter(prefix: string, streamSlot: string | undefined, hoisted: string[]): WgslRandomCall {
  return (fn, site) => {
    if (streamSlot === undefined) return 'sf_bits(0x7fc00000u)';
    const method = fn.startsWith('randn') ? 'sf_normal' : 'sf_uniform';
    if (!fn.endsWith('_shared')) return `${method}(key, ${streamSlot}, step, i, ${site}u)`;
    const name = `${prefix}_r${site}`;
    const line = `let ${name} = ${method}(key, ${streamSlot}, step, ${SHARED_INDEX}u, ${site}u);`;
    if (!hoisted.includes(line)) hoisted.push(line);
    return name;
  };
}

/**
 * Numeric constants of the model IR live in the uniform block, not in the shader text: shader
 * compilers fold and reassociate literal arithmetic (e.g. `0.5 * (dt * k)` → `(0.5 * dt) * k`),
 * which changes float32 rounding; values they cannot see are computed as written, as on the CPU.
 */
function constantPool(u: Uniforms): WgslConstant {
  const slots = new Map<string, string>();
  const bits = new Float32Array(1);
  const word = new Uint32Array(bits.buffer);
  return (value) => {
    bits[0] = value;
    const key = String(word[0]);
    let code = slots.get(key);
    if (code === undefined) {
      code = u.f32(value);
      slots.set(key, code);
    }
    return code;
  };
}

interface PopulationContext {
  readonly floats: (values: ArrayLike<number>) => number;
  readonly constants: (values: Uint32Array) => number;
  readonly I: Arena;
  readonly F: Arena;
  readonly connLayout: readonly ConnLayout[];
  readonly counts: ReadonlyMap<string, number>;
  readonly streamCount: ReadonlyMap<string, number>;
  readonly popInfo: ReadonlyMap<string, { spikes: number; lastSpike: number; stream: number; size: number }>;
  readonly maxChunk: number;
  /** Stimulus index → F offset of its array rows or external values (filled here). */
  readonly stimulusRegions: Map<number, number>;
}

function populationPlan(net: BuiltNetwork, pop: BuiltPopulation, ctx: PopulationContext): PopulationPlan {
  const u = new Uniforms();
  const constant: WgslPrintOptions = { constant: constantPool(u), product: 'sf_r' };
  const inst = pop.instance;
  const model: CompiledModel = inst.model;
  const n = inst.size;
  const info = ctx.popInfo.get(pop.name)!;
  const body: string[] = [];
  const perNeuron = (_name: string, values: Float64Array) => ctx.floats(values);
  const inputTerms = new Map<string, string[]>(model.inputs.map((name) => [name, []]));
  const inputCode = new Map<string, string>(model.inputs.map((name, k) => [name, `in${k}`]));
  const noInputs = new Map<string, string>();

  // Loads a block's states into locals and stores them back.
  const stateBlock = (prefix: string, m: CompiledModel, initial: ReadonlyMap<string, Float64Array>) => {
    const offsets = m.states.map((s) => ctx.floats(initial.get(s)!));
    const slots = offsets.map((o) => u.u32(o));
    return {
      offsets,
      load: m.states.map((_, k) => `var ${prefix}_s${k} = F[${slots[k]} + i];`),
      store: m.states.map((_, k) => `F[${slots[k]} + i] = ${prefix}_s${k};`),
    };
  };

  // Stimuli, in network order.
  const stimulusRegions = ctx.stimulusRegions;
  net.stimuli.forEach((s, k) => {
    if (s.population !== pop.name) return;
    const prefix = `k${k}`;
    if (s.kind === 'array') {
      const at = ctx.F.alloc(ctx.maxChunk * n);
      stimulusRegions.set(k, at);
      body.push(`let ${prefix}_out = F[${u.u32(at)} + S.k * ${u.u32(n)} + i];`);
    } else if (s.kind === 'external') {
      const at = ctx.F.alloc(n);
      stimulusRegions.set(k, at);
      body.push(`let ${prefix}_out = F[${u.u32(at)} + i];`);
    } else if (s.kind === 'model') {
      const hoisted: string[] = [];
      const resolve = instanceResolver(prefix, s.instance, u, perNeuron, noInputs);
      const random = randomPrinter(prefix, u.u32(s.stream), hoisted);
      const block = stateBlock(prefix, s.instance.model, s.instance.initial);
      const steps = printWgslStatements(s.instance.model.step, resolve, random, undefined, constant);
      const out = printWgslExpr(s.instance.model.output!, resolve, random, constant);
      body.push(...block.load, ...hoisted, ...steps, ...block.store, `let ${prefix}_out = ${out};`);
    }
    inputTerms.get(s.input)?.push(`${prefix}_out`);
  });

  // Synapses that target this population: last step's events, output, decay.
  net.connections.forEach((c, k) => {
    if (c.post !== pop.name) return;
    const prefix = `c${k}`;
    const layout = ctx.connLayout[k]!;
    const resolve = instanceResolver(prefix, c.synapse, u, perNeuron, noInputs);
    const random = randomPrinter(prefix, undefined, []);
    const block = stateBlock(prefix, c.synapse.model, c.synapse.initial);
    body.push(...block.load);
    body.push(...consumeEvents(layout, u, printWgslStatements(c.synapse.model.onPre, resolve, random, undefined, constant)));
    body.push(`let ${prefix}_out = ${printWgslExpr(c.synapse.model.output!, resolve, random, constant)};`);
    body.push(...printWgslStatements(c.synapse.model.step, resolve, random, undefined, constant), ...block.store);
    inputTerms.get(c.input)?.push(`${prefix}_out`);
  });

  // Inputs: summed left to right, stimuli then synapses, as on the CPU.
  for (const [name, terms] of inputTerms) body.push(`let ${inputCode.get(name)} = ${terms.length ? terms.join(' + ') : '0.0f'};`);

  // The neuron itself.
  const hoisted: string[] = [];
  const resolve = instanceResolver('n', inst, u, perNeuron, inputCode);
  const random = randomPrinter('n', u.u32(streamId(`population:${pop.name}`)), hoisted);
  const block = stateBlock('n', model, inst.initial);
  const refractory = inst.refractorySteps !== undefined;
  let refEnd = '';
  let refSteps = '';
  if (refractory) {
    refEnd = `I[${u.u32(ctx.I.alloc(n))} + i]`;
    const steps = inst.refractorySteps!;
    refSteps = typeof steps === 'number' ? u.u32(steps) : `C[${u.u32(ctx.constants(Uint32Array.from(steps)))} + i]`;
  }
  const stepLines = printWgslStatements(model.step, resolve, random, (s: Assign) => (refractory && model.clamped.has(s.target) ? 'n_active' : undefined), constant);
  const threshold = printWgslCondition(model.threshold!, resolve, random, constant);
  const reset = printWgslStatements(model.reset, resolve, random, undefined, constant);
  body.push(...block.load);
  if (refractory) body.push(`let n_active = step >= ${refEnd};`);
  body.push(...hoisted, ...stepLines);
  body.push(
    `if (${refractory ? 'n_active && ' : ''}${threshold}) {`,
    ...indent(reset),
    ...(refractory ? [`  ${refEnd} = step + ${refSteps} + 1u;`] : []),
    '  spiked = true;',
    '}',
    ...block.store,
  );

  const size = u.u32(n);
  const lastSpike = u.u32(info.lastSpike);
  const countAt = u.u32(ctx.counts.get(pop.name)!);
  const spikesAt = u.u32(info.spikes);
  const streamed = info.stream >= 0;
  const streamAt = streamed ? u.u32(info.stream) : '';
  const streamCountAt = streamed ? u.u32(ctx.streamCount.get(pop.name)!) : '';
  const main = [
    'let i = (wid.x + wid.y * nwg.x) * 64u + lid;',
    'if (lid == 0u) { atomicStore(&wg_count, 0u); }',
    'workgroupBarrier();',
    'var slot = 0xffffffffu;',
    `if (i < ${size}) {`,
    '  let step = S.step;',
    '  let stepf = f32(step);',
    '  let t = S.t;',
    '  let dt = S.dt;',
    '  let key = vec2<u32>(S.key0, S.key1);',
    '  var spiked = false;',
    ...indent(body),
    '  if (spiked) {',
    '    slot = atomicAdd(&wg_count, 1u);',
    `    I[${lastSpike} + i] = step + 1u;`,
    '  }',
    '}',
    'workgroupBarrier();',
    'if (lid == 0u) {',
    '  let c = atomicLoad(&wg_count);',
    '  if (c > 0u) {',
    `    wg_base = atomicAdd(&A[${countAt} + S.k], c);`,
    ...(streamed ? [`    wg_stream = atomicAdd(&A[${streamCountAt}], c);`] : []),
    '  }',
    '}',
    'workgroupBarrier();',
    'if (slot != 0xffffffffu) {',
    `  I[${spikesAt} + wg_base + slot] = i;`,
    ...(streamed ? [`  I[${streamAt} + wg_stream + slot] = i;`] : []),
    '}',
  ];
  const source = [
    header(u, 'main'),
    PHILOX_WGSL,
    PRINTER_HELPERS,
    PRODUCT_ROUNDING,
    'var<workgroup> wg_count: atomic<u32>;',
    'var<workgroup> wg_base: u32;',
    ...(streamed ? ['var<workgroup> wg_stream: u32;'] : []),
    '@compute @workgroup_size(64)',
    `fn main(${GRID_ARGS}) {`,
    ...indent(main),
    '}',
  ].join('\n');

  return {
    name: pop.name,
    size: n,
    kernel: { label: `population ${pop.name}`, source, uniforms: u, layout: 'main' },
    counts: ctx.counts.get(pop.name)!,
    spikes: info.spikes,
    lastSpike: info.lastSpike,
    states: new Map(model.states.map((s, k) => [s, block.offsets[k]!])),
    stream: info.stream,
    streamCount: ctx.streamCount.get(pop.name)!,
  };
}

/**
 * Applies the events a connection delivered to neuron `i` in the previous step: its bucket holds
 * synapse ids (CSR) or presynaptic indices (dense) in atomic order; an insertion sort restores
 * the CPU's order (spike index, then row position) before the synapse's `onPre` statements run.
 */
function consumeEvents(l: ConnLayout, u: Uniforms, onPre: readonly string[]): string[] {
  const pending = `A[${u.u32(l.pending)} + i]`;
  const base = l.format === 'csr' ? `${u.u32(l.buckets)} + C[${u.u32(l.inStart)} + i]` : `${u.u32(l.buckets)} + i * ${u.u32(l.nPre)}`;
  const weight = l.format === 'csr' ? `C[${u.u32(l.weights)} + key]` : `C[${u.u32(l.weights)} + key * ${u.u32(l.nPost)} + i]`;
  return [
    '{',
    `  let nb = atomicLoad(&${pending});`,
    '  if (nb > 0u) {',
    `    let base = ${base};`,
    '    for (var a = 1u; a < nb; a = a + 1u) {',
    '      let key = I[base + a];',
    '      var b = a;',
    '      loop {',
    '        if (b == 0u) { break; }',
    '        let prev = I[base + b - 1u];',
    '        if (prev <= key) { break; }',
    '        I[base + b] = prev;',
    '        b = b - 1u;',
    '      }',
    '      I[base + b] = key;',
    '    }',
    '    for (var e = 0u; e < nb; e = e + 1u) {',
    '      let key = I[base + e];',
    `      let w = bitcast<f32>(${weight});`,
    ...indent(onPre, '      '),
    '    }',
    `    atomicStore(&${pending}, 0u);`,
    '  }',
    '}',
  ];
}

/** Event-driven delivery of one step's spikes: a workgroup per spike, its threads over the row. */
function pushKernel(c: BuiltConnection, l: ConnLayout, counts: number, spikes: number): KernelPlan {
  const u = new Uniforms();
  const head = [
    'let q = wid.x + wid.y * nwg.x;',
    `if (q >= atomicLoad(&A[${u.u32(counts)} + S.k])) { return; }`,
    `let pre = I[${u.u32(spikes)} + q];`,
  ];
  const pending = u.u32(l.pending);
  const buckets = u.u32(l.buckets);
  const body =
    l.format === 'csr'
      ? [
          `let end = C[${u.u32(l.row)} + pre + 1u];`,
          `for (var j = C[${u.u32(l.row)} + pre] + lid; j < end; j = j + 64u) {`,
          `  let post = C[${u.u32(l.post)} + j];`,
          `  let slot = atomicAdd(&A[${pending} + post], 1u);`,
          `  I[${buckets} + C[${u.u32(l.inStart)} + post] + slot] = j;`,
          '}',
        ]
      : [
          `let n_post = ${u.u32(l.nPost)};`,
          `let row = ${u.u32(l.weights)} + pre * n_post;`,
          'for (var post = lid; post < n_post; post = post + 64u) {',
          '  if (bitcast<f32>(C[row + post]) != 0.0f) {',
          `    let slot = atomicAdd(&A[${pending} + post], 1u);`,
          `    I[${buckets} + post * ${u.u32(l.nPre)} + slot] = pre;`,
          '  }',
          '}',
        ];
  const source = [
    header(u, 'main'),
    '@compute @workgroup_size(64)',
    `fn main(${GRID_ARGS}) {`,
    ...indent([...head, ...body]),
    '}',
  ].join('\n');
  return { label: `connection ${c.name}`, source, uniforms: u, layout: 'main' };
}

/** Turns this step's spike count of each connection's source into its push dispatch size. */
function finalizeKernel(countOffsets: readonly number[]): KernelPlan {
  const u = new Uniforms();
  for (const c of countOffsets) u.u32(c);
  const n = countOffsets.length;
  const source = [
    header(u, 'finalize'),
    '@compute @workgroup_size(64)',
    'fn main(@builtin(global_invocation_id) gid: vec3<u32>) {',
    '  let c = gid.x;',
    `  if (c >= ${n}u) { return; }`,
    '  let count = atomicLoad(&A[P[c >> 2u][c & 3u] + S.k]);',
    '  D[3u * c] = min(count, 65535u);',
    '  D[3u * c + 1u] = max(1u, (count + 65534u) / 65535u);',
    '  D[3u * c + 2u] = 1u;',
    '}',
  ].join('\n');
  return { label: 'finalize', source, uniforms: u, layout: 'finalize' };
}
