import { ConfigError } from '@spikeflow/core';
import { describe, expect, it } from 'vitest';
import { StateMonitor } from '../src/index.js';
import { driveState } from './drive.js';

const pop = { name: 'exc', size: 5 };
/** Synthetic state: value of neuron n at step s is 10·s + n. */
const value = (s: number, n: number) => 10 * s + n;

describe('StateMonitor', () => {
  it('samples every 3 steps across two run calls, selected indices in the given column order', () => {
    const m = new StateMonitor(pop, 'v', { indices: [4, 1], every: 3 });
    expect([m.kind, m.population, m.variable, m.every, m.width]).toEqual(['state', 'exc', 'v', 3, 2]);
    expect(Array.from(m.indices!)).toEqual([4, 1]);

    driveState(m, 5, 0, 10, value); // steps 0..9: samples at 0, 3, 6, 9 (ceil(10 / 3) = 4 rows reserved)
    expect(m.rows).toBe(4);
    const first = m.values();
    expect(first.shape).toEqual([4, 2]);

    driveState(m, 5, 10, 8, value); // steps 10..17: samples at 12, 15
    expect(m.rows).toBe(6);
    expect(Array.from(m.times)).toEqual([0, 3, 6, 9, 12, 15]);
    const v = m.values();
    expect(v.shape).toEqual([6, 2]);
    expect(v.data).toBeInstanceOf(Float64Array);
    const rows = Array.from({ length: 6 }, (_, r) => [v.get(r, 0), v.get(r, 1)]);
    expect(rows).toEqual([[4, 1], [34, 31], [64, 61], [94, 91], [124, 121], [154, 151]]);
    expect(Array.from(m.column(1))).toEqual([1, 31, 61, 91, 121, 151]);
    expect(Array.from(m.column(4))).toEqual([4, 34, 64, 94, 124, 154]);
    expect(m.get().get(5, 1)).toBe(151);
    // the view taken after the first run still holds its 4 rows after the storage grew
    expect([first.get(3, 0), first.get(3, 1)]).toEqual([94, 91]);
    expect(() => m.column(0)).toThrow(ConfigError);
    expect(() => m.column(0)).toThrow('monitor exc.v: neuron 0 is not recorded; recorded: 4, 1');
  });

  it('records all neurons when indices are absent; time × neurons layout', () => {
    const m = new StateMonitor(pop, 'u');
    expect(m.indices).toBeUndefined();
    driveState(m, 5, 0, 3, value);
    const u = m.values();
    expect(u.shape).toEqual([3, 5]);
    expect(Array.from(u.data)).toEqual([0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24]);
    expect(Array.from(m.column(3))).toEqual([3, 13, 23]);
    expect(Array.from(m.times)).toEqual([0, 1, 2]);
  });

  it("records the 0/1 'spike' flag like any variable", () => {
    const m = new StateMonitor(pop, 'spike', { indices: [2] });
    driveState(m, 5, 0, 6, (s, n) => (s % n === 0 ? 1 : 0)); // neuron 2 spikes on even steps
    expect(Array.from(m.column(2))).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('preallocates from begin and throws a ConfigError naming the monitor from begin when maxBytes would be exceeded, keeping the data', () => {
    // 1000 neurons: 8004 bytes per row; 1 MiB holds 131 rows.
    const big = { name: 'exc', size: 1000 };
    const m = new StateMonitor(big, 'v', { maxBytes: 1024 * 1024 });
    driveState(m, 1000, 0, 100, value); // 100 rows = 800 400 bytes: fits
    expect(m.rows).toBe(100);
    let error: unknown;
    try {
      m.begin(100); // 200 rows = 1 600 800 bytes
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('monitor-too-large');
    expect((error as ConfigError).path).toBe('monitor exc.v');
    expect((error as ConfigError).message).toBe(
      'monitor exc.v: recording 1000 neuron(s) every 1 step(s) needs 1600800 bytes (1.5 MiB) for 200 rows ' +
        '(100 recorded + 100 for this run of 100 steps), over maxBytes = 1048576 bytes (1.0 MiB); ' +
        'record fewer neurons (indices), sample less often (every), or raise maxBytes',
    );
    // nothing lost
    expect(m.rows).toBe(100);
    expect(m.values().get(99, 999)).toBe(value(99, 999));
    // a run that fits still works, and storage stays within maxBytes
    driveState(m, 1000, 100, 31, value);
    expect(m.rows).toBe(131);
    expect(m.values().get(130, 7)).toBe(value(130, 7));
    expect(() => m.begin(1)).toThrow(/monitor exc\.v: .* needs 1056528 bytes/);
  });

  it('a single run larger than maxBytes is refused before it starts', () => {
    const m = new StateMonitor({ name: 'inh', size: 10 }, 'g_e', { every: 2, maxBytes: 1000 });
    // ceil(25 / 2) = 13 rows × (10 × 8 + 4) = 1092 bytes
    expect(() => m.begin(25)).toThrow(/^monitor inh\.g_e: recording 10 neuron\(s\) every 2 step\(s\) needs 1092 bytes/);
    expect(m.rows).toBe(0);
    expect(() => m.begin(23)).toThrow('needs 1008 bytes for 12 rows (0 recorded + 12 for this run of 23 steps), over maxBytes = 1000 bytes;');
    expect(() => m.begin(22)).not.toThrow(); // 11 rows × 84 = 924 bytes
  });

  it('without begin, grows on demand up to maxBytes, then throws naming the monitor', () => {
    const m = new StateMonitor({ name: 'exc', size: 2 }, 'v', { maxBytes: 20 * 20 }); // 20 bytes per row: 20 rows
    const buf = new Float64Array(2);
    for (let s = 0; s < 20; s++) {
      buf[0] = s;
      buf[1] = -s;
      m.onState(s, buf);
    }
    expect(m.rows).toBe(20);
    expect(() => m.onState(20, buf)).toThrow(/^monitor exc\.v: .*needs 420 bytes/);
    expect(m.rows).toBe(20);
    expect(Array.from(m.column(1)).slice(-2)).toEqual([-18, -19]);
  });

  it('copies the reused values array and checks its length', () => {
    const m = new StateMonitor(pop, 'v', { indices: [0, 3] });
    m.begin(2);
    const buf = Float64Array.of(1.5, 2.5);
    m.onState(0, buf);
    buf[0] = 99;
    m.onState(1, buf);
    expect(Array.from(m.values().data)).toEqual([1.5, 2.5, 99, 2.5]);
    expect(() => m.onState(2, new Float64Array(1))).toThrow(ConfigError);
  });

  it('rejects bad options with ConfigError naming the monitor', () => {
    expect(() => new StateMonitor(pop, 'v', { every: 0 })).toThrow('monitor exc.v.every: expected a positive integer, got 0');
    expect(() => new StateMonitor(pop, 'v', { indices: [5] })).toThrow('monitor exc.v.indices: neuron index 5 is outside 0..4');
    expect(() => new StateMonitor(pop, 'v', { indices: [] })).toThrow(ConfigError);
    expect(() => new StateMonitor(pop, '')).toThrow(ConfigError);
    expect(() => new StateMonitor(pop, 'v').begin(-1)).toThrow(ConfigError);
  });
});
