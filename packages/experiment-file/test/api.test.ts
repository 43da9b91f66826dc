import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { LIF } from '@spikeflow/neurons';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import {
  DEFAULT_REGISTRY,
  ExperimentFileError,
  NEURON_MODELS,
  SYNAPSE_MODELS,
  buildExperiment,
  experimentJsonSchema,
  experimentSchema,
  formatOf,
  parseExperiment,
  validateExperiment,
  type Experiment,
  type ModelRegistry,
} from '@spikeflow/experiment-file';
import { buildExperiment as buildExperimentFromFiles, loadExperimentFile } from '@spikeflow/experiment-file/node';
import { EXAMPLES, thrown } from './helpers.js';

const backend = createCpuBackend();
const tmp = mkdtempSync(join(tmpdir(), 'spikeflow-experiment-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const small = (extra: Partial<Experiment> = {}): Experiment => ({
  dt: 1,
  steps: 50,
  seed: 3,
  populations: { exc: { model: 'LIF', size: 4, parameters: { R: 1, C: 10, threshold: -55 } } },
  ...extra,
});

describe('registry', () => {
  it('holds the neuron models of @spikeflow/neurons and the synapse models of @spikeflow/connectivity, by name', () => {
    expect(NEURON_MODELS.get('LIF')).toBe(LIF);
    for (const [name, model] of NEURON_MODELS) {
      expect(model.name).toBe(name);
      expect(model.kind).toBe('neuron');
    }
    expect([...SYNAPSE_MODELS.keys()]).toEqual(['ExpCurrent', 'AlphaCurrent', 'ExpConductance', 'AlphaConductance', 'BiExpConductance', 'DeltaSynapse', 'StdpAdditive', 'StdpMultiplicative', 'TsodyksMarkram', 'RewardStdp', 'GapJunction', 'NmdaSynapse']);
  });

  it('can be replaced: files then name the models of that registry', () => {
    const registry: ModelRegistry = { neurons: new Map([['Leaky', LIF]]), synapses: SYNAPSE_MODELS };
    const e = validateExperiment({ ...small(), populations: { a: { model: 'Leaky', size: 2 } } }, { registry });
    expect(e.issues).toEqual([]);
    const bad = validateExperiment(small(), { registry });
    expect(bad.issues).toContainEqual({ path: 'populations.exc.model', message: 'unknown neuron model "LIF"; known: Leaky' });
    expect(JSON.stringify(experimentJsonSchema(registry))).toContain('"Leaky"');
    expect(experimentSchema(registry)).toBe(experimentSchema(registry)); // cached per registry
  });
});

