import { SpikeflowError, type Network } from '@spikeflow/core';
import { plasticityKind, type BuiltNetwork, type ModelInstance, type SynapseTable } from '@spikeflow/core/backend';
import { materialize } from '@spikeflow/stimuli';

/** Why a network cannot be exported: every blocker, each naming the part of the network at fault. */
export class ExportError extends SpikeflowError {
  constructor(
    /** The engine exported to: `NEURON` or `Brian2`. */
    readonly target: string,
    /** Every feature without an exact equivalent, each naming the population, connection or stimulus. */
    readonly blockers: readonly string[],
  ) {
    super('not-exportable', `cannot export to ${target}: ${blockers.length} feature(s) have no exact equivalent:\n${blockers.map((b) => `  - ${b}`).join('\n')}`);
    this.name = 'ExportError';
  }
}

/** One incoming connection of a population, as a numbered input slot of its mechanism. */
export interface SlotPlan {
  /** Number of the slot, from 0, in spikeflow's connection order. */
  readonly slot: number;
  /** Name of the connection, e.g. `ip1->ep1`. */
  readonly connection: string;
  /** The connection's synapse model instance (one per target neuron). */
  readonly synapse: ModelInstance;
  /** The neuron model's input its output adds to, e.g. `I`. */
  readonly input: string;
}

/** A population as exported: its cells' gids, model instance, input slots and stimulus data. */
export interface PopulationPlan {
  /** Position in the network's populations. */
  readonly index: number;
  /** The population's name. */
  readonly name: string;
  /** Number of neurons (cells). */
  readonly size: number;
  /** Sign of its outgoing weights: inhibitory populations' weights are negated. */
  readonly sign: 'excitatory' | 'inhibitory';
  /** First global cell id: neuron i is gid `gid0 + i`. */
  readonly gid0: number;
  /** The neuron model with its per-neuron parameters and initial values, as built for the seed. */
  readonly instance: ModelInstance;
  /** Incoming connections in spikeflow's connection order (their outputs are summed in this order). */
  readonly slots: readonly SlotPlan[];
  /** Stimuli in spikeflow's order, each as [steps × size] data. */
  readonly stimuli: readonly {
    /** Number of the stimulus slot, from 0. */
    readonly slot: number;
    /** The stimulus's name. */
    readonly name: string;
    /** The neuron model's input it adds to. */
    readonly input: string;
    /** Values, step-major: `data[step * size + neuron]`. */
    readonly data: Float64Array;
  }[];
}

/** A connection as exported: its synapses, in spikeflow's propagation order, into one slot of its target. */
export interface ConnectionPlan {
  /** The connection's name, e.g. `ep1->ip1`. */
  readonly name: string;
  /** Index of the presynaptic population. */
  readonly pre: number;
  /** Index of the postsynaptic population. */
  readonly post: number;
  /** The input slot of the target population it feeds (see {@link SlotPlan}). */
  readonly slot: number;
  /** One entry per synapse, in spikeflow's propagation order (presynaptic neuron, then row order). */
  readonly preIndex: Int32Array;
  /** Postsynaptic neuron of each synapse. */
  readonly postIndex: Int32Array;
  /** Weights as propagated: the table's weight times the presynaptic sign. */
  readonly weight: Float64Array;
}

/** Everything an export writes, as spikeflow built it for the seed (see {@link planExport}). */
export interface ExportPlan {
  /** Title of the exported README and summary. */
  readonly title: string;
  /** Time step in ms. */
  readonly dt: number;
  /** The network's seed the instance was built for. */
  readonly seed: number;
  /** Steps the exported simulation runs. */
  readonly steps: number;
  /** Bin of the spike counts in summary.json, in steps. */
  readonly binSteps: number;
  /** Every population, in network order. */
  readonly populations: readonly PopulationPlan[];
  /** Every connection, in network order. */
  readonly connections: readonly ConnectionPlan[];
}

/** Options of {@link planExport} (and of the exporters). */
export interface PlanOptions {
  /** Steps the exported simulation runs (stimuli are exported as data for exactly these steps). */
  readonly steps: number;
  /** Bin of the spike counts in summary.json. Default 100 steps. */
  readonly binSteps?: number;
  /** Title of the exported README and summary. Default `spikeflow network`. */
  readonly title?: string;
  /** Largest stimulus data written, in bytes. Default 2 GiB. */
  readonly maxStimulusBytes?: number;
}

/**
 * Builds the network exactly as spikeflow would for its seed (parameters, connectivity, initial
 * values) and materialises every stimulus for `steps` steps. Collects everything that cannot be
 * exported (see {@link ExportError}) instead of stopping at the first.
 */
