import { postVariable, type Assign } from '@spikeflow/core/ir';
import { sharedDrawName, type BlockPlan, type KernelPlan, type PopulationOp, type PopulationPlan } from '@spikeflow/core/plan';
import { SHARED_INDEX } from '@spikeflow/core/rng';
import { deliverEvents } from './events.js';
import type { Arena, ConnLayout } from './layout.js';
import { PHILOX_WGSL } from './philox.js';
import { noRandom, PRINTER_HELPERS, printWgslCondition, printWgslExpr, printWgslStatements, type WgslPrintOptions, type WgslRandomCall, type WgslResolve } from './printer.js';
import { sharedRoles } from './roles.js';
import { Uniforms } from './uniforms.js';
import { constantPool, gridKernel, indent, PRODUCT_ROUNDING, type GpuKernel } from './wgsl.js';

/**
 * A population's kernel, printed from the kernel plan: one thread per neuron runs the population's
 * ops (`plan.populations[p].ops`, in order; one printer per op kind below, as the CPU's JavaScript
 * and WebAssembly emitters do), then the spike is collected: a workgroup counter, then one global
 * atomic per workgroup. Every identifier the ops declare comes from the plan's `InstanceNames`
 * (`_<block>s<k>`, `_in<k>`, …); the fixed ones (`i`, `step`, `t`, `dt`, `w`, `ready`, `spiked`,
 * …) start with a letter, so no model name can collide with either.
 *
 * GPU-specific: values and offsets are uniforms (so the source depends on the model and the
 * layout's shape only), states and per-neuron parameters live in F (allocated on first use, in op
 * order), refractory ends in I as "first active step" (0: none), and a synapse block's states are
 * loaded with the events its connection pushed in the previous step applied ({@link deliverEvents}).
 */

/** The GPU memory a population kernel allocates from and reads. */
export interface PopulationMemory {
  /** The plan's state buffer → its offset in F (filled as states are first loaded). */
  readonly stateOffsets: Map<number, number>;
  /** Stimulus index → F offset of its array rows or external values (filled by `array`/`external` ops). */
  readonly stimulusRegions: Map<number, number>;
  /** Allocates `values` in F; returns the offset. */
  readonly floats: (values: ArrayLike<number>) => number;
  /** Allocates `values` in C; returns the offset. */
  readonly constants: (values: Uint32Array) => number;
  /** F, for regions without initial values. */
  readonly F: Arena;
  /** I, for refractory ends. */
  readonly I: Arena;
  /** Connection index → F offset of its summed expression's sums (gap junctions), one per postsynaptic neuron. */
  readonly summed: ReadonlyMap<number, number>;
  /** Connection layouts, by plan connection index. */
  readonly connections: readonly ConnLayout[];
  /** Steps per submission (rows of array stimuli). */
  readonly maxChunk: number;
}

/** Where a population's spikes go. */
export interface SpikeOutputs {
  /** A: spike count of step k of the chunk at `counts + k`. */
  readonly counts: number;
  /** I: this step's spike list, or a ring of `slots` lists (slot = step % slots; see events.ts). */
  readonly spikes: number;
  /** Spike lists kept: the longest delay of the population's outgoing connections (1: none). */
  readonly slots: number;
  /** A: ring of spike counts, filled by the finalize dispatch, or -1 (slots = 1). */
  readonly ring: number;
  /** I: step + 1 of each neuron's last spike (0: never). */
  readonly lastSpike: number;
  /** I: the chunk's spikes, step after step (spike monitors), or -1. */
  readonly stream: number;
  /** A: how many spikes the stream holds, or -1. */
  readonly streamCount: number;
}

/** One population's kernel and where its data are. */
export interface PopulationProgram extends SpikeOutputs {
  /** The population's name. */
  readonly name: string;
  /** Number of neurons. */
  readonly size: number;
  /** Steps the population by one step. */
  readonly kernel: GpuKernel;
  /** F: offset of each state variable's array. */
  readonly states: ReadonlyMap<string, number>;
}

