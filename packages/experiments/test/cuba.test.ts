import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { CUBA, buildCubaNetwork, runCuba } from '@spikeflow/experiments';

describe('the CUBA network (Brette et al. 2007, as in Brian2 examples/CUBA.py)', () => {
  it('has 80 % excitatory neurons, ~80 inputs per neuron at any size, v0 uniform in [reset, threshold)', () => {
    for (const size of [4000, 40_000]) {
      const cuba = buildCubaNetwork({ size, seed: 2 });
      const built = cuba.network.build();
      expect(built.populations.map((p) => p.instance.size)).toEqual([0.8 * size, 0.2 * size]);
      const synapses = built.connections.reduce((n, c) => n + (c.table.format === 'csr' ? c.table.post.length : 0), 0);
      expect(Math.abs(synapses / size - 80)).toBeLessThan(1); // Binomial(size·size, 80/size)/size: sd 0.14
      const v0 = built.populations[0]!.instance.initial.get('v')!;
      expect(Math.min(...v0)).toBeGreaterThanOrEqual(CUBA.v_reset);
      expect(Math.max(...v0)).toBeLessThan(CUBA.v_th);
      const mean = v0.reduce((a, b) => a + b, 0) / v0.length;
      expect(Math.abs(mean + 55)).toBeLessThan(0.2);
      // Signed weights as delivered: we = 60·0.27/10 mV onto ge, wi = −20·4.5/10 mV onto gi.
      const we = (60 * 0.27) / 10;
      expect(CUBA.we).toBe(we);
      expect(built.connections.map((c) => [c.input, c.sign * (c.table.weights[0] as number)])).toEqual([
        ['ge', we],
        ['gi', -9],
        ['ge', we],
        ['gi', -9],
      ]);
    }
  });

  it('fires asynchronously and irregularly (rate a few Hz, ISI CV ≈ 0.5) and is reproducible', async () => {
    const a = await runCuba(createCpuBackend(), { seed: 5, duration: 500 });
    const b = await runCuba(createCpuBackend(), { seed: 5, duration: 500 });
    expect(a.result.steps).toBe(5000);
    expect(a.summary.meanRate).toBeGreaterThan(3);
    expect(a.summary.meanRate).toBeLessThan(15);
    expect(a.summary.isiCv).toBeGreaterThan(0.3);
    expect(a.summary.isiCv).toBeLessThan(0.8);
    expect(Array.from(b.cuba.spikes.exc.steps)).toEqual(Array.from(a.cuba.spikes.exc.steps));
    expect(Array.from(b.cuba.spikes.inh.neurons)).toEqual(Array.from(a.cuba.spikes.inh.neurons));
    expect(a.synapses).toBeGreaterThan(300_000);
  });
});
