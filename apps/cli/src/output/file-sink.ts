import { closeSync, openSync, writeSync } from 'node:fs';
import type { ByteSink } from '@spikeflow/monitors';

/** A ByteSink writing straight to a file, so recorded data is on disk as soon as it is flushed. */
export class FileByteSink implements ByteSink {
  private readonly fd: number;
  private closed = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(bytes: Uint8Array): void {
    writeSync(this.fd, bytes);
  }

  writeAt(offset: number, bytes: Uint8Array): void {
    writeSync(this.fd, bytes, 0, bytes.length, offset);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
