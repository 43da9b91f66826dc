/**
 * SynapseWriter and readSynapses without a simulation: a hand-made layout (3 × 2 connection, 4
 * synapses, one pair with two synapses) written in every format and read back; pairs resolve to
 * every synapse between the two neurons; the in-memory SynapseMonitor keeps the same rows and
 * turns a row into a table.
 */
import { describe, expect, it } from 'vitest';
import type { SynapseLayout } from '@spikeflow/core';
import { MemoryByteSink, npyHeader, readSynapses, SynapseMonitor, SynapseWriter, weightArray, type DataFormat } from '@spikeflow/monitors';

// Synapses in CSR order: 0: 0→1, 1: 2→0, 2: 2→1, 3: 2→1 (a multapse).
const layout: SynapseLayout = { connection: 'a->b', count: 4, nPre: 3, nPost: 2, pre: Int32Array.of(0, 2, 2, 2), post: Int32Array.of(1, 0, 1, 1) };
const row = (step: number) => Float64Array.from({ length: 4 }, (_, k) => step + k / 10);

describe('SynapseWriter → readSynapses', () => {
  it.each(['csv', 'json', 'npy'] as DataFormat[])('%s: rows, steps and columns (synapse, pre, post) come back', (format) => {
    const sink = new MemoryByteSink();
    const w = new SynapseWriter('a->b', sink, { format, dt: 0.5, every: 3, pairs: [[2, 1], [0, 1]] });
    w.attach(layout);
    expect(Array.from(w.indices!)).toEqual([2, 3, 0]);
    for (const step of [0, 3, 6]) w.onSynapses(step, Float64Array.from(w.indices!, (k) => row(step)[k]!));
    w.finish();
    const { synapses, pre, post } = w.columns();
    const columns = new Int32Array(9);
    synapses.forEach((k, c) => columns.set([k, pre[c]!, post[c]!], 3 * c));
    const columnFile = new Uint8Array(128 + columns.byteLength);
    columnFile.set(npyHeader('<i4', [3, 3]));
    columnFile.set(new Uint8Array(columns.buffer), 128);
    const d = readSynapses(sink.bytes(), format, 3, 'test', format === 'npy' ? columnFile : undefined);
    expect(Array.from(d.steps)).toEqual([0, 3, 6]);
    expect(d.width).toBe(3);
    expect(Array.from(d.synapses)).toEqual([2, 3, 0]);
    expect(Array.from(d.pre)).toEqual([2, 2, 0]);
    expect(Array.from(d.post)).toEqual([1, 1, 1]);
    expect(Array.from(d.values)).toEqual([0.2, 0.3, 0, 3.2, 3.3, 3, 6.2, 6.3, 6]);
    expect(w.last()!.step).toBe(6);
  });

  it('a CSV header names each column w[<synapse>:<pre>-><post>]; NPY needs its column file', () => {
    const sink = new MemoryByteSink();
    const w = new SynapseWriter('a->b', sink, { format: 'csv', dt: 1 });
    w.attach(layout);
    w.finish();
    expect(new TextDecoder().decode(sink.bytes())).toBe('step,time_ms,w[0:0->1],w[1:2->0],w[2:2->1],w[3:2->1]\n');
    expect(() => readSynapses(new MemoryByteSink().bytes(), 'npy')).toThrow();
  });
});

describe('SynapseMonitor without a simulation', () => {
  it('keeps the rows; a row as a table sums the multapse in weightArray and leaves absent pairs NaN', () => {
    const m = new SynapseMonitor('a->b', { every: 2 });
    m.attach(layout);
    m.begin(4);
    m.onSynapses(0, row(0));
    m.onSynapses(2, row(2));
    expect(m.values().shape).toEqual([2, 4]);
    expect(Array.from(m.pre)).toEqual([0, 2, 2, 2]);
    const w = weightArray(m.table());
    expect([w.get(0, 1), w.get(2, 0), w.get(2, 1)]).toEqual([2, 2.1, 2.2 + 2.3]);
    expect(Number.isNaN(w.get(0, 0))).toBe(true);
    expect(() => m.table(5)).toThrow(expect.objectContaining({ code: 'not-recorded' }));
  });
});
