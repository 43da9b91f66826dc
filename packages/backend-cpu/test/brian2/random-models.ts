/**
 * Seeded random small ODE models for differential tests against Brian2: sums, products, safe
 * quotients, exp, log, sqrt, sin, tanh, powers and conditions over parameters, states and t,
 * printed once in spikeflow's syntax and once in Brian2's from the same tree. Printing uses
 * Python's precedence with as few parentheses as it allows (so `-x ** 2`, `a - b * c` and
 * `2 ** -x` reach both parsers bare, and a precedence mistake in either shows up).
 */

type Node =
  | { k: 'num'; v: number }
  | { k: 'var'; name: string }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '**'; a: Node; b: Node }
  | { k: 'call'; fn: 'exp' | 'log' | 'sqrt' | 'sin' | 'tanh' | 'abs'; a: Node }
  | { k: 'cmp'; op: '<' | '>'; a: Node; b: Node };

export type Integrator = 'euler' | 'rk2' | 'rk4' | 'exact';

export interface GeneratedModel {
  readonly name: string;
  readonly integrator: Integrator;
  /** Right-hand sides in spikeflow syntax (dimensionless; divide by TIME_UNIT for d/dt). */
  readonly spikeflow: Record<string, string>;
  /** The same right-hand sides in Brian2 syntax (t in ms, conditions as int()). */
  readonly brian2: Record<string, string>;
  readonly parameters: Record<string, number[]>;
  readonly initial: Record<string, number[]>;
}

/** Mulberry32: small, seeded, the same sequence everywhere. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARAMS = ['p0', 'p1', 'p2', 'p3'];
/**
 * spikeflow checks units: a parameter of 1 ms makes everything dimensionless, as Brian2's
 * `(RHS) / ms` and `t / ms` do on the other side.
 */
export const TIME_UNIT = 'one_ms';
const CONSTS = [0.5, 2, 1.5, 3, 0.25];

/** Python's binding strength: atoms, calls and (parenthesized) conditions 5, ** 4, unary minus 3, * / 2, + - 1. */
const prec = (n: Node): number => (n.k === 'num' || n.k === 'var' || n.k === 'call' || n.k === 'cmp' ? 5 : n.k === 'bin' ? { '**': 4, '*': 2, '/': 2, '+': 1, '-': 1 }[n.op] : 3);

function print(n: Node, brian: boolean): string {
  const at = (c: Node, min: number) => (prec(c) >= min ? print(c, brian) : `(${print(c, brian)})`);
  switch (n.k) {
    case 'num':
      return String(n.v);
    case 'var':
      return n.name === 't' ? (brian ? '(t / ms)' : `(t / ${TIME_UNIT})`) : n.name;
    case 'neg':
      // `--x` is not a double negation in spikeflow's parser: a nested minus gets parentheses.
      return `-${n.a.k === 'neg' ? `(${print(n.a, brian)})` : at(n.a, 4)}`;
    case 'bin':
      if (n.op === '**') return `${at(n.a, 5)} ** ${at(n.b, 3)}`;
      if (n.op === '+' || n.op === '-') return `${at(n.a, 1)} ${n.op} ${at(n.b, 2)}`;
      return `${at(n.a, 2)} ${n.op} ${at(n.b, 3)}`;
    case 'call':
      return `${n.fn}(${print(n.a, brian)})`;
    case 'cmp':
      return brian ? `int(${print(n.a, brian)} ${n.op} ${print(n.b, brian)})` : `(${print(n.a, brian)} ${n.op} ${print(n.b, brian)})`;
  }
}

