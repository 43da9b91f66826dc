import { describe, expect, it } from 'vitest';
import { MemoryByteSink } from '@spikeflow/monitors';

const bytes = (...v: number[]) => Uint8Array.from(v);

describe('MemoryByteSink', () => {
  it('appends, patches in place, zero-fills a gap and appends after the furthest byte', () => {
    const sink = new MemoryByteSink();
    sink.write(bytes(1, 2, 3));
    sink.writeAt(1, bytes(9));
    expect(Array.from(sink.bytes())).toEqual([1, 9, 3]);
    sink.writeAt(5, bytes(7, 8));
    expect(Array.from(sink.bytes())).toEqual([1, 9, 3, 0, 0, 7, 8]);
    sink.write(bytes(4));
    expect(Array.from(sink.bytes())).toEqual([1, 9, 3, 0, 0, 7, 8, 4]);
  });

  it('keeps every byte across growth (100 000 one-byte rows, each followed by a patched closing byte)', () => {
    const sink = new MemoryByteSink();
    // Each row overwrites the previous closing byte and writes a new one, as a JSON writer's brackets.
    for (let i = 0; i < 100_000; i++) sink.writeAt(i, bytes(i % 251, 255));
    const all = sink.bytes();
    expect(all.length).toBe(100_001);
    expect(all[all.length - 1]).toBe(255);
    expect(all.subarray(0, 100_000).every((b, i) => b === i % 251)).toBe(true);
  });

  it('returns a copy: later writes do not change bytes already returned', () => {
    const sink = new MemoryByteSink();
    sink.write(bytes(1));
    const first = sink.bytes();
    sink.writeAt(0, bytes(2));
    expect(Array.from(first)).toEqual([1]);
  });
});
