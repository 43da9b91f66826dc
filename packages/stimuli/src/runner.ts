import { ConfigError, printWarning, type StimulusSource, type WarningHandler } from '@spikeflow/core';
import { buildEvents, compileModel, instantiate, valueAt } from '@spikeflow/core/backend';
import { evaluate, type EvalEnv } from '@spikeflow/core/ir';
import { CounterRng, SHARED_INDEX, hostRng, streamId } from '@spikeflow/core/rng';

/** Where and how a source is evaluated on the host. */
export interface RunnerOptions {
  /** Neurons (columns). */
  readonly size: number;
  /** Time step, ms. */
  readonly dt: number;
  /** The network seed (non-negative integer). */
  readonly seed: number;
  /**
   * Stream name used when the source names none. The network's default is the stimulus name
   * (`stimulus<k>:<population>` unless `name` was given to `stimulate`); pass it to reproduce
   * an unnamed source of a network. Default: `name`.
   */
  readonly stream?: string;
  /**
   * The stimulus name as the network would see it: error paths read `stimulus <name>`, and
   * per-neuron parameter distributions draw from the same host stream as in the network.
   * Default `materialized`.
   */
  readonly name?: string;
  /** Receives warnings from instantiating the model; default prints to stderr. */
  readonly warn?: WarningHandler;
}

/**
 * Produces a source's current step by step on the host, exactly as the CPU backend does: per
 * step the model's `step` statements (temporaries are locals), then `output`; `t = step·dt`;
 * random call site `site` draws `rng.normal|uniform(stream, step, neuron, site)` (index
 * `SHARED_INDEX` for the `_shared` functions) with `rng = new CounterRng(seed)`.
 *
 * @example
 * const r = createRunner(stepNoise({ I_value: 20 }), { size: 3, dt: 1, seed: 0 });
 * const rows = new Float64Array(10 * 3);
 * r.fill(rows, 10); // steps 0..9
 * r.fill(rows, 10); // steps 10..19
 */
export interface SourceRunner {
  /** Neurons (columns). */
  readonly size: number;
  /** Steps available: the array length for array sources, Infinity for models and events. */
  readonly steps: number;
  /** Index of the next step `fill` writes. */
  readonly position: number;
  /** Writes the next `rows` steps into `out` (row-major, `rows × size` values) and advances. */
  fill(out: Float64Array, rows: number): void;
}

/**
 * Creates a {@link SourceRunner} for a source, compiling and instantiating model sources with
 * core's compiler (so every definition error reads as it would in a network).
 *
 * @example
 * const r = createRunner(randomWalkNoise({}), { size: 100, dt: 1, seed: 42, name: 'stimulus0:ep1' });
 */
