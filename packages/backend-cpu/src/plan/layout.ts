import type { KernelPlan } from '@spikeflow/core/plan';

/**
 * What a CPU buffer holds: a model's state variable, a population's refractory ends, its spike
 * indices, an events stimulus's cursors (each neuron's next event), or a connection's summed
 * expression per postsynaptic neuron (recomputed at the start of every step: no state).
 */
export type BufferKind = 'state' | 'refractory' | 'spikes' | 'cursor' | 'summed';

/** One array of the CPU simulation. `values` arrays use the simulation's number format. */
export interface CpuBuffer {
  /** Position in {@link CpuLayout.buffers}. */
  readonly index: number;
  /** Human name (checkpoints use it): `ep1.v`, `ep1->ip1.s`, `ep1.refractoryUntil`, `ep1.spikes[0]`. */
  readonly name: string;
  /** What it holds. */
  readonly kind: BufferKind;
  /** Element type: `values` in the simulation's number format (f64 or f32), or always f64 or i32. */
  readonly element: 'values' | 'f64' | 'i32';
  /** Number of elements (the population's size). */
  readonly length: number;
  /** Initial contents: one value per element, or one value for all. */
  readonly initial: Float64Array | number;
}

/** The CPU's own buffers of one population. */
export interface PopulationBuffers {
  /** The last step of each neuron's refractory period (-1: none yet), when the model has one. */
  readonly refractory?: number;
  /** Spike index buffers, one per slot of the ring (step % the plan's `spikeSlots`). */
  readonly spikes: readonly number[];
}

/** The CPU layout of a plan: every array the CPU simulation allocates, in allocation order. */
export interface CpuLayout {
  /** The plan's state buffers (same indices), then each population's refractory and spike buffers. */
  readonly buffers: readonly CpuBuffer[];
  /** Per population, in plan order. */
  readonly populations: readonly PopulationBuffers[];
  /** Events stimulus index (in the plan's stimuli) → its cursor buffer (i32, one per neuron). */
  readonly cursors: ReadonlyMap<number, number>;
  /** Connection index (in the plan) → its summed buffer (values, one per postsynaptic neuron). */
  readonly summed: ReadonlyMap<number, number>;
}

/** Lays out the plan's buffers for the CPU: its state buffers first, then what each population owns here. */
export function layoutPlan(plan: KernelPlan): CpuLayout {
  const buffers: CpuBuffer[] = plan.buffers.map((b) => ({ index: b.index, name: b.name, kind: 'state', element: 'values', length: b.length, initial: b.initial }));
  const buffer = (b: Omit<CpuBuffer, 'index'>) => buffers.push({ ...b, index: buffers.length }) - 1;
  const populations = plan.populations.map((p): PopulationBuffers => {
    const refractory = p.refractory ? buffer({ name: `${p.name}.refractoryUntil`, kind: 'refractory', element: 'f64', length: p.size, initial: -1 }) : undefined;
    const spikes = Array.from({ length: plan.spikeSlots }, (_, slot) => buffer({ name: `${p.name}.spikes[${slot}]`, kind: 'spikes', element: 'i32', length: p.size, initial: 0 }));
    return { ...(refractory !== undefined ? { refractory } : {}), spikes };
  });
  const cursors = new Map<number, number>();
  plan.stimuli.forEach((s, k) => {
    if (s.kind === 'events') cursors.set(k, buffer({ name: `${s.name}.cursor`, kind: 'cursor', element: 'i32', length: s.offsets.length - 1, initial: Float64Array.from(s.offsets.subarray(0, s.offsets.length - 1)) }));
  });
  const summed = new Map<number, number>();
  for (const c of plan.connections) {
    if (c.summed) summed.set(c.index, buffer({ name: `${c.name}.summed`, kind: 'summed', element: 'values', length: c.summed.colStart.length - 1, initial: 0 }));
  }
  return { buffers, populations, cursors, summed };
}
