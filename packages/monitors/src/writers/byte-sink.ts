/**
 * Where a streaming writer puts its bytes: a file in Node, a Blob builder in a browser, an array
 * in tests. `write` appends; `writeAt` writes at an offset without moving the append position
 * (NPY headers are patched at each flush; JSON files get their closing brackets rewritten there),
 * and may extend the data past its end.
 */
export interface ByteSink {
  /** Appends `bytes` at the end; the caller may reuse `bytes` afterwards. */
  write(bytes: Uint8Array): void;
  /** Writes `bytes` at byte `offset`, overwriting what is there and extending the data if needed. */
  writeAt(offset: number, bytes: Uint8Array): void;
  /** Finishes the data (closes the file); nothing is written afterwards. */
  close(): void;
}

/**
 * A ByteSink in memory, for tests and browsers.
 *
 * @example
 * const sink = new MemoryByteSink();
 * const w = net.monitor(new SpikeWriter(pop, sink, { format: 'csv', dt: 0.1 }));
 * await net.run({ steps: 100 }, backend);
 * w.finish();
 * readSpikes(sink.bytes(), 'csv'); // { steps, neurons }
 */
export class MemoryByteSink implements ByteSink {
  // One buffer that doubles when full: appends and patches near the end cost their own size,
  // not a copy of everything written so far.
  private data = new Uint8Array(1024);
  private length = 0;
  private closed = false;

  /** Appends a copy of `bytes`. */
  write(bytes: Uint8Array): void {
    this.writeAt(this.length, bytes);
  }

  /** Writes `bytes` at `offset`, zero-filling any gap past the end. */
  writeAt(offset: number, bytes: Uint8Array): void {
    const end = offset + bytes.length;
    if (end > this.data.length) {
      const grown = new Uint8Array(Math.max(end, 2 * this.data.length));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(bytes, offset);
    this.length = Math.max(this.length, end);
  }

  /** Marks the sink closed (see `isClosed`); the bytes stay readable. */
  close(): void {
    this.closed = true;
  }

  /** True once `close()` was called (a writer's `finish()` closes its sink). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Everything written so far, as one array (a copy). */
  bytes(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}
