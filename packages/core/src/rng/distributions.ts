import { ConfigError } from '../errors.js';
import type { HostRng } from './host.js';

/** A per-neuron value: one number for all, an explicit array, or a seeded distribution. */
export type ValueSpec =
  | number
  | ArrayLike<number>
  | { readonly normal: { readonly mean: number; readonly std: number } }
  | { readonly uniform: { readonly min: number; readonly max: number } };

/** True when a value differs between neurons (array or distribution). */
export const isPerNeuron = (v: ValueSpec): boolean => typeof v !== 'number';

/** Expands a value spec into `n` numbers, checking shape and finiteness; `path` names it in errors. */
export function sampleValues(spec: ValueSpec, n: number, rng: () => HostRng, path: string): Float64Array {
  const out = new Float64Array(n);
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec)) throw new ConfigError('not-finite', path, `expected a finite number, got ${spec}`);
    return out.fill(spec);
  }
  // Values may come from data (files, strangers): anything that is not an object is refused by name.
  if (typeof spec !== 'object' || spec === null) throw new ConfigError('bad-value', path, `expected a number, an array, {normal:{mean,std}} or {uniform:{min,max}}, got ${JSON.stringify(String(spec as unknown).slice(0, 40))}`);
  if ('normal' in spec) {
    const { mean, std } = spec.normal ?? {};
    if (!Number.isFinite(mean)) throw new ConfigError('not-finite', `${path}.normal.mean`, `expected a finite number, got ${mean}`);
    if (!(std >= 0) || !Number.isFinite(std)) throw new ConfigError('bad-distribution', `${path}.normal.std`, `expected std >= 0, got ${std}`);
    const r = rng();
    for (let i = 0; i < n; i++) out[i] = r.normal(mean, std);
    return out;
  }
  if ('uniform' in spec) {
    const { min, max } = spec.uniform ?? {};
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
      const v = arr[i] as number;
      if (!Number.isFinite(v)) throw new ConfigError('not-finite', `${path}[${i}]`, `expected a finite number, got ${v}`);
      out[i] = v;
    }
    return out;
  }
  throw new ConfigError('bad-value', path, 'expected a number, an array, {normal:{mean,std}} or {uniform:{min,max}}');
}
