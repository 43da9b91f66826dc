import type { ModelDefinition } from '@spikeflow/core';
import { z } from 'zod';
import { describeValue, oneOf } from './describe.js';
import { DEFAULT_REGISTRY, type ModelRegistry } from './registry.js';

/**
 * The structure of an experiment file as a zod schema, built from a model registry: population
 * and synapse models are discriminated by `model` (so parameter names are checked per model and
 * editors can complete them), connectors and sources by `type`. Checks that relate fields to each
 * other (population names, array shapes, duration vs dt, …) are in `crossCheck`, which
 * `validateExperiment` runs as well.
 */

/** Population names: a letter or `_`, then letters, digits, `_` or `-` (at most 64). */
export const POPULATION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

const INTEGRATORS = ['exact', 'euler', 'rk2', 'rk4'] as const;
/** The connector types of `connector.type`, one per connector of `@spikeflow/connectivity`. */
export const CONNECTOR_TYPES = ['full', 'random-normal', 'random-uniform', 'fixed-probability', 'fixed-indegree', 'one-to-one'] as const;
/** The source types of `source.type`, one per source of `@spikeflow/stimuli` (currents, spike times, Poisson input). */
export const SOURCE_TYPES = ['constant', 'step', 'step-noise', 'incremental-step-noise', 'random-walk', 'ornstein-uhlenbeck', 'array', 'spike-times', 'poisson-input'] as const;

/**
 * Largest magnitude of a physical value (weights, parameters, currents, times): beyond it float32
 * overflows in a product or two and integrators lose every digit, so 1e300 is a mistake, not a model.
 */
export const MAX_MAGNITUDE = 1e12;
/** Longest name-like string (models, variables, inputs, streams, population references). */
export const MAX_NAME_LENGTH = 200;
const magnitude = { error: (iss: { input?: unknown }) => `expected a magnitude of at most 1e12, found ${describeValue(iss.input)}` };
const num = () => z.number().min(-MAX_MAGNITUDE, magnitude).max(MAX_MAGNITUDE, magnitude);
const nonNegative = () => z.number().nonnegative().max(MAX_MAGNITUDE, magnitude);
const positiveInt = () => z.number().int().positive();
const nonNegativeInt = () => z.number().int().nonnegative();
/** A string of at most `max` characters; longer ones stop before any further (regex) check. */
const text = (max: number) => z.string().max(max, { abort: true, error: (iss) => `expected at most ${max} characters, found ${String((iss.input as string).length)}` });
const label = () => text(MAX_NAME_LENGTH).min(1);

/** Message of unknown keys; `{key}` is replaced by each key (see `fromZod`). */
const unknownKey = (what: string, known: readonly string[]) => (iss: z.core.$ZodRawIssue) =>
  iss.code === 'unrecognized_keys' ? `unknown ${what}; known: ${known.join(', ') || '(none)'}` : undefined;

const strict = <S extends z.core.$ZodLooseShape>(shape: S, what = 'field {key}') => z.strictObject(shape, { error: unknownKey(what, Object.keys(shape)) });

