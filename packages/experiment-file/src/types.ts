// Over 400 lines on purpose: the whole experiment-file format's types, one documented place that the schema, builder and docs all follow.
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
  | {
      /** One draw per neuron from a normal distribution. */
      normal: {
        /** Mean, in the field's unit, or a number with a unit (`"-40 mV"`). */
        mean: number | string;
        /** Standard deviation (>= 0), in the field's unit, or a number with a unit. */
        std: number | string;
      };
    }
  | {
      /** One draw per neuron from a uniform distribution on [min, max]. */
      uniform: {
        /** Lower bound, in the field's unit, or a number with a unit. */
        min: number | string;
        /** Upper bound (>= min), in the field's unit, or a number with a unit. */
        max: number | string;
      };
    };

/** A synapse weight: a number or a distribution drawn per synapse (no per-neuron arrays). */
export type WeightSpecFile =
  | number
  | {
      /** One draw per synapse from a normal distribution. */
      normal: {
        /** Mean weight, in the unit of the synapse model's `w` (nA for `ExpCurrent`). */
        mean: number;
        /** Standard deviation of the weight (>= 0), same unit. */
        std: number;
      };
    }
  | {
      /** One draw per synapse from a uniform distribution on [min, max]. */
      uniform: {
        /** Lower bound of the weight, in the unit of the synapse model's `w`. */
        min: number;
        /** Upper bound of the weight (>= min), same unit. */
        max: number;
      };
    };

/**
 * How a population's equations are stepped: `exact` (exponential Euler, exact for linear equations
 * with the input held over the step, such as LIF), `euler`, `rk2` or `rk4`. Omitted: the model's
 * own default (`exact` when it names none).
 */
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

/**
 * One population of neurons of a single model.
 *
 * @example
 * const exc: PopulationFile = { model: 'LIF', size: 400, parameters: { threshold: '-50 mV' } };
 */
export interface PopulationFile {
  /** A neuron model name from the registry (by default the models of `@spikeflow/neurons`, e.g. `LIF`). */
  model: string;
  /** Number of neurons (positive integer). */
  size: number;
  /** Model parameters by name; unknown names are errors. */
  parameters?: Record<string, ValueSpecFile>;
  /** Initial values of state variables by name. */
  initial?: Record<string, ValueSpecFile>;
  /** Integration method; default the model's own (`exact` when it names none). */
  integrator?: IntegratorFile;
  /** Sign of the population's outgoing synapses (default excitatory). */
  sign?: 'excitatory' | 'inhibitory';
  /** Adds a per-neuron spike trace variable to the model (as the seed's decision network does). */
  spikeTrace?: SpikeTraceFile;
}

/** How a connection's synapse table is built; `type` picks the connector of `@spikeflow/connectivity`. */
export type ConnectorFile =
  | {
      /** Every pre neuron to every post neuron (`fullConnect`). */
      type: 'full';
      /** Total coupling, in the unit of the synapse's `w` (nA for `ExpCurrent`); each synapse gets J / N_pre. Default 1. */
      J?: number;
    }
  | {
      /** The seed's random-normal connectivity (`randomNormalConnect`): every pair, dense. */
      type: 'random-normal';
      /** Mean of the normal weight factor, in the unit of the synapse's `w`. */
      wmean: number;
      /** Standard deviation of the normal weight factor (>= 0), same unit. */
      wstd: number;
      /** Coupling scale (dimensionless multiplier). Default 1. */
      J?: number;
    }
  | {
      /** The seed's random-uniform connectivity (`randomUniformConnect`): every pair, dense; weights into each post neuron sum to J · wmax. */
      type: 'random-uniform';
      /** Lower bound as the seed names it; it has no effect on the weights (kept for fidelity), but must be <= wmax. */
      wmin: number;
      /** Upper bound (>= wmin), in the unit of the synapse's `w`. */
      wmax: number;
      /** Coupling scale (dimensionless multiplier). Default 1. */
      J?: number;
    }
  | {
      /** Each (pre, post) pair connected independently with probability `p` (`fixedProbabilityConnect`); sparse. */
      type: 'fixed-probability';
      /** Connection probability of each pair, in [0, 1]. */
      p: number;
      /** Weight of each synapse, in the unit of the synapse's `w`. */
      weight: WeightSpecFile;
      /** Whether pre index = post index may connect (matters only for a population connected to itself). Default true. */
      allowSelfConnections?: boolean;
    }
  | {
      /** Exactly `k` incoming synapses per post neuron, pre neurons drawn at random (`fixedIndegreeConnect`); sparse. */
      type: 'fixed-indegree';
      /** Incoming synapses per postsynaptic neuron (integer >= 0; at most the distinct candidates when `allowMultapses` is false). */
      k: number;
      /** Weight of each synapse, in the unit of the synapse's `w`. */
      weight: WeightSpecFile;
      /** Whether pre index = post index may be drawn (matters only for a population connected to itself). Default true. */
      allowSelfConnections?: boolean;
      /** Whether the same pair may be drawn more than once. Default true. */
      allowMultapses?: boolean;
    }
  | {
      /** Pre neuron i to post neuron i (`oneToOneConnect`); both populations must have the same size. */
      type: 'one-to-one';
      /** Weight of each synapse, in the unit of the synapse's `w`. */
      weight: WeightSpecFile;
    };

