import { Worker } from 'node:worker_threads';
import { ConfigError, type RunOptions, type RunResult, type Simulation, type SpikeSink, type StateSink } from '@spikeflow/core';
import { checkRunLength, runInChunks, type BuiltNetwork } from '@spikeflow/core/backend';
import { CounterRng } from '@spikeflow/core/rng';
import { allocateBuffers, Memory, type PopulationBuffers, type Values } from './buffers.js';
import type { KernelSource } from './bindings.js';
import { compileKernel } from './kernel-cache.js';
import { CMD, CTL, fail, runSteps, ThreadFailure, type ThreadPlan } from './parallel-loop.js';
import { threadRecorders, type ThreadKernel, type ThreadRecorder, type WorkerInit } from './parallel-plan.js';
import { populationKernelSource, type PopulationKernel } from './population-kernel.js';
import type { Precision } from './precision.js';
import { propagateKernelSource, type PropagateKernel } from './propagate-kernel.js';
import { StateRecorder, type CpuSimulationOptions, type SynapseMemory } from './simulation.js';
import { storeSynapses, storedBytes, weightBytes, type StoredSynapses } from './synapse-storage.js';
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

/** Splits 0..n into `threads` contiguous ranges [bounds[w], bounds[w + 1]) starting at even neurons (SIMD pairs). */
const split = (n: number, threads: number): number[] => Array.from({ length: threads + 1 }, (_, w) => (w === threads ? n : 2 * Math.floor((n * w) / threads / 2)));



/** Bindings without the random generator `R` (a class instance), which the worker makes from the seed. */
const withoutRandom = ({ source, bindings }: KernelSource): KernelSource => {
  const { R: _r, ...rest } = bindings;
  return { source, bindings: rest };
};

/**
 * The multi-threaded CPU simulation (`createCpuBackend({ threads })`): the main thread and
 * `threads − 1` worker threads each own a contiguous slice of every population, over state in
 * SharedArrayBuffers, and meet at one barrier per step (see parallel-loop.ts). Gives the same
 * spikes and state as the one-threaded {@link CpuSimulation}, bit for bit.
 */
export class ParallelCpuSimulation implements Simulation {
  private step = 0;
  private failed: Error | undefined;
  private readonly workers: Worker[] = [];
  private workerError: Error | undefined;

  private constructor(
    private readonly plan: ThreadPlan,
    private readonly cmd: Float64Array,
    private readonly buffers: Map<string, PopulationBuffers>,
    private readonly order: string[],
    private readonly merge: (population: number, parity: number) => { spikes: Int32Array; count: number },
    private readonly net: Pick<BuiltNetwork, 'monitors'>,
    private readonly arraySteps: { name: string; steps: number }[],
    readonly synapseMemory: SynapseMemory,
    readonly threads: number,
  ) {}

