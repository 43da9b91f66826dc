/**
 * The experiment file format, as TypeScript types: what `parseExperiment` returns once a file has
 * passed validation. Times are in ms, currents in nA, voltages in mV (spikeflow's units).
 */

/**
 * A per-neuron value: one number for all neurons (or a number with a unit, `"-40 mV"`), one number
 * per neuron, or a seeded distribution drawn once when the network is built (core's `ValueSpec`).
 *
 * @example
 * const threshold: ValueSpecFile = { normal: { mean: '-40 mV', std: 1 } };
 */
export type ValueSpecFile =
  | number
  | string
  | number[]
  | { normal: { mean: number | string; std: number | string } }
  | { uniform: { min: number | string; max: number | string } };

/** A synapse weight: a number or a distribution drawn per synapse (no per-neuron arrays). */
export type WeightSpecFile = number | { normal: { mean: number; std: number } } | { uniform: { min: number; max: number } };

export type IntegratorFile = 'exact' | 'euler' | 'rk2' | 'rk4';

/** The seed's per-neuron spike trace (`withSpikeTrace` from core). */
export interface SpikeTraceFile {
  /** `true`: trace += scale on a spike; `false`: trace is set to 1. */
  additive: boolean;
  /** Decay time constant, ms (> 0). */
  tau: number;
  /** Added on each spike when additive (default 1). */
  scale?: number;
}

export interface PopulationFile {
  /** A neuron model name from the registry (by default the models of `@spikeflow/neurons`, e.g. `LIF`). */
  model: string;
  /** Number of neurons (positive integer). */
  size: number;
  /** Model parameters by name; unknown names are errors. */
  parameters?: Record<string, ValueSpecFile>;
  /** Initial values of state variables by name. */
  initial?: Record<string, ValueSpecFile>;
  integrator?: IntegratorFile;
  /** Sign of the population's outgoing synapses (default excitatory). */
  sign?: 'excitatory' | 'inhibitory';
  spikeTrace?: SpikeTraceFile;
}

/** How a connection's synapse table is built; `type` picks the connector of `@spikeflow/connectivity`. */
export type ConnectorFile =
  | { type: 'full'; J?: number }
  | { type: 'random-normal'; wmean: number; wstd: number; J?: number }
  | { type: 'random-uniform'; wmin: number; wmax: number; J?: number }
  | { type: 'fixed-probability'; p: number; weight: WeightSpecFile; allowSelfConnections?: boolean }
  | { type: 'fixed-indegree'; k: number; weight: WeightSpecFile; allowSelfConnections?: boolean; allowMultapses?: boolean }
  | { type: 'one-to-one'; weight: WeightSpecFile };

export type ConnectorType = ConnectorFile['type'];

export interface SynapseFile {
  /** A synapse model name from the registry (by default `ExpCurrent` or `AlphaCurrent`). */
  model: string;
  /** Synapse parameters by name (one value per postsynaptic neuron where arrays are given). */
  parameters?: Record<string, ValueSpecFile>;
}

export interface ConnectionFile {
  /** Connection name; default `<pre>-><post>` (the name its random streams derive from). */
  name?: string;
  pre: string;
  post: string;
  connector: ConnectorFile;
  /** Default: `ExpCurrent` with its default parameters. */
  synapse?: SynapseFile;
  /** Input of the postsynaptic model the synapse feeds; default the model's first input. */
  input?: string;
  storage?: 'dense' | 'csr' | 'auto';
}

/** A current source; `type` picks the source of `@spikeflow/stimuli`. */
export type SourceFile =
  | { type: 'constant'; amplitude: ValueSpecFile }
  | { type: 'step'; amplitude: ValueSpecFile; start: number; stop?: number }
  | { type: 'step-noise'; I_value: ValueSpecFile; std?: number; stream?: string }
  | {
      type: 'incremental-step-noise';
      I_value: ValueSpecFile;
      scale: number;
      gap: number;
      /** Number of ramps; default unlimited. The seed uses floor(steps / scale / gap). */
      rampCount?: number;
      noise?: boolean | number;
      stream?: string;
    }
  | { type: 'random-walk'; start?: number; std?: number; sharedStd?: number; stream?: string }
  /**
   * A matrix [steps × neurons] in nA: inline `rows`, or a `.csv` file (one row per line, relative to
   * the experiment file, inside its folder). Exactly one of the two.
   */
  | { type: 'array'; rows?: number[][]; csv?: string };

export type SourceType = SourceFile['type'];

export interface StimulusFile {
  /** Stimulus name; default `stimulus<index>:<target>`. Sources without `stream` draw from a stream of this name. */
  name?: string;
  target: string;
  source: SourceFile;
  /** Input of the target model; default its first input. */
  input?: string;
}

export interface StateMonitorFile {
  population: string;
  /** A state variable of the population's model, or `spike` (the 0/1 flag). */
  variable: string;
  /** Neurons to record (all when absent). */
  indices?: number[];
  /** Record every `every`-th step (default 1). */
  every?: number;
}

export interface MonitorsFile {
  /** Populations whose spikes are recorded, or `all`. */
  spikes?: string[] | 'all';
  state?: StateMonitorFile[];
}

export interface AnalysisFile {
  /** Steps per bin of the spike counts (default 100). */
  binSteps?: number;
  /** Two populations (with spike monitors) whose spike counts are compared bin by bin. */
  compare?: [string, string];
}

/** A whole experiment file. Exactly one of `duration` and `steps`. */
export interface Experiment {
  /** The JSON Schema the file follows (for editors; ignored). */
  $schema?: string;
  name?: string;
  description?: string;
  /** Time step, ms (> 0). */
  dt: number;
  /** Run length in ms: a whole number of steps of dt. */
  duration?: number;
  /** Run length in steps. */
  steps?: number;
  /** Non-negative integer; one seed, one result. */
  seed: number;
  backend?: 'cpu' | 'webgpu';
  populations: Record<string, PopulationFile>;
  connections?: ConnectionFile[];
  stimuli?: StimulusFile[];
  monitors?: MonitorsFile;
  analysis?: AnalysisFile;
}
