import {
  ConfigError,
  Network,
  printWarning,
  type Connector,
  type ModelDefinition,
  type PopulationOptions,
  type ValueSpec,
  type WarningHandler,
} from '@spikeflow/core';
import { compileModel, instantiate, plasticityKind } from '@spikeflow/core/backend';
import { CounterRng, hostRng, streamId } from '@spikeflow/core/rng';
import { CpuSimulation } from './simulation.js';
import { buildInstanceKernels, standaloneBlock, type InstanceKernels } from './js/instance.js';
import { buildPropagateKernel, type PropagateKernel } from './js/propagate.js';
import { storeSynapses } from './synapse-storage.js';
import { F64 } from './precision.js';
import { initialState } from './buffers.js';

/** Options of a {@link StepPopulation}: a population's options plus its time step. */
export interface StepPopulationOptions extends PopulationOptions {
  /** Time step in ms. */
  readonly dt: number;
  /** Seed of the population's random draws (default 0). */
  readonly seed?: number;
  /** Receives warnings about the model or its parameters (default: printed to the console). */
  readonly onWarning?: WarningHandler;
}

type Input = number | ArrayLike<number>;

/**
 * A population stepped by hand, for teaching, close to the seed's loop: `forward(...)` advances
 * one step with the given input currents and returns the spike flags.
 *
 * @example
 * ```ts
 * import { StepConnection, StepPopulation } from '@spikeflow/backend-cpu';
 * import { ExpCurrent, randomNormalConnect } from '@spikeflow/connectivity';
 * import { LIF } from '@spikeflow/neurons';
 *
 * const ep1 = new StepPopulation('ep1', { model: LIF, size: 100, dt: 1 });
 * const ip1 = new StepPopulation('ip1', { model: LIF, size: 100, dt: 1, sign: 'inhibitory' });
 * const con = new StepConnection(ip1, ep1, { connector: randomNormalConnect({ wmean: 20, wstd: 5 }), synapse: ExpCurrent });
 * let fromIp1 = new Float64Array(100);
 * for (let i = 0; i < 1000; i++) {
 *   ep1.forward(40, fromIp1); // inputs are summed (nA): a constant and the inhibition
 *   ip1.forward(35);
 *   fromIp1 = con.compute(); // already negative: ip1 is inhibitory
 * }
 * ```
 * The same generated kernels as a full network run underneath.
 */
export class StepPopulation {
  /** The population's name. */
  readonly name: string;
  /** Number of neurons. */
  readonly size: number;
  /** Time step in ms. */
  readonly dt: number;
  /** Seed of its random draws (connections from it default to it). */
  readonly seed: number;
  /** Sign of its output: connections from an inhibitory population deliver negative currents. */
  readonly sign: 'excitatory' | 'inhibitory';
  /** The last step's spikes, 0 or 1 per neuron (the seed's `s`). */
  readonly s: Uint8Array;
  private readonly input: Float64Array;
  private readonly sim: CpuSimulation;
  private spikeList: Int32Array = new Int32Array(0);
  private steps = 0;

  constructor(name: string, options: StepPopulationOptions) {
    const net = new Network({ dt: options.dt, seed: options.seed ?? 0, onWarning: options.onWarning ?? printWarning });
    const pop = net.population(name, options);
    this.input = new Float64Array(options.size);
    if (compileModel(options.model, options.integrator).inputs.length > 0) {
      net.stimulate(pop, { kind: 'external', buffer: this.input }, { name: `${name}.forward` });
    }
    this.sim = new CpuSimulation(net.build());
    this.name = name;
    this.size = options.size;
    this.dt = options.dt;
    this.seed = options.seed ?? 0;
    this.sign = options.sign ?? 'excitatory';
    this.s = new Uint8Array(options.size);
  }

  /** Advances one step with the sum of the given input currents (nA; numbers or one value per neuron). */
  forward(...inputs: Input[]): Uint8Array {
    this.input.fill(0);
    inputs.forEach((input, k) => {
      if (typeof input === 'number') {
        if (!Number.isFinite(input)) throw new ConfigError('not-finite', `${this.name}.forward input ${k}`, `expected a finite current at step ${this.steps}, got ${input}`);
        for (let i = 0; i < this.size; i++) this.input[i]! += input;
        return;
      }
      if (input.length !== this.size) throw new ConfigError('shape-mismatch', `${this.name}.forward input ${k}`, `expected ${this.size} values (one per neuron), got ${input.length}`);
      for (let i = 0; i < this.size; i++) {
        const v = input[i]!;
        if (!Number.isFinite(v)) throw new ConfigError('not-finite', `${this.name}.forward input ${k}`, `value at step ${this.steps}, neuron ${i} is ${v}; expected a finite current`);
        this.input[i]! += v;
      }
    });
    this.sim.advanceSync(1);
    this.steps++;
    this.spikeList = this.sim.lastSpikes(this.name);
    this.s.fill(0);
    for (const i of this.spikeList) this.s[i] = 1;
    return this.s;
  }

