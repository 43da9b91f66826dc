import type { HostRng } from '../rng/host.js';
import type { ValueSpec } from '../rng/distributions.js';
import type { IntegratorName, ModelDefinition } from '../model/definition.js';
import type { ModelInstance } from '../model/instance.js';
import type { SynapseTable } from './synapse-table.js';
import type { BinomialTable } from '../rng/binomial.js';

/** Builds the synapse table of one connection from a seeded host stream. */
export interface Connector {
  /** Short name for messages and summaries, e.g. `random-normal`. */
  readonly kind: string;
  /** The connector's settings, as given (for summaries). */
  readonly settings: Readonly<Record<string, unknown>>;
  /**
   * Builds the table of an `nPre` × `nPost` connection, drawing only from `rng` (so one seed gives
   * one table). `path` names the connector in errors, e.g. `connection exc->inh.connector`.
   *
   * @throws ConfigError (naming `path` and the field) for bad settings or sizes the connector cannot build.
   */
  build(nPre: number, nPost: number, rng: HostRng, path: string): SynapseTable;
  /** Expected number of synapses, computed without building (memory guards); default nPre·nPost. */
  estimateSynapses?(nPre: number, nPost: number): number;
}

/** Excitatory populations add their synaptic output, inhibitory ones subtract it. */
export type Sign = 'excitatory' | 'inhibitory';

/**
 * Options of `Network.population`: the neuron model, how many neurons, and their values.
 *
 * @example
 * net.population('exc', { model: LIF, size: 100, parameters: { threshold: -50, R: { normal: { mean: 1, std: 0.1 } } }, initial: { v: '-65 mV' } });
 */
export interface PopulationOptions {
  /** The neuron model (a `ModelDefinition` of kind `neuron`; others are refused by `Network.build`). */
  readonly model: ModelDefinition;
  /** Number of neurons, a positive integer (`Network.population` throws a `ConfigError` otherwise). */
  readonly size: number;
  /**
   * Parameter values by name, overriding the model's defaults: bare numbers are in the unit the
   * model declares, strings carry a unit (`'6 nS'`). Unknown names and parameters without a default
   * left unset are `ConfigError`s at build time.
   */
  readonly parameters?: Readonly<Record<string, ValueSpec>>;
  /** Initial values of state variables by name, overriding the model's `initial` expressions (same value forms as `parameters`). */
  readonly initial?: Readonly<Record<string, ValueSpec>>;
  /** Integrator for this population's equations; default the model's own, else `exact`. */
  readonly integrator?: IntegratorName;
  /** Sign of this population's outgoing synapses. Default excitatory. */
  readonly sign?: Sign;
}

/**
 * Options of `Network.connect`: who connects to whom (the connector), through which synapse model.
 *
 * @example
 * net.connect(exc, inh, { connector: fixedProbabilityConnect({ p: 0.1, weight: 0.5 }), synapse: ExpCurrent, parameters: { tau: 5 } });
 */
export interface ConnectionOptions {
  /** Builds the synapse table, e.g. `fixedProbabilityConnect(…)` from `@spikeflow/connectivity`. */
  readonly connector: Connector;
  /** Post-synaptic model, e.g. an exponential current. */
  readonly synapse: ModelDefinition;
  /** Parameter values of the synapse model (one set for the postsynaptic population), in the model's declared units. */
  readonly parameters?: Readonly<Record<string, ValueSpec>>;
  /** Input of the target model the synapse feeds; default the model's first input. */
  readonly input?: string;
  /**
   * Initial values of the synapse model's state variables (one per postsynaptic neuron) by name,
   * replacing the model's `initial`: constants, values with units (`'4 nS'`) or seeded
   * distributions, as in `PopulationOptions.initial` (e.g. Brian2's COBA starts ge and gi random).
   */
  readonly initial?: Readonly<Record<string, ValueSpec>>;
  /** Storage for propagation: `auto` picks dense when more than 1/4 of pairs are connected. */
  readonly storage?: 'dense' | 'csr' | 'auto';
  /**
   * Transmission delay in ms (or with a unit, `'1.5 ms'`), rounded to the nearest whole number of
   * steps ≥ 1, as Brian2 and NEST round: one value for the connection, or per synapse — an array
   * in the table's order or a distribution drawn per synapse from the network's seed (sparse
   * tables; `auto` storage becomes CSR). A spike at step s acts on the target from step s + delay.
   * Default: one step, the seed's delay.
   */
  readonly delay?: ValueSpec;
  /** Name in errors and summaries; default `pre->post`. Two connections with the same name are a `ConfigError`. */
  readonly name?: string;
}

