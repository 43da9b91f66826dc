// The main thread's monitor work, for the CPU simulation (simulation.ts): after each step of the
// JavaScript loop (`afterBarrier`), or after each call of the WebAssembly step loop, from its logs
// (`replay`); and the merge of every partition's spikes of a population.
import type { SpikeSink, StateSink } from '@spikeflow/core';
import type { Setup } from './setup.js';
import type { PartitionInit } from './partition.js';

/** Records one state sink: its neuron indices and a reused row of values. */
class StateRecorder {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** Position of each neuron in `indices`, −1 when not recorded (for spike flags). */
  private readonly position: Int32Array;

  constructor(
    readonly sink: StateSink,
    size: number,
  ) {
    this.indices = sink.indices ?? Int32Array.from({ length: size }, (_, i) => i);
    this.values = new Float64Array(this.indices.length);
    this.position = new Int32Array(size).fill(-1);
    this.indices.forEach((i, k) => (this.position[i] = k));
  }

  /** Fills `values` with this step's spike flags. */
  recordSpikes(step: number, spikes: Int32Array, spikeCount: number): void {
    const { values } = this;
    values.fill(0);
    for (let q = 0; q < spikeCount; q++) {
      const k = this.position[spikes[q]!]!;
      if (k >= 0) values[k] = 1;
    }
    this.sink.onState(step, values);
  }
}

/** The main thread's per-step monitor work and the merge of all partitions' spikes of a population. */
export function monitorHooks(s: Setup, init: PartitionInit) {
  const { plan } = s;
  const T = init.threads;
  const P = plan.populations.length;
  const counts = init.counts;
  const views = init.populations.map((p) => p.views);
  const merged = plan.populations.map((p) => new Int32Array(T > 1 ? p.size : 0));
  // One result record per population, reused: the per-step monitor path allocates nothing.
  const records = plan.populations.map((_, p): { spikes: Int32Array; count: number } => ({ spikes: merged[p]!, count: 0 }));
  /** Every partition's spikes of population p in ring slot `slot`, in neuron order (one partition: its own buffer); the record is reused. */
  const merge = (p: number, slot: number) => {
    const base = slot * P * T + p * T;
    const record = records[p]!;
    if (T === 1) {
      record.spikes = views[p]![slot]![0]!;
      record.count = counts[base]!;
      return record;
    }
    const out = merged[p]!;
    let n = 0;
    for (let u = 0; u < T; u++) {
      const c = counts[base + u]!;
      if (c > 0) out.set(views[p]![slot]![u]!.subarray(0, c), n);
      n += c;
    }
    record.count = n;
    return record;
  };
  const popIndex = new Map(plan.populations.map((p) => [p.name, p.index]));
  const spikeSinks = plan.monitors.filter((m): m is SpikeSink => m.kind === 'spikes').map((sink) => ({ sink, p: popIndex.get(sink.population)! }));
  const states = plan.monitors
    .filter((m): m is StateSink => m.kind === 'state')
    .map((sink) => {
      const p = popIndex.get(sink.population)!;
      return { recorder: new StateRecorder(sink, plan.populations[p]!.size), p, row: sink.variable === 'spike' ? undefined : s.rows[s.valueSinks.indexOf(sink)] };
    });
  /** Serves every sink at `step`, with `spikesOf(p)` the spikes of population p at that step (`batched`: all but those with `onSpikeSteps`). */
  const deliver = (step: number, spikesOf: (p: number) => { spikes: Int32Array; count: number }, batched = false) => {
    for (const { sink, p } of spikeSinks) {
      // Replayed from the fused loop's logs: sinks with onSpikeSteps had every step at once.
      if (batched && sink.onSpikeSteps) continue;
      const m = spikesOf(p);
      sink.onSpikes(step, m.spikes, m.count);
    }
    for (const { recorder, p, row } of states) {
      if (step % recorder.sink.every !== 0) continue;
      if (row) {
        recorder.values.set(row[step & 1]!);
        recorder.sink.onState(step, recorder.values);
      } else {
        const m = spikesOf(p);
        recorder.recordSpikes(step, m.spikes, m.count);
      }
    }
  };
  const none = spikeSinks.length + states.length === 0;
  let slotNow = 0;
  const fromRing = (p: number) => merge(p, slotNow);
  const afterBarrier = none
    ? undefined
    : (step: number, slot: number) => {
        slotNow = slot;
        deliver(step, fromRing);
      };
  return { merge, afterBarrier, replay: none || !init.fused ? undefined : logReplay(init.fused, plan.populations.map((p) => p.size), spikeSinks, states.length > 0, deliver) };
}

/**
 * Serves the monitors the steps the fused WebAssembly loop ran, from its logs (wasm/step-module.ts):
 * spike sinks with `onSpikeSteps` get each log at once; the others, one step at a time, each
 * population's spikes of the step copied into a buffer of its own (population size, reused from
 * step to step, as the spike buffers of the JavaScript loop).
 */
function logReplay(
  fused: NonNullable<PartitionInit['fused']>,
  sizes: readonly number[],
  spikeSinks: readonly { sink: SpikeSink; p: number }[],
  stateSinks: boolean,
  deliver: (step: number, spikesOf: (p: number) => { spikes: Int32Array; count: number }, batched?: boolean) => void,
): (step0: number, steps: number) => void {
  const { logs } = fused;
  const logOf = new Int32Array(sizes.length).fill(-1);
  logs.forEach((l, m) => (logOf[l.population] = m));
  const batched = spikeSinks.map(({ sink, p }) => ({ sink, log: logs[logOf[p]!]! })).filter((x) => x.sink.onSpikeSteps);
  const perStep = stateSinks || batched.length < spikeSinks.length;
  const records = logs.map((l) => ({ spikes: new Int32Array(sizes[l.population]!), count: 0 }));
  const fromLog = (p: number) => records[logOf[p]!]!;
  return (step0, steps) => {
    for (const { sink, log } of batched) {
      const c = log.counts.subarray(0, steps);
      let n = 0;
      for (let k = 0; k < steps; k++) n += c[k]!;
      sink.onSpikeSteps!(step0, c, log.spikes.subarray(0, n));
    }
    if (!perStep) return;
    const at = new Int32Array(logs.length);
    for (let k = 0; k < steps; k++) {
      logs.forEach((log, m) => {
        const n = log.counts[k]!;
        const record = records[m]!;
        for (let q = 0; q < n; q++) record.spikes[q] = log.spikes[at[m]! + q]!;
        record.count = n;
        at[m]! += n;
      });
      deliver(step0 + k, fromLog, true);
    }
  };
}