describe('parseExperiment and loadExperimentFile', () => {
  it('JSON and YAML of the same experiment give the same result', async () => {
    const fromJson = await loadExperimentFile(join(EXAMPLES, 'decision-default.json'));
    const asYaml = parseExperiment(stringify(JSON.parse(readFileSync(join(EXAMPLES, 'decision-default.json'), 'utf8'))), { format: 'yaml' });
    expect(asYaml).toEqual(fromJson);
    expect(fromJson.populations.ip1).toEqual({ model: 'LIF', size: 100, sign: 'inhibitory', parameters: { R: 1, C: 20, threshold: -40 }, spikeTrace: { additive: true, tau: 10, scale: 1 } });
  });

  it('picks the format by extension and refuses others', async () => {
    expect(formatOf('a.json')).toBe('json');
    expect(formatOf('a.YAML')).toBe('yaml');
    expect(formatOf('a.yml')).toBe('yaml');
    expect(formatOf('a.toml')).toBeUndefined();
    const err = await thrown(() => loadExperimentFile(join(tmp, 'x.toml')));
    expect(err).toBeInstanceOf(ExperimentFileError);
    expect((err as Error).message).toContain("unknown file extension '.toml'; expected .json, .yaml or .yml");
  });

  it('a missing file or a folder is an ExperimentFileError, not a stack trace', async () => {
    const missing = await thrown(() => loadExperimentFile(join(tmp, 'missing.yaml')));
    expect(missing).toBeInstanceOf(ExperimentFileError);
    expect((missing as ExperimentFileError).code).toBe('experiment-read');
    expect((missing as Error).message).toContain('missing.yaml: cannot read the file (no such file)');
    mkdirSync(join(tmp, 'folder.json'));
    const folder = await thrown(() => loadExperimentFile(join(tmp, 'folder.json')));
    expect(folder).toBeInstanceOf(ExperimentFileError);
    expect((folder as Error).message).toContain('folder.json: cannot read the file (not a file)');
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseExperiment(`\uFEFF${JSON.stringify(small())}`, { format: 'json' }).seed).toBe(3);
  });

  it.each([
    ['{"dt": 1, "seed": 1,\n  "steps": 10 "populations": {}}', '2:15', "expected ',' or '}' after a property value, found '\"'"],
    ['{"dt": }', '1:8', "unexpected '}'; expected a value"],
    ['{"dt": tru}', '1:8', "unexpected 't'; expected a value"],
    ['{"dt": 1', '1:9', "expected ',' or '}' after a property value, found end of input"],
    ['', '1:1', 'unexpected end of input; expected a value'],
    ['{"dt": 1}\n}', '2:1', "unexpected '}' after the end of the JSON value"],
    ['{"name": "a\nb"}', '1:12', 'control character in a string'],
  ])('JSON syntax errors say where: %j', (text, at, message) => {
    const err = (() => {
      try {
        parseExperiment(text, { format: 'json', path: 'f.json' });
      } catch (e) {
        return e as ExperimentFileError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('experiment-syntax');
    expect(err?.message).toContain(`f.json:${at}: JSON syntax error: ${message}`);
  });

  it('YAML syntax errors say where', () => {
    const err = (() => {
      try {
        parseExperiment('dt: 1\nseed: [1, 2\nsteps: 3\n', { format: 'yaml', path: 'f.yaml' });
      } catch (e) {
        return e as ExperimentFileError;
      }
      return undefined;
    })();
    expect(err?.issues[0]?.line).toBeGreaterThan(1);
    expect(err?.message).toMatch(/f\.yaml:\d+:\d+: YAML syntax error: /);
  });

  it('validateExperiment works on objects from code (no positions) and returns the typed experiment', () => {
    const { experiment, issues } = validateExperiment(small());
    expect(issues).toEqual([]);
    expect(experiment).toEqual(small());
    const bad = validateExperiment({ ...small(), dt: 0, seed: -1 });
    expect(bad.experiment).toBeUndefined();
    expect(bad.issues).toEqual([
      { path: 'dt', message: 'expected a number > 0, found 0' },
      { path: 'seed', message: 'expected a number >= 0, found -1' },
    ]);
    expect(validateExperiment('not an experiment').issues).toEqual([{ path: '(file)', message: 'expected an object, found "not an experiment"' }]);
  });
});

describe('buildExperiment', () => {
  it('validates first: an experiment built in code with mistakes throws ExperimentFileError', () => {
    const err = (() => {
      try {
        buildExperiment(small({ connections: [{ pre: 'exc', post: 'inh', connector: { type: 'full' } }] }));
      } catch (e) {
        return e as ExperimentFileError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ExperimentFileError);
    expect(err?.issues).toEqual([{ path: 'connections[0].post', message: 'unknown population "inh"; known: exc' }]);
  });

  it('takes the run length from duration / dt', () => {
    const built = buildExperiment(small({ steps: undefined, dt: 0.1, duration: 12.3 }));
    expect(built.steps).toBe(123);
  });

  it('builds and runs every connector and source type, spike traces, initial values, integrators and state monitors', async () => {
    const experiment = small({
      populations: {
        a: { model: 'LIF', size: 3, parameters: { threshold: [-55, -56, -57] }, initial: { v: { uniform: { min: -70, max: -60 } } }, spikeTrace: { additive: false, tau: 5 } },
        b: { model: 'LIF', size: 3, integrator: 'rk4', sign: 'inhibitory', parameters: { C: { normal: { mean: 20, std: 1 } } } },
      },
      connections: [
        { pre: 'a', post: 'b', connector: { type: 'full', J: 2 } },
        { pre: 'a', post: 'a', connector: { type: 'random-normal', wmean: 5, wstd: 1 } },
        { pre: 'b', post: 'a', connector: { type: 'random-uniform', wmin: 1, wmax: 2 }, synapse: { model: 'AlphaCurrent', parameters: { tau: [2, 3, 4] } } },
        { pre: 'b', post: 'b', connector: { type: 'fixed-probability', p: 0.5, weight: { normal: { mean: 1, std: 0.1 } } }, storage: 'csr' },
        { name: 'a-to-b-indegree', pre: 'a', post: 'b', connector: { type: 'fixed-indegree', k: 2, weight: 1, allowMultapses: false } },
        { name: 'a-to-b-diagonal', pre: 'a', post: 'b', connector: { type: 'one-to-one', weight: { uniform: { min: 0, max: 1 } } }, input: 'I' },
      ],
      stimuli: [
        { target: 'a', source: { type: 'constant', amplitude: [30, 31, 32] } },
        { target: 'a', source: { type: 'step', amplitude: 5, start: 10, stop: 20 } },
        { target: 'b', source: { type: 'step-noise', I_value: 25, std: 2, stream: 's' } },
        { target: 'b', source: { type: 'incremental-step-noise', I_value: 5, scale: 10, gap: 2, rampCount: 1, noise: 0.5 } },
        { target: 'a', source: { type: 'random-walk', start: 10, std: 0.5, sharedStd: 0.5 } },
        { name: 'rows', target: 'b', source: { type: 'array', rows: Array.from({ length: 50 }, (_, s) => [s % 2, 0, 1]) }, input: 'I' },
      ],
      monitors: { spikes: 'all', state: [{ population: 'a', variable: 'trace' }, { population: 'b', variable: 'v', indices: [2], every: 5 }] },
    });
    const built = buildExperiment(experiment);
    await built.network.run({ steps: built.steps }, backend);
    expect(Object.keys(built.monitors.spikes)).toEqual(['a', 'b']);
    expect(built.monitors.spikes.a!.count).toBeGreaterThan(0);
    expect(built.monitors.state[0]!.values().shape).toEqual([50, 3]);
    expect(built.monitors.state[1]!.values().shape).toEqual([10, 1]);
    const net = built.network.build();
    expect(net.connections.map((c) => c.name)).toEqual(['a->b', 'a->a', 'b->a', 'b->b', 'a-to-b-indegree', 'a-to-b-diagonal']);
    expect(net.stimuli.map((s) => s.name)).toEqual(['stimulus0:a', 'stimulus1:a', 'stimulus2:b', 'stimulus3:b', 'stimulus4:a', 'rows']);
    // The same experiment gives the same spikes (one seed, one result).
    const again = buildExperiment(experiment);
    await again.network.run({ steps: again.steps }, backend);
    expect(Array.from(again.monitors.spikes.b!.steps)).toEqual(Array.from(built.monitors.spikes.b!.steps));
  });
});

describe('CSV currents', () => {
  const write = (name: string, text: string) => {
    writeFileSync(join(tmp, name), text);
    return join(tmp, name);
  };
  const experimentWith = (csv: string, steps = 3) =>
    write(`csv-${Math.random().toString(36).slice(2)}.yaml`, `dt: 1\nsteps: ${steps}\nseed: 1\npopulations:\n  exc: { model: LIF, size: 2 }\nstimuli:\n  - { target: exc, source: { type: array, csv: ${csv} } }\n`);

  it('are read relative to the experiment file and inlined as rows; the network uses them', async () => {
    write('input.csv', '# step 0, 1, 2\n40, 0\n40,0\n\n 40 , 1e-3\n');
    const experiment = await loadExperimentFile(experimentWith('input.csv'));
    expect(experiment.stimuli?.[0]?.source).toEqual({ type: 'array', rows: [[40, 0], [40, 0], [40, 0.001]] });
    const built = buildExperiment(experiment);
    await built.network.run({ steps: built.steps }, backend);
    const data = built.network.build().stimuli[0]!;
    expect(data.kind === 'array' && Array.from(data.data)).toEqual([40, 0, 40, 0, 40, 0.001]);
  });

  it("/node's buildExperiment reads a CSV not yet inlined from baseDir; the file-free one says where to go", async () => {
    write('input2.csv', '1,2\n3,4\n5,6\n');
    const experiment = parseExperiment(`dt: 1\nsteps: 3\nseed: 1\npopulations:\n  exc: { model: LIF, size: 2 }\nstimuli:\n  - { target: exc, source: { type: array, csv: input2.csv } }\n`, { format: 'yaml' });
    const data = buildExperimentFromFiles(experiment, { baseDir: tmp }).network.build().stimuli[0]!;
    expect(data.kind === 'array' && Array.from(data.data)).toEqual([1, 2, 3, 4, 5, 6]);
    const err = await thrown(() => buildExperiment(experiment));
    expect((err as ExperimentFileError).issues).toEqual([
      { path: 'stimuli[0].source.csv', message: expect.stringContaining(`CSV current "input2.csv" is not read here`) as unknown as string },
    ]);
    expect((err as ExperimentFileError).issues[0]!.message).toContain("'@spikeflow/experiment-file/node'");
  });

  it.each([
    ['bad-cell.csv', '1,2\n3,abc\n', 'bad-cell.csv line 2, value 2: expected a number, found "abc"'],
    ['empty-cell.csv', '1,\n', 'empty-cell.csv line 1, value 2: expected a number, found an empty cell'],
    ['wide.csv', '1,2\n1,2,3\n1,2\n', 'wide.csv line 2: expected 2 values (one per neuron of exc), found 3'],
    ['short.csv', '1,2\n', 'short.csv: expected at least 3 rows (one per step of the run), found 1'],
    ['blank.csv', '\n# nothing\n', 'blank.csv line 1, value 1: expected at least one row of numbers, found none'],
  ])('%s is rejected with its line', async (name, text, message) => {
    write(name, text);
    const err = await thrown(() => loadExperimentFile(experimentWith(name)));
    expect(err).toBeInstanceOf(ExperimentFileError);
    expect((err as ExperimentFileError).issues).toEqual([{ path: 'stimuli[0].source.csv', message }]);
  });

  it('a missing file is reported with its path', async () => {
    const err = await thrown(() => loadExperimentFile(experimentWith('missing.csv')));
    expect((err as ExperimentFileError).issues[0]?.message).toContain('cannot read "missing.csv": no such file');
  });
});

describe('exports', () => {
  it('DEFAULT_REGISTRY is the neuron and synapse registries', () => {
    expect(DEFAULT_REGISTRY).toEqual({ neurons: NEURON_MODELS, synapses: SYNAPSE_MODELS });
  });
});
