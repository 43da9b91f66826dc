import { ConfigError } from '../errors.js';
import { DIMENSIONLESS, divide, multiply, power, type Dims, type Unit } from './unit.js';

/**
 * Parses unit strings such as `mV`, `nS`, `MΩ`, `1/ms`, `mV/ms`, `nS*mV`, `mV^2`, `ms^-1`,
 * `1/(mV*ms)`, `second`, `millivolt`, `1` or `''` (dimensionless). Symbols take SI prefixes
 * (G M k c m u µ n p f, or the words giga … femto); `target` stands for the unit of the input a
 * synapse or current source feeds. A hand-written parser because the grammar is tiny and we need
 * the `target` placeholder and spikeflow's internal bases, which unit libraries do not offer.
 */
const BASE: Readonly<Record<string, Unit>> = (() => {
  const u = (dims: Dims): Unit => ({ dims, scale: 1 });
  const table: [string[], Unit][] = [
    [['s', 'second', 'seconds'], u([0, 0, 1, 0, 0])],
    [['V', 'volt', 'volts'], u([1, 0, 0, 0, 0])],
    [['A', 'amp', 'amps', 'ampere', 'amperes'], u([0, 1, 0, 0, 0])],
    [['Ω', 'ohm', 'ohms'], u([1, -1, 0, 0, 0])],
    [['S', 'siemens'], u([-1, 1, 0, 0, 0])],
    [['F', 'farad', 'farads'], u([-1, 1, 1, 0, 0])],
    [['C', 'coulomb', 'coulombs'], u([0, 1, 1, 0, 0])],
    [['Hz', 'hertz'], u([0, 0, -1, 0, 0])],
    [['m', 'metre', 'metres', 'meter', 'meters'], u([0, 0, 0, 1, 0])],
  ];
  const out: Record<string, Unit> = Object.create(null);
  for (const [names, unit] of table) for (const n of names) out[n] = unit;
  return out;
})();

const PREFIX: Readonly<Record<string, number>> = Object.assign(Object.create(null), {
  G: 1e9, M: 1e6, k: 1e3, c: 1e-2, m: 1e-3, u: 1e-6, 'µ': 1e-6, 'μ': 1e-6, n: 1e-9, p: 1e-12, f: 1e-15,
  giga: 1e9, mega: 1e6, kilo: 1e3, centi: 1e-2, milli: 1e-3, micro: 1e-6, nano: 1e-9, pico: 1e-12, femto: 1e-15,
});

const TARGET: Unit = { dims: [0, 0, 0, 0, 1], scale: 1 };

/** Thrown (wrapped into a `ConfigError` by callers that know the field) for a bad unit string. */
class UnitSyntax extends Error {}

/** Looks up one symbol: exact name first (`m` is metre), then prefix + name (`ms`, `mS`, `Mohm`). */
function symbol(name: string): Unit {
  if (name === 'target') return TARGET;
  const exact = BASE[name];
  if (exact) return exact;
  for (const [p, f] of Object.entries(PREFIX)) {
    if (name.length > p.length && name.startsWith(p)) {
      const base = BASE[name.slice(p.length)];
      if (base) return { dims: base.dims, scale: base.scale * f };
    }
  }
  throw new UnitSyntax(`unknown unit '${name}'`);
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-zΩµμ_]+)|(\*\*|[*·/^()-]))/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < src.length) {
    if (/^\s*$/.test(src.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(src);
    if (!m) throw new UnitSyntax(`unexpected '${src.slice(at).trim()[0]}'`);
    out.push((m[1] ?? m[2] ?? m[3]) as string);
    at = TOKEN.lastIndex;
  }
  return out;
}

function parseTokens(tokens: string[]): Unit {
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const term = (): Unit => {
    let u = factor();
    for (;;) {
      const op = peek();
      if (op === '*' || op === '·') {
        next();
        u = multiply(u, factor());
      } else if (op === '/') {
        next();
        u = divide(u, factor());
      } else return u;
    }
  };
  const factor = (): Unit => {
    const a = atom();
    if (peek() === '^' || peek() === '**') {
      next();
      return power(a, exponent());
    }
    return a;
  };
  const exponent = (): number => {
    let sign = 1;
    const paren = peek() === '(';
    if (paren) next();
    if (peek() === '-') {
      next();
      sign = -1;
    }
    const t = next();
    if (t === undefined || !/^\d/.test(t)) throw new UnitSyntax(`expected a number after '^', got '${t ?? 'end'}'`);
    let n = Number(t);
    if (paren && peek() === '/') {
      next();
      const d = next();
      if (d === undefined || !/^\d/.test(d) || Number(d) === 0) throw new UnitSyntax(`expected a denominator, got '${d ?? 'end'}'`);
      n /= Number(d);
    }
    if (paren && next() !== ')') throw new UnitSyntax("missing ')'");
    return sign * n;
  };
  const atom = (): Unit => {
    const t = next();
    if (t === undefined) throw new UnitSyntax('unexpected end');
    if (t === '(') {
      const u = term();
      if (next() !== ')') throw new UnitSyntax("missing ')'");
      return u;
    }
    if (t === '1') return DIMENSIONLESS;
    if (/^\d/.test(t)) throw new UnitSyntax(`a number (${t}) is not a unit; only '1' is (dimensionless)`);
    if (/^[*·/^)-]|^\*\*$/.test(t)) throw new UnitSyntax(`unexpected '${t}'`);
    return symbol(t);
  };
  const u = term();
  if (i < tokens.length) throw new UnitSyntax(`unexpected '${tokens[i]}'`);
  return u;
}

/**
 * Parses a unit string. `where` names the field for the error, e.g. `model LIF, parameter R`.
 * Throws `ConfigError` code `bad-unit` naming the field and the string.
 */
export function parseUnit(source: string, where: string): Unit {
  if (typeof source !== 'string') throw new ConfigError('bad-unit', where, `expected a unit string, got ${String(source)}`);
  const s = source.trim();
  if (s === '') return DIMENSIONLESS;
  try {
    return parseTokens(tokenize(s));
  } catch (err) {
    if (!(err instanceof UnitSyntax)) throw err;
    throw new ConfigError('bad-unit', where, `unit '${source}': ${err.message} (write units such as ms, mV, nA, nS, µS, MΩ, nF, Hz, 1/ms, mV/ms, nS*mV, mV^2; '1' or '' for none)`);
  }
}

/** Like `parseUnit` but returns undefined instead of throwing (for telling `"20 ms"` from other strings). */
export function tryParseUnit(source: string): Unit | undefined {
  try {
    return parseUnit(source, '');
  } catch {
    return undefined;
  }
}
