import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { experimentJsonSchema, formatOf, NEURON_MODELS, SYNAPSE_MODELS } from '@spikeflow/experiment-file';
import { BAD, EXAMPLES } from './helpers.js';

const read = (path: string): unknown => (formatOf(path) === 'json' ? JSON.parse(readFileSync(path, 'utf8')) : parse(readFileSync(path, 'utf8')));

describe('the JSON Schema for editors', () => {
  // Generated from the registry (by the build, into examples/; not committed), so a new model
  // in @spikeflow/neurons is in it with no step to remember: checked against the registry here.
  it('names every neuron and synapse model of the registry, each with its parameters', () => {
    const text = JSON.stringify(experimentJsonSchema());
    for (const m of [...NEURON_MODELS.values(), ...SYNAPSE_MODELS.values()]) {
      expect(text, m.name).toContain(`"${m.name}"`);
      for (const p of Object.keys(m.parameters)) expect(text, `${m.name}.${p}`).toContain(`"${p}"`);
    }
    expect(NEURON_MODELS.size).toBeGreaterThanOrEqual(12);
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(experimentJsonSchema());

  it('is a valid draft 2020-12 schema that names the models, parameters, connectors and sources', () => {
    const text = JSON.stringify(experimentJsonSchema());
    for (const word of ['"LIF"', '"threshold"', '"ExpCurrent"', '"AlphaCurrent"', '"fixed-probability"', '"incremental-step-noise"', '"spikeTrace"']) expect(text).toContain(word);
    expect(experimentJsonSchema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  const examples = readdirSync(EXAMPLES).filter((f) => formatOf(f) !== undefined && f !== 'experiment.schema.json');
  it.each(examples)('accepts the example %s', (file) => {
    const ok = validate(read(join(EXAMPLES, file)));
    expect(validate.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });

  // Files whose mistakes are structural (not cross-field) are rejected by editors too.
  it.each([
    'wrong-type-dt.json',
    'unknown-model.yaml',
    'unknown-parameter.yaml',
    'negative-size.json',
    'missing-fields.json',
    'unknown-connector.yaml',
    'probability-out-of-range.yaml',
    'steps-and-duration.json',
    'missing-run-length.yaml',
    'non-integer-seed.json',
    'negative-std.yaml',
    'unknown-top-level.json',
    'unknown-synapse.yaml',
    'unknown-integrator.yaml',
    'csv-outside-folder.yaml',
    'wrong-type-connections.yaml',
  ])('rejects %s', (file) => {
    expect(validate(read(join(BAD, file)))).toBe(false);
  });
});
