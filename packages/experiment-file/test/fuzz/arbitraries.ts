/**
 * Generators for fuzzing: experiment files that are mostly well-formed with hostile values mixed
 * in (wrong types, 1e300, NaN, huge sizes, unknown names), their text mutated, and model
 * definitions with random expressions. Sizes and run lengths of valid files stay small so a case
 * runs in milliseconds; `runCase` caps the steps it runs.
 */
import fc from 'fast-check';
import { Network, SpikeflowError, type ModelDefinition } from '@spikeflow/core';
import { compileModel } from '@spikeflow/core/backend';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildExperiment, NEURON_MODELS, parseExperiment, SYNAPSE_MODELS, validateExperiment } from '@spikeflow/experiment-file';

/** Steps a fuzz case runs at most (long durations are validated, not simulated). */
const MAX_STEPS = 100;

const hostile = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e300, -1e300, 1e12, 1e-300, 2 ** 53, 1e9, NaN, Infinity, null, true, '', 'x', [], {}, '__proto__'),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 12 }),
  fc.array(fc.double(), { maxLength: 4 }),
);
const small = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 30, arbitrary: arb }, { weight: 1, arbitrary: hostile });
const popName = fc.oneof({ weight: 30, arbitrary: fc.constantFrom('a', 'b') }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const num = (min: number, max: number) => small(fc.double({ min, max, noNaN: true }));

const neuronModels = [...NEURON_MODELS.keys()];
const paramNames = [...new Set([...NEURON_MODELS.values(), ...SYNAPSE_MODELS.values()].flatMap((m) => Object.keys(m.parameters)))];
const valueSpec = fc.oneof(
  num(-100, 100),
  fc.record({ normal: fc.record({ mean: num(-100, 100), std: num(0, 10) }) }),
  fc.record({ uniform: fc.record({ min: num(-100, 0), max: num(0, 100) }) }),
  fc.array(num(-100, 100), { minLength: 1, maxLength: 6 }),
);
const parameters = fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...paramNames), fc.string({ maxLength: 6 })), small(valueSpec), { maxKeys: 2 }) });
const population = fc.record(
  { model: small(fc.constantFrom(...neuronModels)), size: small(fc.integer({ min: 1, max: 30 })), parameters, sign: small(fc.constantFrom('excitatory', 'inhibitory')), integrator: small(fc.constantFrom('exact', 'euler', 'rk2', 'rk4')) },
  { requiredKeys: ['model', 'size'] },
);
const weight = small(fc.oneof(num(-5, 5), fc.record({ normal: fc.record({ mean: num(-5, 5), std: num(0, 2) }) })));
const connector = fc.oneof(
  fc.record({ type: fc.constant('full'), J: num(-5, 5) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('random-normal'), wmean: num(-5, 5), wstd: num(0, 5) }),
  fc.record({ type: fc.constant('random-uniform'), wmin: num(-5, 0), wmax: num(0, 5) }),
  fc.record({ type: fc.constant('fixed-probability'), p: num(0, 1), weight }),
  fc.record({ type: fc.constant('fixed-indegree'), k: small(fc.integer({ min: 0, max: 10 })), weight, allowMultapses: small(fc.boolean()) }, { requiredKeys: ['type', 'k', 'weight'] }),
  fc.record({ type: fc.constant('one-to-one'), weight }),
  fc.record({ type: fc.string({ maxLength: 6 }) }),
);
const connection = fc.record(
  { pre: popName, post: popName, connector, synapse: fc.record({ model: small(fc.constantFrom(...SYNAPSE_MODELS.keys())), parameters }, { requiredKeys: ['model'] }), storage: small(fc.constantFrom('dense', 'csr', 'auto')) },
  { requiredKeys: ['pre', 'post', 'connector'] },
);
const source = fc.oneof(
  fc.record({ type: fc.constant('constant'), amplitude: small(valueSpec) }),
  fc.record({ type: fc.constant('step'), amplitude: small(valueSpec), start: num(0, 50), stop: num(0, 100) }, { requiredKeys: ['type', 'amplitude', 'start'] }),
  fc.record({ type: fc.constant('step-noise'), I_value: small(valueSpec), std: num(0, 5) }, { requiredKeys: ['type', 'I_value'] }),
  fc.record({ type: fc.constant('incremental-step-noise'), I_value: small(valueSpec), scale: small(fc.integer({ min: 1, max: 50 })), gap: small(fc.integer({ min: 1, max: 5 })) }),
  fc.record({ type: fc.constant('random-walk'), start: num(-10, 10), std: num(0, 3) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('ornstein-uhlenbeck'), mu: small(valueSpec), sigma: num(0, 3), tau: num(0, 20), startOffset: small(valueSpec) }, { requiredKeys: ['type', 'mu', 'sigma', 'tau'] }),
  fc.record({ type: fc.constant('array'), rows: small(fc.array(fc.array(num(-10, 10), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 })) }),
);
const stimulus = fc.record({ target: popName, source, name: small(fc.string({ minLength: 1, maxLength: 6 })) }, { requiredKeys: ['target', 'source'] });
const monitors = fc.record(
  {
    spikes: small(fc.oneof({ weight: 5, arbitrary: fc.constant('all') }, { weight: 1, arbitrary: fc.uniqueArray(popName, { maxLength: 3 }) })),
    state: fc.array(fc.record({ population: popName, variable: small(fc.constantFrom('v', 'spike', 'w', 'trace')), every: small(fc.integer({ min: 1, max: 5 })), indices: small(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 })) }, { requiredKeys: ['population', 'variable'] }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

/** Experiment data: mostly valid structure, hostile values anywhere. */
export const experimentData = fc.record(
  {
    dt: small(fc.constantFrom(0.1, 0.5, 1)),
    seed: small(fc.nat(1000)),
    populations: fc.oneof({ weight: 20, arbitrary: fc.record({ a: population, b: population }, { requiredKeys: ['a', 'b'] }) }, { weight: 1, arbitrary: fc.dictionary(popName, small(population), { minKeys: 1, maxKeys: 3 }) }),
    connections: fc.array(small(connection), { maxLength: 3 }),
    stimuli: fc.array(small(stimulus), { maxLength: 3 }),
    monitors: small(monitors),
    analysis: fc.oneof({ weight: 5, arbitrary: fc.record({ binSteps: small(fc.integer({ min: 1, max: 100 })) }) }, { weight: 1, arbitrary: fc.record({ compare: fc.tuple(popName, popName) }) }),
    name: small(fc.string({ maxLength: 20 })),
  },
  { requiredKeys: ['dt', 'seed', 'populations'] },
).chain((data) =>
  fc
    .oneof(
      { weight: 8, arbitrary: fc.record({ steps: small(fc.integer({ min: 1, max: 300 })) }) },
      { weight: 2, arbitrary: fc.record({ duration: small(fc.double({ min: 0.1, max: 1e16, noNaN: true })) }) },
      { weight: 1, arbitrary: fc.record({ steps: hostile, duration: hostile }, { requiredKeys: [] }) },
    )
    .map((length) => ({ ...data, ...length })),
);

/** Experiment text: the JSON of generated data with a few characters cut, inserted or replaced. */
export const experimentText = fc
  .tuple(experimentData, fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 3 }), fc.constantFrom('json', 'yaml'))
  .map(([data, edits, format]) => {
    let text = JSON.stringify(data) ?? '';
    for (const [at, cut, insert] of edits) {
      const k = text.length ? at % text.length : 0;
      text = text.slice(0, k) + insert + text.slice(k + cut);
    }
    return { text, format: format as 'json' | 'yaml' };
  });

