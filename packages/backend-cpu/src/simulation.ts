import { ConfigError, CounterRng, type BuiltNetwork, type RunOptions, type RunResult, type Simulation, type StateSink } from '@spikeflow/core';
import { allocateBuffers, type PopulationBuffers, type Values } from './buffers.js';
import { F64, type Precision } from './precision.js';
import { buildPopulationKernel, type PopulationKernel } from './population-kernel.js';
import { buildPropagateKernel, type PropagateKernel } from './propagate-kernel.js';

interface StateRecorder {
  readonly sink: StateSink;
  readonly source: Values | undefined;
  readonly buffers: PopulationBuffers;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * The CPU simulation loop. Per step: every population's fused kernel (using synaptic input from
 * the previous step), then spike propagation through every connection, then monitors. This order
 * gives the seed's one step of transmission delay.
 */
export class CpuSimulation implements Simulation {
  private step = 0;
  private readonly buffers: Map<string, PopulationBuffers>;
  private readonly populations: { kernel: PopulationKernel; buffers: PopulationBuffers }[];
  private readonly propagators: { kernel: PropagateKernel; pre: PopulationBuffers }[];
  private readonly recorders: StateRecorder[];
  private readonly arraySteps: { name: string; steps: number }[];

  constructor(
    private readonly net: BuiltNetwork,
    readonly precision: Precision = F64,
  ) {
    const rng = new CounterRng(net.seed);
    this.buffers = allocateBuffers(net, precision);
    this.populations = net.populations.map((p) => {
      const buffers = this.buffers.get(p.name)!;
      return { kernel: buildPopulationKernel(net, p, buffers, rng, precision), buffers };
    });
    this.propagators = net.connections.map((c, k) => ({
      kernel: buildPropagateKernel(c, this.buffers.get(c.post)!.synapseState.get(k)!, precision),
      pre: this.buffers.get(c.pre)!,
    }));
    this.recorders = net.monitors.filter((m): m is StateSink => m.kind === 'state').map((sink) => {
      const buffers = this.buffers.get(sink.population)!;
      const n = buffers.spikes.length;
      const indices = sink.indices ?? Int32Array.from({ length: n }, (_, i) => i);
      return { sink, buffers, indices, source: sink.variable === 'spike' ? undefined : buffers.state.get(sink.variable), values: new Float64Array(indices.length) };
    });
    this.arraySteps = net.stimuli.flatMap((s) => (s.kind === 'array' ? [{ name: s.name, steps: s.steps }] : []));
  }

  get currentStep(): number {
    return this.step;
  }

  async run(steps: number, options: RunOptions = {}): Promise<RunResult> {
    if (!Number.isInteger(steps) || steps < 0) throw new ConfigError('bad-duration', 'run', `expected a whole number of steps >= 0, got ${steps}`);
    for (const a of this.arraySteps) {
      if (this.step + steps > a.steps) {
        throw new ConfigError('stimulus-too-short', `stimulus ${a.name}`, `the run needs ${this.step + steps} steps but the array has ${a.steps}`);
      }
    }
    for (const m of this.net.monitors) m.begin?.(steps);
    const chunk = Math.max(1, options.chunk ?? 1000);
    const started = performance.now();
    let done = 0;
    let aborted = false;
    while (done < steps) {
      if (options.signal?.aborted) {
        aborted = true;
        break;
      }
      const n = Math.min(chunk, steps - done);
      this.advance(n);
      done += n;
      options.onProgress?.({ done, total: steps, step: this.step });
      // Yield between chunks so an AbortSignal (Ctrl-C, a UI button) can fire.
      if (done < steps && options.signal) await new Promise((r) => setImmediate(r));
    }
    return { steps: done, aborted, seconds: (performance.now() - started) / 1000 };
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
    return b.spikes.slice(0, b.spikeCount);
  }

  private advance(count: number): void {
    const { dt, monitors } = this.net;
    const pops = this.populations;
    const props = this.propagators;
    const spikeSinks = monitors.filter((m) => m.kind === 'spikes').map((m) => ({ sink: m, buffers: this.buffers.get(m.population)! }));
    for (let s = 0; s < count; s++) {
      const step = this.step;
      const t = step * dt;
      for (const p of pops) p.buffers.spikeCount = p.kernel(step, t, p.buffers.spikes);
      for (const c of props) if (c.pre.spikeCount > 0) c.kernel(c.pre.spikes, c.pre.spikeCount);
      for (const m of spikeSinks) m.sink.onSpikes(step, m.buffers.spikes, m.buffers.spikeCount);
      for (const r of this.recorders) if (step % r.sink.every === 0) this.record(r, step);
      this.step++;
    }
  }

  private record(r: StateRecorder, step: number): void {
    const { indices, values } = r;
    if (r.source) {
      for (let k = 0; k < indices.length; k++) values[k] = r.source[indices[k]!]!;
    } else {
      values.fill(0);
      const { spikes, spikeCount } = r.buffers;
      const pos = new Map<number, number>();
      indices.forEach((i, k) => pos.set(i, k));
      for (let q = 0; q < spikeCount; q++) {
        const k = pos.get(spikes[q]!);
        if (k !== undefined) values[k] = 1;
      }
    }
    r.sink.onState(step, values);
  }

  getState(population: string, variable: string): Float64Array {
    const b = this.buffers.get(population);
    if (!b) throw new ConfigError('unknown-population', `getState(${population})`, `no population named '${population}'`);
    const arr = b.state.get(variable);
    if (!arr) throw new ConfigError('unknown-state', `getState(${population}, ${variable})`, `no state variable '${variable}'; known: ${[...b.state.keys()].join(', ')}`);
    return Float64Array.from(arr);
  }

  dispose(): void {
    this.populations.length = 0;
    this.propagators.length = 0;
  }
}
