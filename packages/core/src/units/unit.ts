/**
 * A small dimension algebra. A unit is a vector of exponents over spikeflow's internal base units
 * plus a scale to SI. The bases are the internal units themselves — mV, nA, ms, µm — so a unit
 * whose scale equals its coherent scale (see `coherentScale`) is an internal unit, and arithmetic
 * on values in internal units needs no conversion factors (mV/nA = MΩ, MΩ·nF = ms, µS·mV = nA).
 *
 * The fifth slot, `target`, is a placeholder for "the unit of the input this model feeds": synapse
 * models and current sources are generic over their target (ExpCurrent carries nA into LIF's `I`
 * and mV into CubaLIF's `ge`); it is replaced by the target's unit when the network is built.
 */
export const BASES = ['mV', 'nA', 'ms', 'µm', 'target'] as const;
/** SI scale of one internal base unit (`target` has none of its own). */
const BASE_SCALE = [1e-3, 1e-9, 1e-3, 1e-6, 1] as const;

export type Dims = readonly [number, number, number, number, number];

/**
 * A unit as the checker sees it: exponents over the internal base units and a scale to SI.
 *
 * @example
 * const nS = parseUnit('nS', 'g.unit'); // { dims: [-1, 1, 0, 0, 0], scale: 1e-9 }
 * toInternalFactor(nS);                 // 0.001 (nS → µS)
 */
export interface Unit {
  /** Exponents of mV, nA, ms, µm and `target`, in that order (µS = nA/mV is `[-1, 1, 0, 0, 0]`). */
  readonly dims: Dims;
  /** Factor to SI (1 mV → 1e-3). */
  readonly scale: number;
}

export const DIMENSIONLESS: Unit = Object.freeze({ dims: [0, 0, 0, 0, 0] as Dims, scale: 1 });

const zip = (a: Dims, b: Dims, f: (x: number, y: number) => number): Dims => a.map((x, i) => f(x, b[i] as number)) as unknown as Dims;

export const multiply = (a: Unit, b: Unit): Unit => ({ dims: zip(a.dims, b.dims, (x, y) => x + y), scale: a.scale * b.scale });
export const divide = (a: Unit, b: Unit): Unit => ({ dims: zip(a.dims, b.dims, (x, y) => x - y), scale: a.scale / b.scale });
export const power = (a: Unit, n: number): Unit => ({ dims: a.dims.map((x) => cleanExponent(x * n)) as unknown as Dims, scale: a.scale ** n });

/** Rounds exponents like 0.49999999 from sqrt chains back to the rational they mean. */
function cleanExponent(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * True when two units measure the same thing (equal exponents), whatever their scales.
 *
 * @example
 * sameDimension(parseUnit('nS', ''), parseUnit('µS', '')); // true
 * sameDimension(parseUnit('mV', ''), parseUnit('nA', '')); // false
 */
export const sameDimension = (a: Unit, b: Unit): boolean => a.dims.every((x, i) => Math.abs(x - (b.dims[i] as number)) < 1e-9);
export const isDimensionless = (a: Unit): boolean => sameDimension(a, DIMENSIONLESS);
export const mentionsTarget = (a: Unit): boolean => a.dims[4] !== 0;

/** SI scale of the internal unit of `a`'s dimension. */
export function coherentScale(a: Unit): number {
  return a.dims.reduce((s, x, i) => s * (BASE_SCALE[i] as number) ** x, 1);
}

/** Factor that turns a number in unit `a` into the internal unit of its dimension (6 nS → 0.006 µS: 1e-3). */
export function toInternalFactor(a: Unit): number {
  return roundFactor(a.scale / coherentScale(a));
}

/** True when `a` is the internal unit of its dimension (no conversion needed). */
export const isInternal = (a: Unit): boolean => Math.abs(toInternalFactor(a) - 1) < 1e-9;

/** Replaces the `target` placeholder by a concrete unit. */
export function substituteTarget(a: Unit, target: Unit): Unit {
  const k = a.dims[4];
  if (k === 0) return a;
  const rest: Unit = { dims: [a.dims[0], a.dims[1], a.dims[2], a.dims[3], 0], scale: a.scale };
  return multiply(rest, power(target, k));
}

/** Removes floating-point dust from products of powers of ten (1e-3/1e-6 → 1000, not 999.9999). */
function roundFactor(f: number): number {
  if (f === 0 || !Number.isFinite(f)) return f;
  const digits = 12 - Math.floor(Math.log10(Math.abs(f)));
  const p = 10 ** Math.min(300, Math.max(-300, digits));
  return Math.round(f * p) / p;
}

/** Names for common internal units, so messages say `MΩ` rather than `mV/nA`. */
const NAMED: readonly [string, readonly number[]][] = [
  ['MΩ', [1, -1, 0]],
  ['µS', [-1, 1, 0]],
  ['nF', [-1, 1, 1]],
  ['nC', [0, 1, 1]],
];

/**
 * A readable name for a unit in internal units, e.g. `mV/ms`, `nA·mV`, `1/ms`, `µS`, `1`. Units that
 * are not internal are named by their SI factor over the internal unit (`0.001 × µS`).
 */
export function formatUnit(a: Unit): string {
  const body = formatDims(a.dims);
  const f = toInternalFactor(a);
  return Math.abs(f - 1) < 1e-9 ? body : `${f} × ${body}`;
}

/** The internal unit of `a`'s dimension, ignoring its scale: `mV/ms`, `µS`, `1`. */
export const formatDimension = (a: Unit): string => formatDims(a.dims);

function formatDims(d: Dims): string {
  // A named unit for the electrical part (MΩ, µS, nF, nC), then length and target as powers.
  const named = NAMED.find(([, dims]) => dims.every((x, i) => x === d[i]));
  const num: string[] = named ? [named[0]] : [];
  const den: string[] = [];
  d.forEach((x, i) => {
    if (x === 0 || (named && i <= 2)) return;
    const name = BASES[i] as string;
    const abs = Math.abs(x);
    (x > 0 ? num : den).push(abs === 1 ? name : `${name}^${abs}`);
  });
  const top = num.length ? num.join('·') : '1';
  if (!den.length) return top;
  return `${top}/${den.length > 1 ? `(${den.join('·')})` : den[0]}`;
}
