import type { PopulationRef, SpikeSink } from '@spikeflow/core';
import type ndarray from 'ndarray';
import { checkPopulation, nonNegativeInteger, positiveFinite, positiveInteger } from './check.js';
import { SpikeEvents } from './spike-events.js';

/**
 * Default bound on recorded spikes: 50 million events (8 bytes each, 400 MB).
 *
 * @example
 * new SpikeMonitor(pop, { maxSpikes: DEFAULT_MAX_SPIKES / 10 }); // 5 million, 40 MB
 */
export const DEFAULT_MAX_SPIKES = 50_000_000;

/**
 * Options of {@link SpikeMonitor}.
 *
 * @example
 * const opts: SpikeMonitorOptions = { maxSpikes: 1_000_000 }; // at most 8 MB of events
 */
export interface SpikeMonitorOptions {
  /**
   * Most spikes to keep (8 bytes each). Past it the monitor stops recording, keeps what it has and
   * sets `truncated`. Default {@link DEFAULT_MAX_SPIKES}.
   */
  readonly maxSpikes?: number;
}

/**
 * Records every spike of a population as a (step, neuron) event, like Brian2's `SpikeMonitor` or
 * NEST's `spike_recorder`. Steps are the backend's global step indices (time = step × dt ms);
 * events are kept in the order the backend reports them (by step, then as given within a step).
 *
 * Memory is bounded by `maxSpikes`: when a step would exceed it, the spikes that still fit are
 * kept (the first `maxSpikes` overall), recording stops and `truncated` becomes true. `onSpikes`
 * never throws, so a long run is never lost to a full monitor.
 *
 * @example
 * const pop = net.population('exc', { model: LIF, size: 100 });
 * const spikes = net.monitor(new SpikeMonitor(pop));
 * await net.run({ duration: 1000 }, createCpuBackend()); // dt = 0.1 ms
 * spikes.count;            // total spikes
 * spikes.rates(0.1);       // Float64Array(100), Hz per neuron
 * spikes.toNdarray();      // ndarray [count × 2] of (step, neuron)
 */
export class SpikeMonitor implements SpikeSink {
  readonly kind = 'spikes' as const;
  /** Name of the recorded population. */
  readonly population: string;
  /** Neurons in the population. */
  readonly size: number;
  /** Bound on recorded spikes. */
  readonly maxSpikes: number;
  private readonly events: SpikeEvents;
  private lastStep = -1;
  private stopped = false;
  private stoppedAt: number | undefined;

  constructor(population: PopulationRef, options: SpikeMonitorOptions = {}) {
    checkPopulation(population, 'spike monitor');
    this.population = population.name;
    this.size = population.size;
    this.maxSpikes = nonNegativeInteger(options.maxSpikes ?? DEFAULT_MAX_SPIKES, `monitor ${population.name}.spikes.maxSpikes`);
    this.events = new SpikeEvents(this.maxSpikes);
  }

  /**
   * Called by the backend each step with `indices[0, count)` the neurons that spiked; the array is
   * reused, so the indices are copied. Never throws.
   *
   * @example
   * m.onSpikes(12, Int32Array.of(3, 8), 2); // neurons 3 and 8 spiked at step 12
   */
  onSpikes(step: number, indices: Int32Array, count: number): void {
    if (step > this.lastStep) this.lastStep = step;
    if (count <= 0 || this.stopped) return;
    const stored = this.events.append(step, indices, count);
    if (stored < count) {
      this.stopped = true;
      this.stoppedAt = step;
    }
  }

  /**
   * Many steps at once (see `SpikeSink.onSpikeSteps`): the same as an `onSpikes` call per step.
   *
   * @example
   * m.onSpikeSteps(12, Int32Array.of(2, 0, 1), Int32Array.of(3, 8, 5)); // 3 and 8 at step 12, 5 at step 14
   */
  onSpikeSteps(step0: number, counts: Int32Array, indices: Int32Array): void {
    let at = 0;
    for (let k = 0; k < counts.length; k++) {
      const count = counts[k]!;
      if (count > 0 && !this.stopped) {
        const stored = this.events.append(step0 + k, indices, count, at);
        if (stored < count) {
          this.stopped = true;
          this.stoppedAt = step0 + k;
        }
      }
      at += count;
    }
    if (counts.length > 0 && step0 + counts.length - 1 > this.lastStep) this.lastStep = step0 + counts.length - 1;
  }

  /**
   * Spikes recorded.
   *
   * @example
   * m.count; // 190
   */
  get count(): number {
    return this.events.count;
  }

  /**
   * True when `maxSpikes` (or memory) was reached and later spikes were dropped.
   *
   * @example
   * if (m.truncated) console.warn(`spikes kept up to step ${m.truncatedAtStep}`);
   */
  get truncated(): boolean {
    return this.stopped;
  }

  /**
   * The step at which recording stopped (spikes of that step may be partly kept), or undefined
   * when not truncated. Counts and rates are complete only for steps before it.
   *
   * @example
   * m.rates(dt, m.truncatedAtStep! * dt); // rates over the fully recorded span, Hz
   */
  get truncatedAtStep(): number | undefined {
    return this.stoppedAt;
  }

  /**
   * Steps reported so far: the highest step seen + 1 (0 before any). Default span, in steps, of
   * the counting and rate helpers.
   *
   * @example
   * m.observedSteps * dt; // recorded duration in ms
   */
  get observedSteps(): number {
    return this.lastStep + 1;
  }

