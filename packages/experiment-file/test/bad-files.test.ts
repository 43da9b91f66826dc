import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpikeflowError } from '@spikeflow/core';
import { ExperimentFileError, formatOf, parseExperiment } from '@spikeflow/experiment-file';
import { loadExperimentFile } from '@spikeflow/experiment-file/node';
import { BAD, thrown } from './helpers.js';

const files = readdirSync(BAD)
  .filter((f) => formatOf(f) !== undefined)
  .sort();
const expectations = (file: string) =>
  readFileSync(join(BAD, file.replace(/\.(json|ya?ml)$/, '.expect')), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

describe('malformed experiment files', () => {
  it('there are at least 20 fixtures, in both formats, each with a non-empty .expect file', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('.yaml'))).toBe(true);
    for (const f of files) expect(expectations(f).length, f).toBeGreaterThan(0);
    const expects = readdirSync(BAD).filter((f) => f.endsWith('.expect'));
    expect(expects.length).toBe(files.length);
  });

  it.each(files)('%s is rejected with its expected messages', async (file) => {
    const err = await thrown(() => loadExperimentFile(join(BAD, file)));
    expect(err).toBeInstanceOf(ExperimentFileError);
    expect(err).toBeInstanceOf(SpikeflowError);
    const e = err as ExperimentFileError;
    for (const snippet of expectations(file)) expect(e.message).toContain(snippet);
    expect(e.issues.length).toBeGreaterThan(0);
    for (const issue of e.issues) {
      expect(issue.path).not.toBe('');
      expect(issue.message).not.toBe('');
      expect(issue.line, `${issue.path}: ${issue.message}`).toBeGreaterThan(0);
    }
    // The message is one header line and one line per issue: no stack, nothing else.
    expect(e.message.split('\n')).toHaveLength(e.issues.length + 1);
    expect(e.message.split('\n')[0]).toContain(`${e.issues.length} error`);
  });

  it('a file with three different errors reports all three, in file order, with paths and positions', () => {
    const text = readFileSync(join(BAD, 'three-errors.yaml'), 'utf8');
    const err = (() => {
      try {
        parseExperiment(text, { format: 'yaml', path: 'three-errors.yaml' });
      } catch (e) {
        return e;
      }
      return undefined;
    })() as ExperimentFileError;
    expect(err).toBeInstanceOf(ExperimentFileError);
    expect(err.code).toBe('invalid-experiment');
    expect(err.file).toBe('three-errors.yaml');
    expect(err.issues).toEqual([
      { path: 'dt', message: 'expected a number > 0, found 0', line: 2, column: 1 },
      { path: 'connections[0].post', message: 'unknown population "inh"; known: exc', line: 8, column: 17 },
      { path: 'connections[0].connector.p', message: 'expected a number >= 0, found -0.1', line: 8, column: 66 },
    ]);
  });

  it('many errors of many kinds are all reported at once', () => {
    const text = `
dt: -1
seed: 1.5
steps: 100
duration: 100
extra: 1
populations:
  ep1: { model: LIF, size: -3, parameters: { R: 0, foo: 1 } }
  ip1: { model: NoSuchModel, size: 10 }
connections:
  - { pre: ep1, post: nope, connector: { type: fixed-probability, p: 1.5, weight: { normal: { mean: 0, std: -1 } } } }
  - { pre: ep1, post: ep1, connector: { type: nonsense } }
  - { pre: ep1, post: ip1, connector: { type: full, J: "1" }, synapse: { model: ExpCurrent, parameters: { tau: 1, w: 2 } } }
stimuli:
  - { target: ip2, source: { type: step, amplitude: 1, start: 5, stop: 2 } }
monitors:
  spikes: [ep1, zz]
`;
    const err = (() => {
      try {
        parseExperiment(text, { format: 'yaml' });
      } catch (e) {
        return e as ExperimentFileError;
      }
      return undefined;
    })();
    expect(err?.issues.map((i) => i.path)).toEqual([
      'dt',
      'seed',
      'steps',
      'extra',
      'populations.ep1.size',
      'populations.ep1.parameters.R',
      'populations.ep1.parameters.foo',
      'populations.ip1.model',
      'connections[0].post',
      'connections[0].connector.p',
      'connections[0].connector.weight.normal.std',
      'connections[1].connector.type',
      'connections[2].connector.J',
      'connections[2].synapse.parameters.w',
      'stimuli[0].target',
      'stimuli[0].source.stop',
      'monitors.spikes[1]',
    ]);
    // Without a file name, positions read "line L, column C".
    expect(err?.message).toContain('line 2, column 1: dt: expected a number > 0, found -1');
  });
});
