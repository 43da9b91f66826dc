/**
 * The IR → WGSL printer against hand-derived WGSL: operators, the bool/f32 conversions WGSL's
 * types need (JavaScript's meaning: true is 1, a number is true when not 0), powers, every
 * function of the table, random call sites, statements, and f32 literals that read back as
 * `Math.fround` of the value. Pure strings: no GPU needed.
 */
import { describe, expect, it } from 'vitest';
import { hostRng } from '@spikeflow/core/rng';
import { parseExpression, type Assign, type Expr, type RefRole } from '@spikeflow/core/ir';
import { PRINTER_HELPERS, WGSL_FUNCTIONS, f32Literal, printWgslCondition, printWgslExpr, printWgslStatements, type WgslPrintOptions } from '../src/printer.js';

const ROLES: Record<string, RefRole> = { a: 'parameter', b: 'parameter', v: 'state', I: 'input', t: 'time' };
const scope = { where: 'model P, test', scope: new Map(Object.entries(ROLES)), allowRandom: true };
const parse = (s: string): Expr => parseExpression(s, scope);
/** References print as role_name, random draws as R_fn_site: the printer adds nothing of its own. */
const resolve = (name: string, role: string) => `${role}_${name}`;
const random = (fn: string, site: number) => `R_${fn}_${site}`;
const wgsl = (s: string, o: WgslPrintOptions = {}) => printWgslExpr(parse(s), resolve, random, o);
const cond = (s: string, o: WgslPrintOptions = {}) => printWgslCondition(parse(s), resolve, random, o);
const A = 'parameter_a';
const B = 'parameter_b';
const V = 'state_v';
const asNum = (bool: string) => `select(0.0f, 1.0f, ${bool})`;

describe('printWgslExpr: operators and types', () => {
  it.each([
    ['a + b', `(${A} + ${B})`],
    ['a - b', `(${A} - ${B})`],
    ['a / b', `(${A} / ${B})`],
    ['a * b', `(${A} * ${B})`],
    ['-a', `(-${A})`],
    ['I - t', '(input_I - time_t)'],
    ['a - (b - v)', `(${A} - (${B} - ${V}))`],
    // Comparisons are bool: as a number they become 0 or 1.
    ['a < b', asNum(`(${A} < ${B})`)],
    ['a <= b', asNum(`(${A} <= ${B})`)],
    ['a > b', asNum(`(${A} > ${B})`)],
    ['a >= b', asNum(`(${A} >= ${B})`)],
    ['a == b', asNum(`(${A} == ${B})`)],
    ['a != b', asNum(`(${A} != ${B})`)],
    // Logic takes bools: a number is true when it is not 0.
    ['!a', asNum(`(!(${A} != 0.0f))`)],
    ['!(a < b)', asNum(`(!(${A} < ${B}))`)],
    ['(a && b) * 5', `(${asNum(`((${A} != 0.0f) && (${B} != 0.0f))`)} * 5.0f)`],
    ['(a || v) + 1', `(${asNum(`((${A} != 0.0f) || (${V} != 0.0f))`)} + 1.0f)`],
    ['(a < b) && v', asNum(`((${A} < ${B}) && (${V} != 0.0f))`)],
    ['-(a < b)', `(-${asNum(`(${A} < ${B})`)})`],
    ['(a < b) + (a > b)', `(${asNum(`(${A} < ${B})`)} + ${asNum(`(${A} > ${B})`)})`],
    ['(a < b) < v', asNum(`(${asNum(`(${A} < ${B})`)} < ${V})`)],
  ])('%s', (src, expected) => {
    expect(wgsl(src)).toBe(expected);
  });

  it('conditionals are selects (else first); two bool branches stay bool, mixed ones become numbers', () => {
    expect(wgsl('a > b ? v : I')).toBe(`select(input_I, ${V}, (${A} > ${B}))`);
    expect(wgsl('v ? a : b')).toBe(`select(${B}, ${A}, (${V} != 0.0f))`);
    expect(cond('a > b ? a < v : b < v')).toBe(`select((${B} < ${V}), (${A} < ${V}), (${A} > ${B}))`);
    expect(wgsl('a > b ? a < v : b < v')).toBe(asNum(`select((${B} < ${V}), (${A} < ${V}), (${A} > ${B}))`));
    expect(wgsl('a > b ? a < v : v')).toBe(`select(${V}, ${asNum(`(${A} < ${V})`)}, (${A} > ${B}))`);
    expect(wgsl('a > b ? v : a < v')).toBe(`select(${asNum(`(${A} < ${V})`)}, ${V}, (${A} > ${B}))`);
  });

  it('conditions are bools: comparisons as printed, numbers compared with 0', () => {
    expect(cond('v > a')).toBe(`(${V} > ${A})`);
    expect(cond('v')).toBe(`(${V} != 0.0f)`);
    expect(cond('v + 1')).toBe(`((${V} + 1.0f) != 0.0f)`);
    expect(cond('!v')).toBe(`(!(${V} != 0.0f))`);
    // Logic is already bool: no second comparison with 0.
    expect(cond('a && b')).toBe(`((${A} != 0.0f) && (${B} != 0.0f))`);
    expect(cond('a || (v < b)')).toBe(`((${A} != 0.0f) || (${V} < ${B}))`);
    expect(cond('!(a && b)')).toBe(`(!((${A} != 0.0f) && (${B} != 0.0f)))`);
  });
});

