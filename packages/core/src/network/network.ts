import { ConfigError, printWarning, type WarningHandler } from '../errors.js';
import { compileModel, type CompiledModel } from '../model/compile.js';
import { instantiate } from '../model/instance.js';
import { hostRng } from '../rng/host.js';
import { streamId } from '../rng/philox.js';
import type { Backend, RunOptions, RunResult, Simulation } from './backend.js';
import type { Checkpoint } from './checkpoint.js';
import type {
  BuiltConnection,
  BuiltNetwork,
  BuiltPopulation,
  BuiltStimulus,
  ConnectionOptions,
  MonitorSink,
  PopulationOptions,
  StimulusOptions,
  StimulusSource,
} from './types.js';
import { buildConnection, compileSynapse, type ConnectionSpec } from './connection.js';
import { runCheckingFinite, type NonFinitePolicy, type StateNames } from './finite.js';
import { checkMemory, DEFAULT_MEMORY_LIMIT, estimatedSynapses, modelBytes, tableBytes, type MemoryItem } from './memory.js';
import { checkDelivery } from '../units/model-units.js';
import { buildEvents } from './events.js';
import { checkSynapseSink } from './synapse-monitor.js';
import { buildPoissonInput } from './poisson-input.js';
import { checkNonNegativeInput } from './rates.js';
import type { Unit } from '../units/unit.js';

/**
 * Options of `new Network`.
 *
 * @example
 * const net = new Network({ dt: 0.1, seed: 42, memoryLimit: 8 * 2 ** 30 });
 */
export interface NetworkOptions {
  /** Time step in ms, finite and > 0 (otherwise a `ConfigError` on `network.dt`). */
  readonly dt: number;
  /** One seed, one result: every random choice in the network derives from it. */
  readonly seed?: number;
  /** Receives warnings found while building (e.g. dt larger than a time constant); default prints them to stderr. */
  readonly onWarning?: WarningHandler;
  /** Largest estimated memory (bytes) `build` accepts before allocating anything. Default 4 GiB. */
  readonly memoryLimit?: number;
}

/** A handle to a population added to a network. */
export interface PopulationRef {
  /** The population's name, unique in its network. */
  readonly name: string;
  /** Number of neurons. */
  readonly size: number;
}

/** Options of `Network.run`: a backend's run options, and what to do about NaN or Infinity. */
export interface NetworkRunOptions extends RunOptions {
  /**
   * `stop` (default): the states are scanned after each chunk and a NaN or ±Infinity stops the run
   * with a `NonFiniteError` naming population, variable, neuron and step (recorded data is kept).
   * `continue`: no scan.
   */
  readonly nonFinite?: NonFinitePolicy;
}

/** How long to run: a duration in ms or a number of steps — exactly one. */
export type Duration =
  | {
      /** Simulated time in ms; must be a whole number of steps of `dt`. */
      readonly duration: number;
    }
  | {
      /** Number of steps, a whole number ≥ 0. */
      readonly steps: number;
    };

/**
 * A network description: populations, connections, stimuli and monitors. Nothing runs until it is
 * compiled on an explicitly chosen backend.
 *
 * @example
 * const net = new Network({ dt: 1, seed: 1 });
 * const pop = net.population('exc', { model: LIF, size: 100 });
 * net.stimulate(pop, constantCurrent(35));
 * const spikes = net.monitor(new SpikeMonitor(pop));
 * await net.run({ duration: 1000 }, createCpuBackend());
 */
export class Network {
  /** Time step in ms. */
  readonly dt: number;
  /** The seed every random choice derives from (default 0). */
  readonly seed: number;
  private readonly warn: WarningHandler;
  private readonly memoryLimit: number;
  private readonly pops = new Map<string, PopulationOptions & { name: string }>();
  private readonly conns: ConnectionSpec[] = [];
  private readonly stims: { population: string; source: StimulusSource; input?: string; name: string }[] = [];
  private readonly sinks: MonitorSink[] = [];
  private simulation: Simulation | undefined;
  private stateNames: StateNames = [];

