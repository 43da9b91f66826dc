import { describe, expect, it } from 'vitest';
import { MemoryByteSink, SPIKES_CSV_HEADER, SpikeWriter, StateWriter, readSpikes, readState, type DataFormat } from '@spikeflow/monitors';

const pop = { name: 'ip1', size: 3 };
const events: [number, number][] = [[0, 2], [3, 0], [3, 1], [9, 2]];

describe('reading back what the writers wrote', () => {
  it.each(['csv', 'json', 'npy'] as DataFormat[])('spikes round-trip through %s', (format) => {
    const sink = new MemoryByteSink();
    const w = new SpikeWriter(pop, sink, { format, dt: 0.1, flushEvents: 2 });
    for (const [s, n] of events) w.onSpikes(s, Int32Array.of(n), 1);
    w.finish();
    const back = readSpikes(sink.bytes(), format);
    expect(Array.from(back.steps)).toEqual(events.map((e) => e[0]));
    expect(Array.from(back.neurons)).toEqual(events.map((e) => e[1]));
  });

  it.each(['csv', 'json', 'npy'] as DataFormat[])('state round-trips through %s', (format) => {
    const sink = new MemoryByteSink();
    const w = new StateWriter(pop, 'v', sink, { format, dt: 1, every: 4 });
    for (const step of [0, 4, 8]) w.onState(step, Float64Array.from([step, -1.5, 1e-12]));
    w.finish();
    const back = readState(sink.bytes(), format, 4);
    expect(Array.from(back.steps)).toEqual([0, 4, 8]);
    expect(back.width).toBe(3);
    expect(Array.from(back.values)).toEqual([0, -1.5, 1e-12, 4, -1.5, 1e-12, 8, -1.5, 1e-12]);
  });

  it('several populations share one CSV with a population column', () => {
    const sink = new MemoryByteSink();
    sink.write(new TextEncoder().encode(SPIKES_CSV_HEADER));
    const a = new SpikeWriter({ name: 'ep1', size: 2 }, sink, { format: 'csv', dt: 1, shared: true });
    const b = new SpikeWriter({ name: 'ep2', size: 2 }, sink, { format: 'csv', dt: 1, shared: true });
    a.onSpikes(0, Int32Array.of(1), 1);
    b.onSpikes(0, Int32Array.of(0), 1);
    a.finish();
    b.finish();
    expect(sink.isClosed).toBe(false);
    expect(new TextDecoder().decode(sink.bytes())).toBe('population,step,time_ms,neuron\nep1,0,0,1\nep2,0,0,0\n');
    expect(Array.from(readSpikes(sink.bytes(), 'csv').neurons)).toEqual([1, 0]);
  });
});
