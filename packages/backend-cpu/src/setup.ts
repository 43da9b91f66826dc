import { ConfigError, type StateSink } from '@spikeflow/core';
import { checkPlasticConnection, type BuiltConnection, type BuiltNetwork, type ModelInstance } from '@spikeflow/core/backend';
import { CounterRng } from '@spikeflow/core/rng';
import { Memory, type Values } from './buffers.js';
import type { Precision } from './precision.js';
import { buildPlan, type KernelPlan } from '@spikeflow/core/plan';
import { allocate, blockStates, partitionBounds, type Allocation } from './plan/allocate.js';
import { layoutPlan, type CpuLayout } from './plan/layout.js';
import { populationKernelSource } from './js/population.js';
import { propagateKernelSource } from './js/propagate.js';
import type { KernelSource } from './js/bindings.js';
import { storeSynapses, storedBytes, weightBytes, type StoredSynapses, type WeightStorage } from './synapse-storage.js';
import { arenaBytes, CONSTANT_TABLE, CountingMemory, WasmArena } from './wasm/arena.js';
import { populationEligible, propagationEligible, type Eligibility } from './wasm/eligible.js';
import { populationWasmFunction } from './wasm/population.js';
import { propagateWasmFunction } from './wasm/propagate.js';
import { allocateStepLoop, stepLoopBytes, stepModuleBytes, type StepLoop } from './wasm/step-module.js';
import type { WasmFunction } from './wasm/assembler.js';
import type { PartitionInit, PartitionRecorder } from './partition.js';
import { CMD, ctlLength } from './step-loop.js';
import { partitionPlasticity, type PartitionPlasticity } from './plastic.js';
import { postSpikeKernelSource } from './js/post-spike.js';
import { summedKernelSource } from './js/summed.js';
import { synapseAdvanceSource } from './js/synapse-advance.js';
import { rewardKernelSource } from './js/reward.js';

export interface SetupOptions {
  readonly weights?: WeightStorage;
  readonly wasm?: boolean;
}

/** A simulation, set up: the plan, its CPU layout, its allocated buffers and every partition's emitted kernels. */
export interface Setup {
  readonly plan: KernelPlan;
  readonly layout: CpuLayout;
  readonly alloc: Allocation;
  readonly partitions: readonly PartitionInit[];
  /** Per population: partition boundaries. */
  readonly bounds: readonly (readonly number[])[];
  /** Rows of recorded state values per value sink (by parity), filled by the partitions. */
  readonly rows: readonly (readonly Float64Array[])[];
  readonly valueSinks: readonly StateSink[];
  readonly synapses: number;
  readonly synapseBytes: number;
  /** Of synapseBytes: plastic connections' transposed index (column offsets, synapse and presynaptic indices), per-synapse variables and last-event steps, and traces. */
  readonly plasticBytes: number;
  readonly totalBytes: number;
  readonly wasmPopulations: number;
  /** What runs as what, including every JavaScript fallback and its reason. */
  readonly description: string;
  /** Plastic connections by name: their table and every partition's stored slice (weights written by the kernels). */
  readonly plastic: ReadonlyMap<string, PlasticSetup>;
}

/** A plastic connection as set up: its table, every partition's stored slice and plastic state, and (reward-modulated models) every partition's reward kernel source. */
export interface PlasticSetup {
  readonly built: BuiltConnection;
  readonly slices: readonly StoredSynapses[];
  readonly bounds: readonly number[];
  readonly partitions: readonly PartitionPlasticity[];
  /** Per partition, the reward delivery (compiled on the main thread when first used). */
  readonly reward?: readonly KernelSource[];
}

/**
 * Plan → layout → allocate → emit, the same for one thread and for N: one partition per thread, each
 * owning a contiguous slice of every population (one partition: all of it).
 */