function generator(rnd: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const pos = (): Node => ({ k: 'var', name: pick(PARAMS) }); // parameters are drawn > 0
  // Brian2's sympy refuses a comparison of an expression holding another condition: none nest.
  const expr = (vars: readonly string[], depth: number, inCondition = false): Node => {
    if (depth === 0 || rnd() < 0.2) {
      const r = rnd();
      if (r < 0.45) return { k: 'var', name: pick(vars) };
      if (r < 0.75) return pos();
      return { k: 'num', v: pick(CONSTS) };
    }
    const sub = () => expr(vars, depth - 1, inCondition);
    switch (Math.floor(rnd() * (inCondition ? 9 : 11))) {
      case 0:
        return { k: 'bin', op: '+', a: sub(), b: sub() };
      case 1:
        return { k: 'bin', op: '-', a: sub(), b: sub() };
      case 2:
      case 3:
        return { k: 'bin', op: '*', a: sub(), b: sub() };
      case 4: // a quotient whose denominator stays >= p > 0
        return { k: 'bin', op: '/', a: sub(), b: { k: 'bin', op: '+', a: pos(), b: { k: 'bin', op: '**', a: sub(), b: { k: 'num', v: 2 } } } };
      case 5: // exp(-a ** 2): bounded, and wrong if -a**2 is read as (-a)**2
        return { k: 'call', fn: 'exp', a: { k: 'neg', a: { k: 'bin', op: '**', a: sub(), b: { k: 'num', v: 2 } } } };
      case 6:
        return { k: 'call', fn: 'log', a: { k: 'bin', op: '+', a: pos(), b: { k: 'call', fn: 'abs', a: sub() } } };
      case 7:
        return rnd() < 0.5 ? { k: 'call', fn: 'sqrt', a: { k: 'bin', op: '+', a: pos(), b: { k: 'bin', op: '**', a: sub(), b: { k: 'num', v: 2 } } } } : { k: 'call', fn: pick(['sin', 'tanh'] as const), a: sub() };
      case 8: // integer and fractional powers of something positive, or a negated power
        return rnd() < 0.5
          ? { k: 'bin', op: '**', a: sub(), b: { k: 'num', v: pick([2, 3]) } }
          : { k: 'neg', a: { k: 'bin', op: '**', a: { k: 'bin', op: '+', a: pos(), b: { k: 'call', fn: 'abs', a: sub() } }, b: { k: 'num', v: pick([0.5, 1.5]) } } };
      case 9: // a condition over states, parameters and t, as a 0/1 factor
        return { k: 'bin', op: '*', a: { k: 'cmp', op: pick(['<', '>'] as const), a: expr(vars, depth - 1, true), b: expr(vars, depth - 1, true) }, b: sub() };
      default:
        return { k: 'neg', a: sub() };
    }
  };
  return { pick, expr, rnd };
}

/**
 * `count` models per integrator, each with one or two states (x, y) and four positive
 * parameters. Explicit methods get `d·/dt = -(· - p0)/p1 + 0.3·G`, G a random expression of
 * everything; `exact` gets `d·/dt = B - A·(·)`, A and B free of the integrated state (other
 * states, parameters, t allowed) and A ≥ p > 0, so the equation is linear in its own state.
 */
export function generateModels(seed: number, count: number, size: number): GeneratedModel[] {
  const g = generator(seeded(seed));
  const out: GeneratedModel[] = [];
  for (const integrator of ['euler', 'rk2', 'rk4', 'exact'] as const) {
    for (let m = 0; m < count; m++) {
      const states = g.rnd() < 0.5 ? ['x'] : ['x', 'y'];
      const all = [...states, 't'];
      const trees: Record<string, Node> = {};
      for (const s of states) {
        if (integrator === 'exact') {
          const others = all.filter((v) => v !== s);
          const A: Node = { k: 'bin', op: '+', a: { k: 'var', name: g.pick(PARAMS) }, b: { k: 'bin', op: '**', a: g.expr(others, 2), b: { k: 'num', v: 2 } } };
          const B = g.expr(others, 3);
          trees[s] = { k: 'bin', op: '-', a: B, b: { k: 'bin', op: '*', a: A, b: { k: 'var', name: s } } };
        } else {
          const relax: Node = { k: 'neg', a: { k: 'bin', op: '/', a: { k: 'bin', op: '-', a: { k: 'var', name: s }, b: { k: 'var', name: 'p0' } }, b: { k: 'var', name: 'p1' } } };
          trees[s] = { k: 'bin', op: '+', a: relax, b: { k: 'bin', op: '*', a: { k: 'num', v: 0.3 }, b: g.expr(all, 3) } };
        }
      }
      const values = (lo: number, hi: number) => Array.from({ length: size }, () => Math.round((lo + (hi - lo) * g.rnd()) * 1e6) / 1e6);
      out.push({
        name: `${integrator}_${m}`,
        integrator,
        spikeflow: Object.fromEntries(states.map((s) => [s, print(trees[s]!, false)])),
        brian2: Object.fromEntries(states.map((s) => [s, print(trees[s]!, true)])),
        parameters: Object.fromEntries(PARAMS.map((p) => [p, values(0.5, 2)])),
        initial: Object.fromEntries(states.map((s) => [s, values(-1, 1)])),
      });
    }
  }
  return out;
}
