import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { experimentSchema } from './parse.js';
import { DEFAULT_REGISTRY, type ModelRegistry } from './registry.js';
import { valueSpecSchema, weightSpecSchema } from './schema.js';

const OPTIONS = { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' } as const;

/**
 * The JSON Schema (draft 2020-12) of experiment files, generated from the zod schema, for editors:
 * point a JSON file's `"$schema"` at it, or a YAML file with
 * `# yaml-language-server: $schema=./experiment.schema.json`. It describes the structure (field
 * names, types, ranges, model and parameter names, "duration or steps"); the cross-field checks
 * (population names, shapes, duration in whole steps, …) are only in `validateExperiment`.
 *
 * @example
 * writeFileSync('experiment.schema.json', JSON.stringify(experimentJsonSchema(), null, 2) + '\n');
 */
export function experimentJsonSchema(registry: ModelRegistry = DEFAULT_REGISTRY): Record<string, unknown> {
  const generated = z.toJSONSchema(experimentSchema(registry), OPTIONS) as Record<string, unknown>;
  // Every parameter is a ValueSpec and every weight a WeightSpec: name them once in $defs.
  const defs: Record<string, Record<string, unknown>> = {
    ValueSpec: z.toJSONSchema(valueSpecSchema, OPTIONS) as Record<string, unknown>,
    WeightSpec: z.toJSONSchema(weightSpecSchema, OPTIONS) as Record<string, unknown>,
  };
  for (const def of Object.values(defs)) delete def.$schema;
  const { $schema, ...rest } = replaceDefs(generated, defs) as Record<string, unknown>;
  return {
    $schema,
    title: 'spikeflow experiment file',
    description:
      'One experiment: populations, connections, stimuli, monitors and the run. Times in ms, currents in nA, voltages in mV. Models are named from a registry; nothing in the file is evaluated.',
    ...rest,
    // Exactly one of duration and steps (zod checks this across fields).
    oneOf: [{ required: ['duration'] }, { required: ['steps'] }],
    $defs: defs,
  };
}

/** Replaces every subschema whose `anyOf` is that of a def by a `$ref` to it, keeping its description. */
function replaceDefs(node: unknown, defs: Record<string, Record<string, unknown>>): unknown {
  if (Array.isArray(node)) return node.map((n) => replaceDefs(n, defs));
  if (typeof node !== 'object' || node === null) return node;
  const obj = node as Record<string, unknown>;
  for (const [name, def] of Object.entries(defs)) {
    if (obj.anyOf !== undefined && isDeepStrictEqual(obj.anyOf, def.anyOf)) {
      const { anyOf: _anyOf, ...others } = obj;
      return { ...others, $ref: `#/$defs/${name}` };
    }
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, replaceDefs(v, defs)]));
}
