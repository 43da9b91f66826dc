/**
 * A writer whose file is complete and loadable after each `flush()`: a process killed at any
 * moment (SIGKILL, power loss of the process) leaves files that hold every row up to the last
 * flush. NPY headers are rewritten with the row count and JSON files end with their closing
 * brackets at every flush.
 */
export interface Flushable {
  /** Writes everything buffered and makes the file complete (headers, closing brackets); call it at a step boundary. */
  flush(): void;
}

const encoder = new TextEncoder();

/**
 * Appends to a JSON document whose closing `tail` is always on disk: each append overwrites the
 * old tail with new data + tail in one write, so the file parses after every append.
 */
export class JsonTail {
  /**
   * Writes `tail` at byte `end` of `sink` at once, so the document is complete from the start.
   *
   * @param end - byte offset where the appended text starts (the end of the head already written)
   * @param tail - the closing text, e.g. `]}\n`
   */
  constructor(
    private readonly sink: { writeAt(offset: number, bytes: Uint8Array): void },
    private end: number,
    private readonly tail: string,
  ) {
    this.append('');
  }

  /** Writes `text` after what was appended before, followed by the tail, in one `writeAt`. */
  append(text: string): void {
    const data = encoder.encode(text);
    const tail = encoder.encode(this.tail);
    const out = new Uint8Array(data.length + tail.length);
    out.set(data);
    out.set(tail, data.length);
    this.sink.writeAt(this.end, out);
    this.end += data.length;
  }
}