/** The connector names a file may use in `connector.type` (see `CONNECTOR_TYPES`). */
export type ConnectorType = ConnectorFile['type'];

/** The postsynaptic model of a connection, by name, with its parameters. */
export interface SynapseFile {
  /** A synapse model name from the registry (by default `ExpCurrent`, `AlphaCurrent`, `ExpConductance`, `AlphaConductance`, `BiExpConductance`, `DeltaSynapse`, `StdpAdditive`, `StdpMultiplicative`, `TsodyksMarkram`, `RewardStdp`, `GapJunction` or `NmdaSynapse`). */
  model: string;
  /** Synapse parameters by name (one value per postsynaptic neuron where arrays are given). */
  parameters?: Record<string, ValueSpecFile>;
  /**
   * Initial values of the synapse model's state variables by name (one per postsynaptic neuron):
   * constants, values with units (`"4 nS"`) or seeded distributions, replacing the model's
   * `initial` (Brian2's COBA starts its conductances random).
   */
  initial?: Record<string, ValueSpecFile>;
}

/**
 * Synapses from one population to another.
 *
 * @example
 * const c: ConnectionFile = { pre: 'exc', post: 'inh', connector: { type: 'fixed-probability', p: 0.1, weight: 0.5 } };
 */
export interface ConnectionFile {
  /** Connection name; default `<pre>-><post>` (the name its random streams derive from). */
  name?: string;
  /** Name of the presynaptic population (a key of `populations`). */
  pre: string;
  /** Name of the postsynaptic population (a key of `populations`). */
  post: string;
  /** How the synapse table is built. */
  connector: ConnectorFile;
  /** Default: `ExpCurrent` with its default parameters. */
  synapse?: SynapseFile;
  /** Input of the postsynaptic model the synapse feeds; default the model's first input. */
  input?: string;
  /**
   * Synapse table layout: `dense` (a full matrix; not allowed for the sparse connectors
   * `fixed-probability`, `fixed-indegree`, `one-to-one`), `csr` (sparse rows), or `auto` (default:
   * sparse when fewer than a quarter of the pairs are connected).
   */
  storage?: 'dense' | 'csr' | 'auto';
  /**
   * Transmission delay, ms (`1.5`, `"1.5 ms"`), rounded to the nearest step (at least one); one value,
   * or per synapse: `{uniform: {min, max}}`, `{normal: {mean, std}}` or an array in the synapse table's order. Default one step.
   */
  delay?: ValueSpecFile;
}