  /** @throws ConfigError for a `dt` that is not finite and > 0, a seed that is not a non-negative safe integer, or a `memoryLimit` ≤ 0. */
  constructor(options: NetworkOptions) {
    if (!(options.dt > 0) || !Number.isFinite(options.dt)) throw new ConfigError('bad-dt', 'network.dt', `expected a time step > 0 ms, got ${options.dt}`);
    const seed = options.seed ?? 0;
    if (!Number.isSafeInteger(seed) || seed < 0) throw new ConfigError('bad-seed', 'network.seed', `expected a non-negative integer, got ${seed}`);
    this.dt = options.dt;
    this.seed = seed;
    this.warn = options.onWarning ?? printWarning;
    const limit = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
    if (!(limit > 0)) throw new ConfigError('bad-memory-limit', 'network.memoryLimit', `expected a number of bytes > 0, got ${limit}`);
    this.memoryLimit = limit;
  }

  /**
   * Adds a population of `options.size` neurons of one model and returns a handle to connect,
   * stimulate and monitor it. Values are checked when the network is built.
   *
   * @throws ConfigError when the name is taken or the size is not a positive integer.
   * @example
   * const exc = net.population('exc', { model: LIF, size: 800, parameters: { threshold: -50 } });
   */
  population(name: string, options: PopulationOptions): PopulationRef {
    if (this.pops.has(name)) throw new ConfigError('duplicate-name', `population ${name}`, 'a population with this name already exists');
    if (!Number.isInteger(options.size) || options.size <= 0) throw new ConfigError('bad-size', `population ${name}.size`, `expected a positive integer, got ${options.size}`);
    this.pops.set(name, { ...options, name });
    return { name, size: options.size };
  }

  /**
   * Connects two populations (or one to itself) through a synapse model; returns the connection's
   * name. The connector runs when the network is built.
   *
   * @throws ConfigError when either population is not in this network or the name is taken.
   * @example
   * net.connect(exc, inh, { connector: fixedProbabilityConnect({ p: 0.1, weight: 0.5 }), synapse: ExpCurrent });
   */
  connect(pre: PopulationRef, post: PopulationRef, options: ConnectionOptions): string {
    this.requirePopulation(pre.name, 'connection pre');
    this.requirePopulation(post.name, 'connection post');
    const name = options.name ?? `${pre.name}->${post.name}`;
    if (this.conns.some((c) => c.name === name)) throw new ConfigError('duplicate-name', `connection ${name}`, 'a connection with this name already exists; give it a name');
    this.conns.push({ ...options, pre: pre.name, post: post.name, name });
    return name;
  }

  /**
   * Feeds a stimulus into an input of a population (default its model's first input); returns the
   * stimulus's name. Shapes and models are checked when the network is built.
   *
   * @throws ConfigError when the population is not in this network.
   * @example
   * net.stimulate(exc, constantCurrent(0.5)); // 0.5 nA into every neuron's input I
   */
  stimulate(target: PopulationRef, source: StimulusSource, options: StimulusOptions = {}): string {
    this.requirePopulation(target.name, 'stimulus target');
    const name = options.name ?? `stimulus${this.stims.length}:${target.name}`;
    this.stims.push({ population: target.name, source, name, ...(options.input ? { input: options.input } : {}) });
    return name;
  }

  /**
   * Attaches a monitor (from `@spikeflow/monitors`, or any sink) and returns it. A synapse sink's
   * connection, variable, interval and indices are checked when the network is built.
   */
  monitor<M extends MonitorSink>(sink: M): M {
    if (sink.kind !== 'synapses') this.requirePopulation(sink.population, 'monitor');
    this.sinks.push(sink);
    return sink;
  }

