/**
 * Files a stranger could send that describe something too big, too long or too large in
 * magnitude: each gives one named error, cheaply, and nothing is allocated to find out.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@spikeflow/core';
import { ExperimentFileError, MAX_MAGNITUDE, buildExperiment, parseExperiment, validateExperiment, type Experiment } from '@spikeflow/experiment-file';
import { thrown } from './helpers.js';

const base = { dt: 0.1, seed: 1, duration: 10, populations: { a: { model: 'LIF', size: 10 } } };
const issues = (data: unknown) => validateExperiment(data).issues.map((i) => `${i.path}: ${i.message}`);

describe('magnitudes', () => {
  it.each([
    [{ connections: [{ pre: 'a', post: 'a', connector: { type: 'one-to-one', weight: 1e300 } }] }, 'connections[0].connector.weight: expected a magnitude of at most 1e12, found 1e+300'],
    [{ connections: [{ pre: 'a', post: 'a', connector: { type: 'fixed-probability', p: 0.1, weight: { normal: { mean: 0, std: 1e200 } } } }] }, 'connections[0].connector.weight.normal.std: expected a magnitude of at most 1e12, found 1e+200'],
    [{ populations: { a: { model: 'LIF', size: 10, parameters: { R: -1e13 } } } }, 'populations.a.parameters.R: expected a magnitude of at most 1e12, found -10000000000000'],
    [{ stimuli: [{ target: 'a', source: { type: 'constant', amplitude: 5e15 } }] }, 'stimuli[0].source.amplitude: expected a magnitude of at most 1e12, found 5000000000000000'],
  ])('%j', (extra, message) => {
    expect(issues({ ...base, ...extra })).toContain(message);
  });

  it('values at the limit are accepted', () => {
    expect(issues({ ...base, connections: [{ pre: 'a', post: 'a', connector: { type: 'one-to-one', weight: -MAX_MAGNITUDE } }] })).toEqual([]);
  });
});

describe('run length', () => {
  it('a duration of more than Number.MAX_SAFE_INTEGER steps is refused by name', () => {
    expect(issues({ ...base, dt: 1e-6, duration: 1e11 })).toContain('duration: expected at most 9007199254740991 steps (Number.MAX_SAFE_INTEGER), found 100000000000 ms = 100000000000000000 steps of dt = 0.000001 ms');
  });
});

describe('string lengths', () => {
  it('a 16 MB name, 8 MB csv path and long variable names are refused by length (before any pattern is tried)', () => {
    const long = 'x'.repeat(8_000_000);
    const data = {
      ...base,
      name: 'n'.repeat(16_000_000),
      stimuli: [{ target: 'a', source: { type: 'array', csv: `${long}.csv` } }],
      monitors: { state: [{ population: 'a', variable: 'v'.repeat(300) }] },
    };
    expect(issues(data)).toEqual(
      expect.arrayContaining([
        'name: expected at most 200 characters, found 16000000',
        'stimuli[0].source.csv: expected at most 4096 characters, found 8000004',
        'monitors.state[0].variable: expected at most 200 characters, found 300',
      ]),
    );
  });

  it('in YAML text too (the error names the line)', async () => {
    const err = await thrown(() => parseExperiment(`dt: 1\nseed: 1\nduration: 10\nname: ${'y'.repeat(1_000_000)}\npopulations: { a: { model: LIF, size: 1 } }\n`, { format: 'yaml' }));
    expect(err).toBeInstanceOf(ExperimentFileError);
    expect((err as ExperimentFileError).message).toContain('line 4, column 1: name: expected at most 200 characters, found 1000000');
  });
});

describe('memory', () => {
  const huge = (size: number): Experiment => ({ ...base, populations: { a: { model: 'LIF', size } } }) as Experiment;
  it.each([1e9, 1e12])('a population of %d neurons: check() refuses it naming the field, estimate and limit; nothing is built', (size) => {
    const { network } = buildExperiment(huge(size));
    const err = (() => {
      try {
        network.check();
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/^population a\.size: needs an estimated [\d.e+]+ GiB, more than the memory limit of 4\.00 GiB/);
  });

  it('the limit can be raised', () => {
    expect(() => buildExperiment(huge(1e8), { memoryLimit: 2 ** 40 }).network.check()).not.toThrow();
    expect(() => buildExperiment(huge(1e8)).network.check()).toThrow(/memory limit of 4\.00 GiB/);
  });
});
