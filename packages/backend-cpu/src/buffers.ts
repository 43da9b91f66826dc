import type { BuiltNetwork, BuiltPopulation, ModelInstance } from '@spikeflow/core/backend';
import { streamId } from '@spikeflow/core/rng';
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

/** State arrays of one population and of the stimuli and synapses that feed it. */
export interface PopulationBuffers {
  readonly size: number;
  readonly state: Map<string, Values>;
  /** Last step of the current refractory period per neuron (−1: none). */
  readonly refractoryUntil: Float64Array;
  /** Stimulus index → its state arrays. */
  readonly stimulusState: Map<number, Map<string, Values>>;
  /** Connection index → its post-synaptic state arrays. */
  readonly synapseState: Map<number, Map<string, Values>>;
  /** Random stream of the neuron model's own draws. */
  readonly stream: number;
  /** Indices of this step's spikes (the first `spikeCount`). */
  readonly spikes: Int32Array;
  spikeCount: number;
}

/** Fresh state arrays holding an instance's initial values, in the given format. */
export const initialState = (inst: ModelInstance, fmt: Precision, memory: Memory = PRIVATE_MEMORY): Map<string, Values> =>
  new Map([...inst.initial].map(([k, v]) => [k, memory.values(fmt, v)]));

/** Allocates every state array once; the step loop never allocates. */
export function allocateBuffers(net: BuiltNetwork, fmt: Precision, memory: Memory = PRIVATE_MEMORY): Map<string, PopulationBuffers> {
  const out = new Map<string, PopulationBuffers>();
  for (const p of net.populations) out.set(p.name, populationBuffers(p, fmt, memory));
  net.stimuli.forEach((s, k) => {
    if (s.kind === 'model') out.get(s.population)!.stimulusState.set(k, initialState(s.instance, fmt, memory));
  });
  net.connections.forEach((c, k) => out.get(c.post)!.synapseState.set(k, initialState(c.synapse, fmt, memory)));
  return out;
}

function populationBuffers(p: BuiltPopulation, fmt: Precision, memory: Memory): PopulationBuffers {
  const n = p.instance.size;
  return {
    size: n,
    state: initialState(p.instance, fmt, memory),
    refractoryUntil: memory.alloc(Float64Array, n).fill(-1),
    stimulusState: new Map(),
    synapseState: new Map(),
    stream: streamId(`population:${p.name}`),
    spikes: memory.alloc(Int32Array, n),
    spikeCount: 0,
  };
}
