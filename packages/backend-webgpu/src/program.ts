import { ConfigError, type StateSink } from '@spikeflow/core';
import { checkPlasticConnection, type BuiltNetwork } from '@spikeflow/core/backend';
import { buildPlan, type KernelPlan } from '@spikeflow/core/plan';
import { finalizeKernel, pushKernel, type SpikeSource } from './events.js';
import { Arena, checkBinding, chunkLength, connectionLayout, synapseTotal, type ProgramOptions } from './layout.js';
import { stateMonitorProgram, type StateMonitorProgram } from './monitors.js';
import { populationProgram, type PopulationProgram, type SpikeOutputs } from './population.js';
import { summedProgram, type SummedProgram } from './summed.js';
import type { GpuKernel } from './wgsl.js';
import { plasticKernel, plasticLayout, pushTraceJumps, type PlasticLayout } from './plastic.js';

export type { ProgramOptions } from './layout.js';
export type { PopulationProgram } from './population.js';
export type { StateMonitorProgram } from './monitors.js';
export type { SummedProgram } from './summed.js';

/**
 * The GPU program of a network: the kernel plan (`@spikeflow/core/plan`) laid out in GPU memory
 * (layout.ts: the F, A, I and C arenas) with its initial contents, and its kernels: one per
 * population printed from the plan's ops (population.ts), one event push per connection and
 * delay group and a finalize dispatch (events.ts), one per state monitor (monitors.ts). Every
 * kernel reads the per-step uniform `S` (at a dynamic offset: many steps per submission) and its
 * own `P`.
 *
 * Per step: every summed expression (gap junctions; summed.ts: one thread per postsynaptic
 * neuron sums its synapses in CSR order from the states at the start of the step); every population's kernel (apply last step's synaptic events in presynaptic order,
 * then the plan's ops: stimuli, synapse outputs and decay, input sums, integration, threshold,
 * reset, refractoriness; then spike collection); one `finalize` dispatch turning spike counts
 * into indirect dispatch sizes; one event-driven `push` per connection and delay group (delay d:
 * the spikes of step s − d + 1, from a ring of spike lists as long as the population's longest
 * outgoing delay); state monitors; one plastic kernel per plastic (STDP) connection (plastic.ts:
 * its events' `onPre`, then its postsynaptic spikes' traces and `onPost`, in the CPU's order).
 */

/** A plastic connection's kernel and where its weights are. */
export interface PlasticProgram extends PlasticLayout {
  /** Postsynaptic neurons: one thread each. */
  readonly nPost: number;
  /** Applies the step's events and postsynaptic spikes to the weights. */
  readonly kernel: GpuKernel;
}

/** The spike push of one connection's delay group (one per connection without per-synapse delays). */
export interface ConnectionProgram {
  /** The connection's name. */
  readonly name: string;
  /** Its presynaptic population. */
  readonly pre: string;
  /** The group's delay in steps: at step s it pushes the spikes of step s − delay + 1. */
  readonly delay: number;
  /** Appends the group's events to the targets' buckets. */
  readonly kernel: GpuKernel;
}

/** An array stimulus, uploaded a chunk of rows at a time. */
export interface ArrayStimulusProgram {
  /** The stimulus's name. */
  readonly name: string;
  /** Its rows, step after step. */
  readonly data: Float64Array;
  /** Number of rows. */
  readonly steps: number;
  /** Values per row. */
  readonly size: number;
  /** F: `maxChunk` rows of `size`. */
  readonly offset: number;
}

/** An external stimulus, uploaded every step. */
export interface ExternalStimulusProgram {
  /** The host buffer. */
  readonly buffer: Float64Array;
  /** F: where it goes. */
  readonly offset: number;
}

/**
 * What {@link buildProgram} returns: the buffers' sizes and initial contents, and every kernel.
 * Offsets are in 32-bit words into the buffer named in each part's comments (F, A, I, C).
 */
