/** The expression parser against hand-derived IR, and its errors against the token they must name. */
import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../src/errors.js';
import { parseExpression, parseStatement } from '../src/expr/parse.js';
import type { BinaryOp, Expr } from '../src/expr/ir.js';
import { ctx, valueOf } from './helpers.js';

const scope = ctx({ a: 'parameter', b: 'parameter', c: 'parameter', v: 'state', I: 'input', t: 'time', dt: 'dt' });
const p = (s: string) => parseExpression(s, scope);
const A: Expr = { kind: 'ref', name: 'a', role: 'parameter' };
const B: Expr = { kind: 'ref', name: 'b', role: 'parameter' };
const C: Expr = { kind: 'ref', name: 'c', role: 'parameter' };
const V: Expr = { kind: 'ref', name: 'v', role: 'state' };
const n = (value: number): Expr => ({ kind: 'num', value });
const b = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
const neg = (arg: Expr): Expr => ({ kind: 'unary', op: '-', arg });

function parseError(s: string, names = scope, random = false): ExpressionError {
  try {
    parseExpression(s, { ...names, allowRandom: random });
  } catch (err) {
    expect(err).toBeInstanceOf(ExpressionError);
    return err as ExpressionError;
  }
  throw new Error(`expected '${s}' to be rejected`);
}

describe('parseExpression: IR by hand', () => {
  it('references carry the role their scope gives them', () => {
    expect(p('a')).toEqual(A);
    expect(p('v')).toEqual(V);
    expect(p('I')).toEqual({ kind: 'ref', name: 'I', role: 'input' });
    expect(p('t')).toEqual({ kind: 'ref', name: 't', role: 'time' });
    expect(p('dt')).toEqual({ kind: 'ref', name: 'dt', role: 'dt' });
  });

  it('literals, booleans and the constants pi and e', () => {
    expect(p('2.5')).toEqual(n(2.5));
    expect(p('1e-3')).toEqual(n(0.001));
    expect(p('true')).toEqual(n(1));
    expect(p('false')).toEqual(n(0));
    expect(p('pi')).toEqual(n(Math.PI));
    expect(p('e')).toEqual(n(Math.E));
  });

  it('precedence and associativity of arithmetic', () => {
    expect(p('a + b * c')).toEqual(b('+', A, b('*', B, C)));
    expect(p('(a + b) * c')).toEqual(b('*', b('+', A, B), C));
    expect(p('a - b - c')).toEqual(b('-', b('-', A, B), C));
    expect(p('a / b / c')).toEqual(b('/', b('/', A, B), C));
    expect(p('a - b + c')).toEqual(b('+', b('-', A, B), C));
    expect(p('a * b ** c')).toEqual(b('*', A, b('**', B, C)));
    expect(p('a ** b ** c')).toEqual(b('**', A, b('**', B, C)));
  });

  it('unary minus: folded into literals, kept on names, and below ** as in Python (-a**2 is -(a**2))', () => {
    expect(p('-3')).toEqual(n(-3));
    expect(p('-a')).toEqual(neg(A));
    expect(p('-a * b')).toEqual(b('*', neg(A), B));
    expect(p('-a ** 2')).toEqual(neg(b('**', A, n(2))));
    expect(p('-(a) ** 2')).toEqual(neg(b('**', A, n(2))));
    expect(p('(-a) ** 2')).toEqual(b('**', neg(A), n(2)));
    expect(p('-2 ** 2')).toEqual(neg(b('**', n(2), n(2))));
    expect(p('(-2) ** 2')).toEqual(b('**', n(-2), n(2)));
    expect(p('a ** -b')).toEqual(b('**', A, neg(B)));
    expect(p('- -a ** 2')).toEqual(neg(neg(b('**', A, n(2)))));
    const at = { a: 3, b: 0.5, c: 2 };
    expect(valueOf(p('-a ** 2'), at)).toBe(-9);
    expect(valueOf(p('(-a) ** 2'), at)).toBe(9);
    expect(valueOf(p('b - a ** 2'), at)).toBe(-8.5);
  });

  it('comparisons, logic, negation and conditionals', () => {
    expect(p('a < b')).toEqual(b('<', A, B));
    expect(p('a + 1 >= b')).toEqual(b('>=', b('+', A, n(1)), B));
    expect(p('a < b == c')).toEqual(b('==', b('<', A, B), C));
    expect(p('a != b')).toEqual(b('!=', A, B));
    expect(p('a <= b && b > c || a')).toEqual(b('||', b('&&', b('<=', A, B), b('>', B, C)), A));
    expect(p('!a')).toEqual({ kind: 'unary', op: '!', arg: A });
    expect(p('a > b ? a : c ? b : 0')).toEqual({ kind: 'cond', test: b('>', A, B), then: A, else: { kind: 'cond', test: C, then: B, else: n(0) } });
  });

  it('calls keep their arguments in order; random calls get consecutive sites', () => {
    expect(p('clip(a, b, c)')).toEqual({ kind: 'call', fn: 'clip', args: [A, B, C] });
    expect(p('exp(-a / b)')).toEqual({ kind: 'call', fn: 'exp', args: [b('/', neg(A), B)] });
    const site = { next: 4 };
    const r = parseExpression('rand() + randn() * a', { ...scope, allowRandom: true }, site);
    expect(r).toEqual(b('+', { kind: 'call', fn: 'rand', args: [], site: 4 }, b('*', { kind: 'call', fn: 'randn', args: [], site: 5 }, A)));
    expect(site.next).toBe(6);
  });
});