  /** Compiles `net` for `threads` threads (≥ 2) and starts the worker threads. */
  static async create(net: BuiltNetwork, precision: Precision, threads: number, options: CpuSimulationOptions = {}): Promise<ParallelCpuSimulation> {
    for (const s of net.stimuli) {
      if (s.kind === 'external') throw new ConfigError('unsupported', `stimulus ${s.name}`, 'external input buffers (the stepping API) need the one-threaded CPU backend; leave out the threads option');
    }
    const T = threads;
    const memory = new Memory(true);
    const simd = precision.name === 'f64' && options.wasm !== false ? net.populations.map((p) => wasmSupported(net, p)) : [];
    let arena: WasmArena | undefined;
    if (simd.some((x) => x)) {
      // State and spike arrays in one shared WebAssembly memory, which every thread's kernels import.
      const counting = new CountingMemory();
      allocateBuffers(net, precision, counting);
      for (const p of net.populations) for (const _parity of [0, 1]) counting.alloc(Int32Array, p.instance.size);
      const tables = net.connections.reduce((n, c) => n + (c.table.format === 'csr' ? tableBytes(c, weightBytes(c.table, precision, options.weights ?? 'auto')) + T * (4 * (c.table.nPre + 1) + 64) : 0), 0);
      arena = new WasmArena(counting.bytes + parameterBytes(net, T * net.populations.length) + tables, true);
    }
    const buffers = allocateBuffers(net, precision, arena ?? memory);
    const P = net.populations.length;
    const bounds = net.populations.map((p) => split(p.instance.size, T));
    const popIndex = new Map(net.populations.map((p, k) => [p.name, k]));
    // Spike buffers by parity; thread u writes its spikes from its first neuron's offset on.
    const views = net.populations.map((p, k) =>
      [0, 1].map(() => {
        const all = (arena ?? memory).alloc(Int32Array, p.instance.size);
        return bounds[k]!.slice(0, T).map((lo, u) => all.subarray(lo, bounds[k]![u + 1]));
      }),
    );
    const ctl = memory.alloc(Int32Array, CTL.LENGTH);
    const cmd = memory.alloc(Float64Array, CMD.LENGTH);
    const counts = memory.alloc(Int32Array, 2 * P * T);
    const arrays = new Map<number, Values>();
    const arrayData = (k: number, data: Float64Array) => {
      if (!arrays.has(k)) arrays.set(k, memory.values(precision, data));
      return arrays.get(k)!;
    };
    const rng = new CounterRng(net.seed);
    const mode = options.weights ?? 'auto';

    // Per connection, each thread's slice of synapses (by postsynaptic neuron).
    let synapses = 0;
    let bytes = 0;
    const stored: StoredSynapses[][] = net.connections.map((c) => {
      const post = bounds[popIndex.get(c.post)!]!;
      if (c.table.format === 'dense') {
        const whole = storeSynapses(c, precision, mode, memory);
        bytes += storedBytes(whole);
        const w = whole.weight as Float64Array | Float32Array;
        for (let k = 0; k < w.length; k++) if (w[k] !== 0) synapses++;
        return post.slice(0, T).map((lo, w) => ({ ...whole, lo, hi: post[w + 1]! }) as StoredSynapses);
      }
      return post.slice(0, T).map((lo, w) => {
        const s = storeSynapses(c, precision, mode, arena ?? memory, lo, post[w + 1]!);
        bytes += storedBytes(s);
        synapses += s.format === 'csr' ? s.count : 0;
        return s;
      });
    });

    const copies = new Map<unknown, Float64Array>();
    const kernelsFor = (w: number) => ({
      populations: net.populations.map((p, k): ThreadKernel =>
        arena && simd[k]
          ? { wasm: populationWasmKernel(net, p, buffers.get(p.name)!, arena, bounds[k]![w]!, bounds[k]![w + 1]!, copies) }
          : populationKernelSource(net, p, buffers.get(p.name)!, rng, precision, bounds[k]![w]!, bounds[k]![w + 1]!, arrayData),
      ),
      connections: net.connections.map((c, k): ThreadKernel => {
        const state = buffers.get(c.post)!.synapseState.get(k)!;
        const s = stored[k]![w]!;
        return arena && wasmPropagationSupported(c, s) ? { wasmPropagate: propagateWasmKernel(c, state, s, arena, copies) } : propagateKernelSource(c, state, precision, s);
      }),
    });

    // State monitors: each thread copies its own neurons' values into a shared row per parity.
    const stateSinks = net.monitors.filter((m): m is StateSink => m.kind === 'state');
    const valueSinks = stateSinks.filter((s) => s.variable !== 'spike');
    const rows = valueSinks.map((sink) => {
      const size = buffers.get(sink.population)!.size;
      const n = sink.indices?.length ?? size;
      return [memory.alloc(Float64Array, n), memory.alloc(Float64Array, n)];
    });
    const recordersFor = (w: number): ThreadRecorder[] =>
      valueSinks.map((sink, r) => {
        const b = buffers.get(sink.population)!;
        const [lo, hi] = [bounds[popIndex.get(sink.population)!]![w]!, bounds[popIndex.get(sink.population)!]![w + 1]!];
        const indices = sink.indices ?? Int32Array.from({ length: b.size }, (_, i) => i);
        const positions: number[] = [];
        indices.forEach((i, k) => i >= lo && i < hi && positions.push(k));
        return { every: sink.every, state: b.state.get(sink.variable)!, positions: Int32Array.from(positions), neurons: Int32Array.from(positions, (k) => indices[k]!), rows: rows[r]! };
      });

    // The main thread's monitors, after each step's barrier (built outside this scope, so that
    // the closures kept for the run do not keep the network's tables alive).
    const { merge, afterBarrier } = monitorHooks(net, buffers, popIndex, counts, views, valueSinks, rows, T);

    const main = kernelsFor(0);
    const plan: ThreadPlan = {
      threads: T,
      thread: 0,
      dt: net.dt,
      ctl,
      counts,
      populations: main.populations.map((k, p) => ({
        kernel: 'wasm' in k ? instantiateWasmKernel(k.wasm, arena!.memory) : compileKernel<PopulationKernel>((k as KernelSource).source, (k as KernelSource).bindings),
        views: views[p]!,
      })),
      connections: main.connections.map((k, c) => ({
        kernel: 'wasmPropagate' in k ? instantiateWasmPropagate(k.wasmPropagate, arena!.memory) : compileKernel<PropagateKernel>((k as KernelSource).source, (k as KernelSource).bindings),
        pre: popIndex.get(net.connections[c]!.pre)!,
      })),
      afterUpdate: threadRecorders(recordersFor(0)),
      afterBarrier,
    };
    const sim = new ParallelCpuSimulation(
      plan,
      cmd,
      buffers,
      net.populations.map((p) => p.name),
      merge,
      { monitors: [...net.monitors] },
      net.stimuli.flatMap((s) => (s.kind === 'array' ? [{ name: s.name, steps: s.steps }] : [])),
      { synapses, bytes, totalBytes: Number.NaN },
      T,
    );
    const inits: WorkerInit[] = [];
    for (let w = 1; w < T; w++) {
      const k = kernelsFor(w);
      inits.push({
        seed: net.seed,
        threads: T,
        thread: w,
        dt: net.dt,
        ctl,
        cmd,
        counts,
        populations: k.populations.map((kernel, p) => ({ kernel: 'wasm' in kernel || 'wasmPropagate' in kernel ? kernel : withoutRandom(kernel), views: views[p]! })),
        ...(arena ? { memory: arena.memory } : {}),
        connections: k.connections.map((kernel, c) => ({ kernel, pre: popIndex.get(net.connections[c]!.pre)! })),
        recorders: recordersFor(w),
      });
    }
    await sim.start(inits);
    return sim;
  }