export function setup(net: BuiltNetwork, fmt: Precision, threads: number, options: SetupOptions = {}): Setup {
  const T = threads;
  if (T > 1) {
    for (const s of net.stimuli) {
      if (s.kind === 'external') throw new ConfigError('unsupported', `stimulus ${s.name}`, 'external input buffers (the stepping API) need the one-threaded CPU backend; leave out the threads option');
    }
  }
  const plan = buildPlan(net);
  const layout = layoutPlan(plan);
  const mode = options.weights ?? 'auto';
  const memory = new Memory(T > 1);
  const popElig: Eligibility[] = plan.populations.map((p) => (fmt.name !== 'f64' ? { ok: false, reason: 'f32 mode' } : options.wasm === false ? { ok: false, reason: 'wasm: false' } : populationEligible(plan, p)));
  const anyWasm = popElig.some((e) => e.ok);
  // The whole step in one WebAssembly function (wasm/step-module.ts): every kernel WebAssembly
  // (propagation checked below), no summed expressions and no state values to record each step.
  const fusable = anyWasm && popElig.every((e) => e.ok) && plan.connections.every((c) => !c.summed) && !net.monitors.some((m) => m.kind === 'state' && m.variable !== 'spike');
  const arena = anyWasm ? new WasmArena(arenaSize(plan, layout, fmt, mode, T) + (fusable ? stepLoopBytes(plan, T) : 0), T > 1) : undefined;
  const alloc = allocate(layout, fmt, arena ?? memory);
  const bounds = plan.populations.map((p) => partitionBounds(p.size, T));
  const P = plan.populations.length;
  // Control words and counts in the arena, where the fused step loop uses them.
  const ctl = (arena ?? memory).alloc(Int32Array, ctlLength(T));
  const cmd = memory.alloc(Float64Array, CMD.LENGTH);
  const counts = (arena ?? memory).alloc(Int32Array, plan.spikeSlots * P * T);
  const arrays = new Map<number, Values>();
  const arrayData = (k: number, data: Float64Array) => {
    if (!arrays.has(k)) arrays.set(k, T > 1 ? memory.values(fmt, data) : fmt.convert(data));
    return arrays.get(k)!;
  };
  const rng = new CounterRng(net.seed);

  // Per connection and delay group, each partition's slice of synapses (by postsynaptic neuron).
  let synapses = 0;
  let synapseBytes = 0;
  let outsideArena = 0;
  const links = propagationLinks(plan);
  const isPlastic = (c: KernelPlan['connections'][number]) => c.synapse.instance.model.plasticity !== undefined;
  for (const c of plan.connections) if (isPlastic(c)) checkPlasticConnection(c.built, c.groups.length, { inhibitoryWithoutW: true });
  for (const c of plan.connections) {
    const p = c.synapse.instance.model.plasticity;
    // Per-synapse variables, weight equations and rewards keep float64 values (JavaScript kernels only).
    if (p && fmt.name !== 'f64' && (p.synapseState.length > 0 || p.weight || p.reward)) {
      throw new ConfigError('unsupported', `connection ${c.name}`, `synapse model ${c.synapse.instance.model.name} has per-synapse variables, a weight equation or reward statements: they run in the f64 CPU mode only`);
    }
  }
  const stored: StoredSynapses[][] = links.map(({ c, built }) => {
    const post = bounds[c.post]!;
    if (isPlastic(c)) {
      // Own weights per partition (float64; float32 in the f32 mode), outside the WebAssembly arena: only JavaScript kernels write them.
      return post.slice(0, T).map((lo, u) => {
        const s = storeSynapses(built, fmt, mode, memory, lo, post[u + 1]!, true);
        synapseBytes += storedBytes(s);
        outsideArena += storedBytes(s);
        synapses += s.format === 'csr' ? s.count : 0;
        return s;
      });
    }
    if (built.table.format === 'dense') {
      const whole = storeSynapses(built, fmt, mode, memory);
      synapseBytes += storedBytes(whole);
      outsideArena += storedBytes(whole);
      const w = whole.weight as Values;
      for (let k = 0; k < w.length; k++) if (w[k] !== 0) synapses++;
      return post.slice(0, T).map((lo, u) => ({ ...whole, lo, hi: post[u + 1]! }));
    }
    return post.slice(0, T).map((lo, u) => {
      const s = storeSynapses(built, fmt, mode, arena ?? memory, lo, post[u + 1]!);
      synapseBytes += storedBytes(s);
      if (!arena) outsideArena += storedBytes(s);
      synapses += s.format === 'csr' ? s.count : 0;
      return s;
    });
  });
  // Gap junctions (summed expressions) keep their synapses by target (the plan's arrays) instead.
  for (const c of plan.connections) {
    // A plastic model's summed expression walks its stored synapses (counted above).
    if (!c.summed || isPlastic(c)) continue;
    synapses += c.summed.pre.length;
    synapseBytes += c.summed.colStart.byteLength + c.summed.pre.byteLength + c.summed.weights.byteLength;
    outsideArena += c.summed.colStart.byteLength + c.summed.pre.byteLength + c.summed.weights.byteLength;
  }
  const noArena: Eligibility = { ok: false, reason: fmt.name !== 'f64' ? 'f32 mode' : options.wasm === false ? 'wasm: false' : 'no population kernel is WebAssembly, so no WebAssembly memory' };
  const propElig = links.map(({ c }, k): Eligibility => (isPlastic(c) ? { ok: false, reason: plasticReason(c.synapse.instance.model) } : arena ? propagationEligible(c.synapse.instance.model.onPre, stored[k]![0]!) : noArena));
  const plasticity: (PartitionPlasticity[] | undefined)[] = links.map(({ c, built }, k) =>
    isPlastic(c) ? stored[k]!.map((s, u) => partitionPlasticity(built, s, bounds[c.post]![u]!, bounds[c.post]![u + 1]!, net.dt, memory, fmt)) : undefined,
  );
  // Plastic state counts as synapse storage: the transposed index (one column offset per
  // postsynaptic neuron, a synapse and a presynaptic index per synapse), per-synapse variables
  // besides w and the step of each synapse's last event, and the traces.
  let plasticBytes = 0;
  for (const parts of plasticity) {
    for (const p of parts ?? []) {
      plasticBytes += p.colStart.byteLength + p.synapse.byteLength + p.pre.byteLength + p.lastEvent.byteLength;
      for (const v of p.vars) plasticBytes += v.values.byteLength;
      for (const tr of p.traces) plasticBytes += tr.values.byteLength + tr.last.byteLength;
    }
  }
  synapseBytes += plasticBytes;
  outsideArena += plasticBytes;

  const copies = new Map<unknown, Float64Array>();
  const withoutRandom = ({ source, bindings }: KernelSource): KernelSource => {
    const { R: _r, ...rest } = bindings;
    return { source, bindings: rest };
  };
  const views = plan.populations.map((p, k) => layout.populations[k]!.spikes.map((buf) => bounds[k]!.slice(0, T).map((lo, u) => (alloc.arrays[buf] as Int32Array).subarray(lo, bounds[k]![u + 1]))));

  // State monitors: each partition copies its own neurons' values into a row per parity.
  const popIndex = new Map(plan.populations.map((p) => [p.name, p.index]));
  const valueSinks = net.monitors.filter((m): m is StateSink => m.kind === 'state' && m.variable !== 'spike');
  const rows = valueSinks.map((sink) => {
    const n = sink.indices?.length ?? plan.populations[popIndex.get(sink.population)!]!.size;
    return [memory.alloc(Float64Array, n), memory.alloc(Float64Array, n)];
  });
  const recordersFor = (w: number): PartitionRecorder[] =>
    valueSinks.map((sink, r) => {
      const pop = plan.populations[popIndex.get(sink.population)!]!;
      const [lo, hi] = [bounds[pop.index]![w]!, bounds[pop.index]![w + 1]!];
      const indices = sink.indices ?? Int32Array.from({ length: pop.size }, (_, i) => i);
      const positions: number[] = [];
      indices.forEach((i, k) => i >= lo && i < hi && positions.push(k));
      const state = blockStates(pop.neuron, alloc).get(sink.variable)!;
      return { every: sink.every, state, positions: Int32Array.from(positions), neurons: Int32Array.from(positions, (k) => indices[k]!), rows: rows[r]! };
    });

  const fused = fusable && propElig.every((e) => e.ok) ? allocateStepLoop(plan, arena!, { counts, ctl }, views, links.map(({ c, delay }) => ({ pre: c.pre, delay })), T) : undefined;
  const partitions = Array.from({ length: T }, (_, w): PartitionInit => {
    // This partition's WebAssembly kernels, all in one module.
    const popWasm = plan.populations.map((p, k): WasmFunction | undefined => (arena && popElig[k]!.ok ? populationWasmFunction(plan, p, alloc, arena, bounds[k]![w]!, bounds[k]![w + 1]!, copies) : undefined));
    const linkWasm = links.map(({ c }, k): WasmFunction | undefined =>
      arena && propElig[k]!.ok ? propagateWasmFunction({ names: c.synapse.names, instance: c.synapse.instance, states: blockStates(c.synapse, alloc) }, stored[k]![w]!, arena, copies, blockStates(plan.populations[c.post]!.neuron, alloc)) : undefined,
    );
    const loop: StepLoop | undefined = fused?.loops[w];
    const module = arena && (popWasm.some(Boolean) || linkWasm.some(Boolean)) ? stepModuleBytes(popWasm, linkWasm, { shared: arena.shared, pages: arena.pages }, loop) : undefined;
    return {
      seed: net.seed,
      threads: T,
      thread: w,
      dt: net.dt,
      ctl,
      cmd,
      counts,
      slots: plan.spikeSlots,
      populations: plan.populations.map((p, k) => ({
        kernel: popWasm[k] ? { export: `p${k}` } : withoutRandom(populationKernelSource(plan, p, alloc, rng, fmt, bounds[k]![w]!, bounds[k]![w + 1]!, arrayData)),
        views: views[k]!,
      })),
      connections: links.map(({ c, delay }, k): PartitionInit['connections'][number] => {
        const block = { names: c.synapse.names, instance: c.synapse.instance, states: blockStates(c.synapse, alloc) };
        // A voltage-jump synapse (`v_post += w`) writes its target neuron's states, at the synapse's post index.
        const post = blockStates(plan.populations[c.post]!.neuron, alloc);
        const s = stored[k]![w]!;
        const p = plasticity[k]?.[w];
        // A model without onPost statements (e.g. Tsodyks–Markram: per-synapse state only) has no post-spike phase.
        const onPost = p && c.synapse.instance.model.plasticity!.onPost.length > 0;
        if (p) return { kernel: withoutRandom(propagateKernelSource(block, fmt, s, post, p)), pre: c.pre, delay, ...(onPost ? { postSpikes: { kernel: withoutRandom(postSpikeKernelSource(block, s.weight as Float64Array | Float32Array, p, fmt)), post: c.post } } : {}) };
        return { kernel: linkWasm[k] ? { export: `c${k}` } : withoutRandom(propagateKernelSource(block, fmt, s, post)), pre: c.pre, delay };
      }),
      // Summed expressions (gap junctions): each partition sums onto its own postsynaptic neurons.
      summed: plan.connections.flatMap((c) => {
        if (!c.summed) return [];
        const [lo, hi] = [bounds[c.post]![w]!, bounds[c.post]![w + 1]!];
        const synapse = { names: c.synapse.names, instance: c.synapse.instance, states: blockStates(c.synapse, alloc) };
        const neuron = (p: number) => blockStates(plan.populations[p]!.neuron, alloc);
        const out = alloc.arrays[layout.summed.get(c.index)!] as Values;
        // A plastic model (per-synapse variables: NMDA's g_syn) reads its partition's stored synapses (one delay group: one link).
        const k = links.findIndex((l) => l.c === c);
        const own = k >= 0 ? plasticity[k]?.[w] : undefined;
        const plastic = own ? { partition: own, weights: stored[k]![w]!.weight as Float64Array | Float32Array } : undefined;
        return [withoutRandom(summedKernelSource({ synapse, synapses: c.summed, pre: neuron(c.pre), post: neuron(c.post), out, lo, hi, dt: net.dt, ...(plastic ? { plastic } : {}) }, fmt))];
      }),
      // Clock-driven per-synapse variables (NMDA's g_syn and x): each partition advances its own synapses.
      advance: links.flatMap(({ c }, k) => {
        const p = plasticity[k]?.[w];
        if (!p || c.synapse.instance.model.plasticity!.clock.length === 0) return [];
        const block = { names: c.synapse.names, instance: c.synapse.instance, states: blockStates(c.synapse, alloc) };
        return [withoutRandom(synapseAdvanceSource(block, stored[k]![w]!, p, blockStates(plan.populations[c.post]!.neuron, alloc), net.dt))];
      }),
      ...(arena ? { memory: arena.memory } : {}),
      ...(module ? { module } : {}),
      ...(fused ? { fused: { logs: fused.logs } } : {}),
      recorders: recordersFor(w),
    };
  });

  const totalBytes = (arena ? arena.memory.buffer.byteLength : alloc.arrays.reduce((n, a) => n + a.byteLength, 0)) + outsideArena;
  return {
    plan,
    layout,
    alloc,
    partitions,
    bounds,
    rows,
    valueSinks,
    synapses,
    synapseBytes,
    plasticBytes,
    totalBytes,
    wasmPopulations: popElig.filter((e) => e.ok).length,
    plastic: new Map(
      links.flatMap(({ c, built }, k): [string, PlasticSetup][] => {
        if (!isPlastic(c)) return [];
        const block = { names: c.synapse.names, instance: c.synapse.instance, states: blockStates(c.synapse, alloc) };
        const parts = plasticity[k]!;
        const reward = c.synapse.instance.model.plasticity!.reward ? parts.map((p, u) => withoutRandom(rewardKernelSource(block, stored[k]![u]!.weight as Float64Array, p))) : undefined;
        return [[c.name, { built, slices: stored[k]!, bounds: bounds[c.post]!, partitions: parts, ...(reward ? { reward } : {}) }]];
      }),
    ),
    description: describe(plan, fmt, T, popElig, plan.connections.map((c) => propElig.find((e, k) => links[k]!.c === c && !e.ok) ?? propElig[links.findIndex((l) => l.c === c)]!)) + (fused ? '; step loop in WebAssembly' : ''),
  };
}

