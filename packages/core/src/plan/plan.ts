// Over 400 lines on purpose: the plan's types (ops, phases, buffers) are the one documented vocabulary every backend's emitters read; its builder is short.
import type { Assign, Expr } from '../expr/ir.js';
import type { ModelInstance } from '../model/instance.js';
import type { BuiltConnection, BuiltNetwork, BuiltStimulus, MonitorSink } from '../network/types.js';
import type { CsrTable, SynapseTable } from '../network/synapse-table.js';
import { streamId } from '../rng/philox.js';
import { InstanceNames, inputName } from './names.js';
import { bySource, type SummedSynapses } from './summed.js';

export type { SummedSynapses } from './summed.js';

/**
 * The kernel plan: what one simulation step does, compiled once per simulation from the built
 * network and its compiled models, before anything is allocated or emitted. It is the same for
 * every backend: each backend lays it out in its own memory (the CPU's plan/layout.ts and
 * allocate.ts, the WebGPU buffer arenas), then its emitters walk it (JavaScript and WebAssembly in
 * backend-cpu, WGSL in backend-webgpu). Setup reads in one direction: plan → layout/allocate →
 * emit → run.
 *
 * - `blocks`: every model instance (neuron model, current source, post-synaptic model) with its
 *   generated identifiers ({@link InstanceNames}) and its state buffers;
 * - `buffers`: every model state array the step reads or writes, named, sized and with its
 *   initial value, in allocation order — snapshot/restore or NaN checks find state here. What a
 *   population owns besides model state (its spike list, where its neurons' refractory periods
 *   end) is a backend's representation and lives in that backend's layout;
 * - `populations[p].ops`: the fused per-neuron program of population p, in order: the neuron's
 *   states loaded (synapse blocks read them as `<variable>_post`: role `post`, resolved to the
 *   neuron block's locals), every synapse block loaded (on WebGPU, where the previous step's events
 *   are applied), stimulus outputs, synapse outputs and decay, input sums, integration,
 *   threshold/reset/refractoriness and spike collection. Every emitter walks it, one printer per
 *   op kind;
 * - `connections[c].summed`: a connection whose synapse model has a `summed` expression (a gap
 *   junction) holds its synapses by postsynaptic neuron, in CSR order: a `summed` phase before
 *   the populations evaluates the expression per synapse from the states at the start of the
 *   step and sums it per postsynaptic neuron, in that order, into a buffer of the backend's; the
 *   target population's program reads it (op `summed`) as one term of the fed input;
 * - a connection whose synapse model has clock-driven per-synapse variables (a saturating NMDA
 *   synapse) advances them every step in a `synapse-advance` phase, after the `summed` phases (which
 *   read them as they were at the start of the step) and before the populations: Brian2's order,
 *   where summed-variable updates run just before the groups' state updates. The variables are
 *   per synapse, so they live in the backend's synapse storage, not in `buffers`;
 * - `phases`: the ordered phases of one step, each with the state buffers it reads and writes.
 *
 * A feature is added here once (a new op or phase, new buffers) and then to each emitter's
 * printer for that op.
 */
export interface KernelPlan {
  /** Time step in ms, from the network. */
  readonly dt: number;
  /** The network's seed; every random stream derives from it. */
  readonly seed: number;
  /** Every model instance: neuron models, then stimulus models, then synapse models (a synapse block's `post` reads resolve to its target population's neuron block). */
  readonly blocks: readonly BlockPlan[];
  /** Every array the step reads or writes, in allocation order. */
  readonly buffers: readonly BufferPlan[];
  /** One fused per-neuron program per population, in network order. */
  readonly populations: readonly PopulationPlan[];
  /** One spike propagation per connection, in network order. */
  readonly connections: readonly ConnectionPlan[];
  /** The network's stimuli as built, in network order. */
  readonly stimuli: readonly BuiltStimulus[];
  /** Monitors that receive spikes and states after each step. */
  readonly monitors: readonly MonitorSink[];
  /** What one step does, in order. */
  readonly phases: readonly Phase[];
  /**
   * How many steps of spikes every population keeps, in a ring indexed by step % spikeSlots: the
   * longest delay + 1, at least 2 (a step's spikes are read by propagation while the next step's
   * are written: with threads, a fast thread may be a step ahead of a slow one).
   */
  readonly spikeSlots: number;
}