describe('parseExpression: errors name the token', () => {
  it.each([
    ['a + x', 'unknown-identifier', 'x'],
    ['constructor', 'unknown-identifier', 'constructor'],
    ['__proto__ + 1', 'unknown-identifier', '__proto__'],
    ['exp + 1', 'function-not-called', 'exp'],
    ['foo(a)', 'unknown-function', 'foo'],
    ['toString(a)', 'unknown-function', 'toString'],
    ['exp(a, b)', 'bad-arity', 'exp'],
    ['clip(a, b)', 'bad-arity', 'clip'],
    ['a.b', 'member-access', 'a.b'],
    ['(a)(b)', 'unknown-function', 'a'],
    ['(a + b)(c)', 'bad-call', 'BinaryExpression'],
    ['a % b', 'syntax-error', undefined],
    ['a & b', 'syntax-error', undefined],
    ['+a', 'syntax-error', undefined],
    ['"s"', 'bad-literal', '"s"'],
    ['a = 1', 'unexpected-assignment', '='],
    ['[a]', 'unsupported-syntax', 'ArrayExpression'],
    ['a +', 'syntax-error', undefined],
    ['()', 'syntax-error', undefined],
  ])('%s → %s', (src, code, token) => {
    const err = parseError(src);
    expect(err.code).toBe(code);
    if (token !== undefined) expect(err.token).toBe(token);
    expect(err.expression).toBe(src);
    expect(err.message).toContain('model T, test');
  });

  it('names the place of a syntax error and refuses empty input', () => {
    const err = parseError('a + * b');
    expect(err.code).toBe('syntax-error');
    expect(err.token).toBe('*');
    expect(parseError('   ').code).toBe('empty-expression');
    expect(() => parseExpression(undefined as unknown as string, scope)).toThrow(/non-empty/);
  });

  it('lists the known names, and rejects random functions where not allowed', () => {
    expect(parseError('q').message).toContain('known names: I, a, b, c, dt, t, v');
    const r = parseError('rand() * a');
    expect(r.code).toBe('random-not-allowed');
    expect(r.token).toBe('rand');
    expect(r.message).toContain('(token \'rand\')');
  });
});