export function createRunner(source: StimulusSource, options: RunnerOptions): SourceRunner {
  const { size, dt, seed } = options;
  const name = options.name ?? 'materialized';
  const path = `stimulus ${name}`;
  if (!Number.isInteger(size) || size <= 0) throw new ConfigError('bad-size', `${path}.size`, `expected a positive integer, got ${String(size)}`);
  if (typeof dt !== 'number' || !(dt > 0) || !Number.isFinite(dt)) throw new ConfigError('bad-dt', `${path}.dt`, `expected a time step > 0 ms, got ${String(dt)}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ConfigError('bad-seed', `${path}.seed`, `expected a non-negative integer, got ${String(seed)}`);
  if (source.kind === 'array') return arrayRunner(source, size, path);
  if (source.kind === 'events') return eventsRunner(source, size, dt, path);
  if (source.kind === 'poisson-input') throw new ConfigError('bad-source', path, `a Poisson input moves the state variable '${source.variable}' of its population at run time; it delivers no current to generate`);
  if (source.kind === 'external') throw new ConfigError('bad-source', path, 'an external buffer is filled by the caller step by step; there is nothing to generate');
  return modelRunner(source, { ...options, name }, path);
}

function arrayRunner(source: Extract<StimulusSource, { kind: 'array' }>, size: number, path: string): SourceRunner {
  if (source.size !== size) throw new ConfigError('shape-mismatch', `${path}.data`, `stimulus has ${source.size} columns but ${size} neurons were asked for`);
  if (source.data.length !== source.steps * source.size) {
    throw new ConfigError('shape-mismatch', `${path}.data`, `expected ${source.steps} × ${source.size} = ${source.steps * source.size} values, got ${source.data.length}`);
  }
  let position = 0;
  return {
    size,
    steps: source.steps,
    get position() {
      return position;
    },
    fill(out, rows) {
      if (position + rows > source.steps) {
        throw new ConfigError('stimulus-too-short', `${path}.data`, `the array has ${source.steps} steps; asked for steps ${position}..${position + rows - 1}`);
      }
      const from = position * size;
      for (let k = 0; k < rows * size; k++) out[k] = source.data[from + k] as number;
      position += rows;
    },
  };
}

/** Given events as rows: `value` where a neuron has an event, else 0 (the backends' cursor walk). */
function eventsRunner(source: Extract<StimulusSource, { kind: 'events' }>, size: number, dt: number, path: string): SourceRunner {
  const { offsets, steps, periodSteps, value } = buildEvents(source, size, dt, path);
  const cursor = offsets.slice(0, size);
  let position = 0;
  return {
    size,
    steps: Infinity,
    get position() {
      return position;
    },
    fill(out, rows) {
      out.fill(0, 0, rows * size);
      for (let r = 0; r < rows; r++, position++) {
        const local = periodSteps > 0 ? position % periodSteps : position;
        for (let i = 0; i < size; i++) {
          const c = periodSteps > 0 && local === 0 ? offsets[i]! : cursor[i]!;
          const due = c < offsets[i + 1]! && steps[c] === local;
          if (due) out[r * size + i] = value;
          cursor[i] = due ? c + 1 : c;
        }
      }
    },
  };
}

function modelRunner(source: Extract<StimulusSource, { kind: 'model' }>, options: RunnerOptions & { name: string }, path: string): SourceRunner {
  const { size: n, dt, seed } = options;
  const model = compileModel(source.model);
  if (model.definition.kind !== 'current') {
    throw new ConfigError('bad-model', `${path}.model`, `model ${model.name} is a ${model.definition.kind} model, not a current source`);
  }
  const output = model.output;
  if (!output) throw new ConfigError('missing-field', `${path}.model`, `model ${model.name} has no output expression`);
  const instance = instantiate(model, {
    size: n,
    dt,
    ...(source.parameters ? { parameters: source.parameters } : {}),
    path,
    rng: (field) => hostRng(seed, `${path}/${field}`),
    warn: options.warn ?? printWarning,
  });
  const stream = streamId(source.stream ?? options.stream ?? options.name);
  const rng = new CounterRng(seed);
  const values = instance.values;
  const state = new Map<string, Float64Array>([...instance.initial].map(([k, v]) => [k, Float64Array.from(v)]));
  const temps = new Map<string, number>();
  // One shared draw per (step, site), reused for every neuron.
  const sharedStep = new Float64Array(model.randomSites).fill(-1);
  const sharedValue = new Float64Array(model.randomSites);

  let s = 0; // step being computed
  let i = 0; // neuron being computed
  const env: EvalEnv = {
    lookup(name, role) {
      switch (role) {
        case 'state':
          return (state.get(name) as Float64Array)[i] as number;
        case 'temp': {
          const v = temps.get(name);
          if (v === undefined) throw new Error(`internal: temporary '${name}' read before it was set`);
          return v;
        }
        case 'parameter':
        case 'derived':
          return valueAt(values, name, i);
        case 'time':
          return s * dt;
        case 'dt':
          return dt;
        case 'step':
          return s;
        default:
          throw new ConfigError('bad-model', `${path}.model`, `model ${model.name}: '${name}' (${role}) has no value in a current source`);
      }
    },
    random(fn, site) {
      switch (fn) {
        case 'randn':
          return rng.normal(stream, s, i, site);
        case 'rand':
          return rng.uniform(stream, s, i, site);
        case 'randn_shared':
        case 'rand_shared': {
          if (sharedStep[site] !== s) {
            sharedStep[site] = s;
            sharedValue[site] = fn === 'randn_shared' ? rng.normal(stream, s, SHARED_INDEX, site) : rng.uniform(stream, s, SHARED_INDEX, site);
          }
          return sharedValue[site] as number;
        }
        default:
          throw new Error(`internal: unknown random function ${fn}`);
      }
    },
  };

  const statements = model.step;
  return {
    size: n,
    steps: Infinity,
    get position() {
      return s;
    },
    fill(out, rows) {
      for (let r = 0; r < rows; r++, s++) {
        for (i = 0; i < n; i++) {
          temps.clear();
          for (const st of statements) {
            const v = evaluate(st.value, env);
            if (st.role === 'temp') temps.set(st.target, v);
            else (state.get(st.target) as Float64Array)[i] = v;
          }
          out[r * n + i] = evaluate(output, env);
        }
      }
    },
  };
}