/** One model instance in the plan. */
export interface BlockPlan {
  /** Position in {@link KernelPlan.blocks}. */
  readonly index: number;
  /** Whose model it is: a population's neuron model, a stimulus model or a connection's synapse model. */
  readonly role: 'neuron' | 'stimulus' | 'synapse';
  /** For messages: `population ep1`, `stimulus ep1.noise`, `connection ep1->ip1`. */
  readonly label: string;
  /** The compiled model with its size and per-neuron values. */
  readonly instance: ModelInstance;
  /** Random stream of the instance's own draws. */
  readonly stream: number;
  /** Identifiers the emitters generate for this instance (locals, parameters, output). */
  readonly names: InstanceNames;
  /** State variable → buffer index, in the model's order. */
  readonly states: ReadonlyMap<string, number>;
}

/**
 * One model state array of the simulation: one element per neuron (or per postsynaptic neuron of
 * a connection), in the simulation's number format.
 */
export interface BufferPlan {
  /** Position in {@link KernelPlan.buffers}. */
  readonly index: number;
  /** Human name: `ep1.v`, `ep1->ip1.s`. */
  readonly name: string;
  /** What it holds: a model's state variable. */
  readonly kind: 'state';
  /** Number of elements (the population's size). */
  readonly length: number;
  /** Initial contents: one value per element. */
  readonly initial: Float64Array;
  /** The block it belongs to (index into {@link KernelPlan.blocks}). */
  readonly block: number;
}

/** One step of a population's fused per-neuron program. */
export type PopulationOp =
  /** Load the block's states of neuron i into locals. */
  | {
      /** Which op. */
      readonly op: 'load';
      /** The instance whose states are loaded. */
      readonly block: BlockPlan;
    }
  /** The model's per-step statements; clamped states skip refractory neurons when `guarded`. */
  | {
      /** Which op. */
      readonly op: 'step';
      /** The instance stepped. */
      readonly block: BlockPlan;
      /** Whether clamped states skip refractory neurons. */
      readonly guarded: boolean;
    }
  /** The block's output expression, into the local `block.names.output`. */
  | {
      /** Which op. */
      readonly op: 'output';
      /** The instance whose output is computed. */
      readonly block: BlockPlan;
    }
  /** Store the block's state locals back. */
  | {
      /** Which op. */
      readonly op: 'store';
      /** The instance whose states are stored. */
      readonly block: BlockPlan;
    }
  /** A user array stimulus's value for (step, i) or an external buffer's value for i, as `term`. */
  | {
      /** Which op: a user array or an external buffer. */
      readonly op: 'array' | 'external';
      /** Index of the stimulus in {@link KernelPlan.stimuli}. */
      readonly stimulus: number;
      /** Generated name of the local that holds the value. */
      readonly term: string;
    }
  /**
   * Given events (spike generators), as `term`: with `local` the step (its remainder by the
   * period, when there is one; a period's first step moves the cursor back to the neuron's first
   * event), `term` is the stimulus's value when the neuron's next event (`steps[cursor[i]]`) is
   * due at `local` — and the cursor moves on — else 0. Each backend keeps the cursors (one
   * integer per neuron, starting at `offsets[i]`) in its own layout, and in its checkpoints.
   */
  | {
      /** Which op. */
      readonly op: 'events';
      /** Index of the stimulus in {@link KernelPlan.stimuli}. */
      readonly stimulus: number;
      /** Generated name of the local that holds the value. */
      readonly term: string;
    }
  /**
   * A Poisson input's draw (Brian2's `PoissonInput`), as `term`: k = `first` + the number of the
   * stimulus's binomial thresholds ≤ word 0 of Philox (i, step, site 0, its stream) — integer
   * comparisons only, so every backend draws the same k — and `term` = k·weight. The `fire` op adds
   * it to the neuron's variable (its `jumps`).
   */
  | {
      /** Which op. */
      readonly op: 'poisson-input';
      /** Index of the stimulus in {@link KernelPlan.stimuli}. */
      readonly stimulus: number;
      /** Generated name of the local that holds k·weight. */
      readonly term: string;
    }
  /**
   * The sum of connection `connection`'s `summed` expression over the synapses onto neuron i, as
   * `term` (computed by the `summed` phase at the start of the step; the backend keeps it).
   */
  | {
      /** Which op. */
      readonly op: 'summed';
      /** Index of the connection in {@link KernelPlan.connections}. */
      readonly connection: number;
      /** Generated name of the local that holds the value. */
      readonly term: string;
    }
  /** `name = terms[0] + terms[1] + …`, left to right (the input `input` of the neuron model). */
  | {
      /** Which op. */
      readonly op: 'sum';
      /** The neuron model's input it feeds. */
      readonly input: string;
      /** Generated name of the sum. */
      readonly name: string;
      /** Generated names of the summed terms, in order. */
      readonly terms: readonly string[];
    }
  /**
   * `active`: whether neuron i's refractory period has ended by this step (how and where the
   * end is stored is the backend's: the CPU keeps the last refractory step, the GPU the first
   * active one).
   */
  | {
      /** Which op. */
      readonly op: 'refractory';
    }
  /** Threshold test (in active neurons); where it holds: reset statements, refractory period starts, spike collected. */
  | {
      /** Which op. */
      readonly op: 'fire';
      /** The neuron model instance whose threshold is tested. */
      readonly block: BlockPlan;
      /**
       * Poisson inputs: `variable += term` in every neuron (refractory ones too, as in Brian2)
       * after the threshold test and before the reset — Brian2's `synapses` slot, so a reset that
       * sets the variable discards the step's input of a neuron that spiked. In stimulus order.
       */
      readonly jumps: readonly {
        /** The neuron model's state variable that jumps. */
        readonly variable: string;
        /** Generated name of the local holding the jump (from the stimulus's op). */
        readonly term: string;
      }[];
    };

