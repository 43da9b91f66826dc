import { ConfigError } from '../errors.js';
import type { HostRng } from './host.js';

/** A number (in the field's documented unit) or a string with a unit, e.g. `"-65 mV"`. */
type Quantity = number | string;

/** A per-neuron value: one value for all, an explicit array, or a seeded distribution. */
export type ValueSpec =
  | Quantity
  | ArrayLike<number>
  | {
      /** An independent Normal(mean, std) draw per neuron, from the network's seed. */
      readonly normal: {
        /** Mean, in the field's unit. */
        readonly mean: Quantity;
        /** Standard deviation ≥ 0, in the field's unit. */
        readonly std: Quantity;
      };
    }
  | {
      /** An independent draw from [min, max) per neuron, from the network's seed. */
      readonly uniform: {
        /** Lower bound, in the field's unit. */
        readonly min: Quantity;
        /** Upper bound ≥ min, in the field's unit. */
        readonly max: Quantity;
      };
    };

/** True when a value differs between neurons (array or distribution). */
export const isPerNeuron = (v: ValueSpec): boolean => typeof v !== 'number' && typeof v !== 'string';

/** Turns one quantity into a number; the default accepts plain numbers only. */
export type ToNumber = (q: Quantity, path: string) => number;
const plainNumber: ToNumber = (q, path) => {
  if (typeof q !== 'number') throw new ConfigError('bad-value', path, `expected a number, got ${JSON.stringify(q)}`);
  return q;
};

/**
 * Expands a value spec into `n` numbers, checking shape and finiteness; `path` names it in errors.
 * `toNumber` converts each given value (e.g. `"6 nS"` into internal units); default: numbers only.
 */
export function sampleValues(spec: ValueSpec, n: number, rng: () => HostRng, path: string, toNumber: ToNumber = plainNumber): Float64Array {
  const out = new Float64Array(n);
  if (typeof spec === 'number' || typeof spec === 'string') {
    const v = toNumber(spec, path);
    if (!Number.isFinite(v)) throw new ConfigError('not-finite', path, `expected a finite number, got ${v}`);
    return out.fill(v);
  }
  // Values may come from data (files, strangers): anything that is not an object is refused by name.
  if (typeof spec !== 'object' || spec === null) throw new ConfigError('bad-value', path, `expected a number, an array, {normal:{mean,std}} or {uniform:{min,max}}, got ${JSON.stringify(String(spec as unknown).slice(0, 40))}`);
  if ('normal' in spec) {
    const normal = spec.normal ?? ({} as { mean?: Quantity; std?: Quantity });
    const mean = toNumber(normal.mean as Quantity, `${path}.normal.mean`);
    const std = toNumber(normal.std as Quantity, `${path}.normal.std`);
    if (!Number.isFinite(mean)) throw new ConfigError('not-finite', `${path}.normal.mean`, `expected a finite number, got ${mean}`);
    if (!(std >= 0) || !Number.isFinite(std)) throw new ConfigError('bad-distribution', `${path}.normal.std`, `expected std >= 0, got ${std}`);
    const r = rng();
    for (let i = 0; i < n; i++) out[i] = r.normal(mean, std);
    return out;
  }
  if ('uniform' in spec) {
    const uniform = spec.uniform ?? ({} as { min?: Quantity; max?: Quantity });
    const min = toNumber(uniform.min as Quantity, `${path}.uniform.min`);
    const max = toNumber(uniform.max as Quantity, `${path}.uniform.max`);
    if (!Number.isFinite(min) || !Number.isFinite(max)) throw new ConfigError('not-finite', `${path}.uniform`, `expected finite min and max, got min=${min}, max=${max}`);
    if (!(max >= min)) throw new ConfigError('bad-distribution', `${path}.uniform`, `expected min <= max, got min=${min}, max=${max}`);
    const r = rng();
    for (let i = 0; i < n; i++) out[i] = min + (max - min) * r.uniform();
    return out;
  }
  if (typeof (spec as ArrayLike<number>).length === 'number') {
    const arr = spec as ArrayLike<number>;
    if (arr.length !== n) throw new ConfigError('shape-mismatch', path, `expected ${n} values (one per neuron), got ${arr.length}`);
    for (let i = 0; i < n; i++) {
      const v = toNumber(arr[i] as number, `${path}[${i}]`);
      if (!Number.isFinite(v)) throw new ConfigError('not-finite', `${path}[${i}]`, `expected a finite number, got ${v}`);
      out[i] = v;
    }
    return out;
  }
  throw new ConfigError('bad-value', path, 'expected a number, an array, {normal:{mean,std}} or {uniform:{min,max}}');
}