/** A current source; `type` picks the source of `@spikeflow/stimuli`. */
export type SourceFile =
  | {
      /** A current constant in time (`constantCurrent`). */
      type: 'constant';
      /** Current, nA (per neuron or drawn once). */
      amplitude: ValueSpecFile;
    }
  | {
      /** A current switched on at `start` and off at `stop` (`stepCurrent`). */
      type: 'step';
      /** Current while on, nA (per neuron or drawn once). */
      amplitude: ValueSpecFile;
      /** Switch-on time, ms. */
      start: number;
      /** Switch-off time, ms (exclusive, > start); default never. */
      stop?: number;
    }
  | {
      /** The seed's step noise (`stepNoise`): a mean current plus fresh Normal(0, std) noise per neuron per step. */
      type: 'step-noise';
      /** Mean current, nA. */
      I_value: ValueSpecFile;
      /** Standard deviation of the noise, nA (>= 0; default 1). */
      std?: number;
      /** Random stream name; sources with the same stream draw identical numbers. Default: the stimulus name. */
      stream?: string;
    }
  | {
      /** The seed's ramps of rising current with noise (`incrementalStepNoise`). */
      type: 'incremental-step-noise';
      /** Starting current and height of each ramp, nA. */
      I_value: ValueSpecFile;
      /** Length of each ramp, steps (integer >= 1). */
      scale: number;
      /** Ramps end at steps k·gap·scale (integer >= 1). */
      gap: number;
      /** Number of ramps; default unlimited. The seed uses floor(steps / scale / gap). */
      rampCount?: number;
      /** `true` (default): Normal(0, 1) nA per neuron plus a shared Normal(0, 1) per step; `false`: no noise; a number: that standard deviation, nA. */
      noise?: boolean | number;
      /** Random stream name; sources with the same stream draw identical numbers. Default: the stimulus name. */
      stream?: string;
    }
  | {
      /** The seed's reflected random walk (`randomWalkNoise`): each step adds a per-neuron and a shared normal increment, then takes the absolute value. */
      type: 'random-walk';
      /** Current at step 0, nA (default 200). */
      start?: number;
      /** Standard deviation of each neuron's own increment per step, nA (default 1). */
      std?: number;
      /** Standard deviation of the increment shared by all neurons per step, nA (default 2). */
      sharedStd?: number;
      /** Random stream name; sources with the same stream draw identical numbers. Default: the stimulus name. */
      stream?: string;
    }
  | {
      /** An Ornstein–Uhlenbeck current (`ornsteinUhlenbeckCurrent`): dI/dt = (mu − I)/tau + sigma·sqrt(2/tau)·xi, Gaussian with mean mu, standard deviation sigma and correlation time tau. */
      type: 'ornstein-uhlenbeck';
      /** Mean current, nA (per neuron or drawn once). */
      mu: ValueSpecFile;
      /** Stationary standard deviation, nA (>= 0). */
      sigma: number;
      /** Correlation time, ms (> 0). */
      tau: number;
      /** The current starts at mu + startOffset, nA (default 0: at the mean). */
      startOffset?: ValueSpecFile;
      /** Random stream name; sources with the same stream draw identical numbers. Default: the stimulus name. */
      stream?: string;
    }
  /**
   * A matrix [steps × neurons] in nA: inline `rows`, or a `.csv` file (one row per line, relative to
   * the experiment file, inside its folder). Exactly one of the two.
   */
  | {
      /** A recorded current, one value per neuron per step (`arrayCurrent`). */
      type: 'array';
      /** Current, nA: one row per step (at least the run's steps), one value per neuron of the target. */
      rows?: number[][];
      /**
       * Path of a CSV file with the same layout, relative to the experiment file and inside its folder
       * (no `..`, absolute paths or backslashes). Read by `@spikeflow/experiment-file/node`; the
       * browser-safe `buildExperiment` throws `ExperimentFileError` for it.
       */
      csv?: string;
    }
  | {
      /**
       * Poisson input onto a state variable (`poissonInput`, Brian2's `PoissonInput`): each step every
       * neuron receives k ~ Binomial(n, rate·dt) input spikes and `variable += k·weight`, after the
       * threshold test and before the reset. The stimulus gives no `input`.
       */
      type: 'poisson-input';
      /** The target's state variable moved, e.g. `v`. */
      variable: string;
      /** Independent Poisson inputs per neuron, a whole number >= 1. */
      n: number;
      /** Rate of each input, Hz (>= 0, rate·dt <= 1), or a string with a unit (`"10 Hz"`). */
      rate: number | string;
      /** Added per input spike, in the variable's unit (a number in its internal unit, or a string such as `"0.1 mV"`). */
      weight: number | string;
      /** Random stream name; inputs with the same stream draw identical numbers. Default: the stimulus name. */
      stream?: string;
    }
  | {
      /** Given spike times (`spikeTimes`), usually into a `SpikeSource` population: neuron `indices[k]` spikes at `times[k]`. */
      type: 'spike-times';
      /** Spike times, ms (>= 0; rounded to the nearest step). */
      times: number[];
      /** The neuron of each spike, in the order of `times`. */
      indices: number[];
      /** Repeat the spikes every `period` ms (a whole number of steps, later than every time); default once. */
      period?: number;
    };

