import type { KernelPlan } from '@spikeflow/core/plan';

/** What a CPU buffer holds: a model's state variable, a population's refractory ends, or its spike indices. */
export type BufferKind = 'state' | 'refractory' | 'spikes';

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
  /** Spike index buffers by step parity (threads read the last step's while writing this one's). */
  readonly spikes: readonly [number, number];
}

/** The CPU layout of a plan: every array the CPU simulation allocates, in allocation order. */
export interface CpuLayout {
  /** The plan's state buffers (same indices), then each population's refractory and spike buffers. */
  readonly buffers: readonly CpuBuffer[];
  /** Per population, in plan order. */
  readonly populations: readonly PopulationBuffers[];
}

/** Lays out the plan's buffers for the CPU: its state buffers first, then what each population owns here. */
export function layoutPlan(plan: KernelPlan): CpuLayout {
  const buffers: CpuBuffer[] = plan.buffers.map((b) => ({ index: b.index, name: b.name, kind: 'state', element: 'values', length: b.length, initial: b.initial }));
  const buffer = (b: Omit<CpuBuffer, 'index'>) => buffers.push({ ...b, index: buffers.length }) - 1;
  const populations = plan.populations.map((p): PopulationBuffers => {
    const refractory = p.refractory ? buffer({ name: `${p.name}.refractoryUntil`, kind: 'refractory', element: 'f64', length: p.size, initial: -1 }) : undefined;
    const spikes = [0, 1].map((parity) => buffer({ name: `${p.name}.spikes[${parity}]`, kind: 'spikes', element: 'i32', length: p.size, initial: 0 })) as [number, number];
    return { ...(refractory !== undefined ? { refractory } : {}), spikes };
  });
  return { buffers, populations };
}
