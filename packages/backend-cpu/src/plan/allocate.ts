import type { Precision } from '../precision.js';
import { PRIVATE_MEMORY, type Memory, type Values } from '../buffers.js';
import type { BlockPlan } from '@spikeflow/core/plan';
import type { CpuBuffer, CpuLayout } from './layout.js';

export type PlanArray = Values | Int32Array;

/** The layout's buffers, allocated: `arrays[k]` is buffer k. The step loop never allocates. */
export interface Allocation {
  /** The layout allocated (which buffer index holds what). */
  readonly layout: CpuLayout;
  readonly arrays: readonly PlanArray[];
}

/** Allocates every buffer of the layout from `memory`, in its order, holding its initial value. */
export function allocate(layout: CpuLayout, fmt: Precision, memory: Memory = PRIVATE_MEMORY): Allocation {
  return { layout, arrays: layout.buffers.map((b) => allocateBuffer(b, fmt, memory)) };
}

function allocateBuffer(b: CpuBuffer, fmt: Precision, memory: Memory): PlanArray {
  if (b.element === 'values') {
    if (typeof b.initial === 'number') return memory.values(fmt, new Float64Array(b.length).fill(b.initial));
    return memory.values(fmt, b.initial);
  }
  const out = b.element === 'f64' ? memory.alloc(Float64Array, b.length) : memory.alloc(Int32Array, b.length);
  if (typeof b.initial === 'number') out.fill(b.initial);
  else out.set(b.initial);
  return out;
}

/** A block's state arrays by variable name. */
export const blockStates = (block: BlockPlan, alloc: Allocation): ReadonlyMap<string, Values> =>
  new Map([...block.states].map(([name, k]) => [name, alloc.arrays[k] as Values]));

/**
 * Partitions: neurons `bounds[w] <= i < bounds[w + 1]` of every population belong to partition w.
 * One thread is one partition; boundaries fall on even neurons (WebAssembly SIMD pairs).
 */
export const partitionBounds = (n: number, partitions: number): number[] =>
  Array.from({ length: partitions + 1 }, (_, w) => (w === partitions ? n : 2 * Math.floor((n * w) / partitions / 2)));
