import ndarray from 'ndarray';

/** Events in the smallest chunk. Later chunks double the total capacity. */
const MIN_CHUNK = 4096;

/** One block of storage: steps in `data[0, capacity)`, neurons in `data[capacity, 2·capacity)`. */
interface Chunk {
  data: Int32Array;
  capacity: number;
  length: number;
}

/**
 * Append-only list of (step, neuron) events in Int32Array chunks. Each new chunk is as large as
 * all earlier ones together (total capacity doubles), so appending never copies recorded data and
 * never allocates per event; reads merge the chunks into one block once, and later appends fill
 * that block's spare room. Capacity never exceeds `maxEvents` (8 bytes per event).
 *
 * @example
 * const ev = new SpikeEvents(1000);
 * ev.append(3, Int32Array.of(7, 9), 2); // 2 events at step 3
 * ev.steps(); // Int32Array [3, 3]
 * ev.neurons(); // Int32Array [7, 9]
 */
export class SpikeEvents {
  private chunks: Chunk[] = [];
  private total = 0;
  private capacityTotal = 0;

  /** @param maxEvents Upper bound on stored events (and on allocated capacity). */
  constructor(readonly maxEvents: number) {}

  /**
   * Events stored.
   *
   * @example
   * ev.count; // 2
   */
  get count(): number {
    return this.total;
  }

  /**
   * Bytes allocated for storage (capacity, not just used), 8 per event.
   *
   * @example
   * ev.bytes; // 32768 after the first append (4096-event chunk)
   */
  get bytes(): number {
    return this.capacityTotal * 8;
  }

  /**
   * Appends `indices[from, from + n)` as events at `step`. Returns how many were stored: fewer than `n` when
   * `maxEvents` is reached or memory for a new chunk cannot be allocated. Never throws.
   *
   * @example
   * ev.append(5, buf, 3); // 3 (or fewer when full)
   */
  append(step: number, indices: Int32Array, n: number, from = 0): number {
    let done = 0;
    while (done < n) {
      let chunk = this.chunks[this.chunks.length - 1];
      if (chunk === undefined || chunk.length === chunk.capacity) {
        chunk = this.grow();
        if (chunk === undefined) break;
      }
      const take = Math.min(n - done, chunk.capacity - chunk.length);
      const { data, capacity } = chunk;
      const at = chunk.length;
      data.fill(step, at, at + take);
      for (let k = 0; k < take; k++) data[capacity + at + k] = indices[from + done + k] as number;
      chunk.length += take;
      this.total += take;
      done += take;
    }
    return done;
  }

  /**
   * Step of each event, oldest first: a view that later appends do not change.
   *
   * @example
   * ev.steps()[0]; // step of the oldest event
   */
  steps(): Int32Array {
    const c = this.merged();
    return c ? c.data.subarray(0, c.length) : new Int32Array(0);
  }

  /**
   * Neuron of each event, parallel to `steps()`: a view that later appends do not change.
   *
   * @example
   * ev.neurons()[0]; // neuron of the oldest event
   */
  neurons(): Int32Array {
    const c = this.merged();
    return c ? c.data.subarray(c.capacity, c.capacity + c.length) : new Int32Array(0);
  }

  /**
   * [count × 2] view, columns (step, neuron), over the storage itself (no copy).
   *
   * @example
   * ev.matrix().get(0, 1); // neuron of the oldest event
   */
  matrix(): ndarray.NdArray<Int32Array> {
    const c = this.merged();
    if (!c) return ndarray(new Int32Array(0), [0, 2]);
    return ndarray(c.data, [c.length, 2], [1, c.capacity], 0);
  }

  private grow(): Chunk | undefined {
    const room = this.maxEvents - this.capacityTotal;
    if (room <= 0) return undefined;
    const capacity = Math.min(room, Math.max(MIN_CHUNK, this.capacityTotal));
    let data: Int32Array;
    try {
      data = new Int32Array(2 * capacity);
    } catch {
      return undefined; // out of memory: stop recording, keep what we have
    }
    const chunk = { data, capacity, length: 0 };
    this.chunks.push(chunk);
    this.capacityTotal += capacity;
    return chunk;
  }

  /** Merges all chunks into one (keeping the total capacity as spare room) and returns it. */
  private merged(): Chunk | undefined {
    if (this.chunks.length <= 1) return this.chunks[0];
    const capacity = this.capacityTotal;
    const data = new Int32Array(2 * capacity);
    let at = 0;
    for (const c of this.chunks) {
      data.set(c.data.subarray(0, c.length), at);
      data.set(c.data.subarray(c.capacity, c.capacity + c.length), capacity + at);
      at += c.length;
    }
    const chunk = { data, capacity, length: at };
    this.chunks = [chunk];
    return chunk;
  }
}
