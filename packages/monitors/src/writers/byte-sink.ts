/**
 * Where a streaming writer puts its bytes: a file in Node, a Blob builder in a browser, an array
 * in tests. `write` appends; `writeAt` writes at an offset without moving the append position
 * (NPY headers are patched at each flush; JSON files get their closing brackets rewritten there),
 * and may extend the data past its end.
 */
export interface ByteSink {
  write(bytes: Uint8Array): void;
  writeAt(offset: number, bytes: Uint8Array): void;
  close(): void;
}

/** A ByteSink in memory, for tests and browsers. */
export class MemoryByteSink implements ByteSink {
  private chunks: Uint8Array[] = [];
  private closed = false;

  write(bytes: Uint8Array): void {
    this.chunks.push(bytes.slice());
  }

  writeAt(offset: number, bytes: Uint8Array): void {
    const old = this.bytes();
    const all = new Uint8Array(Math.max(old.length, offset + bytes.length));
    all.set(old);
    all.set(bytes, offset);
    this.chunks = [all];
  }

  close(): void {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Everything written so far, as one array. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
