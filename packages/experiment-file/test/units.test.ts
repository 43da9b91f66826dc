import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildExperiment, validateExperiment, type Experiment } from '@spikeflow/experiment-file';

const file = (parameters: Record<string, unknown>, extra: Partial<Experiment> = {}): Experiment =>
  ({ dt: 1, steps: 200, seed: 3, populations: { exc: { model: 'LIF', size: 4, parameters } }, ...extra }) as Experiment;

describe('values with units in experiment files', () => {
  it('accept "20 nF", "-65 mV", "0.001 volt" and distributions with units, converted to the internal units', async () => {
    const e = file(
      { C: '20 nF', R: '1000 kohm', u_rest: '-0.065 volt', threshold: { normal: { mean: '-40 mV', std: '0 mV' } } },
      { stimuli: [{ target: 'exc', source: { type: 'constant', amplitude: '30000 pA' } }], monitors: { spikes: 'all' } },
    );
    expect(validateExperiment(e).issues).toEqual([]);
    const built = buildExperiment(e);
    const values = built.network.build().populations[0]!.instance.values;
    expect(values.get('R')).toBeCloseTo(1, 12);
    expect(values.get('u_rest')).toBeCloseTo(-65, 12);
    expect(Array.from(values.get('threshold') as Float64Array)).toEqual([-40, -40, -40, -40]);
    // The same file with bare numbers in the default units gives the same spikes.
    const plain = buildExperiment(file({ C: 20, R: 1, u_rest: -65, threshold: -40 }, { stimuli: [{ target: 'exc', source: { type: 'constant', amplitude: 30 } }], monitors: { spikes: 'all' } }));
    await built.network.run({ steps: built.steps }, createCpuBackend());
    await plain.network.run({ steps: plain.steps }, createCpuBackend());
    expect(built.monitors.spikes.exc!.count).toBeGreaterThan(0);
    expect(Array.from(built.monitors.spikes.exc!.steps)).toEqual(Array.from(plain.monitors.spikes.exc!.steps));
  });

  it('a value in the wrong dimension is an issue at its field path naming both units', () => {
    const { issues } = validateExperiment(file({ C: '20 ms', threshold: { normal: { mean: '-40 mV', std: '1 nA' } } }));
    expect(issues).toContainEqual({ path: 'populations.exc.parameters.C', message: 'expected a value in nF, got "20 ms" (ms is another dimension)', line: undefined });
    expect(issues.map((i) => i.path)).toContain('populations.exc.parameters.threshold.normal.std');
    const unknown = validateExperiment(file({ C: '20 parsecs' })).issues;
    expect(unknown[0]?.path).toBe('populations.exc.parameters.C');
    expect(unknown[0]?.message).toMatch(/unit 'parsecs': unknown unit 'parsecs'/);
  });

  it('a string that is not a quantity is a schema issue', () => {
    const { issues } = validateExperiment(file({ C: 'twenty' }));
    expect(issues[0]?.path).toBe('populations.exc.parameters.C');
    expect(issues[0]?.message).toMatch(/a number with a unit/);
  });
});