describe('printWgslExpr: products and powers', () => {
  const sfR = { product: 'sf_r' };
  it('every product goes through the product function when one is given (no fused multiply-add)', () => {
    expect(wgsl('a * b', sfR)).toBe(`sf_r((${A} * ${B}))`);
    expect(wgsl('a * b + v', sfR)).toBe(`(sf_r((${A} * ${B})) + ${V})`);
    expect(wgsl('a + b', sfR)).toBe(`(${A} + ${B})`);
    expect(wgsl('a / b', sfR)).toBe(`(${A} / ${B})`);
  });

  it('x ** 2 is a product, x ** 0.5 a square root, x ** 1 the base, anything else sf_pow', () => {
    expect(wgsl('a ** 2')).toBe(`(${A} * ${A})`);
    expect(wgsl('a ** 2', sfR)).toBe(`sf_r((${A} * ${A}))`);
    expect(wgsl('(a + b) ** 2')).toBe(`((${A} + ${B}) * (${A} + ${B}))`);
    expect(wgsl('a ** 0.5', sfR)).toBe(`sqrt(${A})`);
    expect(wgsl('a ** 1', sfR)).toBe(A);
    expect(wgsl('a ** 3', sfR)).toBe(`sf_pow(${A}, 3.0f)`);
    expect(wgsl('a ** 0')).toBe(`sf_pow(${A}, 0.0f)`);
    expect(wgsl('a ** b')).toBe(`sf_pow(${A}, ${B})`);
    // Only a literal exponent is special: (1 + 1) is not folded here.
    expect(wgsl('a ** (1 + 1)')).toBe(`sf_pow(${A}, (1.0f + 1.0f))`);
    expect(wgsl('(a < b) ** 2')).toBe(`(${asNum(`(${A} < ${B})`)} * ${asNum(`(${A} < ${B})`)})`);
    expect(wgsl('a ** (v < b)')).toBe(`sf_pow(${A}, ${asNum(`(${V} < ${B})`)})`);
  });

  it('constants print through the constant option, exponents included', () => {
    const constant = (x: number) => `K[${x}]`;
    expect(wgsl('a * 2 + 0.5', { constant })).toBe(`((${A} * K[2]) + K[0.5])`);
    expect(wgsl('a ** 3', { constant })).toBe(`sf_pow(${A}, K[3])`);
    expect(wgsl('a ** 2', { constant })).toBe(`(${A} * ${A})`);
  });
});