/** Prints population `pop`'s kernel from its ops. */
export function populationProgram(plan: KernelPlan, pop: PopulationPlan, mem: PopulationMemory, out: SpikeOutputs): PopulationProgram {
  const u = new Uniforms();
  const options: WgslPrintOptions = { constant: constantPool(u), product: 'sf_r' };
  const n = pop.size;
  const hoisted: string[] = [];
  const resolvers = new Map<BlockPlan, WgslResolve>();
  const streams = new Map<number, string>();
  let refEnd = '';

  const resolverOf = (block: BlockPlan): WgslResolve => {
    let r = resolvers.get(block);
    if (!r) resolvers.set(block, (r = resolver(block, block.role === 'neuron' ? pop.inputs : new Map(), u, mem.floats, pop.neuron)));
    return r;
  };
  // Random draws as on the CPU: every block draws from its stream (a synapse block's update and
  // output per postsynaptic neuron i); onPre has none (compileModel refuses them there). A
  // stream's uniform slot is taken at its first draw: blocks without draws take none.
  const randomOf = (block: BlockPlan, draws = true): WgslRandomCall => {
    if (!draws) return noRandom;
    const slot = () => {
      let s = streams.get(block.stream);
      if (s === undefined) streams.set(block.stream, (s = u.u32(block.stream)));
      return s;
    };
    return randomCalls(block.stream, slot, hoisted);
  };
  const statements = (block: BlockPlan, stmts: readonly Assign[], guard?: (s: Assign) => string | undefined, draws = true) =>
    printWgslStatements(stmts, resolverOf(block), randomOf(block, draws), guard, options);
  const stateAt = (buffer: number, initial: Float64Array) => {
    let at = mem.stateOffsets.get(buffer);
    if (at === undefined) mem.stateOffsets.set(buffer, (at = mem.floats(initial)));
    return u.u32(at);
  };

  const printers: { readonly [K in PopulationOp['op']]: (op: Extract<PopulationOp, { op: K }>) => string[] } = {
    load: ({ block }) => {
      const lines = [...block.states].map(([name, k]) => `var ${block.names.state(name)} = F[${stateAt(k, plan.buffers[k]!.initial)} + i];`);
      const c = block.role === 'synapse' ? plan.connections.find((x) => x.synapse === block) : undefined;
      // A plastic connection's events are applied by its plastic kernel (plastic.ts) at the end of the step that pushed them.
      if (c && !block.instance.model.plasticity) lines.push(...deliverEvents(mem.connections[c.index]!, u, statements(block, block.instance.model.onPre, undefined, false)));
      return lines;
    },
    store: ({ block }) => [...block.states].map(([name, k]) => `F[${stateAt(k, plan.buffers[k]!.initial)} + i] = ${block.names.state(name)};`),
    step: ({ block, guarded }) => {
      const { clamped } = block.instance.model;
      return statements(block, block.instance.model.step, (s) => (guarded && clamped.has(s.target) ? 'ready' : undefined));
    },
    output: ({ block }) => [`let ${block.names.output} = ${printWgslExpr(block.instance.model.output!, resolverOf(block), randomOf(block), options)};`],
    array: ({ stimulus, term }) => {
      const at = mem.F.alloc(mem.maxChunk * n);
      mem.stimulusRegions.set(stimulus, at);
      return [`let ${term} = F[${u.u32(at)} + S.k * ${u.u32(n)} + i];`];
    },
    external: ({ stimulus, term }) => {
      const at = mem.F.alloc(n);
      mem.stimulusRegions.set(stimulus, at);
      return [`let ${term} = F[${u.u32(at)} + i];`];
    },
    // Given events: the neuron's next event (offsets[i] + passed) against this step (or its remainder
    // by the period, whose first step starts the neuron's list again). `passed` lives in I (zero
    // at the start, so no initial upload; checkpoints carry it with the rest of I).
    events: ({ stimulus, term }) => {
      const s = plan.stimuli[stimulus]!;
      if (s.kind !== 'events') throw new Error(`internal: stimulus ${s.name} is not given events`);
      const passed = `I[${u.u32(mem.I.alloc(n))} + i]`;
      const offsets = u.u32(mem.constants(Uint32Array.from(s.offsets)));
      const steps = u.u32(mem.constants(Uint32Array.from(s.steps)));
      const local = s.periodSteps > 0 ? `step % ${u.u32(s.periodSteps)}` : 'step';
      return [
        `let ${term}l = ${local};`,
        `var ${term}p = ${s.periodSteps > 0 ? `select(${passed}, 0u, ${term}l == 0u)` : passed};`,
        `let ${term}c = C[${offsets} + i] + ${term}p;`,
        `var ${term} = 0.0f;`,
        `if (${term}c < C[${offsets} + i + 1u] && C[${steps} + ${term}c] == ${term}l) { ${term} = ${u.f32(s.value)}; ${term}p = ${term}p + 1u; }`,
        `${passed} = ${term}p;`,
      ];
    },
    // Poisson input: k = first + #{thresholds <= Philox word 0}, a binary search on u32 as on the
    // CPU (the thresholds as constants), then k·weight rounded once (sf_r: no fused multiply-add).
    'poisson-input': ({ stimulus, term }) => {
      const s = plan.stimuli[stimulus]!;
      if (s.kind !== 'poisson-input') throw new Error(`internal: stimulus ${s.name} is not a Poisson input`);
      const table = u.u32(mem.constants(s.table.thresholds.length ? s.table.thresholds : new Uint32Array(1)));
      return [
        `let ${term}w = sf_philox(vec4<u32>(i, step, 0u, ${u.u32(s.stream)}), key).x;`,
        `var ${term}l = 0u;`,
        `var ${term}h = ${u.u32(s.table.thresholds.length)};`,
        `while (${term}l < ${term}h) { let ${term}m = (${term}l + ${term}h) >> 1u; if (C[${table} + ${term}m] <= ${term}w) { ${term}l = ${term}m + 1u; } else { ${term}h = ${term}m; } }`,
        `let ${term} = sf_r(f32(${u.u32(s.table.first)} + ${term}l) * ${u.f32(s.weight)});`,
      ];
    },
    // Computed by the connection's summed kernel (summed.ts) at the start of the step.
    summed: ({ connection, term }) => [`let ${term} = F[${u.u32(mem.summed.get(connection)!)} + i];`],
    // Summed left to right, each partial sum rounded to float32, as on the CPU.
    sum: ({ name, terms }) => [`let ${name} = ${terms.length ? terms.join(' + ') : '0.0f'};`],
    refractory: () => {
      refEnd = `I[${u.u32(mem.I.alloc(n))} + i]`;
      return [`let ready = step >= ${refEnd};`];
    },
    fire: ({ block, jumps }) => {
      const model = block.instance.model;
      const threshold = printWgslCondition(model.threshold!, resolverOf(block), randomOf(block), options);
      const reset = statements(block, model.reset);
      const test = `${pop.refractory ? 'ready && ' : ''}${threshold}`;
      // Poisson inputs land after the threshold test and before the reset (Brian2's order), as on the CPU.
      const lines = jumps.length ? [`let fires = ${test};`, ...jumps.map((j) => `${block.names.state(j.variable)} = ${block.names.state(j.variable)} + ${j.term};`)] : [];
      lines.push(`if (${jumps.length ? 'fires' : test}) {`, ...indent(reset));
      if (pop.refractory) {
        const steps = block.instance.refractorySteps!;
        const refSteps = typeof steps === 'number' ? u.u32(steps) : `C[${u.u32(mem.constants(Uint32Array.from(steps)))} + i]`;
        lines.push(`  ${refEnd} = step + ${refSteps} + 1u;`);
      }
      return [...lines, '  spiked = true;', '}'];
    },
  };
  const print = <K extends PopulationOp['op']>(op: Extract<PopulationOp, { op: K }>) => (printers[op.op] as (o: typeof op) => string[])(op);
  const body = pop.ops.flatMap((op) => print(op));
  const source = gridKernel(u, kernelDeclarations(out.stream >= 0), collectSpikes(u, n, out, [...hoisted, ...body]));
  const states = new Map([...pop.neuron.states].map(([name, k]) => [name, mem.stateOffsets.get(k)!]));
  return { name: pop.name, size: n, kernel: { label: `population ${pop.name}`, source, uniforms: u, layout: 'main' }, ...out, states };
}