  /** Converts a duration to whole steps of dt. */
  steps(d: Duration): number {
    if ('steps' in d && 'duration' in d) throw new ConfigError('ambiguous-duration', 'run', 'give a duration in ms or a number of steps, not both');
    const steps = 'steps' in d ? d.steps : Math.round(d.duration / this.dt);
    if ('duration' in d && Math.abs(steps * this.dt - d.duration) > 1e-9 * Math.max(1, d.duration)) {
      throw new ConfigError('bad-duration', 'run.duration', `${d.duration} ms is not a whole number of steps of dt = ${this.dt} ms`);
    }
    if (!Number.isInteger(steps) || steps < 0) throw new ConfigError('bad-duration', 'run', `expected a non-negative whole number of steps, got ${steps}`);
    if (!Number.isSafeInteger(steps)) throw new ConfigError('bad-duration', 'run', `${steps} steps is more than ${Number.MAX_SAFE_INTEGER} (Number.MAX_SAFE_INTEGER), beyond which steps cannot be counted exactly`);
    return steps;
  }

  /**
   * Estimated memory of the built network, item by item (populations, synapse tables and models,
   * stimuli), computed from sizes and connector estimates alone: nothing is allocated.
   */
  estimateMemory(): MemoryItem[] {
    const items: MemoryItem[] = [];
    for (const p of this.pops.values()) items.push({ path: `population ${p.name}.size`, bytes: modelBytes(p.model, p.size) });
    for (const c of this.conns) {
      const nPre = this.pops.get(c.pre)!.size;
      const nPost = this.pops.get(c.post)!.size;
      const synapses = estimatedSynapses(c.connector, nPre, nPost);
      const sparse = c.storage === 'csr' || (c.storage !== 'dense' && synapses < (nPre * nPost) / 4);
      items.push({ path: `connection ${c.name}.connector`, bytes: tableBytes(synapses, nPre, nPost, sparse) + modelBytes(c.synapse, nPost) });
    }
    for (const s of this.stims) {
      if (s.source.kind === 'model') items.push({ path: `stimulus ${s.name}`, bytes: modelBytes(s.source.model, this.pops.get(s.population)!.size) });
    }
    return items;
  }

  /**
   * Checks everything that can be checked without allocating the network: models compile, the
   * memory estimate is within the limit. `spikeflow validate` uses this instead of `build`.
   */
  check(): void {
    checkMemory(this.estimateMemory(), this.memoryLimit);
    for (const p of this.pops.values()) {
      const model = compileModel(p.model, p.integrator);
      if (model.definition.kind !== 'neuron') throw new ConfigError('bad-model', `population ${p.name}.model`, `model ${model.name} is a ${model.definition.kind} model, not a neuron model`);
    }
    const neuronOf = (name: string) => ({ name, model: compileModel(this.pops.get(name)!.model, this.pops.get(name)!.integrator) });
    for (const c of this.conns) compileSynapse(c, neuronOf(c.post), neuronOf(c.pre));
    for (const s of this.stims) if (s.source.kind === 'model') compileModel(s.source.model);
  }