describe('printWgslExpr: functions and random draws', () => {
  const ONE: Record<string, string> = {
    exp: 'exp', expm1: 'sf_expm1', log: 'log', log1p: 'sf_log1p', sqrt: 'sqrt', abs: 'abs', sin: 'sin', cos: 'cos',
    tan: 'tan', tanh: 'tanh', floor: 'floor', ceil: 'ceil', sign: 'sign',
  };
  it.each(Object.entries(ONE))('%s(v) → %s(v)', (fn, w) => {
    expect(wgsl(`${fn}(v)`)).toBe(`${w}(${V})`);
  });

  it('two- and three-argument functions, in argument order; bool arguments become numbers', () => {
    expect(wgsl('min(a, b)')).toBe(`min(${A}, ${B})`);
    expect(wgsl('max(a, b)')).toBe(`max(${A}, ${B})`);
    expect(wgsl('clip(v, a, b)')).toBe(`min(max(${V}, ${A}), ${B})`);
    expect(wgsl('abs(a < b)')).toBe(`abs(${asNum(`(${A} < ${B})`)})`);
  });

  it('the table covers exactly the deterministic functions above', () => {
    expect([...WGSL_FUNCTIONS].sort()).toEqual([...Object.keys(ONE), 'min', 'max', 'clip'].sort());
  });

  it('random draws print through the random callback, numbered by call site', () => {
    expect(wgsl('rand() + randn() * a')).toBe(`(R_rand_0 + (R_randn_1 * ${A}))`);
  });

  it('a function without a WGSL form is an internal error naming it', () => {
    const e: Expr = { kind: 'call', fn: 'nosuch', args: [] } as unknown as Expr;
    expect(() => printWgslExpr(e, resolve, random)).toThrow('internal: no WGSL mapping for function nosuch');
  });

  it('every helper the printed code can call is defined in PRINTER_HELPERS', () => {
    for (const fn of ['sf_bits', 'sf_expm1', 'sf_log1p', 'sf_pow']) expect(PRINTER_HELPERS).toMatch(new RegExp(`\\bfn ${fn}\\(`));
  });
});

describe('f32Literal', () => {
  it.each([
    [0, '0.0f'],
    [3, '3.0f'],
    [-1, '(-1.0f)'],
    [2.5, '2.5f'],
    [-0.5, '(-0.5f)'],
    [0.1, '0.10000000149011612f'], // Math.fround(0.1)
    [1e-50, '0.0f'], // below the smallest f32 subnormal
    [-0, '(-0.0f)'],
    [1e-45, '1.401298464324817e-45f'], // the smallest subnormal, 2^-149
    [2 ** 127, '1.7014118346046923e+38f'], // exact in f32
    [3.4028234663852886e38, '3.4028234663852886e+38f'], // the largest f32, (2 - 2^-23)·2^127
    [Infinity, 'sf_bits(0x7f800000u)'],
    [1e40, 'sf_bits(0x7f800000u)'], // rounds to +Infinity in f32
    [-Infinity, 'sf_bits(0xff800000u)'],
    [-1e40, 'sf_bits(0xff800000u)'],
    [NaN, 'sf_bits(0x7fc00000u)'],
  ])('%s → %s', (x, expected) => {
    expect(f32Literal(x)).toBe(expected);
  });

  it('finite literals read back as Math.fround of the value (2,000 seeded values over 80 binades)', () => {
    const rng = hostRng(11, 'wgsl-literals');
    for (let k = 0; k < 2000; k++) {
      const x = (rng.uniform() - 0.5) * 2 ** Math.floor(rng.uniform() * 80 - 40);
      const text = f32Literal(x);
      const body = text.replace(/^\(-/, '-').replace(/f\)?$/, '');
      expect(Number(body)).toBe(Math.fround(x));
      expect(text.startsWith('(-')).toBe(Math.fround(x) < 0);
    }
  });
});

describe('printWgslStatements', () => {
  const stmts: Assign[] = [
    { target: 'x', role: 'temp', value: parse('a * v') },
    { target: 'v', role: 'state', value: parse('v + 1') },
    { target: 'w', role: 'state', value: parse('a < b') },
  ] as unknown as Assign[];

  it('temporaries are let locals, states are assignments, bools stored as numbers', () => {
    expect(printWgslStatements(stmts, resolve, random)).toEqual([
      `let temp_x = (${A} * ${V});`,
      `state_v = (${V} + 1.0f);`,
      `state_w = ${asNum(`(${A} < ${B})`)};`,
    ]);
  });

  it('a guard wraps the state writes it returns a condition for, never temporaries', () => {
    const guard = (s: Assign) => (s.target === 'v' || s.target === 'x' ? 'not_refractory' : undefined);
    expect(printWgslStatements(stmts, resolve, random, guard, { product: 'sf_r' })).toEqual([
      `let temp_x = sf_r((${A} * ${V}));`,
      `if (not_refractory) { state_v = (${V} + 1.0f); }`,
      `state_w = ${asNum(`(${A} < ${B})`)};`,
    ]);
    expect(printWgslStatements(stmts, resolve, random, () => '')).toEqual(printWgslStatements(stmts, resolve, random));
  });
});
