/**
 * Poisson input in experiment files (`source: { type: poisson-input, variable, n, rate, weight }`):
 * each mistake is reported at its field path, and examples/brunel-poisson-input.yaml builds one
 * poisson-input stimulus per population (n = 200, p = 100 Hz × 0.1 ms) and fires in its first
 * 1000 steps (100 ms; the CLI's example test runs the whole file).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildExperiment, validateExperiment } from '@spikeflow/experiment-file';
import { loadExperimentFile } from '@spikeflow/experiment-file/node';
import { EXAMPLES } from './helpers.js';

const file = (source: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  dt: 0.1,
  steps: 10,
  seed: 1,
  populations: { exc: { model: 'LIF', size: 4 } },
  stimuli: [{ target: 'exc', source: { type: 'poisson-input', variable: 'v', n: 100, rate: 10, weight: 0.1, ...source }, ...extra }],
});

describe('poisson-input sources in experiment files', () => {
  it('a valid one builds a poisson-input stimulus; "10 Hz" and "0.1 mV" are accepted', () => {
    expect(validateExperiment(file({})).issues).toEqual([]);
    expect(validateExperiment(file({ rate: '10 Hz', weight: '0.1 mV', stream: 'drive' })).issues).toEqual([]);
    const built = buildExperiment(file({ rate: '0.01 kHz' }) as never).network.build();
    expect(built.stimuli[0]).toMatchObject({ kind: 'poisson-input', variable: 'v', n: 100, input: '' });
    expect((built.stimuli[0] as { p: number }).p).toBeCloseTo(0.001, 15);
  });

  it.each([
    ['a negative rate', { rate: -5 }, {}, 'stimuli[0].source.rate', 'expected a rate >= 0 Hz, found -5'],
    ['rate·dt > 1', { rate: 20_000 }, {}, 'stimuli[0].source.rate', 'expected rate·dt <= 1'],
    ['n = 0', { n: 0 }, {}, 'stimuli[0].source.n', '0'],
    ['n not whole', { n: 1.5 }, {}, 'stimuli[0].source.n', '1.5'],
    ['an unknown variable', { variable: 'u' }, {}, 'stimuli[0].source.variable', 'unknown state variable "u" of population exc (model LIF); known: v'],
    ['an input', {}, { input: 'I' }, 'stimuli[0].input', "it feeds no input: leave 'input' out"],
    ['a missing weight', { weight: undefined }, {}, 'stimuli[0].source.weight', ''],
    ['an unknown field', { tau: 3 }, {}, 'stimuli[0].source.tau', 'unknown field "tau"; known: type, variable, n, rate, weight, stream'],
  ])('%s is reported at its field path', (_what, source, extra, path, message) => {
    const { issues } = validateExperiment(file(source, extra));
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toContain(message);
  });

  it('examples/brunel-poisson-input.yaml: Brunel network B driven by PoissonInput fires', async () => {
    const experiment = await loadExperimentFile(join(EXAMPLES, 'brunel-poisson-input.yaml'));
    const built = buildExperiment(experiment);
    const net = built.network.build();
    expect(net.stimuli.map((s) => [s.name, s.kind])).toEqual([
      ['ext-exc', 'poisson-input'],
      ['ext-inh', 'poisson-input'],
    ]);
    expect(net.stimuli[0]).toMatchObject({ n: 200, weight: 0.1, variable: 'v' });
    expect((net.stimuli[0] as { p: number }).p).toBeCloseTo(0.01, 15);
    await built.network.run({ steps: 1000 }, createCpuBackend());
    // Mean external drive 40 mV > θ: both populations fire (tens of Hz) from the first 100 ms.
    expect(built.monitors.spikes.exc!.count / 2000 / 0.1).toBeGreaterThan(10);
    expect(built.monitors.spikes.inh!.count / 500 / 0.1).toBeGreaterThan(10);
  });
});