const atom = fc.oneof(fc.constantFrom('v', 'I', 'tau', 'a', 'b', 'x', 'exp', 'log', 'sqrt', 'rand()', 'randn()', 'constructor', '__proto__'), fc.double({ noNaN: true }).map(String), fc.integer({ min: -5, max: 5 }).map(String));
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '**', '<', '>=', '==', '&&', '||', '%', '|', '.', ','), tie('e')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(fc.constantFrom('exp', 'log', 'sqrt', 'abs', 'sin', 'foo', 'Math.max', ''), tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
  ),
})).e;

/** A neuron model definition with random expressions (and random junk in its fields). */
export const modelDefinition = fc.record({
  equations: fc.dictionary(fc.constantFrom('v', 'x', 'I'), fc.oneof(expression, fc.string({ maxLength: 10 })), { maxKeys: 2 }),
  threshold: fc.oneof(expression, fc.constant('v > 1')),
  reset: fc.array(fc.oneof(expression.map((e) => `v = ${e}`), fc.string({ maxLength: 8 })), { maxLength: 2 }),
  tau: fc.oneof(fc.double({ min: 0.1, max: 100, noNaN: true }), hostile),
  integrator: fc.constantFrom('exact', 'euler', 'rk2', 'rk4', 'bogus'),
});

export type Outcome = { kind: 'ran'; steps: number } | { kind: 'named'; code: string } | { kind: 'crash'; error: unknown };

const classify = (err: unknown): Outcome => (err instanceof SpikeflowError ? { kind: 'named', code: err.code } : { kind: 'crash', error: err });

/** Validates, builds and runs (at most MAX_STEPS steps) experiment data; any failure must be a SpikeflowError. */
export async function runExperimentCase(input: unknown | { text: string; format: 'json' | 'yaml' }): Promise<Outcome> {
  try {
    const isText = typeof input === 'object' && input !== null && 'text' in input && 'format' in input && Object.keys(input).length === 2;
    const experiment = isText ? parseExperiment((input as { text: string }).text, { format: (input as { format: 'json' | 'yaml' }).format }) : validateExperiment(input).experiment;
    if (!experiment) return { kind: 'named', code: 'invalid-experiment' };
    const built = buildExperiment(experiment, { onWarning: () => {} });
    built.network.check();
    const r = await built.network.run({ steps: Math.min(built.steps, MAX_STEPS) }, createCpuBackend());
    return { kind: 'ran', steps: r.steps };
  } catch (err) {
    return classify(err);
  }
}

/** Compiles a generated model and runs it in a 3-neuron network for 50 steps. */
export async function runModelCase(m: { equations: Record<string, string>; threshold: string; reset: string[]; tau: unknown; integrator: string }): Promise<Outcome> {
  const model = {
    name: 'Fuzz',
    kind: 'neuron',
    parameters: { tau: { unit: 'ms', default: m.tau as number }, a: { unit: '1', default: 1 }, b: { unit: '1', default: 2 } },
    state: { v: { unit: 'mV', initial: 0 }, x: { unit: '1', initial: 1 } },
    inputs: { I: { unit: 'nA' } },
    equations: m.equations,
    threshold: m.threshold,
    reset: m.reset,
    integrator: m.integrator,
  } as unknown as ModelDefinition;
  try {
    compileModel(model);
    const net = new Network({ dt: 0.5, seed: 1, onWarning: () => {} });
    net.population('p', { model, size: 3 });
    const r = await net.run({ steps: 50 }, createCpuBackend());
    return { kind: 'ran', steps: r.steps };
  } catch (err) {
    return classify(err);
  }
}
