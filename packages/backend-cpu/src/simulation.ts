import { CheckpointError, ConfigError, type Checkpoint, type CheckpointBuffer, type MonitorSink, type RunOptions, type RunResult, type Simulation } from '@spikeflow/core';
import { checkCheckpoint, checkRunLength, networkFingerprint, runInChunks, type BuiltConnection, type BuiltNetwork } from '@spikeflow/core/backend';
import { CounterRng } from '@spikeflow/core/rng';
import { F64, type Precision } from './precision.js';
import type { Values } from './buffers.js';
import { blockStates } from './plan/allocate.js';
import type { KernelPlan } from '@spikeflow/core/plan';
import { setup, type Setup } from './setup.js';
import { gatherAt, gatherWeights } from './plastic.js';
import { compileKernel } from './kernel-cache.js';
import type { RewardKernel } from './js/reward.js';
import { findConnection, readSynapseVariable, synapseWeights, weightFactor, weightTable, type SynapseTable } from '@spikeflow/core/backend';
import { partitionLoop, type PartitionInit } from './partition.js';
import { monitorHooks } from './monitor-hooks.js';
import { CMD, CTL, fail, runSteps, ThreadFailure, type ThreadPlan } from './step-loop.js';
import type { WeightStorage } from './synapse-storage.js';

/** Options of a {@link CpuSimulation} beyond its number format. */
export interface CpuSimulationOptions {
  /** Weight storage of connections (see `WeightStorage`); default `auto`, lossless. */
  readonly weights?: WeightStorage;
  /**
   * WebAssembly kernels where the plan allows (f64 only; see wasm/eligible.ts). Default true.
   * Results are identical either way; `false` keeps every kernel JavaScript.
   */
  readonly wasm?: boolean;
}

/** Memory held for the synapses of all connections, as stored for propagation. */
export interface SynapseMemory {
  /** Number of synapses over all connections. */
  readonly synapses: number;
  /**
   * Row offsets, postsynaptic indices and weights, in bytes; for plastic connections also their
   * per-synapse weights, transposed index, per-synapse variables and traces (`plasticBytes`).
   */
  readonly bytes: number;
  /** Of `bytes`: plastic connections' transposed index (column offsets, synapse and presynaptic indices), per-synapse variables besides w (with each synapse's last-event step) and traces; 0 without plasticity. */
  readonly plasticBytes: number;
  /** Every array the simulation holds (states, spike buffers, synapse storage, WebAssembly memory), in bytes. */
  readonly totalBytes: number;
}

/** Worker threads running partitions 1.. of a simulation (Node: threads/node.ts). */
export interface PartitionWorkers {
  /** The first error a worker reported, if any. */
  readonly error: Error | undefined;
  /** Stops every worker; the simulation cannot run afterwards. */
  terminate(): void;
}
/** Starts one worker per partition init and resolves once each has compiled its kernels. */
export type StartWorkers = (inits: readonly PartitionInit[]) => Promise<PartitionWorkers>;

/**
 * The CPU simulation: the kernel plan (`@spikeflow/core/plan`), laid out (plan/layout.ts), allocated and emitted by {@link setup}, run by the
 * one step loop (step-loop.ts) in one partition per thread. Per step: every population's fused
 * kernel (using synaptic input from the previous step), then spike propagation through every
 * connection, then monitors. This order gives the seed's one step of transmission delay. With
 * several threads, worker threads run the other partitions over shared memory and results are
 * identical to one thread, bit for bit.
 */