/** The source names a file may use in `source.type` (see `SOURCE_TYPES`). */
export type SourceType = SourceFile['type'];

/**
 * A current injected into every neuron of a population.
 *
 * @example
 * const s: StimulusFile = { target: 'exc', source: { type: 'step', amplitude: '0.5 nA', start: 100 } };
 */
export interface StimulusFile {
  /** Stimulus name; default `stimulus<index>:<target>`. Sources without `stream` draw from a stream of this name. */
  name?: string;
  /** Name of the population that receives the current (a key of `populations`). */
  target: string;
  /** The current's time course. */
  source: SourceFile;
  /** Input of the target model; default its first input. */
  input?: string;
}

/** Records one state variable of a population over the run. */
export interface StateMonitorFile {
  /** Name of the recorded population (a key of `populations`). */
  population: string;
  /** A state variable of the population's model, or `spike` (the 0/1 flag). */
  variable: string;
  /** Neurons to record (all when absent). */
  indices?: number[];
  /** Record every `every`-th step (default 1). */
  every?: number;
}

/** Records a per-synapse variable (the weight `w`) of one connection over the run. */
export interface SynapseMonitorFile {
  /** Name of the connection (its `name`, or `<pre>-><post>`). */
  connection: string;
  /** Per-synapse variable; default `w`, the weight in the synapse model's weight unit. */
  variable?: string;
  /** Synapse indices in CSR order (pre by pre); all synapses when absent. Not with `pairs`. */
  indices?: number[];
  /** (pre, post) neuron pairs: every synapse between each pair. Not with `indices`. */
  pairs?: [number, number][];
  /** Record every `every`-th step (default 1). */
  every?: number;
}

/** What the run records. */
export interface MonitorsFile {
  /** Populations whose spikes are recorded, or `all`. */
  spikes?: string[] | 'all';
  /** State variables recorded, one monitor per entry. */
  state?: StateMonitorFile[];
  /** Per-synapse variables (weights) recorded, one monitor per entry. */
  synapses?: SynapseMonitorFile[];
}

/** The summary printed after a run (see `summarizeExperiment`). */
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
  /** Name shown in summaries and reports. */
  name?: string;
  /** Free text for readers of the file; ignored by the simulator. */
  description?: string;
  /** Time step, ms (> 0). */
  dt: number;
  /** Run length in ms: a whole number of steps of dt. */
  duration?: number;
  /** Run length in steps. */
  steps?: number;
  /** Non-negative integer; one seed, one result. */
  seed: number;
  /** Backend to run on (default `cpu`); the CLI's `--backend` overrides it. */
  backend?: 'cpu' | 'webgpu';
  /** Populations by name: a letter or `_`, then letters, digits, `_` or `-` (at most 64 characters). */
  populations: Record<string, PopulationFile>;
  /** Connections, built in file order. */
  connections?: ConnectionFile[];
  /** Input currents, applied in file order. */
  stimuli?: StimulusFile[];
  /** Spikes and state variables to record; default nothing. */
  monitors?: MonitorsFile;
  /** Spike-count summary after the run. */
  analysis?: AnalysisFile;
}
