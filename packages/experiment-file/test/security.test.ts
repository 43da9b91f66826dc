import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExperimentFileError, parseExperiment, validateExperiment, type ExperimentFormat } from '@spikeflow/experiment-file';
import { loadExperimentFile } from '@spikeflow/experiment-file/node';
import { thrown } from './helpers.js';

const HEAD = 'dt: 1\nsteps: 10\nseed: 1\n';
const POPS = 'populations:\n  exc: { model: LIF, size: 2 }\n';

function errorOf(text: string, format: ExperimentFormat): ExperimentFileError {
  try {
    parseExperiment(text, { format });
  } catch (err) {
    if (err instanceof ExperimentFileError) return err;
    throw err;
  }
  throw new Error('expected the file to be rejected');
}

describe('files from strangers', () => {
  afterAll(() => {
    // Nothing any test parsed may have reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  describe('prototype keys are rejected wherever they appear', () => {
    const json = (inner: string) => `{"dt": 1, "steps": 10, "seed": 1, "populations": {"exc": {"model": "LIF", "size": 2${inner}}}}`;
    it.each([
      ['top level (JSON)', `{"__proto__": {"polluted": true}, "dt": 1, "steps": 10, "seed": 1, "populations": {"exc": {"model": "LIF", "size": 2}}}`, 'json', '__proto__', "reserved key '__proto__'"],
      ['a population (JSON)', json(', "parameters": {"__proto__": {"polluted": true}}'), 'json', 'populations.exc.parameters.__proto__', "reserved key '__proto__'"],
      ['a population name (YAML)', `${HEAD}populations:\n  __proto__: { model: LIF, size: 2, polluted: true }\n`, 'yaml', 'populations.__proto__', "reserved key '__proto__'"],
      ['constructor (YAML)', `${HEAD}${POPS}monitors: { constructor: { prototype: { polluted: true } } }\n`, 'yaml', 'monitors.constructor', "reserved key 'constructor'"],
      ['prototype (JSON)', json(', "initial": {"prototype": 1}'), 'json', 'populations.exc.initial.prototype', "reserved key 'prototype'"],
      ['a population named constructor (YAML)', `${HEAD}populations:\n  constructor: { model: LIF, size: 2 }\n`, 'yaml', 'populations.constructor', "reserved key 'constructor'"],
    ] as const)('%s', (_what, text, format, path, message) => {
      const err = errorOf(text, format);
      expect(err.issues.some((i) => i.path === path && i.message.includes(message))).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('validateExperiment on an object with an own __proto__ key (as JSON.parse makes) rejects it and leaves prototypes alone', () => {
      const data = JSON.parse(`{"dt": 1, "steps": 10, "seed": 1, "populations": {"exc": {"model": "LIF", "size": 2}}, "monitors": {"__proto__": {"polluted": true}}}`) as unknown;
      const { experiment, issues } = validateExperiment(data);
      expect(experiment).toBeUndefined();
      expect(issues).toContainEqual({ path: 'monitors.__proto__', message: "reserved key '__proto__' is not allowed" });
    });
  });

  describe('YAML is plain data: no tag constructs anything', () => {
    it.each([
      ['!!js/function', 'seed: !!js/function "function () { process.exit(1) }"'],
      ['!!js/undefined', 'seed: !!js/undefined ""'],
      ['!!js/regexp', 'seed: !!js/regexp /x/'],
      ['!!python/object/apply:os.system', 'seed: !!python/object/apply:os.system ["echo pwned"]'],
      ['!!binary', 'seed: !!binary aGVsbG8='],
      ['!!set', 'seed: !!set { a }'],
      ['!!timestamp', 'seed: !!timestamp 2001-12-14'],
      ['!!str', 'seed: !!str 1'],
      ['!!int', 'seed: !!int "1"'],
      ['!custom', 'seed: !custom 1'],
    ])('%s is rejected', (tag, line) => {
      const err = errorOf(`dt: 1\nsteps: 10\n${line}\n${POPS}`, 'yaml');
      expect(err.code).toBe('experiment-syntax');
      expect(err.message).toContain(`YAML tags are not allowed (found ${tag})`);
      expect(err.issues[0]).toMatchObject({ line: 3, column: 7 });
    });

    it('a tag on a map key or inside a collection is rejected too', () => {
      expect(errorOf(`${HEAD}populations:\n  ? !!js/function exc\n  : { model: LIF, size: 2 }\n`, 'yaml').message).toContain('YAML tags are not allowed');
      expect(errorOf(`${HEAD}${POPS}monitors: { spikes: [!!js/function exc] }\n`, 'yaml').message).toContain('YAML tags are not allowed');
    });

    it('alias expansion is bounded (billion laughs)', () => {
      const bomb = [
        'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
        'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
        'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
      ].join('\n');
      const err = errorOf(`${bomb}\n`, 'yaml');
      expect(err.message).toMatch(/YAML error: .*alias/i);
    });

    it('a recursive alias is rejected, not followed', () => {
      const err = errorOf(`${HEAD}${POPS}monitors: &m { state: [*m] }\n`, 'yaml');
      expect(err.message).toMatch(/contains itself|alias/);
    });

    it('several documents, duplicate keys and merge keys are not accepted', () => {
      expect(errorOf(`${HEAD}${POPS}---\n${HEAD}${POPS}`, 'yaml').message).toContain('YAML syntax error');
      expect(errorOf(`${HEAD}seed: 2\n${POPS}`, 'yaml').message).toContain('YAML syntax error: Map keys must be unique');
      // `<<` is an ordinary (unknown) key in YAML 1.2, not a merge.
      expect(errorOf(`${HEAD}${POPS}monitors: { <<: { spikes: all } }\n`, 'yaml').message).toContain('monitors["<<"]: unknown field "<<"');
    });
  });

  describe('nothing is evaluated', () => {
    it('model names come from the registry only; code in a name is just an unknown name', () => {
      const err = errorOf(`${HEAD}populations:\n  exc: { model: "LIF'); process.exit(1); ('", size: 2 }\n`, 'yaml');
      expect(err.message).toContain('populations.exc.model: unknown neuron model');
    });

    it('expressions are not accepted where numbers are expected', () => {
      const err = errorOf(`${HEAD}populations:\n  exc: { model: LIF, size: 2, parameters: { R: "1 + 1", C: "R * 20" } }\n`, 'yaml');
      expect(err.issues.map((i) => i.path)).toEqual(['populations.exc.parameters.R', 'populations.exc.parameters.C']);
      expect(err.message).toContain('found "1 + 1"');
    });

    it('models, equations and thresholds cannot be defined inline', () => {
      const err = errorOf(`${HEAD}populations:\n  exc: { model: { name: X, equations: { v: "process.exit()" } }, size: 2 }\n`, 'yaml');
      expect(err.message).toContain('populations.exc.model: unknown neuron model');
    });
  });

  describe('deeply nested data', () => {
    it('is rejected without overflowing the stack', () => {
      const depth = 20_000;
      const text = `{"dt": 1, "steps": 10, "seed": 1, "populations": {"exc": {"model": "LIF", "size": 2}}, "name": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const err = errorOf(text, 'json');
      expect(err.message).toContain('nested deeper than');
    });
  });

  describe('CSV currents stay inside the experiment folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikeflow-csv-'));
    const outside = mkdtempSync(join(tmpdir(), 'spikeflow-outside-'));
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    });
    writeFileSync(join(outside, 'secret.csv'), '1,2\n');
    mkdirSync(join(dir, 'data'));
    symlinkSync(join(outside, 'secret.csv'), join(dir, 'data', 'link.csv'));
    const file = (csv: string) => {
      const path = join(dir, `exp-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(path, `dt: 1\nsteps: 1\nseed: 1\n${POPS}stimuli:\n  - { target: exc, source: { type: array, csv: ${JSON.stringify(csv)} } }\n`);
      return path;
    };

    it.each(['/etc/passwd.csv', '../secret.csv', './../secret.csv', 'data/../../secret.csv', 'C:/x.csv', '~/x.csv', 'data\\\\x.csv', 'x.txt', './/x.csv', 'data/./x.csv'])('%s is rejected by the schema', async (csv) => {
      const err = await thrown(() => loadExperimentFile(file(csv)));
      expect(err).toBeInstanceOf(ExperimentFileError);
      expect((err as Error).message).toContain('stimuli[0].source.csv: expected a relative path to a .csv file inside the experiment');
    });

    it('a symbolic link leading outside is rejected when loading', async () => {
      const err = await thrown(() => loadExperimentFile(file('data/link.csv')));
      expect(err).toBeInstanceOf(ExperimentFileError);
      expect((err as Error).message).toContain('"data/link.csv" leads outside the experiment\'s folder');
    });
  });
});