/** A number with a unit, e.g. "-65 mV", "6 nS": converted to the field's unit, and its dimension checked, by core. */
export const QUANTITY_PATTERN = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*[A-Za-zµμΩ(][\w µμΩ*·/^().-]*$/;
const quantity = () => z.string().regex(QUANTITY_PATTERN, { error: (iss) => `expected a number, or a number with a unit such as "-65 mV"; found ${describeValue(iss.input)}` }).describe('a number with a unit, e.g. "-65 mV" or "6 nS"');
const numOrQuantity = () => z.union([num(), quantity()]);
/** Distributions; `units`: whether their numbers may be given with units (parameters: yes; weights: not yet). */
const distributions = (units: boolean) => {
  const value = units ? numOrQuantity : num;
  const normal = strict({
    normal: strict({ mean: value().describe('mean'), std: (units ? z.union([nonNegative(), quantity()]) : nonNegative()).describe('standard deviation (>= 0)') }),
  });
  const uniform = strict({
    uniform: strict({ min: value().describe('lower bound'), max: value().describe('upper bound (>= min)') }).refine((u) => typeof u.min !== 'number' || typeof u.max !== 'number' || u.min <= u.max, {
      path: ['max'],
      error: (iss) => `expected max >= min (${describeValue((iss.input as { min?: unknown } | undefined)?.min)}), found ${describeValue((iss.input as { max?: unknown } | undefined)?.max)}`,
    }),
  });
  return [normal, uniform] as const;
};
const [normalSpec, uniformSpec] = distributions(true);
const [normalWeight, uniformWeight] = distributions(false);

const VALUE_SPEC_EXPECTED = 'a number, a number with a unit ("-65 mV"), an array of numbers (one per neuron), {normal: {mean, std}} or {uniform: {min, max}}';
const WEIGHT_SPEC_EXPECTED = 'a number, {normal: {mean, std}} or {uniform: {min, max}}';

/** number | "number unit" | number[] | {normal:{mean,std}} | {uniform:{min,max}} — core's `ValueSpec`. */
export const valueSpecSchema = z
  .union([num(), quantity(), z.array(num()).min(1), normalSpec, uniformSpec], {
    error: (iss) => (iss.code === 'invalid_union' ? `expected ${VALUE_SPEC_EXPECTED}, found ${describeValue(iss.input)}` : undefined),
  })
  .describe(`A per-neuron value: ${VALUE_SPEC_EXPECTED}.`);

/** A synapse weight: number | {normal} | {uniform}. */
export const weightSpecSchema = z
  .union([num(), normalWeight, uniformWeight], {
    error: (iss) => (iss.code === 'invalid_union' ? `expected ${WEIGHT_SPEC_EXPECTED}, found ${describeValue(iss.input)}` : undefined),
  })
  .describe(`Weight of each synapse: ${WEIGHT_SPEC_EXPECTED}.`);

function parametersSchema(model: ModelDefinition) {
  const names = Object.keys(model.parameters);
  const shape = Object.fromEntries(
    names.map((name) => {
      const spec = model.parameters[name]!;
      const doc = `${spec.doc ?? name} (${spec.unit}${spec.default !== undefined ? `, default ${spec.default}` : ', required'})`;
      return [name, valueSpecSchema.optional().describe(doc)];
    }),
  );
  return z.strictObject(shape, { error: unknownKey(`parameter {key} of model ${model.name}`, names) });
}

function initialSchema(model: ModelDefinition) {
  const names = Object.keys(model.state);
  const shape = Object.fromEntries(names.map((name) => [name, valueSpecSchema.optional().describe(`initial ${name} (${model.state[name]!.unit})`)]));
  return z.strictObject(shape, { error: unknownKey(`state variable {key} of model ${model.name}`, names) });
}

const discriminatorError = (what: string, discriminator: string) => (iss: z.core.$ZodRawIssue) => {
  if (iss.code !== 'invalid_union' || !('options' in iss)) return undefined;
  const options = (iss.options as unknown[]) ?? [];
  const found = (iss.input as Record<string, unknown> | undefined)?.[discriminator];
  if (found === undefined) return `missing required field; expected ${what}: ${oneOf(options)}`;
  return `unknown ${what} ${describeValue(found)}; known: ${options.join(', ')}`;
};

/** Fields of every population, whatever its model. */
const populationFields = (model?: ModelDefinition) => ({
  size: positiveInt().describe('number of neurons'),
  integrator: z.enum(INTEGRATORS).optional().describe(`integrator (default ${model?.integrator ?? 'exact'})`),
  sign: z.enum(['excitatory', 'inhibitory']).optional().describe('sign of outgoing synapses (default excitatory)'),
  spikeTrace: strict({
    additive: z.boolean().describe('true: trace += scale on a spike (the seed); false: trace = 1'),
    tau: z.number().positive().describe('decay time constant, ms'),
    scale: num().optional().describe('added per spike when additive (default 1)'),
  })
    .optional()
    .describe('per-neuron spike trace (core withSpikeTrace)'),
});

function populationSchema(registry: ModelRegistry) {
  const options = [...registry.neurons].map(([name, model]) =>
    strict({
      model: z.literal(name).describe(model.doc ?? name),
      ...populationFields(model),
      parameters: parametersSchema(model).optional(),
      initial: initialSchema(model).optional(),
    }),
  );
  return z.discriminatedUnion('model', options as unknown as [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]], {
    error: discriminatorError('neuron model', 'model'),
  });
}

