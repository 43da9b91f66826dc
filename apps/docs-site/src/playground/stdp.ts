/**
 * The playground's STDP choice: Song, Miller & Abbott (2000) as examples/stdp.yaml describes it
 * (1000 Poisson inputs onto one LIF neuron through additive STDP synapses), with the few settings
 * a visitor may change, their shareable link (`#example=stdp&…`) and the weight histogram's data.
 *
 * Like settings.ts, everything here is data: a link is parsed field by field into numbers from
 * fixed ranges; anything else is a `SettingsError` naming the field.
 */
import { SettingsError, type NumberField } from './settings.js';

/** Everything that determines a playground run of the STDP example. */
export interface StdpSettings {
  readonly seed: number;
  /** Steps of 0.1 ms (the example's dt). */
  readonly steps: number;
  /** Poisson rate of every input, Hz. */
  readonly rate: number;
  /** Factor on the example's learning rates Apre and Apost (1: the paper's). */
  readonly learning: number;
}

/** A number field of the STDP settings (same shape as the decision network's). */
export type StdpField = Omit<NumberField, 'key'> & { readonly key: keyof StdpSettings };

/**
 * Ranges: up to 10^6 steps (the example's full 100 s; about a minute of a browser's CPU), so a
 * link cannot ask for an hour-long run.
 */
export const STDP_FIELDS: readonly StdpField[] = [
  { key: 'seed', label: 'seed', min: 0, max: 2 ** 31 - 1, integer: true },
  { key: 'steps', label: 'steps (dt = 0.1 ms)', min: 1, max: 1_000_000, integer: true },
  { key: 'rate', label: 'input rate', min: 0, max: 100, unit: 'Hz' },
  { key: 'learning', label: 'learning rate × (1 = paper)', min: 0, max: 100 },
];

/**
 * The playground's defaults: 4 s simulated with learning rates ×10, a few seconds of a browser's
 * CPU in which the histogram visibly leaves its uniform start (seed 1: 3 % of the weights below
 * 0.1·wmax and 14 % above 0.9·wmax at the end). Not the paper's end state: that is ×1 for 10^6
 * steps; ×20 for 5 s drives 80 % of the weights above 0.9·wmax (the regime of the Brian2
 * cross-check, packages/backend-cpu/test/stdp-brian2.test.ts).
 */
export function stdpDefaults(): StdpSettings {
  return { seed: 1, steps: 40_000, rate: 15, learning: 10 };
}

function checkNumber(f: StdpField, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SettingsError(f.key, `expected a number, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  if (f.integer && !Number.isInteger(value)) throw new SettingsError(f.key, `expected a whole number, got ${value}`);
  if (value < f.min || value > f.max) throw new SettingsError(f.key, `expected ${f.min} to ${f.max}, got ${value}`);
  return value;
}

/** Checks STDP settings from anywhere (form, link, worker message); returns a plain copy of the known fields. */
export function validateStdpSettings(input: unknown): StdpSettings {
  if (typeof input !== 'object' || input === null) throw new SettingsError('settings', 'expected an object');
  const o = input as Record<string, unknown>;
  return Object.fromEntries(STDP_FIELDS.map((f) => [f.key, checkNumber(f, o[f.key])])) as unknown as StdpSettings;
}

/** The link's marker: `example=stdp` first, then the settings that differ from the defaults. */
export const STDP_LINK = 'example=stdp';

/** Encodes STDP settings as a URL hash body (without `#`), e.g. `example=stdp&steps=20000`. */
export function encodeStdpSettings(settings: StdpSettings): string {
  const s = validateStdpSettings(settings);
  const d = stdpDefaults();
  const params = new URLSearchParams({ example: 'stdp' });
  for (const f of STDP_FIELDS) if (s[f.key] !== d[f.key]) params.set(f.key, String(s[f.key]));
  return params.toString();
}

/** Whether a URL hash (with or without `#`) is an STDP link. */
export function isStdpLink(hash: string): boolean {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash).get('example') === 'stdp';
}

const LINK_KEYS = new Set<string>(['example', ...STDP_FIELDS.map((f) => f.key)]);

/** Parses an STDP link; unknown keys, malformed numbers and out-of-range values are errors naming the key. */
export function decodeStdpSettings(hash: string): StdpSettings {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > 2000) throw new SettingsError('link', 'too long');
  const params = new URLSearchParams(text);
  for (const key of params.keys()) {
    if (!LINK_KEYS.has(key)) throw new SettingsError(key, `unknown setting; known: ${[...LINK_KEYS].join(', ')}`);
  }
  if (params.get('example') !== 'stdp') throw new SettingsError('example', `expected stdp, got ${JSON.stringify(params.get('example'))}`);
  const out: Record<string, unknown> = { ...stdpDefaults() };
  for (const f of STDP_FIELDS) {
    const raw = params.get(f.key);
    if (raw === null) continue;
    if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw)) throw new SettingsError(f.key, `expected a number, got ${JSON.stringify(raw)}`);
    out[f.key] = Number(raw);
  }
  return validateStdpSettings(out);
}

/** Weights binned over [0, wmax], as the worker sends them with each chunk of a plastic run. */
export interface WeightHistogram {
  /** Synapses per bin; bin k covers [k, k + 1) · wmax / bins (the last one includes wmax). */
  readonly counts: number[];
  readonly wmax: number;
  readonly unit: string;
  /** Mean weight / wmax, and the fractions below 0.1 wmax and above 0.9 wmax. */
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/** Bins `weights` (in `unit`, within [0, wmax]) into `bins` equal bins, with the summary the page shows. */
export function weightHistogram(weights: ArrayLike<number>, wmax: number, unit: string, bins = 20): WeightHistogram {
  const counts = new Array<number>(bins).fill(0);
  let sum = 0;
  let low = 0;
  let high = 0;
  for (let k = 0; k < weights.length; k++) {
    const x = weights[k]! / wmax;
    counts[Math.min(bins - 1, Math.max(0, Math.floor(x * bins)))]!++;
    sum += x;
    if (x < 0.1) low++;
    if (x > 0.9) high++;
  }
  const n = Math.max(1, weights.length);
  return { counts, wmax, unit, mean: sum / n, low: low / n, high: high / n };
}
