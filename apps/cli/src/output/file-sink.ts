import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { ByteSink } from '@spikeflow/monitors';

/** A ByteSink writing straight to a file, so recorded data is on disk as soon as it is flushed. */
export class FileByteSink implements ByteSink {
  private readonly fd: number;
  private closed = false;
  /** Where `write` appends. */
  private position: number;

  /**
   * A new file, or with `resumeAt` an existing one cut back to its first `resumeAt` bytes (what it
   * held at a checkpoint) and appended to from there.
   */
  constructor(
    readonly path: string,
    resumeAt?: number,
  ) {
    this.fd = openSync(path, resumeAt === undefined ? 'w' : 'r+');
    if (resumeAt !== undefined) ftruncateSync(this.fd, resumeAt);
    this.position = resumeAt ?? 0;
  }

  write(bytes: Uint8Array): void {
    writeSync(this.fd, bytes, 0, bytes.length, this.position);
    this.position += bytes.length;
  }

  writeAt(offset: number, bytes: Uint8Array): void {
    writeSync(this.fd, bytes, 0, bytes.length, offset);
  }

  /** Bytes in the file now. */
  size(): number {
    return fstatSync(this.fd).size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