  /** Starts one worker per init and waits until each has compiled its kernels. */
  private async start(inits: WorkerInit[]): Promise<void> {
    const ready = inits.map((init) => {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init });
      this.workers.push(worker);
      worker.on('error', (e) => (this.workerError ??= e));
      return new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
    });
    try {
      await Promise.all(ready);
    } catch (e) {
      this.dispose();
      throw e;
    }
    // Idle workers wait on shared memory; they must not keep the process alive.
    for (const w of this.workers) w.unref();
  }

  get currentStep(): number {
    return this.step;
  }

  async run(steps: number, options: RunOptions = {}): Promise<RunResult> {
    checkRunLength(this.arraySteps, this.step, steps);
    return runInChunks(this.net.monitors, steps, options, (n) => this.advance(n), () => this.step);
  }

  /** Advances synchronously (all threads), without progress, abort or `begin` calls on monitors. */
  advanceSync(count: number): void {
    this.advance(count);
  }

  private advance(count: number): void {
    if (this.failed) throw this.failed;
    if (count <= 0) return;
    const { ctl } = this.plan;
    this.cmd[CMD.STEP0] = this.step;
    this.cmd[CMD.STEPS] = count;
    Atomics.store(ctl, CTL.COMMAND, 1);
    Atomics.add(ctl, CTL.SEQUENCE, 1);
    Atomics.notify(ctl, CTL.SEQUENCE);
    try {
      runSteps(this.plan, this.step, count);
    } catch (e) {
      fail(ctl);
      this.failed = e instanceof ThreadFailure ? new Error(`a worker thread of the simulation failed${this.workerError ? `: ${this.workerError.message}` : ''}`) : (e as Error);
      throw this.failed;
    }
    this.step += count;
  }

  /** Indices of the neurons of `population` that spiked in the last step (a copy). */
  lastSpikes(population: string): Int32Array {
    const p = this.order.indexOf(population);
    if (p < 0) throw new ConfigError('unknown-population', `lastSpikes(${population})`, `no population named '${population}'`);
    if (this.step === 0) return new Int32Array(0);
    const m = this.merge(p, (this.step - 1) & 1);
    return m.spikes.slice(0, m.count);
  }

  getState(population: string, variable: string): Float64Array {
    const b = this.buffers.get(population);
    if (!b) throw new ConfigError('unknown-population', `getState(${population})`, `no population named '${population}'`);
    const arr = b.state.get(variable);
    if (!arr) throw new ConfigError('unknown-state', `getState(${population}, ${variable})`, `no state variable '${variable}'; known: ${[...b.state.keys()].join(', ')}`);
    return Float64Array.from(arr);
  }

  dispose(): void {
    const { ctl } = this.plan;
    Atomics.store(ctl, CTL.COMMAND, 2);
    Atomics.add(ctl, CTL.SEQUENCE, 1);
    Atomics.notify(ctl, CTL.SEQUENCE);
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
  }
}

