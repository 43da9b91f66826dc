import type { HostRng } from '../rng/host.js';
import type { ValueSpec } from '../rng/distributions.js';
import type { IntegratorName, ModelDefinition } from '../model/definition.js';
import type { ModelInstance } from '../model/instance.js';
import type { SynapseTable } from './synapse-table.js';

/** Builds the synapse table of one connection from a seeded host stream. */
export interface Connector {
  /** Short name for messages and summaries, e.g. `random-normal`. */
  readonly kind: string;
  /** The connector's settings, as given (for summaries). */
  readonly settings: Readonly<Record<string, unknown>>;
  build(nPre: number, nPost: number, rng: HostRng, path: string): SynapseTable;
  /** Expected number of synapses, computed without building (memory guards); default nPre·nPost. */
  estimateSynapses?(nPre: number, nPost: number): number;
}

/** Excitatory populations add their synaptic output, inhibitory ones subtract it. */
export type Sign = 'excitatory' | 'inhibitory';

export interface PopulationOptions {
  readonly model: ModelDefinition;
  readonly size: number;
  readonly parameters?: Readonly<Record<string, ValueSpec>>;
  readonly initial?: Readonly<Record<string, ValueSpec>>;
  readonly integrator?: IntegratorName;
  /** Sign of this population's outgoing synapses. Default excitatory. */
  readonly sign?: Sign;
}

export interface ConnectionOptions {
  readonly connector: Connector;
  /** Post-synaptic model, e.g. an exponential current. */
  readonly synapse: ModelDefinition;
  readonly parameters?: Readonly<Record<string, ValueSpec>>;
  /** Input of the target model the synapse feeds; default the model's first input. */
  readonly input?: string;
  /** Storage for propagation: `auto` picks dense when more than 1/4 of pairs are connected. */
  readonly storage?: 'dense' | 'csr' | 'auto';
  readonly name?: string;
}

/** A stimulus: a current-source model run every step, a user array [steps × neurons], or an external buffer. */
export type StimulusSource =
  | {
      readonly kind: 'model';
      readonly model: ModelDefinition;
      readonly parameters?: Readonly<Record<string, ValueSpec>>;
      /** Sources with the same stream name draw identical random numbers (clones, as in the seed). */
      readonly stream?: string;
    }
  | {
      readonly kind: 'array';
      /** Row-major [steps × size]; a run longer than `steps` is an error. */
      readonly data: ArrayLike<number>;
      readonly steps: number;
      readonly size: number;
    }
  | {
      /** A buffer of one value per neuron that the caller fills before each step (stepping, closed loops). */
      readonly kind: 'external';
      readonly buffer: Float64Array;
    };

export interface StimulusOptions {
  readonly input?: string;
  readonly name?: string;
}

/** Receives spikes of one population as they happen. */
export interface SpikeSink {
  readonly kind: 'spikes';
  readonly population: string;
  /** Called once before a run with the number of steps about to run. */
  begin?(steps: number): void;
  onSpikes(step: number, indices: Int32Array, count: number): void;
}

/** Receives a state variable (or `spike`, the 0/1 flag) of selected neurons every `every` steps. */
export interface StateSink {
  readonly kind: 'state';
  readonly population: string;
  readonly variable: string;
  /** Neuron indices to record; all when absent. */
  readonly indices?: Int32Array;
  readonly every: number;
  begin?(steps: number): void;
  /** `values[k]` belongs to `indices[k]`; the array is reused, copy what you keep. */
  onState(step: number, values: Float64Array): void;
}

export type MonitorSink = SpikeSink | StateSink;

export interface BuiltPopulation {
  readonly name: string;
  readonly instance: ModelInstance;
  readonly sign: Sign;
}

export interface BuiltConnection {
  readonly name: string;
  readonly pre: string;
  readonly post: string;
  readonly table: SynapseTable;
  /** Weights as used in propagation: the table's weights times the presynaptic sign. */
  readonly sign: 1 | -1;
  readonly synapse: ModelInstance;
  readonly input: string;
}

export type BuiltStimulus = {
  readonly name: string;
  readonly population: string;
  readonly input: string;
} & (
  | { readonly kind: 'model'; readonly instance: ModelInstance; readonly stream: number }
  | { readonly kind: 'array'; readonly data: Float64Array; readonly steps: number }
  | { readonly kind: 'external'; readonly buffer: Float64Array }
);

/** Everything a backend needs: host work (parameters, connectivity, checks) already done. */
export interface BuiltNetwork {
  readonly dt: number;
  readonly seed: number;
  readonly populations: readonly BuiltPopulation[];
  readonly connections: readonly BuiltConnection[];
  readonly stimuli: readonly BuiltStimulus[];
  readonly monitors: readonly MonitorSink[];
}