export class CpuSimulation implements Simulation {
  private step = 0;
  private failed: Error | undefined;
  private workers: PartitionWorkers | undefined;
  private readonly loop: ThreadPlan;
  private readonly init: PartitionInit;
  private readonly merge: (population: number, slot: number) => { spikes: Int32Array; count: number };
  private readonly plan: KernelPlan;
  private readonly states: Setup['alloc'];
  private readonly monitors: readonly MonitorSink[];
  private readonly arraySteps: { name: string; steps: number }[];
  private readonly net: BuiltNetwork;
  private readonly bounds: readonly (readonly number[])[];
  private fingerprint: string | undefined;
  private readonly plastic: Setup['plastic'];
  /** Synapses and the bytes that store them. */
  readonly synapseMemory: SynapseMemory;
  /** Populations whose kernel is WebAssembly SIMD (the others are JavaScript). */
  readonly wasmPopulations: number;
  /** What runs as what: number format, threads, WebAssembly or JavaScript kernels and why. */
  readonly description: string;
  /** Threads the simulation runs on (1: this thread alone). */
  readonly threads: number;

  /** A simulation of `net` on this thread alone (use {@link CpuSimulation.start} for several). */
  constructor(net: BuiltNetwork, precision?: Precision, options?: CpuSimulationOptions);
  constructor(net: BuiltNetwork, precision: Precision, options: CpuSimulationOptions, s: Setup);
  constructor(
    net: BuiltNetwork,
    /** Number format of every value computed and stored: {@link F64} (default) or {@link F32}. */
    readonly precision: Precision = F64,
    options: CpuSimulationOptions = {},
    s: Setup = setup(net, precision, 1, options),
  ) {
    this.plan = s.plan;
    this.states = s.alloc;
    this.init = s.partitions[0]!;
    this.threads = this.init.threads;
    const { merge, afterBarrier, replay } = monitorHooks(s, this.init);
    this.merge = merge;
    this.loop = partitionLoop(this.init, new CounterRng(net.seed), { afterBarrier, replay });
    this.synapseMemory = { synapses: s.synapses, bytes: s.synapseBytes, plasticBytes: s.plasticBytes, totalBytes: s.totalBytes };
    this.wasmPopulations = s.wasmPopulations;
    this.description = s.description;
    this.monitors = [...net.monitors];
    this.arraySteps = net.stimuli.flatMap((x) => (x.kind === 'array' ? [{ name: x.name, steps: x.steps }] : []));
    this.net = net;
    this.bounds = s.bounds;
    this.plastic = s.plastic;
  }

  /** Sets up `net` for `threads` threads and starts the worker threads (none for one thread). */
  static async start(net: BuiltNetwork, precision: Precision, threads: number, options: CpuSimulationOptions, startWorkers?: StartWorkers): Promise<CpuSimulation> {
    if (threads > 1 && !startWorkers) throw new ConfigError('unsupported', 'cpu backend.threads', 'threads need worker threads: in Node, import @spikeflow/backend-cpu (its node entry); this environment has none');
    const s = setup(net, precision, threads, options);
    const sim = new CpuSimulation(net, precision, options, s);
    if (threads > 1) sim.workers = await startWorkers!(s.partitions.slice(1));
    return sim;
  }

  get currentStep(): number {
    return this.step;
  }

  /**
   * Advances `steps` steps in chunks, reporting progress and honouring `options.signal`; monitors
   * receive every step. Array stimuli must cover the steps run.
   */
  async run(steps: number, options: RunOptions = {}): Promise<RunResult> {
    checkRunLength(this.arraySteps, this.step, steps);
    return runInChunks(this.monitors, steps, options, (n) => this.advance(n), () => this.step, (c, v, at) => this.synapseValues(c, v, at));
  }

  /**
   * Advances synchronously, without progress, abort or `begin` calls on monitors. For stepping
   * APIs that drive the simulation one step at a time.
   */
  advanceSync(count: number): void {
    this.advance(count);
  }

