import type { ModelInstance } from '@spikeflow/core/backend';
import type { Precision } from './precision.js';

/** A state or data array in the simulation's number format. */
export type Values = Float64Array | Float32Array;

type TypedArrayConstructor = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor;

/**
 * Where arrays live: ordinary memory, or SharedArrayBuffers that worker threads can see (the
 * multi-threaded mode allocates every state and table array this way).
 */
export class Memory {
  constructor(readonly shared: boolean) {}

  alloc<C extends TypedArrayConstructor>(Ctor: C, length: number): InstanceType<C> {
    const buffer = this.shared ? new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT) : new ArrayBuffer(length * Ctor.BYTES_PER_ELEMENT);
    return new (Ctor as unknown as new (b: ArrayBufferLike) => InstanceType<C>)(buffer);
  }

  /** A copy of `src` as `Ctor` (values converted as by assignment: float32 rounds). */
  copy<C extends TypedArrayConstructor>(Ctor: C, src: ArrayLike<number>): InstanceType<C> {
    const out = this.alloc(Ctor, src.length);
    out.set(src);
    return out;
  }

  /** `src` itself when it can be used as is (right type, right memory), else a copy. */
  adopt<C extends TypedArrayConstructor>(Ctor: C, src: ArrayLike<number>): InstanceType<C> {
    if (src instanceof Ctor && (!this.shared || src.buffer instanceof SharedArrayBuffer)) return src as InstanceType<C>;
    return this.copy(Ctor, src);
  }

  /** A state array in the simulation's number format holding `values`. */
  values(fmt: Precision, values: ArrayLike<number>): Values {
    return fmt.name === 'f32' ? this.copy(Float32Array, values) : this.copy(Float64Array, values);
  }
}

export const PRIVATE_MEMORY = new Memory(false);

/** Fresh state arrays holding an instance's initial values, in the given format. */
export const initialState = (inst: ModelInstance, fmt: Precision, memory: Memory = PRIVATE_MEMORY): Map<string, Values> =>
  new Map([...inst.initial].map(([k, v]) => [k, memory.values(fmt, v)]));