  /**
   * Bytes allocated for events (capacity, ≤ 8 × maxSpikes).
   *
   * @example
   * m.bytes / 2 ** 20; // MiB held by the monitor
   */
  get bytes(): number {
    return this.events.bytes;
  }

  /**
   * Step of each spike, oldest first (`count` values): a view on the storage, unchanged by later
   * recording. Time in ms is step × dt.
   *
   * @example
   * for (let k = 0; k < m.count; k++) plot(m.steps[k] * dt, m.neurons[k]);
   */
  get steps(): Int32Array {
    return this.events.steps();
  }

  /**
   * Neuron index of each spike, parallel to `steps`: a view on the storage.
   *
   * @example
   * const firstNeuron = m.neurons[0];
   */
  get neurons(): Int32Array {
    return this.events.neurons();
  }

  /**
   * All spikes as an int32 ndarray [count × 2], columns (step, neuron) — a view, no copy.
   *
   * @example
   * const a = m.toNdarray();
   * a.get(0, 0); // step of the first spike
   * a.get(0, 1); // its neuron
   */
  toNdarray(): ndarray.NdArray<Int32Array> {
    return this.events.matrix();
  }

  /**
   * Spikes of the whole population in each step `0 … totalSteps-1` (spikes at later steps are left
   * out). Default span: {@link observedSteps}.
   *
   * @example
   * m.countsPerStep(1000); // Int32Array(1000)
   */
  countsPerStep(totalSteps: number = this.observedSteps): Int32Array {
    return this.countsPerBin(1, totalSteps);
  }

  /**
   * Spikes of the whole population per bin of `binSteps` steps over `totalSteps` steps:
   * `ceil(totalSteps / binSteps)` bins, bin b covering steps [b·binSteps, (b+1)·binSteps); the last
   * bin is shorter when `binSteps` does not divide `totalSteps`. Default span: {@link observedSteps}.
   *
   * @example
   * // dt = 0.1 ms: 10 ms bins over 1 s
   * m.countsPerBin(100, 10_000); // Int32Array(100)
   */
  countsPerBin(binSteps: number, totalSteps: number = this.observedSteps): Int32Array {
    positiveInteger(binSteps, `monitor ${this.population}.spikes countsPerBin.binSteps`);
    nonNegativeInteger(totalSteps, `monitor ${this.population}.spikes countsPerBin.totalSteps`);
    const counts = new Int32Array(Math.ceil(totalSteps / binSteps));
    const steps = this.steps;
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k] as number;
      if (s < 0 || s >= totalSteps) continue;
      const b = Math.floor(s / binSteps);
      counts[b] = (counts[b] as number) + 1;
    }
    return counts;
  }

  /**
   * Spike steps of each neuron: `size` Int32Arrays, each in recording order (ascending when the
   * backend reports steps in order). Brian2's `spike_trains()`, in steps rather than seconds.
   *
   * @example
   * const trains = m.spikeTrains();
   * trains[3]; // Int32Array of the steps at which neuron 3 spiked
   */
  spikeTrains(): Int32Array[] {
    const steps = this.steps;
    const neurons = this.neurons;
    const counts = this.spikesPerNeuron();
    const trains = Array.from(counts, (n) => new Int32Array(n));
    const fill = new Int32Array(this.size);
    for (let k = 0; k < steps.length; k++) {
      const i = neurons[k] as number;
      const train = trains[i];
      if (train === undefined) continue;
      const at = fill[i] as number;
      train[at] = steps[k] as number;
      fill[i] = at + 1;
    }
    return trains;
  }

  /**
   * Spikes of each neuron (`size` values). Indices outside the population are ignored.
   *
   * @example
   * m.spikesPerNeuron()[0]; // spikes of neuron 0
   */
  spikesPerNeuron(): Int32Array {
    const counts = new Int32Array(this.size);
    const neurons = this.neurons;
    for (let k = 0; k < neurons.length; k++) {
      const i = neurons[k] as number;
      if (i >= 0 && i < counts.length) counts[i] = (counts[i] as number) + 1;
    }
    return counts;
  }

  /**
   * Firing rate of each neuron in Hz: spikes / (durationMs / 1000). `dtMs` is the time step in ms;
   * `durationMs` defaults to {@link observedSteps} × dtMs. When `truncated`, pass the span that was
   * fully recorded (`truncatedAtStep × dtMs`) for unbiased rates.
   *
   * @example
   * // neuron spiking every 10 steps at dt = 0.1 ms for 1000 steps: 100 spikes in 100 ms
   * m.rates(0.1, 100)[0]; // 1000 Hz
   */
  rates(dtMs: number, durationMs?: number): Float64Array {
    const seconds = this.durationSeconds(dtMs, durationMs, 'rates');
    const counts = this.spikesPerNeuron();
    const out = new Float64Array(this.size);
    for (let i = 0; i < out.length; i++) out[i] = (counts[i] as number) / seconds;
    return out;
  }

  /**
   * Mean firing rate over the population in Hz: count / size / (durationMs / 1000). Arguments as
   * in {@link rates}.
   *
   * @example
   * m.meanRate(0.1, 1000); // Hz per neuron, averaged over the population
   */
  meanRate(dtMs: number, durationMs?: number): number {
    return this.count / this.size / this.durationSeconds(dtMs, durationMs, 'meanRate');
  }

  private durationSeconds(dtMs: number, durationMs: number | undefined, what: string): number {
    const path = `monitor ${this.population}.spikes ${what}`;
    positiveFinite(dtMs, `${path}.dtMs`);
    return positiveFinite(durationMs ?? this.observedSteps * dtMs, `${path}.durationMs`) / 1000;
  }
}