/** One population's part of the step: its neuron block and its fused per-neuron program. */
export interface PopulationPlan {
  /** Position in {@link KernelPlan.populations} (and in the network). */
  readonly index: number;
  /** The population's name. */
  readonly name: string;
  /** Number of neurons. */
  readonly size: number;
  /** The population's neuron model instance. */
  readonly neuron: BlockPlan;
  /** The per-neuron program, in order. */
  readonly ops: readonly PopulationOp[];
  /** Neuron model input → generated name of its sum. */
  readonly inputs: ReadonlyMap<string, string>;
  /** Whether the neuron model has a refractory period (the ops then hold a `refractory` op). */
  readonly refractory: boolean;
}

/** One connection's spike propagation: from the spikes of `pre` into the synapse states of `post`. */
export interface ConnectionPlan {
  /** Position in {@link KernelPlan.connections} (and in the network). */
  readonly index: number;
  /** The connection's name, e.g. `ep1->ip1`. */
  readonly name: string;
  /** Index of the presynaptic population. */
  readonly pre: number;
  /** Index of the postsynaptic population. */
  readonly post: number;
  /** The synapse model instance (one per postsynaptic neuron). */
  readonly synapse: BlockPlan;
  /** The connection as built: its table of synapses and weights. */
  readonly built: BuiltConnection;
  /**
   * The synapses by delay, in increasing delay: one group (the whole table) when the connection
   * has one delay, else one CSR table per distinct delay. At step s, the group with delay d
   * propagates the presynaptic spikes of step s − d + 1, so they act from step s + 1 on.
   */
  readonly groups: readonly DelayGroup[];
  /** The synapses by postsynaptic neuron, when the synapse model has a `summed` expression. */
  readonly summed?: SummedSynapses;
}


/** The synapses of a connection that share one delay. */
export interface DelayGroup {
  /** Delay in steps, ≥ 1. */
  readonly delay: number;
  /** These synapses (weights as built, before the presynaptic sign). */
  readonly table: SynapseTable;
}

/**
 * One phase of a step, with the state buffers (indices into {@link KernelPlan.buffers}) it reads
 * and writes. The populations phase also writes every population's spike list and refractory
 * ends; a propagation reads its presynaptic population's spike list.
 */