  private advance(count: number): void {
    if (this.failed) throw this.failed;
    if (count <= 0) return;
    const { ctl, cmd } = this.init;
    if (this.workers) {
      cmd[CMD.STEP0] = this.step;
      cmd[CMD.STEPS] = count;
      Atomics.store(ctl, CTL.COMMAND, 1);
      Atomics.add(ctl, CTL.SEQUENCE, 1);
      Atomics.notify(ctl, CTL.SEQUENCE);
    }
    try {
      runSteps(this.loop, this.step, count);
    } catch (e) {
      if (!this.workers) throw e;
      fail(ctl);
      this.failed = e instanceof ThreadFailure ? new Error(`a worker thread of the simulation failed${this.workers.error ? `: ${this.workers.error.message}` : ''}`) : (e as Error);
      throw this.failed;
    }
    this.step += count;
  }

  /** Indices of the neurons of `population` that spiked in the last step (a copy). */
  lastSpikes(population: string): Int32Array {
    const p = this.plan.populations.findIndex((x) => x.name === population);
    if (p < 0) throw new ConfigError('unknown-population', `lastSpikes(${population})`, `no population named '${population}'`);
    return this.spikesOf(p, this.step - 1);
  }

  /** Indices of the neurons of population `p` that spiked at `step`, one of the last `spikeSlots − 1` steps (a copy). */
  private spikesOf(p: number, step: number): Int32Array {
    if (step < 0) return new Int32Array(0);
    const m = this.merge(p, step % this.plan.spikeSlots);
    return m.spikes.slice(0, m.count);
  }

  getState(population: string, variable: string): Float64Array {
    return Float64Array.from(this.stateArray(population, variable));
  }

  /** The live state array of a population's variable (the plan's buffer; for stepping and checks). */
  stateArray(population: string, variable: string): Values {
    const pop = this.plan.populations.find((x) => x.name === population);
    if (!pop) throw new ConfigError('unknown-population', `getState(${population})`, `no population named '${population}'`);
    const arr = blockStates(pop.neuron, this.states).get(variable);
    if (!arr) throw new ConfigError('unknown-state', `getState(${population}, ${variable})`, `no state variable '${variable}'; known: ${[...pop.neuron.states.keys()].join(', ')}`);
    return arr;
  }

  /** Every buffer of the CPU layout (named, in allocation order) with its live array: for snapshots and checks. */
  buffers(): {
    /** Human name, e.g. `ep1.v` or `ep1.spikes[0]`. */
    name: string;
    /** What it holds: `state`, `refractory` or `spikes`. */
    kind: string;
    /** The live array (not a copy). */
    array: Values | Int32Array;
  }[] {
    return this.states.layout.buffers.map((b) => ({ name: b.name, kind: b.kind, array: this.states.arrays[b.index]! }));
  }

  /**
   * The complete state: every state and refractory buffer, each population's spikes of the last
   * step (and, with delays, of the steps whose spikes are still in flight) and the step (the random
   * numbers are a function of seed, stream and step). Independent of the thread count and of
   * WebAssembly or JavaScript kernels, which give identical results.
   */
  checkpoint(): Checkpoint {
    this.refusePlastic('checkpoint()');
    const spikes = this.plan.populations.flatMap((p, k) => this.spikeNames(p.name).map((name, back): CheckpointBuffer => ({ name, data: this.spikesOf(k, this.step - 1 - back) })));
    return { version: 1, network: this.networkFingerprint(), backend: 'cpu', step: this.step, buffers: [...this.stateBuffers().map((b) => ({ name: b.name, data: b.data.slice() })), ...spikes] };
  }