export function planExport(
  network: Network,
  options: PlanOptions,
): {
  /** What would be exported. */
  plan: ExportPlan;
  /** What cannot be exported exactly; empty when the export is exact. */
  blockers: string[];
} {
  const built: BuiltNetwork = network.build();
  const { steps } = options;
  const blockers: string[] = [];
  const maxBytes = options.maxStimulusBytes ?? 2 ** 31;
  for (const c of built.connections) {
    if (c.delay !== 1) blockers.push(`connection ${c.name}: transmission delays other than one step are not exported yet`);
    if (c.synapse.model.summed) blockers.push(`connection ${c.name}: synapse model ${c.synapse.model.name} has a summed expression (a gap junction); summed synapse expressions are not exported yet`);
    const plasticity = c.synapse.model.plasticity;
    if (plasticity) blockers.push(`connection ${c.name}: synapse model ${c.synapse.model.name} ${plasticityKind(plasticity)}; plastic synapses and per-synapse state are not exported yet`);
  }
  let gid = 0;
  const popIndex = new Map(built.populations.map((p, k) => [p.name, k]));
  const populations: PopulationPlan[] = built.populations.map((p, index) => {
    const slots = built.connections
      .filter((c) => c.post === p.name)
      .map((c, slot) => ({ slot, connection: c.name, synapse: c.synapse, input: c.input }));
    const stimuli: PopulationPlan['stimuli'][number][] = [];
    built.stimuli.forEach((s) => {
      if (s.population !== p.name) return;
      if (s.kind === 'poisson-input') {
        blockers.push(`stimulus ${s.name}: a Poisson input (Binomial(${s.n}, ${s.p}) jumps of ${s.variable}) is drawn at run time and not exported yet; use a PoissonNeuron population with synapses instead`);
        return;
      }
      if (s.kind === 'external') {
        blockers.push(`stimulus ${s.name}: an external buffer is filled by the caller at run time; export it as an array stimulus`);
        return;
      }
      const bytes = steps * p.instance.size * 8;
      if (bytes > maxBytes) {
        blockers.push(`stimulus ${s.name}: ${steps} steps × ${p.instance.size} neurons would be ${(bytes / 2 ** 30).toFixed(1)} GiB of data (limit ${(maxBytes / 2 ** 30).toFixed(1)} GiB); export a shorter run`);
        return;
      }
      if (s.kind === 'array' && s.steps < steps) {
        blockers.push(`stimulus ${s.name}: the array holds ${s.steps} steps, the export runs ${steps}`);
        return;
      }
      const source = network.stimuli.find((x) => x.name === s.name)!.source;
      const data = s.kind === 'array' ? s.data.slice(0, steps * p.instance.size) : materialize(source, { steps, size: p.instance.size, dt: built.dt, seed: built.seed, name: s.name }).data;
      stimuli.push({ slot: stimuli.length, name: s.name, input: s.input, data });
    });
    const plan = { index, name: p.name, size: p.instance.size, sign: p.sign, gid0: gid, instance: p.instance, slots, stimuli };
    gid += p.instance.size;
    return plan;
  });
  const connections: ConnectionPlan[] = built.connections.map((c) => {
    const post = popIndex.get(c.post)!;
    const slot = populations[post]!.slots.find((s) => s.connection === c.name)!.slot;
    return { name: c.name, pre: popIndex.get(c.pre)!, post, slot, ...synapseList(c.table, c.sign) };
  });
  for (const m of built.monitors) {
    if (m.kind === 'state') blockers.push(`monitor ${m.population}.${m.variable}: only spikes are recorded by an exported network`);
    if (m.kind === 'synapses') blockers.push(`monitor synapses ${m.connection}.${m.variable}: only spikes are recorded by an exported network`);
  }
  return {
    plan: { title: options.title ?? 'spikeflow network', dt: built.dt, seed: built.seed, steps, binSteps: options.binSteps ?? 100, populations, connections },
    blockers,
  };
}

/** Every stored synapse in propagation order: pre-major, then row (CSR) or column (dense) order; zeros skipped. */
function synapseList(t: SynapseTable, sign: 1 | -1): Pick<ConnectionPlan, 'preIndex' | 'postIndex' | 'weight'> {
  const pre: number[] = [];
  const post: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < t.nPre; i++) {
    if (t.format === 'csr') {
      for (let k = t.rowStart[i]!; k < t.rowStart[i + 1]!; k++) {
        pre.push(i);
        post.push(t.post[k]!);
        weight.push(sign < 0 ? -t.weights[k]! : t.weights[k]!);
      }
    } else {
      for (let j = 0; j < t.nPost; j++) {
        const w = sign < 0 ? -t.weights[i * t.nPost + j]! : t.weights[i * t.nPost + j]!;
        if (w === 0) continue;
        pre.push(i);
        post.push(j);
        weight.push(w);
      }
    }
  }
  return { preIndex: Int32Array.from(pre), postIndex: Int32Array.from(post), weight: Float64Array.from(weight) };
}