  /** Indices of the neurons that spiked in the last step. */
  get spikes(): Int32Array {
    return this.spikeList;
  }

  /** Steps taken so far. */
  get step(): number {
    return this.steps;
  }

  /** A copy of a state variable, or `s` for the spike flags. */
  read(variable: string): Float64Array {
    return variable === 's' || variable === 'spike' ? Float64Array.from(this.s) : this.sim.getState(this.name, variable);
  }
}

/** Options of a {@link StepConnection}. */
export interface StepConnectionOptions {
  /** Who connects to whom with what weight, e.g. `randomNormalConnect(…)` from `@spikeflow/connectivity`. */
  readonly connector: Connector;
  /** Post-synaptic model, e.g. `ExpCurrent` from `@spikeflow/connectivity`. */
  readonly synapse: ModelDefinition;
  /** Values of the synapse model's parameters (defaults from the model). */
  readonly parameters?: Readonly<Record<string, ValueSpec>>;
  /** Seed of the connectivity and synapse draws (default: the presynaptic population's). */
  readonly seed?: number;
  /** Name in messages (default `pre->post`). */
  readonly name?: string;
}

/**
 * A connection stepped by hand. `compute()` advances its synaptic state by one step, takes the
 * presynaptic population's latest spikes, and returns the current into each postsynaptic neuron
 * — negative when the presynaptic population is inhibitory.
 */
export class StepConnection {
  /** The connection's name (default `pre->post`). */
  readonly name: string;
  private readonly kernels: InstanceKernels;
  private readonly propagate: PropagateKernel;
  private readonly out: Float64Array;
  private steps = 0;

  constructor(
    /** The presynaptic population: its last step's spikes are delivered. */
    readonly pre: StepPopulation,
    /** The postsynaptic population: one output current per neuron. */
    readonly post: StepPopulation,
    options: StepConnectionOptions,
  ) {
    this.name = options.name ?? `${pre.name}->${post.name}`;
    const path = `connection ${this.name}`;
    if (pre.dt !== post.dt) throw new ConfigError('dt-mismatch', path, `pre has dt = ${pre.dt} ms but post has dt = ${post.dt} ms`);
    const seed = options.seed ?? pre.seed;
    const model = compileModel(options.synapse);
    if (model.definition.kind !== 'synapse') throw new ConfigError('bad-model', `${path}.synapse`, `model ${model.name} is a ${model.definition.kind} model, not a synapse model`);
    if (model.plasticity) {
      throw new ConfigError('unsupported', `${path}.synapse`, `synapse model ${model.name} ${plasticityKind(model.plasticity)}: a StepConnection keeps no per-synapse state and sees no postsynaptic spikes; connect the populations in a Network instead`);
    }
    if (model.post.length > 0 || model.definition.weight?.conductance) {
      throw new ConfigError(
        'unsupported',
        `${path}.synapse`,
        `synapse model ${model.name} uses its target's state (${model.post.map((v) => `${v}_post`).join(', ') || 'a conductance synapse'}); a StepConnection advances a connection on its own, without its target's state: connect the populations in a Network instead`,
      );
    }
    const synapse = instantiate(model, { size: post.size, dt: post.dt, parameters: options.parameters, path, rng: (f) => hostRng(seed, `${path}/${f}`), warn: printWarning });
    const table = options.connector.build(pre.size, post.size, hostRng(seed, `${path}/connectivity`), `${path}.connector`);
    const states = initialState(synapse, F64);
    const sign = pre.sign === 'inhibitory' ? -1 : 1;
    // The stream a Network gives the connection (`connection:<name>`): its draws are the same numbers.
    this.kernels = buildInstanceKernels(synapse, states, streamId(`connection:${this.name}`), new CounterRng(seed), post.dt, F64);
    const stored = storeSynapses({ name: this.name, pre: pre.name, post: post.name, table, sign, synapse, input: 'I', delay: 1 }, F64, 'auto');
    this.propagate = buildPropagateKernel(standaloneBlock(synapse, states), stored, F64);
    this.out = new Float64Array(post.size);
  }

  /** Decays the synaptic state, adds the presynaptic spikes of the last step, returns the output (nA). */
  compute(): Float64Array {
    const t = this.steps * this.pre.dt;
    this.kernels.step(this.steps, t);
    const spikes = this.pre.spikes;
    this.propagate(spikes, spikes.length, this.steps);
    this.kernels.output(this.out, this.steps, t);
    this.steps++;
    return this.out;
  }
}