  /** Loads a checkpoint of the same network (any thread count, same number format). */
  restore(c: Checkpoint): void {
    if (this.failed) throw this.failed;
    this.refusePlastic('restore()');
    const targets = this.stateBuffers();
    const byName = new Map(c.buffers.map((b) => [b.name, b]));
    // Spike lists vary in length: check them as given, the rest against the live arrays.
    const lists = this.plan.populations.flatMap((p, k) =>
      this.spikeNames(p.name).map((name, back) => ({ name, k, back, data: byName.get(name)?.data instanceof Int32Array ? byName.get(name)!.data : new Int32Array(0) })),
    );
    checkCheckpoint(c, this.networkFingerprint(), 'cpu', [...targets, ...lists]);
    for (const { name, k, data } of lists) {
      const size = this.plan.populations[k]!.size;
      if (data.length > size || data.some((i) => !(i >= 0 && i < size))) throw new CheckpointError('bad-spikes', `buffer '${name}' holds a neuron index outside 0..${size - 1}`);
    }
    for (const t of targets) t.data.set(byName.get(t.name)!.data);
    const { counts } = this.init;
    const T = this.threads;
    const P = this.plan.populations.length;
    counts.fill(0);
    for (const { name, k, back } of lists) {
      const step = c.step - 1 - back;
      if (step < 0) continue;
      const slot = step % this.plan.spikeSlots;
      const list = byName.get(name)!.data as Int32Array;
      const views = this.init.populations[k]!.views[slot]!;
      // Each partition holds the spikes of its own neurons, in neuron order, at the start of its view.
      for (let u = 0; u < T; u++) {
        const [lo, hi] = [this.bounds[k]![u]!, this.bounds[k]![u + 1]!];
        const own = list.filter((i) => i >= lo && i < hi);
        views[u]!.set(own);
        counts[slot * P * T + k * T + u] = own.length;
      }
    }
    this.step = c.step;
  }

  /**
   * A copy of a connection's weights now, in the synapse model's weight unit (e.g. nS): the table
   * as built, with the current weights of a plastic connection gathered from every partition (a
   * model with a weight equation, `plasticity.weightEquation`: as of each synapse's last event).
   * The result is a `SynapseTable`, which the weight figures of `@spikeflow/plot` accept.
   *
   * @example
   * const { weights } = sim.weights('inputs->neuron'); // one per synapse, CSR order
   */
  weights(connection: string): SynapseTable {
    const c = findConnection(this.net.connections, connection, `weights(${connection})`);
    return weightTable(c, this.currentWeights(c));
  }

  /** A plastic connection's weights now, gathered from every partition (internal units); undefined for fixed weights. */
  private currentWeights(c: BuiltConnection): Float64Array | undefined {
    const p = this.plastic.get(c.name);
    return p && gatherWeights(c.table, p.slices, p.bounds, 1);
  }

  /**
   * A per-synapse variable of a connection now, one value per synapse in synapse order (CSR
   * order): `w`, the weights of {@link weights}, and a model's per-synapse variables
   * (`plasticity.synapseState`, e.g. `u` and `x` of `TsodyksMarkram`, `c` of `RewardStdp`) in their
   * internal unit. Event-driven variables are stored as of each synapse's last event (its last
   * presynaptic or postsynaptic spike or reward), not advanced to now — as Brian2 reads
   * `(event-driven)` variables; clock-driven ones (`NmdaSynapse`'s `g_syn` and `x`) are current.
   * With `indices` (synapse indices), one value per selected synapse in the order given — the
   * same numbers as the same entries of the whole read, read without gathering the rest (work
   * proportional to the selection). What synapse monitors record.
   *
   * @throws ConfigError `unknown-connection`, `unknown-variable`, `bad-synapse-index`.
   * @example
   * sim.synapseValues('inputs->neuron', 'w'); // Float64Array, nS
   * sim.synapseValues('inputs->neuron', 'w', [5, 0]); // the weights of synapses 5 and 0
   */
  synapseValues(connection: string, variable: string, indices?: ArrayLike<number>): Float64Array {
    return readSynapseVariable(
      this.net.connections,
      connection,
      variable,
      (c) => {
        const p = this.plastic.get(c.name);
        const vars = p
          ? (c.synapse.model.plasticity?.synapseState ?? []).map((v, k) => {
              const arrays = () => p.partitions.map((q) => q.vars[k]!.values);
              return [v.name, (at?: ArrayLike<number>) => (at ? gatherAt(c.table, p.slices, p.bounds, 1, at, arrays()) : gatherWeights(c.table, p.slices, p.bounds, 1, arrays()))] as const;
            })
          : [];
        // Plastic weights at the selected synapses are read from the partitions' slices, scaled as synapseWeights scales them.
        const w = (at?: ArrayLike<number>) => (at && p ? gatherAt(c.table, p.slices, p.bounds, weightFactor(c), at) : synapseWeights(c, at ? undefined : this.currentWeights(c), at));
        return { w, ...Object.fromEntries(vars) };
      },
      indices,
    );
  }