export interface Program {
  /** Steps per queue submission (bounded by the options' region size). */
  readonly maxChunk: number;
  /** Initial contents of F (states, per-neuron parameters; rows for stimuli and monitors). */
  readonly floats: Float32Array;
  /** Size of I in words (all zero at first). */
  readonly ints: number;
  /** Size of A in words. */
  readonly atomics: number;
  /** A words [0, resetWords) are zeroed at the start of every chunk. */
  readonly resetWords: number;
  /** Contents of C: CSR rows, targets, in-degree offsets, weights (float bits), indices. */
  readonly constants: Uint32Array;
  /** One kernel per population, in network order. */
  readonly populations: readonly PopulationProgram[];
  /** Summed expressions (gap junctions), in connection order: dispatched first in every step. */
  readonly summed: readonly SummedProgram[];
  /** One spike-push kernel per connection and delay group, in network order, then ascending delay. */
  readonly connections: readonly ConnectionProgram[];
  /** Turns spike counts into indirect dispatch sizes; absent without connections. */
  readonly finalize: GpuKernel | undefined;
  /** One kernel per state monitor. */
  readonly stateMonitors: readonly StateMonitorProgram[];
  /** One kernel per plastic connection, in network order, run after the monitors of every step. */
  readonly plastic: readonly PlasticProgram[];
  /** Array stimuli, uploaded a chunk of rows at a time. */
  readonly arrays: readonly ArrayStimulusProgram[];
  /** External stimuli, uploaded every step. */
  readonly externals: readonly ExternalStimulusProgram[];
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

/** Lays out the GPU buffers of `net`'s kernel plan and prints every kernel's WGSL. Nothing touches a device. */
export function buildProgram(net: BuiltNetwork, options: ProgramOptions): Program {
  // Per-synapse variables, weight equations and reward statements run on the CPU backend only.
  const stateful = net.connections.find((c) => {
    const p = c.synapse.model.plasticity;
    return p !== undefined && (p.synapseState.length > 0 || p.weight !== undefined || p.reward !== undefined);
  });
  if (stateful) {
    const p = stateful.synapse.model.plasticity!;
    const what = [...(['event', 'clock'] as const).map((kind) => {
        const vars = p.synapseState.filter((v) => (v.clock === true) === (kind === 'clock'));
        return vars.length > 0 ? `${kind === 'clock' ? 'clock-driven ' : ''}per-synapse variables (${vars.map((v) => v.name).join(', ')})` : '';
      }), p.weight ? 'a weight equation' : '', p.reward ? 'reward statements' : ''].filter(Boolean).join(', ');
    throw new ConfigError('unsupported', `connection ${stateful.name}.synapse`, `synapse model ${stateful.synapse.model.name} has ${what}: they run on the CPU backend (f64); the WebGPU backend does not have them yet`);
  }
  const plan: KernelPlan = buildPlan(net);
  const isPlastic = (c: KernelPlan['connections'][number]) => c.synapse.instance.model.plasticity !== undefined;
  for (const c of plan.connections) if (isPlastic(c)) checkPlasticConnection(c.built, c.groups.length, { inhibitoryWithoutW: false });
  const maxChunk = chunkLength(net, options);
  const F = new Arena();
  const I = new Arena();
  const A = new Arena();
  const C = new Arena();
  const floatInit: { offset: number; values: ArrayLike<number> }[] = [];
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

  // Per-chunk counters first: one clear resets them all.
  const monitored = new Set(net.monitors.filter((m) => m.kind === 'spikes').map((m) => m.population));
  const counters = plan.populations.map((p) => ({ counts: A.alloc(maxChunk), streamCount: monitored.has(p.name) ? A.alloc(1) : -1 }));
  const resetWords = A.words;
  // Spike lists (and, past one, a ring of counts after the per-chunk counters) for the longest outgoing delay.
  const slots = plan.populations.map((p) => Math.max(1, ...plan.connections.filter((c) => c.pre === p.index).flatMap((c) => c.groups.map((g) => g.delay))));
  const outputs = plan.populations.map((p, k): SpikeOutputs => ({
    ...counters[k]!,
    spikes: I.alloc(slots[k]! * p.size),
    slots: slots[k]!,
    ring: slots[k]! > 1 ? A.alloc(slots[k]!) : -1,
    lastSpike: I.alloc(p.size),
    stream: monitored.has(p.name) ? I.alloc(maxChunk * p.size) : -1,
  }));

  // Connections: tables in C, event buckets in I, event counters in A.
  const connLayout = plan.connections.map((c) => connectionLayout(c.built, c.groups, I, A, constants));
  const plasticLayouts = new Map(plan.connections.filter(isPlastic).map((c) => [c.index, plasticLayout(c.built, net.dt, floats, F, I, constants)]));

  // Summed expressions (gap junctions): one F region of sums per connection, read by its target's kernel.
  const summedRegions = new Map(plan.connections.flatMap((c) => (c.summed ? [[c.index, F.alloc(c.summed.colStart.length - 1)] as const] : [])));
  const memory = { stateOffsets: new Map<number, number>(), stimulusRegions: new Map<number, number>(), summed: summedRegions, floats, constants, F, I, connections: connLayout, maxChunk };
  const populations = plan.populations.map((p) => populationProgram(plan, p, memory, outputs[p.index]!));
  // Printed after the populations, which place every state in F.
  const summed = plan.connections.flatMap((c) => (c.summed ? [summedProgram(plan, c, { ...memory, out: summedRegions.get(c.index)! })] : []));

  // One push per connection and delay group; synapse ids run over the groups in order (layout.ts).
  const sourceOf = (pre: number): SpikeSource => ({ ...outputs[pre]!, size: plan.populations[pre]!.size });
  const pushes = plan.connections.flatMap((c) => c.groups.map((g, k) => ({ c, group: k, delay: g.delay, src: sourceOf(c.pre) })));
  const connections: ConnectionProgram[] = pushes.map(({ c, group, delay, src }) => ({
    name: c.name,
    pre: net.populations[c.pre]!.name,
    delay,
    kernel: pushKernel(c.name, connLayout[c.index]!, group, delay, src, plasticLayouts.has(c.index) ? pushTraceJumps(plasticLayouts.get(c.index)!) : undefined),
  }));
  const plastic = plan.connections.filter(isPlastic).map((c): PlasticProgram => {
    const p = plasticLayouts.get(c.index)!;
    return { ...p, nPost: c.built.table.nPost, kernel: plasticKernel(plan, c, connLayout[c.index]!, p, memory, outputs[c.post]!.lastSpike) };
  });
  const finalize = pushes.length > 0 ? finalizeKernel(pushes, constants) : undefined;

  const stateMonitors = net.monitors
    .filter((m): m is StateSink => m.kind === 'state')
    .map((sink) => stateMonitorProgram(sink, populations.find((p) => p.name === sink.population)!, maxChunk, (words) => F.alloc(words), constants));

  const arrays: ArrayStimulusProgram[] = [];
  const externals: ExternalStimulusProgram[] = [];
  net.stimuli.forEach((s, k) => {
    const at = memory.stimulusRegions.get(k);
    if (at === undefined) return;
    if (s.kind === 'array') arrays.push({ name: s.name, data: s.data, steps: s.steps, size: populations.find((p) => p.name === s.population)!.size, offset: at });
    if (s.kind === 'external') externals.push({ buffer: s.buffer, offset: at });
  });

  checkBinding(F.words, 'network (float data)', options);
  checkBinding(I.words, 'network (spike lists and event buckets)', options);
  checkBinding(C.words, 'network (connectivity)', options);
  const floatData = new Float32Array(Math.max(4, F.words));
  for (const { offset, values } of floatInit) floatData.set(values, offset);
  const constData = new Uint32Array(Math.max(4, C.words));
  for (const { offset, values } of constInit) constData.set(values, offset);
  return {
    maxChunk,
    floats: floatData,
    ints: Math.max(4, I.words),
    atomics: Math.max(4, A.words),
    resetWords,
    constants: constData,
    populations,
    summed,
    connections,
    finalize,
    stateMonitors,
    plastic,
    arrays,
    externals,
    synapses: net.connections.map((c) => ({ pre: c.pre, count: synapseTotal(c.table), nPre: c.table.nPre })),
  };
}