  /** Does the host work once: compile models, draw parameters and connectivity, check stimuli. */
  build(): BuiltNetwork {
    const { dt, seed, warn } = this;
    checkMemory(this.estimateMemory(), this.memoryLimit);
    const rngFor = (scope: string) => (field: string) => hostRng(seed, `${scope}/${field}`);
    const populations: BuiltPopulation[] = [];
    for (const p of this.pops.values()) {
      const path = `population ${p.name}`;
      const model = compileModel(p.model, p.integrator);
      model.warnings.forEach((w) => warn({ ...w, path: `${path}: ${w.path}` }));
      if (model.definition.kind !== 'neuron') throw new ConfigError('bad-model', `${path}.model`, `model ${model.name} is a ${model.definition.kind} model, not a neuron model`);
      const instance = instantiate(model, { size: p.size, dt, parameters: p.parameters, initial: p.initial, path, rng: rngFor(path), warn });
      populations.push({ name: p.name, instance, sign: p.sign ?? 'excitatory' });
    }
    const popByName = new Map(populations.map((p) => [p.name, p]));
    const inputOf = (pop: BuiltPopulation, given: string | undefined, path: string) => {
      const inputs = pop.instance.model.inputs;
      const input = given ?? inputs[0];
      if (!input || !inputs.includes(input)) {
        throw new ConfigError('unknown-input', `${path}.input`, `model ${pop.instance.model.name} has no input '${given ?? ''}'; known: ${inputs.join(', ') || '(none)'}`);
      }
      return input;
    };
    /** The fed input's unit (replaces `target` in the feeding model) after checking what it delivers. */
    const targetUnit = (pop: BuiltPopulation, input: string, feeder: CompiledModel, path: string): Unit => {
      const unit = pop.instance.model.units.of.get(input) as Unit;
      checkDelivery(feeder.units, feeder.name, { name: input, unit, model: pop.instance.model.name }, path);
      return unit;
    };

    const connections: BuiltConnection[] = this.conns.map((c) =>
      buildConnection(c, popByName.get(c.pre)!, popByName.get(c.post)!, { dt, seed, warn, rng: rngFor(`connection ${c.name}`), inputOf, targetUnit }),
    );

    const stimuli: BuiltStimulus[] = this.stims.map((s) => {
      const path = `stimulus ${s.name}`;
      const pop = popByName.get(s.population) as BuiltPopulation;
      const n = pop.instance.size;
      if (s.source.kind === 'poisson-input') return buildPoissonInput(s.source, s.name, pop, dt, s.input, path);
      const input = inputOf(pop, s.input, path);
      if (s.source.kind === 'external') {
        if (s.source.buffer.length !== n) throw new ConfigError('shape-mismatch', `${path}.buffer`, `expected ${n} values (one per neuron), got ${s.source.buffer.length}`);
        return { name: s.name, population: s.population, input, kind: 'external', buffer: s.source.buffer };
      }
      if (s.source.kind === 'events' || s.source.kind === 'array') {
        const built: BuiltStimulus =
          s.source.kind === 'events'
            ? { name: s.name, population: s.population, input, ...buildEvents(s.source, n, dt, path) }
            : { name: s.name, population: s.population, input, kind: 'array', steps: s.source.steps, data: checkArray(s.source, n, path) };
        checkNonNegativeInput(pop, built, path);
        return built;
      }
      const model = compileModel(s.source.model);
      if (model.definition.kind !== 'current') throw new ConfigError('bad-model', `${path}.model`, `model ${model.name} is a ${model.definition.kind} model, not a current source`);
      const target = targetUnit(pop, input, model, path);
      const instance = instantiate(model, { size: n, dt, parameters: s.source.parameters, path, rng: rngFor(path), warn, target });
      return { name: s.name, population: s.population, input, kind: 'model', instance, stream: streamId(s.source.stream ?? s.name) };
    });

    for (const m of this.sinks) {
      if (m.kind === 'synapses') {
        checkSynapseSink(m, connections);
        continue;
      }
      const pop = popByName.get(m.population) as BuiltPopulation;
      if (m.kind === 'state') {
        const v = m.variable;
        if (v !== 'spike' && !pop.instance.model.states.includes(v)) {
          throw new ConfigError('unknown-state', `monitor ${m.population}.${v}`, `model ${pop.instance.model.name} has no state variable '${v}'; known: spike, ${pop.instance.model.states.join(', ')}`);
        }
        for (const i of m.indices ?? []) {
          if (!(i >= 0 && i < pop.instance.size)) throw new ConfigError('bad-index', `monitor ${m.population}.${v}.indices`, `neuron index ${i} is outside 0..${pop.instance.size - 1}`);
        }
      }
    }
    return { dt, seed, populations, connections, stimuli, monitors: [...this.sinks] };
  }