/** A block's references: its states and temporaries by generated name, values as uniforms or F arrays. */
function resolver(
  block: BlockPlan,
  inputs: ReadonlyMap<string, string>,
  u: Uniforms,
  floats: (values: ArrayLike<number>) => number,
  /** The population's neuron block: a synapse's `<variable>_post` reads are its state locals (loaded first). */
  neuron: BlockPlan,
): WgslResolve {
  const { names, instance } = block;
  const shared = sharedRoles(instance, names, u, floats);
  return (name, role) => {
    switch (role) {
      case 'state':
        return names.state(name);
      case 'post':
        return neuron.names.state(postVariable(name));
      case 'input': {
        const code = inputs.get(name);
        if (code === undefined) throw new Error(`internal: unknown input of ${instance.model.name}`);
        return code;
      }
      default: {
        const code = shared(name, role);
        if (code === undefined) throw new Error(`internal: cannot resolve role ${role}`);
        return code;
      }
    }
  };
}

/** Random calls of one stream: per-neuron draws by neuron index, shared ones once per thread, named as on the CPU. */
function randomCalls(stream: number, slot: () => string, hoisted: string[]): WgslRandomCall {
  return (fn, site) => {
    const method = fn.startsWith('randn') ? 'sf_normal' : 'sf_uniform';
    if (!fn.endsWith('_shared')) return `${method}(key, ${slot()}, step, i, ${site}u)`;
    const name = sharedDrawName(stream, site);
    const line = `let ${name} = ${method}(key, ${slot()}, step, ${SHARED_INDEX}u, ${site}u);`;
    if (!hoisted.includes(line)) hoisted.push(line);
    return name;
  };
}

/** Helpers and workgroup variables of a population kernel. */
const kernelDeclarations = (streamed: boolean): string[] => [
  PHILOX_WGSL,
  PRINTER_HELPERS,
  PRODUCT_ROUNDING,
  'var<workgroup> wg_count: atomic<u32>;',
  'var<workgroup> wg_base: u32;',
  ...(streamed ? ['var<workgroup> wg_stream: u32;'] : []),
];

/** `main`: the per-neuron `body` for neurons below `n`, then spike collection (and the spike stream, when monitored). */
function collectSpikes(u: Uniforms, n: number, out: SpikeOutputs, body: readonly string[]): string[] {
  const streamed = out.stream >= 0;
  const size = u.u32(n);
  const lastSpike = u.u32(out.lastSpike);
  const countAt = u.u32(out.counts);
  const spikesAt = out.slots > 1 ? `${u.u32(out.spikes)} + (S.step % ${u.u32(out.slots)}) * ${size}` : u.u32(out.spikes);
  const streamAt = streamed ? u.u32(out.stream) : '';
  const streamCountAt = streamed ? u.u32(out.streamCount) : '';
  return [
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
}