/**
 * A population of a model not in the registry: checked with this schema too, so one unknown
 * model name does not hide the other mistakes of its population.
 */
export const anyPopulationSchema = strict({
  model: z.unknown(),
  ...populationFields(),
  parameters: z.record(z.string(), valueSpecSchema).optional(),
  initial: z.record(z.string(), valueSpecSchema).optional(),
});

function synapseSchema(registry: ModelRegistry) {
  const options = [...registry.synapses].map(([name, model]) =>
    strict({
      model: z.literal(name).describe(model.doc ?? name),
      parameters: parametersSchema(model).optional(),
      initial: initialSchema(model).optional().describe('initial synapse state per postsynaptic neuron (constants, values with units, or seeded distributions)'),
    }),
  );
  return z.discriminatedUnion('model', options as unknown as [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]], {
    error: discriminatorError('synapse model', 'model'),
  });
}

const connectorSchema = z.discriminatedUnion(
  'type',
  [
    strict({ type: z.literal('full'), J: num().optional().describe('total coupling; each synapse gets J / N_pre (default 1)') }),
    strict({
      type: z.literal('random-normal'),
      wmean: num().describe('mean of the normal weight factor'),
      wstd: nonNegative().describe('standard deviation of the normal weight factor'),
      J: num().optional().describe('coupling scale (default 1)'),
    }),
    strict({
      type: z.literal('random-uniform'),
      wmin: num().describe('lower bound (the seed: has no effect)'),
      wmax: num().describe('upper bound (>= wmin)'),
      J: num().optional().describe('coupling scale (default 1)'),
    }).refine((c) => c.wmin <= c.wmax, {
      path: ['wmax'],
      error: (iss) => {
        const c = iss.input as { wmin?: unknown; wmax?: unknown } | undefined;
        return `expected wmax >= wmin (${describeValue(c?.wmin)}), found ${describeValue(c?.wmax)}`;
      },
    }),
    strict({
      type: z.literal('fixed-probability'),
      p: z.number().min(0).max(1).describe('connection probability of each pair, in [0, 1]'),
      weight: weightSpecSchema,
      allowSelfConnections: z.boolean().optional().describe('allow pre index = post index (default true)'),
    }),
    strict({
      type: z.literal('fixed-indegree'),
      k: nonNegativeInt().describe('incoming synapses per postsynaptic neuron'),
      weight: weightSpecSchema,
      allowSelfConnections: z.boolean().optional().describe('allow pre index = post index (default true)'),
      allowMultapses: z.boolean().optional().describe('allow repeated pairs (default true)'),
    }),
    strict({ type: z.literal('one-to-one'), weight: weightSpecSchema }),
  ],
  { error: discriminatorError('connector type', 'type') },
);

const stream = () => label().optional().describe('random stream name; sources with the same stream draw identical numbers (default: the stimulus name)');

/**
 * A path to a CSV file: relative (no `/`, `~` or drive letter first; `./` allowed), `/`-separated, without `.`,
 * `..` or empty segments, backslashes or NUL, ending in `.csv`. A pattern, so the JSON Schema
 * carries it too.
 */
// eslint-disable-next-line no-control-regex -- NUL is refused on purpose: it has no place in a path
export const SAFE_CSV_PATH = /^(?![A-Za-z]:)(?!~)(?:\.\/)?(?:(?!\.\.?\/)[^/\\\u0000]+\/)*[^/\\\u0000]*\.[cC][sS][vV]$/;

/** A path to a CSV file: relative, inside the experiment's folder, ending in `.csv`. */
export function isSafeCsvPath(p: string): boolean {
  return SAFE_CSV_PATH.test(p);
}

