import { ConfigError, type PopulationRef, type SpikeSink } from '@spikeflow/core';
import { checkPopulation, nonNegativeInteger, positiveInteger } from './check.js';

/**
 * What a summary needs of a population's spikes: the total and the counts per bin. Both
 * `SpikeMonitor` (from the stored spikes) and {@link SpikeCounter} (from counters) give it.
 *
 * @example
 * const total = (c: SpikeCounts) => c.count;
 */
export interface SpikeCounts {
  /** Name of the population. */
  readonly population: string;
  /** Neurons in the population. */
  readonly size: number;
  /** Spikes seen. */
  readonly count: number;
  /** Spikes per bin of `binSteps` steps over `totalSteps` steps (`ceil(totalSteps / binSteps)` bins). */
  countsPerBin(binSteps: number, totalSteps?: number): ArrayLike<number>;
}

/**
 * Options of {@link SpikeCounter}.
 *
 * @example
 * const opts: SpikeCounterOptions = { binSteps: 100 };
 */
export interface SpikeCounterOptions {
  /** Steps per bin (the finest bin it can report; coarser bins must be multiples). */
  readonly binSteps: number;
}

/**
 * Counts a population's spikes per bin of `binSteps` steps while the network runs, keeping no
 * spike: memory is one number per bin (8 bytes per `binSteps` steps), so summaries of long runs
 * cost nothing per spike. Counts are exact (float64 counters, exact up to 2^53 spikes per bin)
 * and, unlike a `SpikeMonitor`, never truncated.
 *
 * @example
 * const counts = net.monitor(new SpikeCounter(pop, { binSteps: 100 }));
 * await net.run({ steps: 1000 }, backend);
 * counts.countsPerBin(100, 1000); // Float64Array(10): spikes per 100-step bin
 * counts.count;                   // spikes over the run
 */
export class SpikeCounter implements SpikeSink, SpikeCounts {
  readonly kind = 'spikes' as const;
  readonly population: string;
  readonly size: number;
  /** Steps per counting bin (the finest bins `countsPerBin` can report; coarser ones are multiples). */
  readonly binSteps: number;
  private bins = new Float64Array(16);
  private total = 0;
  private lastStep = -1;
  private lastSpikeStep = -1;

  constructor(population: PopulationRef, options: SpikeCounterOptions) {
    checkPopulation(population, 'spike counter');
    this.population = population.name;
    this.size = population.size;
    this.binSteps = positiveInteger(options.binSteps, `spike counter ${population.name}.binSteps`);
  }

  /**
   * Called by the backend each step with the `count` neurons that spiked: adds `count` to the
   * step's bin. Never throws.
   *
   * @example
   * c.onSpikes(12, Int32Array.of(3, 8), 2); // 2 spikes in bin floor(12 / binSteps)
   */
  onSpikes(step: number, _indices: Int32Array, count: number): void {
    if (step > this.lastStep) this.lastStep = step;
    if (count <= 0 || step < 0) return;
    const bin = Math.floor(step / this.binSteps);
    if (bin >= this.bins.length) this.grow(bin + 1);
    this.bins[bin] = (this.bins[bin] as number) + count;
    this.total += count;
    if (step > this.lastSpikeStep) this.lastSpikeStep = step;
  }

  /**
   * Spikes seen.
   *
   * @example
   * c.count; // 190
   */
  get count(): number {
    return this.total;
  }

  /**
   * Steps reported so far: the highest step seen + 1 (0 before any).
   *
   * @example
   * c.observedSteps; // 1000 after a 1000-step run
   */
  get observedSteps(): number {
    return this.lastStep + 1;
  }

  /**
   * Bytes held by the counters: grows with the number of bins, never with the spikes.
   *
   * @example
   * c.bytes; // 8 × (bins allocated)
   */
  get bytes(): number {
    return this.bins.byteLength;
  }

  /**
   * Spikes per bin of `binSteps` steps over `totalSteps` steps, as `SpikeMonitor.countsPerBin`:
   * `binSteps` must be a multiple of the counter's bin, and `totalSteps` may cut a bin only where
   * no spike after it was counted (the counter cannot split a bin).
   *
   * @example
   * c.countsPerBin(200, 1000); // 5 bins, each the sum of two 100-step counters
   */
  countsPerBin(binSteps: number = this.binSteps, totalSteps: number = this.observedSteps): Float64Array {
    const path = `spike counter ${this.population}`;
    positiveInteger(binSteps, `${path} countsPerBin.binSteps`);
    nonNegativeInteger(totalSteps, `${path} countsPerBin.totalSteps`);
    if (binSteps % this.binSteps !== 0) throw new ConfigError('bad-option', `${path} countsPerBin.binSteps`, `${binSteps} is not a multiple of the counter's bin (${this.binSteps} steps)`);
    if (totalSteps % this.binSteps !== 0 && totalSteps <= this.lastSpikeStep) {
      throw new ConfigError('bad-option', `${path} countsPerBin.totalSteps`, `${totalSteps} cuts a ${this.binSteps}-step bin that holds later spikes (last at step ${this.lastSpikeStep})`);
    }
    const out = new Float64Array(Math.ceil(totalSteps / binSteps));
    const per = binSteps / this.binSteps;
    const kept = Math.min(this.bins.length, Math.ceil(totalSteps / this.binSteps));
    for (let b = 0; b < kept; b++) {
      const k = Math.floor(b / per);
      out[k] = (out[k] as number) + (this.bins[b] as number);
    }
    return out;
  }

  private grow(needed: number): void {
    const next = new Float64Array(Math.max(needed, this.bins.length * 2));
    next.set(this.bins);
    this.bins = next;
  }
}
