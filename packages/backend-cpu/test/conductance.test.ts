/**
 * Conductance synapses, whose output reads the postsynaptic membrane potential (`v_post`): the
 * value read is v at the start of the step (checked against a host computation of that rule),
 * and JavaScript, WebAssembly and threads give identical spikes and states (f64).
 */
import { describe, expect, it } from 'vitest';
import { Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { AlphaConductance, BiExpConductance, ExpConductance, fixedProbabilityConnect, oneToOneConnect } from '@spikeflow/connectivity';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { CpuSimulation, createCpuBackend } from '@spikeflow/backend-cpu';
import { Const } from './helpers.js';

/** Fires once, at step `at` (a presynaptic neuron with a known spike time). */
const Once: ModelDefinition = {
  name: 'Once',
  kind: 'neuron',
  parameters: { at: { unit: '1', default: 10 } },
  state: { c: { unit: '1', initial: 0 } },
  update: ['c = c + 1'],
  threshold: 'c == at + 1',
};

describe('v_post: the postsynaptic potential at the start of the step', () => {
  it('one ExpConductance spike into one LIF neuron: v follows the host computation of g·(E_rev − v_start) step by step (relative 1e-12)', async () => {
    const [dt, tau_m, R, El, tau, E, w] = [0.1, 20, 100, -60, 5, 0, 6];
    const net = new Network({ dt, seed: 1 });
    const pre = net.population('pre', { model: Once, size: 1 });
    const post = net.population('post', { model: LIF, size: 1, parameters: { R, C: tau_m / R, u_rest: El, u_reset: El, threshold: 100 } });
    net.connect(pre, post, { connector: oneToOneConnect({ weight: w }), synapse: ExpConductance, parameters: { tau, E_rev: E }, initial: { g: '2 nS' } });
    const v = net.monitor(new StateMonitor(post, 'v'));
    const steps = 400;
    await net.run({ steps }, createCpuBackend({ wasm: false }));
    const got = v.values().data as Float64Array;
    // Host: the spike at step 10 reaches g at the end of step 10; each step reads the output from
    // g and v at the start of the step, then g decays, then v integrates exactly with I constant.
    let [g, vv] = [0.002, El];
    let worst = 0;
    for (let k = 0; k < steps; k++) {
      const I = g * (E - vv);
      g *= Math.exp(-dt / tau);
      vv = El + R * I + (vv - El - R * I) * Math.exp(-dt / tau_m);
      if (k === 10) g += w / 1000; // nS → µS
      worst = Math.max(worst, Math.abs(vv - (got[k] as number)) / Math.abs(El));
    }
    expect(worst).toBeLessThan(1e-12);
    expect(Math.max(...got)).toBeGreaterThan(El + 0.05); // the spike depolarises
  });
});

function coba(seed: number) {
  const net = new Network({ dt: 0.1, seed });
  const lif = { R: 100, C: 0.2, u_rest: -60, u_reset: -60, threshold: -50, t_ref: 5 };
  const initial = { v: { uniform: { min: -60, max: -50 } } };
  const e = net.population('e', { model: LIF, size: 401, parameters: lif, initial });
  const i = net.population('i', { model: LIF, size: 101, sign: 'inhibitory', parameters: lif, initial });
  net.connect(e, e, { connector: fixedProbabilityConnect({ p: 0.05, weight: { uniform: { min: 3, max: 9 } } }), synapse: ExpConductance, initial: { g: { normal: { mean: '20 nS', std: '5 nS' } } } });
  net.connect(e, i, { connector: fixedProbabilityConnect({ p: 0.05, weight: 6 }), synapse: AlphaConductance, parameters: { tau: 2 } });
  for (const post of [e, i]) net.connect(i, post, { connector: fixedProbabilityConnect({ p: 0.05, weight: 67 }), synapse: BiExpConductance, parameters: { tau_rise: 1, tau_decay: 10, E_rev: -80 } });
  net.stimulate(e, { kind: 'model', model: Const, parameters: { I0: { uniform: { min: 0.1, max: 0.13 } } } });
  net.stimulate(i, { kind: 'model', model: Const, parameters: { I0: 0.11 } });
  const spikes = [net.monitor(new SpikeMonitor(e)), net.monitor(new SpikeMonitor(i))];
  const v = net.monitor(new StateMonitor(i, 'v', { indices: [0, 50, 100], every: 3 }));
  return { net, spikes, v };
}

async function runCoba(backend: Backend) {
  const c = coba(3);
  await c.net.run({ steps: 3000 }, backend);
  const sim = c.net.compiled!;
  const wasm = sim instanceof CpuSimulation ? sim.wasmPopulations : -1;
  const state = ['e', 'i'].map((p) => Array.from(sim.getState(p, 'v')));
  sim.dispose();
  return { wasm, spikes: c.spikes.map((m) => ({ steps: Array.from(m.steps), neurons: Array.from(m.neurons) })), v: Array.from(c.v.values().data as Float64Array), state };
}

describe('conductance synapses on every CPU path (f64)', () => {
  it('COBA-like network with Exp, Alpha and BiExp conductances: JavaScript ≡ WebAssembly ≡ 2 threads (spikes, recorded v, final v)', async () => {
    const js = await runCoba(createCpuBackend({ wasm: false }));
    const wasm = await runCoba(createCpuBackend());
    const threads = await runCoba(createCpuBackend({ threads: 2 }));
    expect(js.wasm).toBe(0);
    expect(wasm.wasm).toBeGreaterThan(0);
    expect(js.spikes[0]!.steps.length).toBeGreaterThan(500);
    expect(js.spikes[1]!.steps.length).toBeGreaterThan(100);
    expect(wasm).toEqual({ ...js, wasm: wasm.wasm });
    expect(threads.spikes).toEqual(js.spikes);
    expect(threads.v).toEqual(js.v);
    expect(threads.state).toEqual(js.state);
  });
});
