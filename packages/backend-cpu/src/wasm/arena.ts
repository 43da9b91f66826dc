import { Memory, type Values } from '../buffers.js';
import { PAGE, wasmApi, type WasmMemory } from './assembler.js';

type ArrayCtor = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor;

/** Bytes an arena reserves for `length` elements: even length, 16-byte aligned. */
export const arenaBytes = (size: number, length: number): number => Math.ceil((Math.ceil(length / 2) * 2 * size) / 16) * 16 + 16;

/** A bump allocator over one WebAssembly.Memory, sized up front. Arrays are 16-byte aligned and padded to an even length. */
export class WasmArena extends Memory {
  readonly memory: WasmMemory;
  private next = 16;

  constructor(bytes: number, shared: boolean) {
    super(shared);
    const pages = Math.max(1, Math.ceil((bytes + 64) / PAGE));
    this.memory = new (wasmApi()!.Memory)(shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages, maximum: pages });
  }

  get pages(): number {
    return this.memory.buffer.byteLength / PAGE;
  }

  override alloc<C extends ArrayCtor>(Ctor: C, length: number): InstanceType<C> {
    const bytes = arenaBytes(Ctor.BYTES_PER_ELEMENT, length);
    if (this.next + bytes > this.memory.buffer.byteLength) throw new Error(`internal: WebAssembly arena too small (${this.memory.buffer.byteLength} bytes)`);
    const view = new (Ctor as unknown as new (b: ArrayBufferLike, o: number, n: number) => InstanceType<C>)(this.memory.buffer, this.next, length);
    this.next += bytes;
    return view;
  }

  override adopt<C extends ArrayCtor>(Ctor: C, src: ArrayLike<number>): InstanceType<C> {
    if (src instanceof Ctor && (src as unknown as Values).buffer === this.memory.buffer) return src as InstanceType<C>;
    return this.copy(Ctor, src);
  }

  /** A copy of a per-neuron value array, padded by repeating its last element (the spare SIMD lane). */
  values64(src: ArrayLike<number>): Float64Array {
    const out = this.alloc(Float64Array, src.length);
    out.set(src);
    const padded = new Float64Array(this.memory.buffer, out.byteOffset, out.length + (out.length % 2));
    if (padded.length > out.length) padded[out.length] = out[out.length - 1]!;
    return out;
  }

  /** Byte offset of `a`, which must live in this arena. */
  ptr(a: { buffer: ArrayBufferLike; byteOffset: number }): number {
    if (a.buffer !== this.memory.buffer) throw new Error('internal: kernel array outside the WebAssembly arena');
    return a.byteOffset;
  }
}

/** Counts what an allocation will take from an arena (a dry run sizes the arena). */
export class CountingMemory extends Memory {
  bytes = 0;
  constructor() {
    super(false);
  }
  override alloc<C extends ArrayCtor>(Ctor: C, length: number): InstanceType<C> {
    this.bytes += arenaBytes(Ctor.BYTES_PER_ELEMENT, length);
    return super.alloc(Ctor, length);
  }
}

/** Doubles in each population kernel's constant table (two per constant). */
export const CONSTANT_TABLE = 512;
