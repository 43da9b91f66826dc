import { ConfigError } from '@spikeflow/core';
import type { CsrTable } from '@spikeflow/core/backend';

const MAX_SYNAPSES = 0xffffffff;

/**
 * Collects the synapses of a CSR table row by row (rows by presynaptic index, in increasing
 * order), growing its postsynaptic-index buffer as needed. Time and memory are proportional to the
 * number of synapses plus nPre.
 *
 * @example
 * const b = new CsrBuilder(2, 3, 4, 'c');
 * b.push(0, 1); b.push(1, 0); b.push(1, 2);
 * const { rowStart, post } = b.finish(); // rowStart [0, 1, 3], post [1, 0, 2]
 */
export class CsrBuilder {
  private post: Uint32Array;
  private count = 0;
  private row = 0;
  private readonly rowStart: Uint32Array;

  /** `expected`: a capacity estimate (synapses); the buffer grows by half when it is exceeded. */
  constructor(
    readonly nPre: number,
    readonly nPost: number,
    expected: number,
    private readonly path: string,
  ) {
    this.rowStart = new Uint32Array(nPre + 1);
    this.post = new Uint32Array(Math.max(16, Math.min(MAX_SYNAPSES, Math.ceil(expected))));
  }

  /** Number of synapses pushed so far. */
  get size(): number {
    return this.count;
  }

  /** Adds synapse (pre → post); `pre` must not decrease between calls, nor `post` within a row. */
  push(pre: number, post: number): void {
    while (this.row < pre) this.rowStart[++this.row] = this.count;
    if (this.count === this.post.length) this.grow();
    this.post[this.count++] = post;
  }

  /** Closes the remaining rows and returns exactly-sized arrays. */
  finish(): { rowStart: Uint32Array; post: Uint32Array } {
    while (this.row < this.nPre) this.rowStart[++this.row] = this.count;
    return { rowStart: this.rowStart, post: this.post.length === this.count ? this.post : this.post.slice(0, this.count) };
  }

  private grow(): void {
    if (this.count >= MAX_SYNAPSES) {
      throw new ConfigError('too-large', this.path, `more than ${MAX_SYNAPSES} synapses; a CSR table indexes synapses with 32-bit offsets`);
    }
    const next = new Uint32Array(Math.min(MAX_SYNAPSES, Math.ceil(this.post.length * 1.5) + 16));
    next.set(this.post);
    this.post = next;
  }
}

/**
 * Wraps CSR arrays into a `CsrTable`.
 *
 * @example
 * csrTable(2, 3, Uint32Array.of(0, 1, 3), Uint32Array.of(1, 0, 2), Float64Array.of(1, 1, 1));
 */
export function csrTable(nPre: number, nPost: number, rowStart: Uint32Array, post: Uint32Array, weights: Float64Array): CsrTable {
  return { format: 'csr', nPre, nPost, rowStart, post, weights };
}
