import { describe, expect, it } from 'vitest';
import { withSpikeTrace } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, randomNormalConnect } from '@spikeflow/connectivity';
import { incrementalStepNoise, materialize, seedRampCount, stepNoise } from '@spikeflow/stimuli';
import { StepMonitor } from '@spikeflow/monitors';
import { StepConnection, StepPopulation, createCpuBackend } from '@spikeflow/backend-cpu';
import { DECISION_LIF, DECISION_SYNAPSE, runDecision } from '@spikeflow/experiments';

// The report's walkthrough, written as its own loop with the stepping API, must give exactly
// the spikes of the built-in network run (same seed, same connectivity, same currents).
describe("the seed's hand-written loop with the stepping API", () => {
  it('gives exactly the spikes of the built-in decision network (default scenario, seed 4)', async () => {
    const seed = 4;
    const time = 1000;
    const scale = 100;
    const n = 100;
    const dt = 1;
    const I_ep1 = materialize(incrementalStepNoise({ I_value: 20, scale, gap: 5, rampCount: seedRampCount(time, scale, 5), stream: 'input:ep1' }), { steps: time, size: n, dt, seed });
    const I_ep2 = materialize(incrementalStepNoise({ I_value: 20, scale, gap: 3, rampCount: seedRampCount(time, scale, 3), stream: 'input:ep2' }), { steps: time, size: n, dt, seed });
    const I_ip1 = materialize(stepNoise({ I_value: 20, stream: 'input:ip1' }), { steps: time, size: n, dt, seed });

    const model = withSpikeTrace(LIF, { additive: true, tau: 10, scale: 1 });
    const pop = (name: string, sign: 'excitatory' | 'inhibitory') => new StepPopulation(name, { model, size: n, dt, seed, sign, parameters: { ...DECISION_LIF } });
    const ep1 = pop('ep1', 'excitatory');
    const ep2 = pop('ep2', 'excitatory');
    const ip1 = pop('ip1', 'inhibitory');
    const connection = (pre: StepPopulation, post: StepPopulation) =>
      new StepConnection(pre, post, { connector: randomNormalConnect({ wmean: 20, wstd: 5, J: 1 }), synapse: ExpCurrent, parameters: { ...DECISION_SYNAPSE } });
    const con_ep1_ip1 = connection(ep1, ip1);
    const con_ep2_ip1 = connection(ep2, ip1);
    const con_ip1_ep1 = connection(ip1, ep1);
    const con_ip1_ep2 = connection(ip1, ep2);
    const con_ep1_ep1 = connection(ep1, ep1);
    const con_ep2_ep2 = connection(ep2, ep2);
    const monitors = [new StepMonitor(ep1, ['s', 'v']), new StepMonitor(ep2, ['s', 'v']), new StepMonitor(ip1, ['s', 'v'])];

    const row = (I: typeof I_ep1, i: number) => Array.from({ length: n }, (_, k) => I.get(i, k));
    let out_ep1_ip1 = new Float64Array(n);
    let out_ep2_ip1 = new Float64Array(n);
    let out_ip1_ep1 = new Float64Array(n);
    let out_ip1_ep2 = new Float64Array(n);
    let out_ep1_ep1 = new Float64Array(n);
    let out_ep2_ep2 = new Float64Array(n);
    for (let i = 0; i < time; i++) {
      // Inhibitory outputs are already negative: no subtraction by hand.
      ep1.forward(row(I_ep1, i), out_ip1_ep1, out_ep1_ep1);
      ep2.forward(row(I_ep2, i), out_ip1_ep2, out_ep2_ep2);
      ip1.forward(row(I_ip1, i), out_ep1_ip1, out_ep2_ip1);
      out_ep1_ip1 = Float64Array.from(con_ep1_ip1.compute());
      out_ep2_ip1 = Float64Array.from(con_ep2_ip1.compute());
      out_ip1_ep1 = Float64Array.from(con_ip1_ep1.compute());
      out_ip1_ep2 = Float64Array.from(con_ip1_ep2.compute());
      out_ep1_ep1 = Float64Array.from(con_ep1_ep1.compute());
      out_ep2_ep2 = Float64Array.from(con_ep2_ep2.compute());
      monitors.forEach((m) => m.record());
    }
    expect(Math.min(...out_ip1_ep1)).toBeLessThan(0);

    const { decision } = await runDecision(createCpuBackend(), { scenario: 'default', seed });
    const names = ['ep1', 'ep2', 'ip1'] as const;
    names.forEach((name, p) => {
      const s = monitors[p]!.get('s');
      expect(s.shape).toEqual([time, n]);
      const events: [number, number][] = [];
      for (let i = 0; i < time; i++) for (let k = 0; k < n; k++) if (s.get(i, k) === 1) events.push([i, k]);
      const m = decision.spikes[name];
      const expected = Array.from(m.steps, (step, q) => [step, m.neurons[q]!] as [number, number]);
      expect(events.length).toBeGreaterThan(500);
      expect(events).toEqual(expected);
    });
  });

  it('rejects a wrong-sized input naming the population and the step', () => {
    const p = new StepPopulation('ep1', { model: LIF, size: 3, dt: 1 });
    p.forward(1);
    expect(() => p.forward([1, 2])).toThrowError(/ep1\.forward input 0: expected 3 values \(one per neuron\), got 2/);
    expect(() => p.forward([1, NaN, 2])).toThrowError(/value at step 1, neuron 1 is NaN/);
  });
});