  /**
   * Delivers a reward to a reward-modulated connection (a model with `plasticity.reward`, e.g.
   * `RewardStdp`) now, between runs: at the time of the next step to run (step
   * {@link CpuSimulation.currentStep}), every synapse's per-synapse variables are advanced to that
   * step and the model's reward statements run once per synapse with `reward` = `value`
   * (`RewardStdp`: w ← clip(w + reward·c, wmin, wmax)).
   *
   * @throws ConfigError `unknown-connection`; `not-reward-modulated` for a connection whose model
   * has no reward statements; `bad-value` for a value that is not a finite number.
   * @example
   * await sim.run(1000); sim.deliverReward('input->out', 1); await sim.run(1000);
   */
  deliverReward(connection: string, value: number): void {
    if (this.failed) throw this.failed;
    const where = `deliverReward(${connection})`;
    const { c, p } = this.plasticConnection(connection, where);
    if (!p?.reward) throw new ConfigError('not-reward-modulated', where, `synapse model ${c.synapse.model.name} of connection ${connection} has no reward modulation (plasticity.reward); use a reward-modulated model such as RewardStdp`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError('bad-value', where, `the reward must be a finite number, got ${String(value)}`);
    this.rewardKernels.set(connection, (this.rewardKernels.get(connection) ?? p.reward.map((k) => compileKernel<RewardKernel>(k.source, k.bindings))));
    for (const kernel of this.rewardKernels.get(connection)!) kernel(value, this.step);
  }

  private readonly rewardKernels = new Map<string, RewardKernel[]>();

  /** A connection by name and its plastic setup (undefined for a static connection). */
  private plasticConnection(connection: string, where: string) {
    return { c: findConnection(this.net.connections, connection, where), p: this.plastic.get(connection) };
  }

  /** Checkpoints do not hold plastic weights and traces yet. */
  private refusePlastic(what: string): void {
    if (this.plastic.size > 0) throw new ConfigError('unsupported', what, `checkpoints of plastic connections (${[...this.plastic.keys()].join(', ')}) are not supported yet`);
  }

  /**
   * Checkpoint names of a population's spikes still needed: `<pop>#spikes` for the last step, then
   * `<pop>#spikes-2`, `-3`, … for earlier steps whose spikes a delayed connection has yet to deliver.
   */
  private spikeNames(population: string): string[] {
    return Array.from({ length: this.plan.spikeSlots - 1 }, (_, back) => (back === 0 ? `${population}#spikes` : `${population}#spikes-${back + 1}`));
  }

  /** State and refractory buffers as checkpoint buffers over the live arrays. */
  private stateBuffers(): CheckpointBuffer[] {
    // Summed buffers are recomputed at the start of every step: no state to save.
    return this.states.layout.buffers.filter((b) => b.kind !== 'spikes' && b.kind !== 'summed').map((b) => ({ name: b.name, data: this.states.arrays[b.index]! }));
  }

  private networkFingerprint(): string {
    return (this.fingerprint ??= networkFingerprint(this.net));
  }

  /** Stops the worker threads, if any. Safe to call more than once. */
  dispose(): void {
    if (!this.workers) return;
    const { ctl } = this.init;
    Atomics.store(ctl, CTL.COMMAND, 2);
    Atomics.add(ctl, CTL.SEQUENCE, 1);
    Atomics.notify(ctl, CTL.SEQUENCE);
    this.workers.terminate();
    this.workers = undefined;
  }
}