  /**
   * Builds and compiles on `backend` (first call), then runs. Later calls continue the same
   * simulation, so a run can be split into parts.
   */
  async run(duration: Duration, backend: Backend, options: NetworkRunOptions = {}): Promise<RunResult> {
    const steps = this.steps(duration);
    const simulation = await this.compile(backend);
    const { nonFinite = 'stop', ...runOptions } = options;
    if (nonFinite === 'continue') return simulation.run(steps, runOptions);
    // Monitors size their storage (and refuse a too-large run) for the whole run at once.
    for (const m of this.sinks) m.begin?.(steps);
    return runCheckingFinite(simulation, steps, this.stateNames, runOptions);
  }

  /**
   * The simulation's complete state now (after `run`): save it with `encodeCheckpoint`, and
   * continue later, in this or another process, with {@link Network.restore}.
   */
  async checkpoint(): Promise<Checkpoint> {
    if (!this.simulation) throw new ConfigError('not-compiled', 'checkpoint', 'nothing has run yet: call run (or restore) first');
    if (!this.simulation.checkpoint) throw new ConfigError('unsupported', 'checkpoint', 'this backend cannot save its state');
    return this.simulation.checkpoint();
  }

  /**
   * Builds and compiles on `backend` (unless already compiled) and loads `checkpoint`, so the next
   * `run` continues from its step: N steps, checkpoint, restore in a fresh network, N more steps give
   * exactly the spikes and states of 2N uninterrupted steps. A checkpoint of another network
   * (seed, dt, models, parameters, connectivity, stimuli) is a `CheckpointError`.
   */
  async restore(checkpoint: Checkpoint, backend: Backend): Promise<void> {
    const sim = await this.compile(backend);
    if (!sim.restore) throw new ConfigError('unsupported', 'restore', `the ${backend.name} backend cannot load a checkpoint`);
    await sim.restore(checkpoint);
  }

  private async compile(backend: Backend): Promise<Simulation> {
    if (!this.simulation) {
      const built = this.build();
      this.stateNames = built.populations.map((p) => ({ population: p.name, states: p.instance.model.states }));
      this.simulation = await backend.compile(built);
    }
    return this.simulation;
  }

  /** Populations in the order they were added. */
  get populations(): readonly PopulationRef[] {
    return [...this.pops.values()].map((p) => ({ name: p.name, size: p.size }));
  }

  /** Stimuli in the order they were added, with their names (e.g. to materialise the inputs for a figure). */
  get stimuli(): readonly {
    /** The stimulus's name (given, or `stimulus<k>:<population>`). */
    readonly name: string;
    /** Name of the population it feeds. */
    readonly population: string;
    /** What it delivers, as given to `stimulate`. */
    readonly source: StimulusSource;
    /** The input named in `stimulate`'s options; absent means the model's first input. */
    readonly input?: string;
  }[] {
    return this.stims;
  }

  /** The simulation compiled by `run`, for reading state. */
  get compiled(): Simulation | undefined {
    return this.simulation;
  }

  private requirePopulation(name: string, what: string): void {
    if (!this.pops.has(name)) throw new ConfigError('unknown-population', what, `no population named '${name}'; known: ${[...this.pops.keys()].join(', ')}`);
  }
}

function checkArray(src: Extract<StimulusSource, { kind: 'array' }>, n: number, path: string): Float64Array {
  if (src.size !== n) throw new ConfigError('shape-mismatch', `${path}.data`, `stimulus has ${src.size} columns but the population has ${n} neurons`);
  if (src.data.length !== src.steps * src.size) {
    throw new ConfigError('shape-mismatch', `${path}.data`, `expected ${src.steps} × ${src.size} = ${src.steps * src.size} values, got ${src.data.length}`);
  }
  const data = Float64Array.from(src.data);
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new ConfigError('not-finite', `${path}.data`, `value at step ${Math.floor(k / n)}, neuron ${k % n} is ${data[k]}; expected a finite current`);
    }
  }
  return data;
}