/** Why a plastic connection's propagation is JavaScript: its weights change, it has per-synapse variables, or both. */
function plasticReason(model: ModelInstance['model']): string {
  const p = model.plasticity!;
  const weights = p.weight !== undefined || [...model.onPre, ...p.onPost, ...(p.reward ?? [])].some((a) => a.target === 'w');
  const vars = p.synapseState.length > 0;
  return weights && vars ? 'plastic weights and per-synapse variables' : vars ? 'per-synapse variables' : 'plastic weights';
}

/** Bytes the WebAssembly arena needs: the layout's buffers, copied parameters, constant tables, sparse tables. */
function arenaSize(plan: KernelPlan, layout: CpuLayout, fmt: Precision, mode: WeightStorage, T: number): number {
  const counting = new CountingMemory();
  allocate(layout, fmt, counting);
  let bytes = counting.bytes + T * plan.populations.length * arenaBytes(8, CONSTANT_TABLE) + arenaBytes(4, plan.spikeSlots * plan.populations.length * T) + arenaBytes(4, ctlLength(T));
  const count = (inst: ModelInstance) => {
    for (const v of inst.values.values()) if (typeof v !== 'number') bytes += arenaBytes(8, v.length);
    if (inst.refractorySteps !== undefined && typeof inst.refractorySteps !== 'number') bytes += arenaBytes(8, inst.refractorySteps.length);
  };
  for (const b of plan.blocks) count(b.instance);
  for (const { built } of propagationLinks(plan)) {
    const t = built.table;
    if (t.format !== 'csr') continue;
    const wb = weightBytes(t, fmt, mode);
    bytes += arenaBytes(4, t.nPre + 1) + arenaBytes(4, t.post.length) + (wb ? arenaBytes(wb, t.post.length) : 0);
    if (T > 1) bytes += T * (arenaBytes(4, t.nPre + 1) + 64);
  }
  return bytes;
}