export type Phase =
  | {
      /** Every population's per-neuron program. */
      readonly kind: 'populations';
      /** State buffers read. */
      readonly reads: readonly number[];
      /** State buffers written. */
      readonly writes: readonly number[];
    }
  | {
      /**
       * One connection's spike propagation (its `onPre` statements, per spike and synapse). A
       * voltage-jump synapse (`v_post += w`) also writes its target neuron's state: at step s, the
       * spikes of step s − d + 1 move `v` of their targets, which the populations phase of step
       * s + 1 integrates (on the GPU, the events are applied when the target's kernel loads the
       * synapse block, before it integrates: the same values).
       */
      readonly kind: 'propagate';
      /** Index of the connection. */
      readonly connection: number;
      /** Index of the population whose spikes it reads. */
      readonly pre: number;
      /** State buffers written. */
      readonly writes: readonly number[];
    }
  | {
      /**
       * A connection's `summed` expression, evaluated per synapse and summed per postsynaptic
       * neuron (into a buffer of the backend's), from the states at the start of the step: it
       * runs before the populations phase.
       */
      readonly kind: 'summed';
      /** Index of the connection. */
      readonly connection: number;
      /** State buffers read (the presynaptic and postsynaptic neurons' and the synapse block's). */
      readonly reads: readonly number[];
    }
  | {
      /**
       * A connection's clock-driven per-synapse variables advanced by one step (the synapse
       * model's `plasticity.clock` statements, per synapse, in any order: each synapse's update
       * reads only its own variables, its weight and its postsynaptic neuron's state at the start
       * of the step). After the `summed` phases, before the populations phase.
       */
      readonly kind: 'synapse-advance';
      /** Index of the connection. */
      readonly connection: number;
      /** State buffers read (the postsynaptic neurons', for `<variable>_post`). */
      readonly reads: readonly number[];
    }
  | {
      /** Monitors receive this step's spikes and states. */
      readonly kind: 'monitors';
      /** State buffers read. */
      readonly reads: readonly number[];
    };

/** Builds the plan of `net`. Nothing is allocated. */
export function buildPlan(net: BuiltNetwork): KernelPlan {
  const blocks: BlockPlan[] = [];
  const buffers: BufferPlan[] = [];
  const buffer = (b: Omit<BufferPlan, 'index'>) => buffers.push({ ...b, index: buffers.length }) - 1;
  const block = (role: BlockPlan['role'], label: string, short: string, instance: ModelInstance, stream: number): BlockPlan => {
    const index = blocks.length;
    const states = new Map<string, number>();
    for (const [name, init] of instance.initial) states.set(name, buffer({ name: `${short}.${name}`, kind: 'state', length: instance.size, initial: init, block: index }));
    const b: BlockPlan = { index, role, label, instance, stream, names: new InstanceNames(index, instance), states };
    blocks.push(b);
    return b;
  };
  const popIndex = new Map(net.populations.map((p, k) => [p.name, k]));

  // Neuron blocks first (in population order), then stimuli, then synapses: the allocation order.
  const neurons = net.populations.map((p) => block('neuron', `population ${p.name}`, p.name, p.instance, streamId(`population:${p.name}`)));
  const stimulusBlocks = net.stimuli.map((s) => (s.kind === 'model' ? block('stimulus', `stimulus ${s.name}`, s.name, s.instance, s.stream) : undefined));
  const connections: ConnectionPlan[] = net.connections.map((c, k) => ({
    index: k,
    name: c.name,
    pre: popIndex.get(c.pre)!,
    post: popIndex.get(c.post)!,
    // One random stream per connection: its update statements and output draw per (postsynaptic neuron, step, site).
    synapse: block('synapse', `connection ${c.name}`, c.name, c.synapse, streamId(`connection:${c.name}`)),
    built: c,
    groups: delayGroups(c),
    ...(c.synapse.model.summed ? { summed: bySource(c) } : {}),
  }));
  const spikeSlots = Math.max(2, ...connections.flatMap((c) => c.groups.map((g) => g.delay + 1)));

  const populations = net.populations.map((p, index): PopulationPlan => {
    const inst = p.instance;
    const neuron = neurons[index]!;
    const refractory = inst.refractorySteps !== undefined;
    // The neuron's states are loaded first: synapse outputs and updates read them as `<variable>_post`
    // (the values at the start of the step, before the neuron integrates).
    const ops: PopulationOp[] = [{ op: 'load', block: neuron }];
    // Every synapse block is loaded before any output is computed: a backend that applies the
    // previous step's events when a synapse block is loaded (WebGPU) has then applied every
    // voltage jump (`v_post += w`) before any output reads `v_post`, as the CPU, which applies them
    // in the previous step's propagation, has.
    const incoming = connections.filter((c) => c.post === index);
    for (const c of incoming) ops.push({ op: 'load', block: c.synapse });
    const terms = new Map<string, string[]>(inst.model.inputs.map((name) => [name, []]));
    const jumps: { variable: string; term: string }[] = [];
    net.stimuli.forEach((s, k) => {
      if (s.population !== p.name) return;
      const b = stimulusBlocks[k];
      if (s.kind === 'poisson-input') {
        ops.push({ op: 'poisson-input', stimulus: k, term: `_x${k}` });
        jumps.push({ variable: s.variable, term: `_x${k}` });
        return;
      }
      if (s.kind === 'model') ops.push({ op: 'load', block: b! }, { op: 'step', block: b!, guarded: false }, { op: 'output', block: b! }, { op: 'store', block: b! });
      else ops.push({ op: s.kind, stimulus: k, term: `_x${k}` });
      terms.get(s.input)?.push(b ? b.names.output : `_x${k}`);
    });
    for (const c of incoming) {
      if (c.summed) {
        const term = `_g${c.index}`;
        ops.push({ op: 'summed', connection: c.index, term });
        terms.get(c.built.input)?.push(term);
      }
      // The output is read before this step's decay: it carries spikes up to the previous step.
      // A voltage-jump synapse (onPre writes `v_post`) may have no output: it feeds no input.
      const output = c.synapse.instance.model.output !== undefined;
      if (output) ops.push({ op: 'output', block: c.synapse });
      ops.push({ op: 'step', block: c.synapse, guarded: false }, { op: 'store', block: c.synapse });
      if (output) terms.get(c.built.input)?.push(c.synapse.names.output);
    }
    const inputs = new Map<string, string>();
    [...terms].forEach(([input, list], k) => {
      inputs.set(input, inputName(k));
      ops.push({ op: 'sum', input, name: inputName(k), terms: list });
    });
    if (refractory) ops.push({ op: 'refractory' });
    ops.push({ op: 'step', block: neuron, guarded: refractory }, { op: 'fire', block: neuron, jumps }, { op: 'store', block: neuron });
    return { index, name: p.name, size: inst.size, neuron, ops, inputs, refractory };
  });

  const statesOf = (bs: readonly (BlockPlan | undefined)[]) => bs.flatMap((b) => (b ? [...b.states.values()] : []));
  const allStates = statesOf(blocks);
  const phases: Phase[] = [
    ...connections.flatMap((c): Phase[] => (c.summed ? [{ kind: 'summed', connection: c.index, reads: [...neurons[c.pre]!.states.values(), ...neurons[c.post]!.states.values(), ...c.synapse.states.values()] }] : [])),
    ...connections.flatMap((c): Phase[] => ((c.synapse.instance.model.plasticity?.clock.length ?? 0) > 0 ? [{ kind: 'synapse-advance', connection: c.index, reads: [...neurons[c.post]!.states.values()] }] : [])),
    { kind: 'populations', reads: allStates, writes: allStates },
    ...connections.map((c): Phase => ({ kind: 'propagate', connection: c.index, pre: c.pre, writes: [...c.synapse.states.values(), ...c.synapse.instance.model.postWrites.map((v) => neurons[c.post]!.states.get(v)!)] })),
    { kind: 'monitors', reads: allStates },
  ];
  return { dt: net.dt, seed: net.seed, blocks, buffers, populations, connections, stimuli: net.stimuli, monitors: net.monitors, phases, spikeSlots };
}

