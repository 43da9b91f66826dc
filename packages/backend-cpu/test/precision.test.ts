import { describe, expect, it } from 'vitest';
import { Network } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, randomNormalConnect } from '@spikeflow/connectivity';
import { stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { Const } from './helpers.js';

describe('f32 mode', () => {
  it('stores single-precision values and stays within 1e-5 relative of the analytic LIF solution', async () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const p = net.population('p', { model: LIF, size: 1, parameters: { threshold: 0 } });
    net.stimulate(p, { kind: 'model', model: Const, parameters: { I0: 25 } });
    const v = net.monitor(new StateMonitor(p, 'v'));
    await net.run({ steps: 2000 }, createCpuBackend({ precision: 'f32' }));
    const values = v.values();
    let worst = 0;
    for (let s = 0; s < 2000; s++) {
      const got = values.get(s, 0);
      expect(Math.fround(got)).toBe(got); // every stored value is a float32
      const want = -45 + (-70 + 45) * Math.exp(-((s + 1) * 0.1) / 20);
      worst = Math.max(worst, Math.abs(got - want) / Math.abs(want));
    }
    expect(worst).toBeLessThan(1e-5);
    expect(worst).toBeGreaterThan(0); // it really is single precision
  });

  it('a noisy E/I network has per-population rates within 2% of f64 (4 seeds)', async () => {
    const rate = async (precision: 'f32' | 'f64', seed: number) => {
      const net = new Network({ dt: 0.5, seed });
      const e = net.population('e', { model: LIF, size: 160 });
      const i = net.population('i', { model: LIF, size: 40, sign: 'inhibitory' });
      for (const [pre, post] of [[e, e], [e, i], [i, e], [i, i]] as const) {
        net.connect(pre, post, { connector: randomNormalConnect({ wmean: 10, wstd: 3 }), synapse: ExpCurrent, parameters: { tau: 5 } });
      }
      net.stimulate(e, stepNoise({ I_value: 34, std: 5 }));
      net.stimulate(i, stepNoise({ I_value: 31, std: 5 }));
      const se = net.monitor(new SpikeMonitor(e));
      const si = net.monitor(new SpikeMonitor(i));
      await net.run({ duration: 1000 }, createCpuBackend({ precision }));
      return [se.count, si.count];
    };
    for (const seed of [1, 2, 3, 4]) {
      const [e64, i64] = await rate('f64', seed);
      const [e32, i32] = await rate('f32', seed);
      expect(e64).toBeGreaterThan(1000);
      expect(Math.abs(e32! - e64!) / e64!).toBeLessThan(0.02);
      expect(Math.abs(i32! - i64!) / i64!).toBeLessThan(0.02);
    }
  });
});