describe('parseExpression: what each error says', () => {
  it.each([
    ['a | b', 'syntax error'],
    ['a ^ b', 'syntax error'],
    ['a << b', 'syntax error'],
    ['a >> b', 'syntax error'],
    ['a >>> b', 'syntax error'],
    ['a === b', 'syntax error'],
    ['a !== b', 'syntax error'],
    ['a ?? b', 'syntax error'],
    ['~a', 'syntax error'],
  ])('%s is not an operator of the language: %s', (src, text) => {
    const err = parseError(src);
    expect(err.code).toBe('syntax-error');
    expect(err.message).toContain(text);
  });

  it.each([
    ['a +', "syntax error: Expected expression after + (token '<end>')"],
    ['()', 'syntax error: empty parentheses'],
    ['1e999', "only finite numbers are allowed (token '1e999')"],
    ['exp + 1', "'exp' is a function; call it as exp(...)"],
    ['(a + b)(c)', 'only named functions can be called'],
    ['foo(a)', 'unknown function; available: exp, expm1, log,'],
    ['clip(a, b)', 'expects 3 argument(s), got 2'],
    ['a.b', 'property access is not part of the model language'],
    ['a = 1', 'assignment is only allowed in statements (reset, update, on_pre)'],
    ['[a]', 'unsupported syntax'],
  ])('%s: %s', (src, text) => {
    expect(parseError(src).message).toContain(text);
  });

  it('typeof and void are not keywords of the language', () => {
    expect(parseError('typeof a').code).toBe('unsupported-syntax');
    expect(parseError('void a').code).toBe('unsupported-syntax');
  });

  it('random functions: the message says why', () => {
    expect(parseError('rand()').message).toContain('random functions are not allowed here (ODE right-hand sides must be deterministic');
  });

  it('! binds tighter than ** (only a leading minus goes below the power)', () => {
    expect(p('!a ** 2')).toEqual(b('**', { kind: 'unary', op: '!', arg: A }, n(2)));
  });
});

describe('parseStatement', () => {
  const assignable = new Set(['v', 'a']);
  it('plain and compound assignments expand to IR over the state', () => {
    expect(parseStatement('v = a + 1', scope, assignable)).toEqual({ target: 'v', role: 'state', value: b('+', A, n(1)) });
    expect(parseStatement('v += a', scope, assignable)).toEqual({ target: 'v', role: 'state', value: b('+', V, A) });
    expect(parseStatement('v -= a', scope, assignable).value).toEqual(b('-', V, A));
    expect(parseStatement('v *= 2', scope, assignable).value).toEqual(b('*', V, n(2)));
    expect(parseStatement('v /= a + b', scope, assignable).value).toEqual(b('/', V, b('+', A, B)));
  });

  it('random sites start at 0 by default', () => {
    expect(parseStatement('v = rand()', { ...scope, allowRandom: true }, assignable).value).toEqual({ kind: 'call', fn: 'rand', args: [], site: 0 });
  });

  it('statement errors say what was expected', () => {
    expect(() => parseStatement('v + 1', scope, assignable)).toThrow("expected an assignment such as 'v = v_reset' or 'x += 1'");
    expect(() => parseStatement('3 = v', scope, assignable)).toThrow("the left side must be a state variable name (token '3')");
    expect(() => parseStatement('v **= 2', scope, assignable)).toThrow('unsupported assignment operator');
  });

  it('random sites continue the counter passed in', () => {
    const site = { next: 2 };
    const s = parseStatement('v += randn()', { ...scope, allowRandom: true }, assignable, site);
    expect(s.value).toEqual(b('+', V, { kind: 'call', fn: 'randn', args: [], site: 2 }));
    expect(site.next).toBe(3);
  });

  it.each([
    ['v + 1', 'not-a-statement', undefined],
    ['c = 1', 'bad-assignment-target', 'c'],
    ['v.x = 1', 'bad-assignment-target', 'v.x'],
    ['v **= 2', 'bad-operator', '**='],
    ['v = q', 'unknown-identifier', 'q'],
  ])('%s → %s', (src, code, token) => {
    let err: ExpressionError | undefined;
    try {
      parseStatement(src, scope, assignable);
    } catch (e) {
      err = e as ExpressionError;
    }
    expect(err).toBeInstanceOf(ExpressionError);
    expect(err!.code).toBe(code);
    if (token !== undefined) expect(err!.token).toBe(token);
  });

  it('says what may be assigned', () => {
    expect(() => parseStatement('c = 1', scope, assignable)).toThrow("cannot assign to 'c'; assignable here: v, a");
    expect(() => parseStatement('c = 1', scope, new Set())).toThrow('assignable here: (nothing)');
  });
});
