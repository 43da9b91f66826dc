import { ConfigError, type MonitorSink, type RunOptions, type RunResult, type Simulation, type SpikeSink, type StateSink } from '@spikeflow/core';
import { checkRunLength, runInChunks, type BuiltNetwork } from '@spikeflow/core/backend';
import { CounterRng } from '@spikeflow/core/rng';
import { allocateBuffers, type PopulationBuffers, type Values } from './buffers.js';
import { F64, type Precision } from './precision.js';
import { buildPopulationKernel } from './population-kernel.js';
import { buildPropagateKernel } from './propagate-kernel.js';
import { driverSource } from './driver.js';
import { compileKernel } from './kernel-cache.js';
import { storeSynapses, storedBytes, weightBytes, type WeightStorage } from './synapse-storage.js';
import {
  CountingMemory,
  instantiateWasmKernel,
  instantiateWasmPropagate,
  parameterBytes,
  populationWasmKernel,
  propagateWasmKernel,
  tableBytes,
  WasmArena,
  wasmPropagationSupported,
  wasmSupported,
} from './wasm-kernel.js';

/** Options of a {@link CpuSimulation} beyond its number format. */
export interface CpuSimulationOptions {
  /** Weight storage of connections (see `WeightStorage`); default `auto`, lossless. */
  readonly weights?: WeightStorage;
  /**
   * WebAssembly SIMD population kernels where the model allows (f64 only; see wasm-kernel.ts).
   * Default true. Results are identical either way; `false` keeps every kernel JavaScript.
   */
  readonly wasm?: boolean;
}

/** Memory held for the synapses of all connections, as stored for propagation. */
export interface SynapseMemory {
  readonly synapses: number;
  /** Row offsets, postsynaptic indices and weights, in bytes. */
  readonly bytes: number;
  /** Every array the simulation holds (states, spike buffers, synapse storage, WebAssembly memory), in bytes. */
  readonly totalBytes: number;
}

/** Records one state sink: its neuron indices and a reused row of values. */
export class StateRecorder {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** Position of each neuron in `indices`, −1 when not recorded (for spike flags). */
  private readonly position: Int32Array;

  constructor(
    readonly sink: StateSink,
    size: number,
    readonly source: Values | undefined,
  ) {
    this.indices = sink.indices ?? Int32Array.from({ length: size }, (_, i) => i);
    this.values = new Float64Array(this.indices.length);
    this.position = new Int32Array(size).fill(-1);
    this.indices.forEach((i, k) => (this.position[i] = k));
  }

  /** Fills `values` from the state array, or from this step's spikes for `spike`. */
  record(step: number, spikes: Int32Array, spikeCount: number, state: Values | undefined = this.source): void {
    const { indices, values } = this;
    if (state) {
      for (let k = 0; k < indices.length; k++) values[k] = state[indices[k]!]!;
    } else {
      values.fill(0);
      for (let q = 0; q < spikeCount; q++) {
        const k = this.position[spikes[q]!]!;
        if (k >= 0) values[k] = 1;
      }
    }
    this.sink.onState(step, values);
  }
}

/**
 * The CPU simulation loop. Per step: every population's fused kernel (using synaptic input from
 * the previous step), then spike propagation through every connection, then monitors. This order
 * gives the seed's one step of transmission delay.
 *
 * The loop over steps is itself generated (a driver that calls each kernel directly), and every
 * kernel is compiled for this simulation alone, so V8 specializes it on its own arrays.
 */
export class CpuSimulation implements Simulation {
  private step = 0;
  private readonly buffers: Map<string, PopulationBuffers>;
  private readonly order: PopulationBuffers[];
  /** Spike count of each population in the last step (written by the driver). */
  private readonly counts: Int32Array;
  private readonly driver: (step0: number, steps: number) => void;
  private readonly monitors: readonly MonitorSink[];
  private readonly arraySteps: { name: string; steps: number }[];
  /** Synapses and the bytes that store them. */
  readonly synapseMemory: SynapseMemory;
  /** Populations whose kernel is WebAssembly SIMD (the others are JavaScript). */
  readonly wasmPopulations: number;