/** A stimulus: a current-source model run every step, a user array [steps × neurons], given events (spike generators), or an external buffer. */
export type StimulusSource =
  | {
      /** A current-source model evaluated for every neuron each step. */
      readonly kind: 'model';
      /** The source model (a `ModelDefinition` of kind `current`). */
      readonly model: ModelDefinition;
      /** Parameter values of the source model, in its declared units. */
      readonly parameters?: Readonly<Record<string, ValueSpec>>;
      /** Sources with the same stream name draw identical random numbers (clones, as in the seed). */
      readonly stream?: string;
    }
  | {
      /** Precomputed values, one per step and neuron. */
      readonly kind: 'array';
      /**
       * Row-major [steps × size], in the internal unit of the input fed (nA for a current `I`);
       * finite values only. A run longer than `steps` is an error.
       */
      readonly data: ArrayLike<number>;
      /** Number of rows (steps) in `data`. */
      readonly steps: number;
      /** Number of columns: must equal the population's size. */
      readonly size: number;
    }
  | {
      /**
       * Given events (spike generators): the input receives `value` at the steps listed for each
       * neuron, and 0 otherwise. Times are rounded to the nearest step, as Brian2's
       * `SpikeGeneratorGroup` does; a neuron with two events in one step is an error.
       */
      readonly kind: 'events';
      /** Event times in ms, ≥ 0, each paired with the neuron at the same position of `indices`. */
      readonly times: ArrayLike<number>;
      /** Neuron index of each event (0 ≤ index < population size). */
      readonly indices: ArrayLike<number>;
      /** Repeat the events every `period` ms (a whole number of steps, later than every event); absent: once. */
      readonly period?: number;
      /** What the input receives at an event, in its internal unit; default 1. */
      readonly value?: number;
    }
  | {
      /**
       * Poisson input onto a state variable (Brian2's `PoissonInput(target, variable, N, rate,
       * weight)`): each step, every neuron draws k ~ Binomial(n, rate·dt) — n independent Poisson
       * inputs — and `variable += k·weight`, after the threshold test and before the reset (Brian2's
       * `synapses` slot). No synapses or spike lists are stored.
       */
      readonly kind: 'poisson-input';
      /** The target population's state variable moved, e.g. `v`. */
      readonly variable: string;
      /** Number of inputs per neuron, a whole number ≥ 1. */
      readonly n: number;
      /** Rate of each input: Hz as a number, or a string with a unit (`"10 Hz"`); ≥ 0, and rate·dt ≤ 1. */
      readonly rate: number | string;
      /** Added per input spike, in the variable's unit (a number in its internal unit, or a string such as `"0.1 mV"`). */
      readonly weight: number | string;
      /** Inputs with the same stream name draw identical numbers (default: the stimulus name). */
      readonly stream?: string;
    }
  | {
      /** A buffer of one value per neuron that the caller fills before each step (stepping, closed loops). */
      readonly kind: 'external';
      /** One value per neuron (length = population size), in the internal unit of the input fed. */
      readonly buffer: Float64Array;
    };

/** Options of `Network.stimulate`. */
export interface StimulusOptions {
  /** Input of the target model the stimulus feeds; default the model's first input. */
  readonly input?: string;
  /** Name in errors and summaries; default `stimulus<k>:<population>`. */
  readonly name?: string;
}

