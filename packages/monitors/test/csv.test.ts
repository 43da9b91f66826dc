import { describe, expect, it } from 'vitest';
import { SpikeMonitor, StateMonitor, spikesToCsv, stateToCsv, timeMs } from '../src/index.js';
import { driveSpikes } from './drive.js';

describe('CSV writers', () => {
  it('writes spikes as step,time_ms,neuron with clean decimal times', () => {
    const m = new SpikeMonitor({ name: 'exc', size: 3 });
    const at: Record<number, number[]> = { 0: [2], 3: [0, 1], 10: [2] };
    driveSpikes(m, 0, 12, (s) => at[s] ?? []);
    expect(spikesToCsv(m, { dt: 0.1 })).toBe('step,time_ms,neuron\n0,0,2\n3,0.3,0\n3,0.3,1\n10,1,2\n');
    expect(spikesToCsv(new SpikeMonitor({ name: 'exc', size: 3 }), { dt: 0.1 })).toBe('step,time_ms,neuron\n');
    expect(timeMs(3, 0.1)).toBe('0.3');
    expect(timeMs(7, 0.025)).toBe('0.175');
    expect(() => spikesToCsv(m, { dt: 0 })).toThrow('spikesToCsv.dt: expected a finite number > 0, got 0');
  });

  it('writes every spike of a recording larger than one block', () => {
    const m = new SpikeMonitor({ name: 'exc', size: 1 });
    driveSpikes(m, 0, 70_000, () => [0]);
    const lines = spikesToCsv(m, { dt: 1 }).split('\n');
    expect(lines.length).toBe(70_002); // header, 70 000 rows, '' after the final newline
    expect(lines[65_536]).toBe('65535,65535,0');
    expect(lines[70_000]).toBe('69999,69999,0');
    expect(lines[70_001]).toBe('');
  });

  it('writes states wide: one column per recorded neuron, values in round-trip form', () => {
    const m = new StateMonitor({ name: 'exc', size: 3 }, 'v', { indices: [2, 0], every: 2 });
    m.begin(4);
    m.onState(0, Float64Array.of(-65, -70.5));
    m.onState(2, Float64Array.of(-64.25, 1e-7));
    expect(stateToCsv(m, { dt: 0.5 })).toBe('step,time_ms,v[2],v[0]\n0,0,-65,-70.5\n2,1,-64.25,1e-7\n');

    const all = new StateMonitor({ name: 'inh', size: 2 }, 'spike');
    all.onState(7, Float64Array.of(0, 1));
    expect(stateToCsv(all, { dt: 0.1 })).toBe('step,time_ms,spike[0],spike[1]\n7,0.7,0,1\n');
    expect(stateToCsv(new StateMonitor({ name: 'inh', size: 2 }, 'u'), { dt: 1 })).toBe('step,time_ms,u[0],u[1]\n');
  });
});
