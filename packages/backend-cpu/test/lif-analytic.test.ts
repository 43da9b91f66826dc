import { describe, expect, it } from 'vitest';
import { Network, type IntegratorName } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { Const, spikeCollector, stateCollector } from './helpers.js';

// LIF under constant input I, below threshold: v(t) = v_inf + (v0 - v_inf)·exp(-t/tau_m), v_inf = u_rest + R·I.
const R = 1;
const C = 20;
const tau = R * C;
const uRest = -70;
const I = 25; // v_inf = -45 mV, below a threshold of 0 mV
const vInf = uRest + R * I;
const exact = (t: number) => vInf + (uRest - vInf) * Math.exp(-t / tau);

async function simulateV(integrator: IntegratorName, dt: number, duration: number): Promise<number> {
  const net = new Network({ dt, seed: 1 });
  const pop = net.population('p', { model: LIF, size: 1, integrator, parameters: { R, C, u_rest: uRest, threshold: 0 } });
  net.stimulate(pop, { kind: 'model', model: Const, parameters: { I0: I } });
  await net.run({ duration }, createCpuBackend());
  return net.compiled!.getState('p', 'v')[0]!;
}

describe('LIF under constant input (analytic solution)', () => {
  it('exact integrator matches the analytic trajectory to 1e-9 relative at every step', async () => {
    const dt = 0.5;
    const net = new Network({ dt, seed: 1 });
    const pop = net.population('p', { model: LIF, size: 1, parameters: { R, C, u_rest: uRest, threshold: 0 } });
    net.stimulate(pop, { kind: 'model', model: Const, parameters: { I0: I } });
    const v = net.monitor(stateCollector('p', 'v'));
    await net.run({ duration: 200 }, createCpuBackend());
    expect(v.rows.length).toBe(400);
    v.rows.forEach((row, s) => {
      const want = exact((s + 1) * dt); // recorded after step s, i.e. at t = (s + 1)·dt
      expect(Math.abs(row[0]! - want) / Math.abs(want)).toBeLessThan(1e-9);
    });
  });

  it('euler converges at order 1 (error ratio 2 ± 0.1 when dt halves)', async () => {
    const T = 10;
    const errs = await Promise.all([0.2, 0.1, 0.05].map(async (dt) => Math.abs((await simulateV('euler', dt, T)) - exact(T))));
    expect(errs[0]! / errs[1]!).toBeCloseTo(2, 0);
    expect(Math.abs(errs[1]! / errs[2]! - 2)).toBeLessThan(0.1);
  });

  it('rk4 converges at order 4 (error ratio 16 ± 1 when dt halves)', async () => {
    const T = 10;
    const errs = await Promise.all([1, 0.5, 0.25].map(async (dt) => Math.abs((await simulateV('rk4', dt, T)) - exact(T))));
    expect(Math.abs(errs[0]! / errs[1]! - 16)).toBeLessThan(1);
    expect(Math.abs(errs[1]! / errs[2]! - 16)).toBeLessThan(1);
  });

  it('rk2 converges at order 2 (error ratio 4 ± 0.3 when dt halves)', async () => {
    const T = 10;
    const errs = await Promise.all([0.5, 0.25, 0.125].map(async (dt) => Math.abs((await simulateV('rk2', dt, T)) - exact(T))));
    expect(Math.abs(errs[1]! / errs[2]! - 4)).toBeLessThan(0.3);
  });
});

describe('LIF f–I curve', () => {
  it('matches f = 1/(t_ref + tau_m·ln(R·I/(R·I − (threshold − u_rest)))) within 1% over 31–200 nA', async () => {
    const threshold = -40;
    const tRef = 2;
    const dt = 0.01;
    const currents = Array.from({ length: 12 }, (_, k) => 31 + k * k * 1.2);
    const net = new Network({ dt, seed: 3 });
    const pop = net.population('p', { model: LIF, size: currents.length, parameters: { R, C, u_rest: uRest, u_reset: uRest, threshold, t_ref: tRef } });
    net.stimulate(pop, { kind: 'model', model: Const, parameters: { I0: currents } });
    const spikes = net.monitor(spikeCollector('p'));
    await net.run({ duration: 1000 }, createCpuBackend());
    currents.forEach((current, i) => {
      const times = spikes.events.filter(([, n]) => n === i).map(([s]) => s * dt);
      expect(times.length).toBeGreaterThan(3);
      const measured = 1000 / ((times.at(-1)! - times[0]!) / (times.length - 1)); // Hz
      const predicted = 1000 / (tRef + tau * Math.log((R * current) / (R * current - (threshold - uRest))));
      expect(Math.abs(measured - predicted) / predicted).toBeLessThan(0.01);
    });
  });

  it('does not fire below rheobase (R·I ≤ threshold − u_rest)', async () => {
    const net = new Network({ dt: 0.1, seed: 3 });
    const pop = net.population('p', { model: LIF, size: 2 });
    net.stimulate(pop, { kind: 'model', model: Const, parameters: { I0: [29.9, 30] } });
    const spikes = net.monitor(spikeCollector('p'));
    await net.run({ duration: 500 }, createCpuBackend());
    expect(spikes.events.length).toBe(0);
  });
});