/** A connection's synapses split by delay (CSR rows keep their order within each group). */
function delayGroups(c: BuiltConnection): DelayGroup[] {
  if (typeof c.delay === 'number') return [{ delay: c.delay, table: c.table }];
  const t = c.table as CsrTable;
  const delays = [...new Set(c.delay)].sort((a, b) => a - b);
  return delays.map((delay) => {
    const rowStart = new Uint32Array(t.nPre + 1);
    const keep: number[] = [];
    for (let pre = 0; pre < t.nPre; pre++) {
      for (let k = t.rowStart[pre]!; k < t.rowStart[pre + 1]!; k++) if ((c.delay as Int32Array)[k] === delay) keep.push(k);
      rowStart[pre + 1] = keep.length;
    }
    const table: CsrTable = { format: 'csr', nPre: t.nPre, nPost: t.nPost, rowStart, post: Uint32Array.from(keep, (k) => t.post[k]!), weights: Float64Array.from(keep, (k) => t.weights[k]!) };
    return { delay, table };
  });
}

/** The IR a block runs per element in a population kernel (what {@link blockCode} returns). */
export interface BlockCode {
  /** Statement lists: a neuron's step and reset, a stimulus's or synapse's step. */
  readonly statements: readonly (readonly Assign[])[];
  /** Expressions: a neuron's threshold, a stimulus's or synapse's output. */
  readonly expressions: readonly Expr[];
}

/** Every expression and statement list of a block that runs per element in a population kernel. */
export function blockCode(b: BlockPlan): BlockCode {
  const m = b.instance.model;
  if (b.role === 'neuron') return { statements: [m.step, m.reset], expressions: m.threshold ? [m.threshold] : [] };
  return { statements: [m.step], expressions: m.output ? [m.output] : [] };
}
