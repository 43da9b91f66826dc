import { describe, expect, it } from 'vitest';
import type { ModelDefinition } from '@spikeflow/core';
import { compileModel, instantiate, valueAt } from '@spikeflow/core/backend';
import { evaluate } from '@spikeflow/core/ir';
import { hostRng } from '@spikeflow/core/rng';
import { AlphaCurrent, ExpCurrent } from '@spikeflow/connectivity';

/**
 * Runs a synapse model for one postsynaptic neuron on the host, in the order a backend uses: each
 * step advance the state (integration, update), then apply onPre once per presynaptic spike of
 * this step, then read the output (delivered to the target on the next step).
 */
function run(def: ModelDefinition, parameters: Record<string, number>, dt: number, spikes: (step: number) => number[]): number[] {
  const model = compileModel(def);
  const inst = instantiate(model, { size: 1, dt, parameters, path: 'test', rng: (f) => hostRng(0, f), warn: () => {} });
  const state = new Map([...inst.initial].map(([k, v]) => [k, v[0] as number]));
  const temps = new Map<string, number>();
  let w = 0;
  let step = 0;
  const env = {
    lookup(name: string, role: string): number {
      if (role === 'state') return state.get(name) as number;
      if (role === 'temp') return temps.get(name) as number;
      if (role === 'dt') return dt;
      if (role === 'weight') return w;
      if (role === 'time') return step * dt;
      if (role === 'step') return step;
      return valueAt(inst.values, name, 0);
    },
  };
  const exec = (s: { target: string; role: string; value: Parameters<typeof evaluate>[0] }) => (s.role === 'state' ? state : temps).set(s.target, evaluate(s.value, env));
  const out: number[] = [];
  for (; step < 400; step++) {
    model.step.forEach(exec);
    for (const weight of spikes(step)) {
      w = weight;
      model.onPre.forEach(exec);
    }
    out.push(evaluate(model.output as Parameters<typeof evaluate>[0], env));
  }
  return out;
}

describe('ExpCurrent', () => {
  it('compiles as a synapse model with tau 10 ms and trace_scale 1 by default', () => {
    const m = compileModel(ExpCurrent);
    expect(m.definition.kind).toBe('synapse');
    expect(m.states).toEqual(['I_syn']);
    const inst = instantiate(m, { size: 3, dt: 1, path: 'test', rng: (f) => hostRng(0, f), warn: () => {} });
    expect([inst.values.get('tau'), inst.values.get('trace_scale')]).toEqual([10, 1]);
  });

  it("equals the seed's presynaptic-trace output Σ_pre w·trace_pre step by step (5 presynaptic neurons, random spikes, relative 1e-12)", () => {
    const [dt, tau, scale, nPre] = [0.5, 7, 0.7, 5];
    const rng = hostRng(1, 'spikes');
    const weights = Array.from({ length: nPre }, () => rng.normal(2, 1));
    const spiking = Array.from({ length: 400 }, () => weights.map(() => rng.uniform() < 0.1));
    const traces = new Float64Array(nPre);
    const seed = spiking.map((s) => {
      let out = 0;
      for (let i = 0; i < nPre; i++) {
        traces[i] = (traces[i] as number) * Math.exp(-dt / tau) + scale * (s[i] ? 1 : 0);
        out += (weights[i] as number) * (traces[i] as number);
      }
      return out;
    });
    const model = run(ExpCurrent, { tau, trace_scale: scale }, dt, (t) => weights.filter((_, i) => spiking[t]?.[i]));
    const size = Math.max(...seed.map(Math.abs));
    let worst = 0;
    seed.forEach((x, t) => (worst = Math.max(worst, Math.abs(x - (model[t] as number)))));
    expect(worst / size).toBeLessThan(1e-12);
    expect(size).toBeGreaterThan(1);
  });
});

describe('AlphaCurrent', () => {
  it('samples w·(t/tau)·exp(1 − t/tau) exactly and peaks at w at t = tau (dt = 0.1 ms, tau = 2 ms, relative 1e-12)', () => {
    const [dt, tau, w] = [0.1, 2, 3];
    const out = run(AlphaCurrent, { tau }, dt, (t) => (t === 0 ? [w] : []));
    let worst = 0;
    out.forEach((x, n) => {
      const t = n * dt;
      worst = Math.max(worst, Math.abs(x - w * (t / tau) * Math.exp(1 - t / tau)));
    });
    expect(worst / w).toBeLessThan(1e-12);
    const peak = Math.round(tau / dt);
    expect(Math.abs((out[peak] as number) - w) / w).toBeLessThan(1e-12);
    expect(Math.max(...out)).toBe(out[peak]);
  });

  it('adds the kernels of several spikes linearly', () => {
    const [dt, tau] = [1, 5];
    const one = run(AlphaCurrent, { tau }, dt, (t) => (t === 3 ? [1] : []));
    const two = run(AlphaCurrent, { tau }, dt, (t) => (t === 3 ? [1, 2] : []));
    two.forEach((x, n) => expect(x).toBeCloseTo(3 * (one[n] as number), 12));
  });
});