const sourceSchema = z.discriminatedUnion(
  'type',
  [
    strict({ type: z.literal('constant'), amplitude: valueSpecSchema.describe('current, nA') }),
    strict({
      type: z.literal('step'),
      amplitude: valueSpecSchema.describe('current while on, nA'),
      start: num().describe('switch-on time, ms'),
      stop: num().optional().describe('switch-off time, ms (exclusive; default never)'),
    }).refine((s) => s.stop === undefined || s.stop > s.start, {
      path: ['stop'],
      error: (iss) => {
        const s = iss.input as { start?: unknown; stop?: unknown } | undefined;
        return `expected stop > start (${describeValue(s?.start)} ms), found ${describeValue(s?.stop)}`;
      },
    }),
    strict({
      type: z.literal('step-noise'),
      I_value: valueSpecSchema.describe('mean current, nA'),
      std: nonNegative().optional().describe('standard deviation, nA (default 1)'),
      stream: stream(),
    }),
    strict({
      type: z.literal('incremental-step-noise'),
      I_value: valueSpecSchema.describe('starting current and ramp height, nA'),
      scale: positiveInt().describe('ramp length, steps'),
      gap: positiveInt().describe('ramps end at steps k·gap·scale'),
      rampCount: nonNegativeInt().optional().describe('number of ramps (default unlimited; the seed: floor(steps/scale/gap))'),
      noise: z
        .union([z.boolean(), nonNegative()], {
          error: (iss) => (iss.code === 'invalid_union' ? `expected true, false or a number >= 0 (nA), found ${describeValue(iss.input)}` : undefined),
        })
        .optional().describe('true (default): Normal(0,1) per neuron plus shared; false: none; a number: that std, nA'),
      stream: stream(),
    }),
    strict({
      type: z.literal('random-walk'),
      start: num().optional().describe('current at step 0, nA (default 200)'),
      std: nonNegative().optional().describe('std of the per-neuron increment, nA (default 1)'),
      sharedStd: nonNegative().optional().describe('std of the shared increment, nA (default 2)'),
      stream: stream(),
    }),
    strict({
      type: z.literal('ornstein-uhlenbeck'),
      mu: valueSpecSchema.describe('mean current, nA'),
      sigma: nonNegative().describe('stationary standard deviation, nA (>= 0)'),
      tau: z.number().positive().max(MAX_MAGNITUDE, magnitude).describe('correlation time, ms (> 0)'),
      startOffset: valueSpecSchema.optional().describe('the current starts at mu + startOffset, nA (default 0)'),
      stream: stream(),
    }),
    strict({
      type: z.literal('spike-times'),
      times: z.array(nonNegative()).describe('spike times, ms (rounded to the nearest step); the target is usually a SpikeSource population'),
      indices: z.array(nonNegativeInt()).describe('the neuron of each spike, in the order of times'),
      period: z.number().positive().max(MAX_MAGNITUDE, magnitude).optional().describe('repeat the spikes every period ms (a whole number of steps, later than every time)'),
    }).refine((s) => s.times.length === s.indices.length, {
      path: ['indices'],
      error: (iss) => {
        const s = iss.input as { times?: unknown[]; indices?: unknown[] } | undefined;
        return `expected one neuron index per time (${s?.times?.length ?? 0}), found ${s?.indices?.length ?? 0}`;
      },
    }),
    strict({
      type: z.literal('poisson-input'),
      variable: label().describe("the target's state variable moved, e.g. v (give no 'input')"),
      n: z.number().int().positive().max(2 ** 31 - 1).describe('independent Poisson inputs per neuron (whole number >= 1)'),
      rate: z
        .union([z.number().nonnegative({ error: (iss) => `expected a rate >= 0 Hz, found ${describeValue(iss.input)}` }).max(MAX_MAGNITUDE, magnitude), quantity()], {
          error: (iss) => (iss.code === 'invalid_union' ? `expected a rate >= 0 (Hz, or a string such as "10 Hz"), found ${describeValue(iss.input)}` : undefined),
        })
        .describe('rate of each input, Hz (>= 0; rate·dt <= 1)'),
      weight: numOrQuantity().describe("added to the variable per input spike, in the variable's unit (e.g. 0.1 or \"0.1 mV\")"),
      stream: stream(),
    }),
    strict({
      type: z.literal('array'),
      rows: z.array(z.array(num()).min(1)).min(1).optional().describe('current, nA: one row per step, one column per neuron'),
      csv: text(4096)
        .regex(SAFE_CSV_PATH, { error: (iss) => `expected a relative path to a .csv file inside the experiment's folder, found ${describeValue(iss.input)}` })
        .optional()
        .describe('CSV file (one row per step, one column per neuron), relative to the experiment file'),
    }).superRefine((s, ctx) => {
      if ((s.rows === undefined) === (s.csv === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: s.rows === undefined ? [] : ['csv'],
          message: s.rows === undefined ? "missing the current: give 'rows' (inline [steps × neurons]) or 'csv' (a file path)" : "give 'rows' or 'csv', not both",
          input: s,
        });
      }
    }),
  ],
  { error: discriminatorError('source type', 'type') },
);