/** Receives spikes of one population as they happen. */
export interface SpikeSink {
  /** Tells backends this sink takes spikes. */
  readonly kind: 'spikes';
  /** Name of the population recorded. */
  readonly population: string;
  /** Called once before a run with the number of steps about to run. */
  begin?(steps: number): void;
  /**
   * Called after each step: `step` is the global step index (0 = the first step ever run),
   * `indices[0..count)` the neurons that spiked, in increasing order (`count` may be 0). The array
   * is reused: copy what you keep.
   */
  onSpikes(step: number, indices: Int32Array, count: number): void;
  /**
   * Optional: many steps at once, in place of one `onSpikes` call per step — steps `step0`,
   * `step0 + 1`, … `step0 + counts.length − 1`, step `step0 + k` with `counts[k]` spikes, whose
   * indices follow one another in `indices` (each step's in increasing order). Backends that run
   * many steps without returning to JavaScript (the CPU backend's WebAssembly loop) call it when
   * present, with the same spikes the `onSpikes` calls would give. The arrays are reused.
   */
  onSpikeSteps?(step0: number, counts: Int32Array, indices: Int32Array): void;
}

/** Receives a state variable (or `spike`, the 0/1 flag) of selected neurons every `every` steps. */
export interface StateSink {
  /** Tells backends this sink takes state values. */
  readonly kind: 'state';
  /** Name of the population recorded. */
  readonly population: string;
  /** State variable recorded, or `spike` (1 on a step the neuron spiked, else 0); checked by `Network.build`. */
  readonly variable: string;
  /** Neuron indices to record; all when absent. */
  readonly indices?: Int32Array;
  /** Recording interval in steps: `onState` is called on global steps that are multiples of it. */
  readonly every: number;
  /** Called once before a run with the number of steps about to run (e.g. to size storage). */
  begin?(steps: number): void;
  /** `values[k]` belongs to `indices[k]`; the array is reused, copy what you keep. */
  onState(step: number, values: Float64Array): void;
}

/**
 * Where the synapses of a connection are, in synapse order: synapse k is the k-th synapse of the
 * table read row by row (presynaptic neuron, then position in the row) — a CSR table's own order;
 * for a dense table, its non-zero entries as built, row-major.
 */
export interface SynapseLayout {
  /** Name of the connection. */
  readonly connection: string;
  /** Number of synapses. */
  readonly count: number;
  /** Presynaptic population size. */
  readonly nPre: number;
  /** Postsynaptic population size. */
  readonly nPost: number;
  /** Presynaptic neuron of each synapse. */
  readonly pre: Int32Array;
  /** Postsynaptic neuron of each synapse. */
  readonly post: Int32Array;
}

/**
 * Receives a per-synapse variable (today the weight `w`) of one connection every `every` steps:
 * all synapses, or those at `indices` (synapse order, see {@link SynapseLayout}). Served by the
 * run loop every backend shares (`Simulation.run`), through the simulation's `synapseValues`; a
 * recorded step ends a chunk of the run (on WebGPU, a queue submission), so sparse sampling is
 * cheaper. Stepping APIs that bypass `run` (e.g. `CpuSimulation.advanceSync`) do not serve it.
 */
export interface SynapseSink {
  /** Tells backends this sink takes per-synapse values. */
  readonly kind: 'synapses';
  /** Name of the connection recorded (checked by `Network.build`: `unknown-connection`). */
  readonly connection: string;
  /** Per-synapse variable recorded, e.g. `w` (checked by `Network.build`: `unknown-variable`). */
  readonly variable: string;
  /** Synapse indices to record, in column order; all synapses when absent (checked: `bad-synapse-index`). */
  readonly indices?: Int32Array;
  /** Recording interval in steps, a whole number ≥ 1 (checked: `bad-every`): rows on global steps that are multiples of it. */
  readonly every: number;
  /**
   * Called by `Network.build`, before anything else checks the sink, with where the connection's
   * synapses are (e.g. to turn chosen (pre, post) pairs into `indices`, or to name columns).
   */
  attach?(layout: SynapseLayout): void;
  /** Called once before a run with the number of steps about to run (e.g. to size storage). */
  begin?(steps: number): void;
  /** `values[k]` belongs to synapse `indices[k]` (or synapse k); the array is reused, copy what you keep. */
  onSynapses(step: number, values: Float64Array): void;
}

/** Anything `Network.monitor` accepts: spike, state or synapse receivers, such as the monitors of `@spikeflow/monitors`. */
export type MonitorSink = SpikeSink | StateSink | SynapseSink;

/** A population after `Network.build`: its model instance (values resolved, initial state drawn). */
export interface BuiltPopulation {
  /** The population's name. */
  readonly name: string;
  /** The compiled neuron model with parameters, derived values and initial state per neuron. */
  readonly instance: ModelInstance;
  /** Sign of its outgoing synapses. */
  readonly sign: Sign;
}

