import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryByteSink, SpikeWriter, StateWriter, npyHeader, readSpikes, readState, type DataFormat } from '@spikeflow/monitors';
import { pythonHas } from '../../../test-support/python.js';

const hasNumpy = pythonHas('numpy', 'apt-get install -y python3-numpy');
const dir = mkdtempSync(join(tmpdir(), 'spikeflow-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pop = { name: 'ep1', size: 4 };

function spikeData(w: SpikeWriter) {
  const idx = new Int32Array(4);
  for (let step = 0; step < 50; step++) {
    let n = 0;
    for (let i = 0; i < 4; i++) if ((step + i) % 3 === 0) idx[n++] = i;
    w.onSpikes(step, idx, n);
  }
}
const expectedSpikes = (() => {
  const out: [number, number][] = [];
  for (let step = 0; step < 50; step++) for (let i = 0; i < 4; i++) if ((step + i) % 3 === 0) out.push([step, i]);
  return out;
})();

describe('streaming writers', () => {
  it('NPY header is 128 bytes and well formed', () => {
    const h = npyHeader('<f8', [12, 3]);
    expect(h.length).toBe(128);
    expect(String.fromCharCode(...h.subarray(1, 6))).toBe('NUMPY');
    expect(new TextDecoder().decode(h.subarray(10))).toMatch(/^\{'descr': '<f8', 'fortran_order': False, 'shape': \(12, 3\), \} +\n$/);
  });

  it('spikes as CSV and JSON (small flush size, so several flushes happen)', () => {
    const csv = new MemoryByteSink();
    const json = new MemoryByteSink();
    const a = new SpikeWriter(pop, csv, { format: 'csv', dt: 0.5, flushEvents: 7 });
    const b = new SpikeWriter(pop, json, { format: 'json', dt: 0.5, flushEvents: 7 });
    spikeData(a);
    spikeData(b);
    a.finish();
    b.finish();
    b.finish(); // idempotent
    const lines = new TextDecoder().decode(csv.bytes()).trimEnd().split('\n');
    expect(lines[0]).toBe('step,time_ms,neuron');
    expect(lines.slice(1)).toEqual(expectedSpikes.map(([s, n]) => `${s},${s * 0.5},${n}`));
    const parsed = JSON.parse(new TextDecoder().decode(json.bytes()));
    expect(parsed).toEqual({ population: 'ep1', dt: 0.5, columns: ['step', 'neuron'], data: expectedSpikes });
    expect(csv.isClosed && json.isClosed).toBe(true);
  });

  it.skipIf(!hasNumpy)('spikes and state as NPY load in numpy with the right shape, dtype and values', () => {
    const spikes = new MemoryByteSink();
    const w = new SpikeWriter(pop, spikes, { format: 'npy', dt: 1, flushEvents: 5 });
    spikeData(w);
    w.finish();
    const state = new MemoryByteSink();
    const sw = new StateWriter(pop, 'v', state, { format: 'npy', dt: 1, indices: [1, 3] });
    for (let step = 0; step < 6; step++) sw.onState(step, Float64Array.from([step + 0.25, -step]));
    sw.finish();
    writeFileSync(join(dir, 'spikes.npy'), spikes.bytes());
    writeFileSync(join(dir, 'v.npy'), state.bytes());
    const out = execFileSync('/usr/bin/python3', ['-c', [
      'import numpy as np, json, sys',
      `s = np.load(${JSON.stringify(join(dir, 'spikes.npy'))})`,
      `v = np.load(${JSON.stringify(join(dir, 'v.npy'))})`,
      'print(json.dumps({"s_shape": s.shape, "s_dtype": str(s.dtype), "s": s.tolist(), "v_shape": v.shape, "v_dtype": str(v.dtype), "v": v.tolist()}))',
    ].join('\n')]).toString();
    const r = JSON.parse(out);
    expect(r.s_shape).toEqual([expectedSpikes.length, 2]);
    expect(r.s_dtype).toBe('int32');
    expect(r.s).toEqual(expectedSpikes);
    expect(r.v_shape).toEqual([6, 2]);
    expect(r.v_dtype).toBe('float64');
    expect(r.v[5]).toEqual([5.25, -5]);
  });

  it('state as CSV and JSON', () => {
    const csv = new MemoryByteSink();
    const json = new MemoryByteSink();
    const a = new StateWriter(pop, 'v', csv, { format: 'csv', dt: 0.1, every: 2 });
    const b = new StateWriter(pop, 'v', json, { format: 'json', dt: 0.1, every: 2 });
    for (const step of [0, 2, 4]) {
      a.onState(step, Float64Array.from([1, 2, 3, step]));
      b.onState(step, Float64Array.from([1, 2, NaN, step]));
    }
    a.finish();
    b.finish();
    expect(new TextDecoder().decode(csv.bytes())).toBe('step,time_ms,v[0],v[1],v[2],v[3]\n0,0,1,2,3,0\n2,0.2,1,2,3,2\n4,0.4,1,2,3,4\n');
    expect(JSON.parse(new TextDecoder().decode(json.bytes()))).toEqual({ population: 'ep1', variable: 'v', dt: 0.1, neurons: [0, 1, 2, 3], every: 2, data: [[1, 2, null, 0], [1, 2, null, 2], [1, 2, null, 4]] });
    expect(Array.from(readState(json.bytes(), 'json').steps)).toEqual([0, 2, 4]);
  });

  it.each(['csv', 'json', 'npy'] as DataFormat[])('%s: after every flush the bytes so far load whole and hold every step flushed (crash consistency)', (format) => {
    const spikes = new MemoryByteSink();
    const state = new MemoryByteSink();
    const w = new SpikeWriter(pop, spikes, { format, dt: 1, flushEvents: 3 });
    const sw = new StateWriter(pop, 'v', state, { format, dt: 1 });
    const idx = new Int32Array(4);
    for (let step = 0; step < 50; step++) {
      let n = 0;
      for (let i = 0; i < 4; i++) if ((step + i) % 3 === 0) idx[n++] = i;
      w.onSpikes(step, idx, n);
      sw.onState(step, Float64Array.from([step, step + 0.5, -step, 1e-3 * step]));
      if ((step + 1) % 7 !== 0) continue;
      w.flush();
      sw.flush();
      // What a reader finds if the process is killed right now (nothing was closed).
      const s = readSpikes(spikes.bytes(), format);
      const flushed = expectedSpikes.filter(([st]) => st <= step);
      const got = Array.from(s.steps, (st, k) => [st, s.neurons[k]]);
      expect(got, `spikes after step ${step}`).toEqual(flushed);
      const v = readState(state.bytes(), format);
      expect(Array.from(v.steps), `state rows after step ${step}`).toEqual(Array.from({ length: step + 1 }, (_, k) => k));
      expect(Array.from(v.values.subarray(4 * step, 4 * step + 4))).toEqual([step, step + 0.5, -step, 1e-3 * step]);
    }
    w.finish();
    sw.finish();
    expect(readSpikes(spikes.bytes(), format).steps.length).toBe(expectedSpikes.length);
  });
});