const populationRef = () => label().describe('population name');

/** Builds the structural schema of experiment files for a model registry. */
export function buildSchema(registry: ModelRegistry = DEFAULT_REGISTRY) {
  return strict({
    $schema: text(4096).optional().describe('JSON Schema of this file (for editors; ignored)'),
    name: label().optional(),
    description: text(10_000).optional(),
    dt: z.number().positive().max(MAX_MAGNITUDE, magnitude).describe('time step, ms (> 0)'),
    duration: z.number().positive().max(MAX_MAGNITUDE, magnitude).optional().describe('run length, ms: a whole number of steps; give duration or steps'),
    steps: positiveInt().optional().describe('run length in steps; give duration or steps'),
    seed: nonNegativeInt().describe('one seed, one result (non-negative integer)'),
    backend: z.enum(['cpu', 'webgpu']).optional().describe('backend to run on (default cpu); the CLI flag --backend overrides it'),
    populations: z
      .record(
        z.string().regex(POPULATION_NAME, {
          error: (iss) => `invalid population name ${describeValue(iss.input)}; expected a letter or _, then letters, digits, _ or - (at most 64)`,
        }),
        populationSchema(registry),
      )
      .describe('populations by name'),
    connections: z
      .array(
        strict({
          name: label().optional().describe('default <pre>-><post>'),
          pre: populationRef(),
          post: populationRef(),
          connector: connectorSchema,
          synapse: synapseSchema(registry).optional(),
          input: label().optional().describe("postsynaptic model input (default: the model's first)"),
          storage: z.enum(['dense', 'csr', 'auto']).optional(),
          delay: valueSpecSchema.optional().describe('transmission delay, ms, rounded to the nearest step (at least one; default one step); one value or per synapse (a distribution or an array)'),
        }),
      )
      .optional(),
    stimuli: z
      .array(
        strict({
          name: label().optional().describe('default stimulus<index>:<target>'),
          target: populationRef(),
          source: sourceSchema,
          input: label().optional().describe("target model input (default: the model's first)"),
        }),
      )
      .optional(),
    monitors: strict({
      spikes: z.union([z.literal('all'), z.array(populationRef())], {
        error: (iss) => (iss.code === 'invalid_union' ? `expected 'all' or a list of population names, found ${describeValue(iss.input)}` : undefined),
      }).optional(),
      state: z
        .array(
          strict({
            population: populationRef(),
            variable: label().describe("state variable, or 'spike'"),
            indices: z.array(nonNegativeInt()).min(1).optional().describe('neurons to record (default all)'),
            every: positiveInt().optional().describe('record every n-th step (default 1)'),
          }),
        )
        .optional(),
      synapses: z
        .array(
          strict({
            connection: label().describe('connection name (default <pre>-><post>)'),
            variable: label().optional().describe('per-synapse variable (default w, the weight)'),
            indices: z.array(nonNegativeInt()).min(1).optional().describe('synapse indices, in CSR order (default all synapses)'),
            pairs: z.array(z.tuple([nonNegativeInt(), nonNegativeInt()])).min(1).optional().describe('(pre, post) neuron pairs; every synapse between each pair (default all synapses)'),
            every: positiveInt().optional().describe('record every n-th step (default 1)'),
          }),
        )
        .optional(),
    }).optional(),
    analysis: strict({
      binSteps: positiveInt().optional().describe('steps per bin (default 100)'),
      compare: z.tuple([populationRef(), populationRef()]).optional().describe('two populations compared bin by bin'),
    }).optional(),
  });
}

/** The type of the zod schema returned by `experimentSchema` (structure only, for a given registry). */
export type ExperimentSchema = ReturnType<typeof buildSchema>;