/** A connection after `Network.build`: its synapse table and synapse model instance. */
export interface BuiltConnection {
  /** The connection's name (default `pre->post`). */
  readonly name: string;
  /** Name of the presynaptic population. */
  readonly pre: string;
  /** Name of the postsynaptic population. */
  readonly post: string;
  /** The synapses: dense, or CSR when `storage` asks for it or few pairs are connected; weights in internal units. */
  readonly table: SynapseTable;
  /**
   * Weights as used in propagation are the table's weights times this: the presynaptic sign for
   * current synapses, always 1 for conductance synapses (`weight.conductance`).
   */
  readonly sign: 1 | -1;
  /** The synapse model instance, one per postsynaptic neuron (size = post population size). */
  readonly synapse: ModelInstance;
  /** Input of the postsynaptic model that the synapse output is added to (a voltage-jump synapse, which has no output, feeds none: its target's first input, or `''` when it has none). */
  readonly input: string;
  /** Transmission delay in steps (≥ 1): one for the connection, or one per synapse in the table's (CSR) order. */
  readonly delay: number | Int32Array;
}

/** A stimulus after `Network.build`: checked, with its input resolved. */
export type BuiltStimulus = {
  /** The stimulus's name. */
  readonly name: string;
  /** Name of the population it feeds. */
  readonly population: string;
  /** Input of the population's model it is added to. */
  readonly input: string;
} & (
  | {
      /** A current-source model run every step. */
      readonly kind: 'model';
      /** The source model instance (size = population size). */
      readonly instance: ModelInstance;
      /** Philox stream id of its random numbers (stimuli with the same stream name share it). */
      readonly stream: number;
    }
  | {
      /** Precomputed values. */
      readonly kind: 'array';
      /** Row-major [steps × population size], internal units, all finite. */
      readonly data: Float64Array;
      /** Number of rows: the longest run (from step 0) the stimulus covers. */
      readonly steps: number;
    }
  | {
      /** Given events, sorted by neuron then step (see `StimulusSource` kind `events`). */
      readonly kind: 'events';
      /** Events of neuron i are `steps[offsets[i] .. offsets[i + 1])`, in increasing order (length size + 1). */
      readonly offsets: Int32Array;
      /** Event steps: from step 0, or within the period when `periodSteps` > 0. */
      readonly steps: Int32Array;
      /** The pattern repeats every `periodSteps` steps; 0: it runs once. */
      readonly periodSteps: number;
      /** What the input receives at an event (internal unit of the input). */
      readonly value: number;
    }
  | {
      /** Poisson input onto a state variable (see `StimulusSource` kind `poisson-input`); `input` is `''`. */
      readonly kind: 'poisson-input';
      /** The population's state variable moved. */
      readonly variable: string;
      /** Inputs per neuron. */
      readonly n: number;
      /** Rate of each input in 1/ms (internal unit). */
      readonly rate: number;
      /** Spike probability of each input per step, rate·dt, in [0, 1]. */
      readonly p: number;
      /** Added per input spike, in the variable's internal unit. */
      readonly weight: number;
      /** Philox stream id of its draws (word 0 of (neuron, step, site 0, stream)). */
      readonly stream: number;
      /** The inversion table of Binomial(n, p) every backend looks k up in. */
      readonly table: BinomialTable;
    }
  | {
      /** Values the caller writes before each step. */
      readonly kind: 'external';
      /** One value per neuron, read by the backend every step. */
      readonly buffer: Float64Array;
    }
);

/** Everything a backend needs: host work (parameters, connectivity, checks) already done. */
export interface BuiltNetwork {
  /** Time step in ms. */
  readonly dt: number;
  /** The network's seed; kernels derive their random streams from it. */
  readonly seed: number;
  /** Populations in the order they were added. */
  readonly populations: readonly BuiltPopulation[];
  /** Connections in the order they were added. */
  readonly connections: readonly BuiltConnection[];
  /** Stimuli in the order they were added. */
  readonly stimuli: readonly BuiltStimulus[];
  /** Attached monitors (spike and state sinks), checked against the populations. */
  readonly monitors: readonly MonitorSink[];
}