/**
 * What propagation runs, in order: every connection's delay groups (plan.ts), each with the
 * connection as built but holding only that group's synapses. A connection whose synapse model
 * has no `onPre` statements (a gap junction: only a summed expression) propagates nothing.
 */
function propagationLinks(plan: KernelPlan): { c: KernelPlan['connections'][number]; delay: number; built: BuiltConnection }[] {
  const propagates = (c: KernelPlan['connections'][number]) => c.synapse.instance.model.onPre.length > 0 || c.synapse.instance.model.plasticity !== undefined;
  return plan.connections.filter(propagates).flatMap((c) => c.groups.map((g) => ({ c, delay: g.delay, built: c.groups.length === 1 ? c.built : { ...c.built, table: g.table } })));
}

function describe(plan: KernelPlan, fmt: Precision, T: number, pops: readonly Eligibility[], props: readonly (Eligibility | undefined)[]): string {
  const list = (items: { name: string; e: Eligibility }[], ok: boolean) => items.filter((x) => x.e.ok === ok).map((x) => (x.e.ok ? x.name : `${x.name} (${(x.e as { reason: string }).reason})`));
  const ps = plan.populations.map((p, k) => ({ name: p.name, e: pops[k]! }));
  const cs = plan.connections.flatMap((c, k) => (props[k] ? [{ name: c.name, e: props[k] }] : []));
  const summed = plan.connections.filter((c) => c.summed).map((c) => c.name);
  const clocked = plan.connections.filter((c) => (c.synapse.instance.model.plasticity?.clock.length ?? 0) > 0).map((c) => c.name);
  const part = (what: string, items: { name: string; e: Eligibility }[]) => {
    const w = list(items, true);
    const j = list(items, false);
    return [w.length ? `${what} in WebAssembly: ${w.join(', ')}` : '', j.length ? `${what} in JavaScript: ${j.join(', ')}` : ''].filter(Boolean);
  };
  return [`CPU ${fmt.name}, ${T} thread${T > 1 ? 's' : ''}`, ...part('populations', ps), ...part('propagation', cs), ...(summed.length ? [`summed expressions in JavaScript: ${summed.join(', ')}`] : []), ...(clocked.length ? [`clock-driven synapse variables in JavaScript: ${clocked.join(', ')}`] : [])].join('; ');
}