/** The main thread's per-step monitor work and the merge of all threads' spikes of a population. */
function monitorHooks(
  net: BuiltNetwork,
  buffers: Map<string, PopulationBuffers>,
  popIndex: Map<string, number>,
  counts: Int32Array,
  views: Int32Array[][][],
  valueSinks: StateSink[],
  rows: Float64Array[][],
  T: number,
) {
  const P = net.populations.length;
  const merged = net.populations.map((p) => new Int32Array(p.instance.size));
  const mergedCount = new Int32Array(P);
  /** Copies every thread's spikes of population p, step parity `parity`, into `merged[p]`, in neuron order. */
  const merge = (p: number, parity: number) => {
    const out = merged[p]!;
    let n = 0;
    const base = parity * P * T + p * T;
    for (let u = 0; u < T; u++) {
      const c = counts[base + u]!;
      if (c > 0) out.set(views[p]![parity]![u]!.subarray(0, c), n);
      n += c;
    }
    mergedCount[p] = n;
    return { spikes: out, count: n };
  };
  const spikeSinks = net.monitors.filter((m): m is SpikeSink => m.kind === 'spikes').map((sink) => ({ sink, p: popIndex.get(sink.population)! }));
  const mains = net.monitors
    .filter((m): m is StateSink => m.kind === 'state')
    .map((sink) => {
      const b = buffers.get(sink.population)!;
      return { recorder: new StateRecorder(sink, b.size, undefined), p: popIndex.get(sink.population)!, row: sink.variable === 'spike' ? undefined : rows[valueSinks.indexOf(sink)] };
    });
  const needed = Int32Array.from(new Set([...spikeSinks.map((s) => s.p), ...mains.filter((m) => !m.row).map((m) => m.p)]));
  const afterBarrier =
    spikeSinks.length + mains.length === 0
      ? undefined
      : (step: number, parity: number) => {
          for (let k = 0; k < needed.length; k++) merge(needed[k]!, parity);
          for (const { sink, p } of spikeSinks) sink.onSpikes(step, merged[p]!, mergedCount[p]!);
          for (const { recorder, p, row } of mains) {
            if (step % recorder.sink.every !== 0) continue;
            if (row) {
              recorder.values.set(row[parity]!);
              recorder.sink.onState(step, recorder.values);
            } else {
              recorder.record(step, merged[p]!, mergedCount[p]!, undefined);
            }
          }
        };
  return { merge, afterBarrier };
}
