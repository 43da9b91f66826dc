/**
 * Runs a playground network in chunks and hands over the spikes of each chunk as they come, so
 * plots can grow while the simulation runs. Used by the Web Worker, and by Node tests with the
 * same code path.
 */
import type { Backend, Network, Sign, SpikeSink, WarningHandler } from '@spikeflow/core';
import { buildPlaygroundNetwork } from './network.js';
import type { DecisionSettings } from './settings.js';
import type { WeightHistogram } from './stdp.js';

/** Spikes of one population since the last chunk: parallel step and neuron arrays. */
export interface SpikeChunk {
  readonly steps: Int32Array;
  readonly neurons: Int32Array;
}

export interface PopulationInfo {
  readonly name: string;
  readonly size: number;
  readonly sign: Sign;
}

export interface RunStart {
  readonly populations: readonly PopulationInfo[];
  readonly steps: number;
  readonly dt: number;
  /** Steps per activity bin. */
  readonly binSteps: number;
  readonly backend: string;
}

export interface RunChunk {
  readonly done: number;
  readonly total: number;
  readonly spikes: Readonly<Record<string, SpikeChunk>>;
  /** A plastic run's weights after this chunk (the STDP choice). */
  readonly weights?: WeightHistogram;
}

export interface RunEnd {
  readonly steps: number;
  readonly totals: Readonly<Record<string, number>>;
  readonly spikeCount: number;
  /** Seconds in the step loop. */
  readonly seconds: number;
  /** A plastic run's final weights (the STDP choice). */
  readonly weights?: WeightHistogram;
}

export interface RunCallbacks {
  onStart?(start: RunStart): void;
  onChunk?(chunk: RunChunk): void;
  onWarning?: WarningHandler;
  /** Steps per progress report (default: about 40 reports per run, at least 10 steps). */
  readonly chunk?: number;
}

/** A spike sink that keeps the events not yet handed over. */
export class SpikeStream implements SpikeSink {
  readonly kind = 'spikes' as const;
  total = 0;
  private steps = new Int32Array(1024);
  private neurons = new Int32Array(1024);
  private pending = 0;

  constructor(readonly population: string) {}

  onSpikes(step: number, indices: Int32Array, count: number): void {
    if (this.pending + count > this.steps.length) {
      const size = Math.max(this.steps.length * 2, this.pending + count);
      const s = new Int32Array(size);
      const n = new Int32Array(size);
      s.set(this.steps.subarray(0, this.pending));
      n.set(this.neurons.subarray(0, this.pending));
      this.steps = s;
      this.neurons = n;
    }
    this.steps.fill(step, this.pending, this.pending + count);
    this.neurons.set(indices.subarray(0, count), this.pending);
    this.pending += count;
    this.total += count;
  }

  /** The events since the last call (copies, safe to transfer). */
  take(): SpikeChunk {
    const out = { steps: this.steps.slice(0, this.pending), neurons: this.neurons.slice(0, this.pending) };
    this.pending = 0;
    return out;
  }
}

/** Default progress granularity: about 40 updates per run. */
export const chunkFor = (steps: number): number => Math.max(10, Math.ceil(steps / 40));

/** Runs a network whose spike streams are attached, reporting each chunk (with `weights()`, when given). */
export async function runStreams(
  network: Network,
  streams: readonly SpikeStream[],
  steps: number,
  backend: Backend,
  callbacks: RunCallbacks = {},
  weights?: () => WeightHistogram | undefined,
): Promise<RunEnd> {
  const takeAll = () => Object.fromEntries(streams.map((s) => [s.population, s.take()]));
  const withWeights = () => {
    const w = weights?.();
    return w ? { weights: w } : {};
  };
  const result = await network.run({ steps }, backend, {
    chunk: callbacks.chunk ?? chunkFor(steps),
    onProgress: (p) => callbacks.onChunk?.({ done: p.done, total: p.total, spikes: takeAll(), ...withWeights() }),
  });
  const totals = Object.fromEntries(streams.map((s) => [s.population, s.total]));
  return { steps: result.steps, totals, spikeCount: streams.reduce((a, s) => a + s.total, 0), seconds: result.seconds, ...withWeights() };
}

/** Builds the decision network from settings and runs it on `backend`, streaming spikes. */
export async function runDecisionSettings(settings: DecisionSettings, backend: Backend, callbacks: RunCallbacks = {}): Promise<RunEnd> {
  const built = buildPlaygroundNetwork(settings, callbacks.onWarning);
  const streams = built.populations.map((p) => built.network.monitor(new SpikeStream(p.name)));
  callbacks.onStart?.({
    populations: built.populations.map((p) => ({ name: p.name, size: p.ref.size, sign: p.sign })),
    steps: built.settings.steps,
    dt: built.settings.dt,
    binSteps: built.settings.scale,
    backend: backend.name,
  });
  return runStreams(built.network, streams, built.settings.steps, backend, callbacks);
}