  constructor(
    net: BuiltNetwork,
    readonly precision: Precision = F64,
    options: CpuSimulationOptions = {},
  ) {
    const rng = new CounterRng(net.seed);
    const simd = precision === F64 && options.wasm !== false ? net.populations.map((p) => wasmSupported(net, p)) : [];
    let arena: WasmArena | undefined;
    if (simd.some((x) => x)) {
      // Every state array in one WebAssembly memory, sized by a dry run of the allocation.
      const counting = new CountingMemory();
      allocateBuffers(net, precision, counting);
      const tables = net.connections.reduce((n, c) => n + tableBytes(c, weightBytes(c.table, precision, options.weights ?? 'auto')), 0);
      arena = new WasmArena(counting.bytes + parameterBytes(net) + tables, false);
    }
    this.buffers = allocateBuffers(net, precision, arena);
    this.order = net.populations.map((p) => this.buffers.get(p.name)!);
    this.counts = new Int32Array(net.populations.length);
    const copies = new Map<unknown, Float64Array>();
    const populations = net.populations.map((p, k) => {
      const b = this.buffers.get(p.name)!;
      if (arena && simd[k]) return instantiateWasmKernel(populationWasmKernel(net, p, b, arena, 0, p.instance.size, copies), arena.memory);
      return buildPopulationKernel(net, p, b, rng, precision);
    });
    this.wasmPopulations = simd.filter((x) => x).length;
    let synapses = 0;
    let bytes = 0;
    // Only the stored (compacted) synapses are kept: the built tables can be collected.
    const propagators = net.connections.map((c, k) => {
      // Sparse tables go into the WebAssembly memory too when there is one.
      const stored = storeSynapses(c, precision, options.weights ?? 'auto', arena && c.table.format === 'csr' ? arena : undefined);
      synapses += stored.format === 'csr' ? stored.count : 0;
      bytes += storedBytes(stored);
      if (stored.format === 'dense') synapses += countNonZero(stored.weight);
      const state = this.buffers.get(c.post)!.synapseState.get(k)!;
      const kernel = arena && wasmPropagationSupported(c, stored) ? instantiateWasmPropagate(propagateWasmKernel(c, state, stored, arena, copies), arena.memory) : buildPropagateKernel(c, state, precision, stored);
      return { kernel, pre: net.populations.findIndex((p) => p.name === c.pre), outside: arena && stored.format === 'csr' ? 0 : storedBytes(stored) };
    });
    let arrays = arena ? arena.memory.buffer.byteLength : 0;
    if (!arena) {
      for (const b of this.order) {
        arrays += b.refractoryUntil.byteLength + b.spikes.byteLength;
        for (const m of [b.state, ...b.stimulusState.values(), ...b.synapseState.values()]) for (const a of m.values()) arrays += a.byteLength;
      }
    }
    // Sparse tables are inside the WebAssembly memory when there is one; dense ones never are.
    for (const p of propagators) arrays += p.outside;
    this.synapseMemory = { synapses, bytes, totalBytes: arrays };
    const spikeSinks = net.monitors.filter((m): m is SpikeSink => m.kind === 'spikes').map((sink) => ({ sink, population: net.populations.findIndex((p) => p.name === sink.population) }));
    const recorders = net.monitors
      .filter((m): m is StateSink => m.kind === 'state')
      .map((sink) => {
        const b = this.buffers.get(sink.population)!;
        return { recorder: new StateRecorder(sink, b.size, sink.variable === 'spike' ? undefined : b.state.get(sink.variable)), buffers: b, p: this.order.indexOf(b) };
      });
    const counts = this.counts;
    const record = (step: number) => {
      for (const { recorder, buffers, p } of recorders) if (step % recorder.sink.every === 0) recorder.record(step, buffers.spikes, counts[p]!);
    };
    const { source, bindings } = driverSource({
      dt: net.dt,
      populations: populations.map((kernel, p) => ({ kernel, spikes: this.order[p]!.spikes })),
      connections: propagators,
      spikeSinks,
      record: recorders.length > 0 ? record : undefined,
      counts: this.counts,
    });
    this.driver = compileKernel(source, bindings);
    this.monitors = [...net.monitors];
    this.arraySteps = net.stimuli.flatMap((s) => (s.kind === 'array' ? [{ name: s.name, steps: s.steps }] : []));
  }

  get currentStep(): number {
    return this.step;
  }

  async run(steps: number, options: RunOptions = {}): Promise<RunResult> {
    checkRunLength(this.arraySteps, this.step, steps);
    return runInChunks(this.monitors, steps, options, (n) => this.advance(n), () => this.step);
  }

  /**
   * Advances synchronously, without progress, abort or `begin` calls on monitors. For stepping
   * APIs that drive the simulation one step at a time.
   */
  advanceSync(count: number): void {
    this.advance(count);
  }

  /** Indices of the neurons of `population` that spiked in the last step (a copy). */
  lastSpikes(population: string): Int32Array {
    const b = this.buffers.get(population);
    if (!b) throw new ConfigError('unknown-population', `lastSpikes(${population})`, `no population named '${population}'`);
    return b.spikes.slice(0, this.counts[this.order.indexOf(b)]);
  }

  private advance(count: number): void {
    if (count <= 0) return;
    this.driver(this.step, count);
    this.step += count;
    this.order.forEach((b, p) => (b.spikeCount = this.counts[p]!));
  }

  getState(population: string, variable: string): Float64Array {
    const b = this.buffers.get(population);
    if (!b) throw new ConfigError('unknown-population', `getState(${population})`, `no population named '${population}'`);
    const arr = b.state.get(variable);
    if (!arr) throw new ConfigError('unknown-state', `getState(${population}, ${variable})`, `no state variable '${variable}'; known: ${[...b.state.keys()].join(', ')}`);
    return Float64Array.from(arr);
  }

  dispose(): void {
    this.order.length = 0;
  }
}

function countNonZero(w: ArrayLike<number>): number {
  let n = 0;
  for (let k = 0; k < w.length; k++) if (w[k] !== 0) n++;
  return n;
}
