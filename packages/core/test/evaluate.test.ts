/** The host interpreter (derived values, initial values, stimuli): every operator and function by hand. */
import { describe, expect, it } from 'vitest';
import { evaluate, MATH } from '../src/expr/evaluate.js';
import { FUNCTIONS, isRandomFunction } from '../src/expr/functions.js';
import { parseExpression } from '../src/expr/parse.js';
import { ctx } from './helpers.js';

const scope = ctx({ a: 'parameter', b: 'parameter', v: 'state' }, true);
const at = (src: string, a = 3, b = -2, v = 0.5) =>
  evaluate(parseExpression(src, scope), { lookup: (name) => ({ a, b, v })[name] as number, random: (fn, site) => (fn === 'rand' ? 0.25 + site : -1 - site) });

describe('evaluate', () => {
  it.each([
    ['a + b', 1],
    ['a - b', 5],
    ['a * b', -6],
    ['a / b', -1.5],
    ['a ** 2', 9],
    ['b ** 3', -8],
    ['-a ** 2', -9],
    ['-b', 2],
    ['!a', 0],
    ['!0', 1],
    ['a < b', 0],
    ['a < 3', 0],
    ['a || 0', 1],
    ['b < a', 1],
    ['a <= 3', 1],
    ['a <= 2', 0],
    ['a > 3', 0],
    ['a > 2', 1],
    ['a >= 3', 1],
    ['a >= 4', 0],
    ['a == 3', 1],
    ['a == b', 0],
    ['a != 3', 0],
    ['a != b', 1],
    ['a && b', 1],
    ['a && 0', 0],
    ['0 && a', 0],
    ['0 || b', 1],
    ['0 || 0', 0],
    ['a > b ? a : b', 3],
    ['a < b ? a : b', -2],
    ['a - b * v', 4],
    ['rand() + randn()', 0.25 - 2],
  ])('%s = %d', (src, value) => {
    expect(at(src)).toBe(value);
  });

  it.each([
    ['exp(v)', Math.exp(0.5)],
    ['expm1(v)', Math.expm1(0.5)],
    ['log(a)', Math.log(3)],
    ['log1p(v)', Math.log1p(0.5)],
    ['sqrt(a)', Math.sqrt(3)],
    ['abs(b)', 2],
    ['sin(v)', Math.sin(0.5)],
    ['cos(v)', Math.cos(0.5)],
    ['tan(v)', Math.tan(0.5)],
    ['tanh(v)', Math.tanh(0.5)],
    ['floor(-v)', -1],
    ['ceil(v)', 1],
    ['sign(b)', -1],
    ['min(a, b)', -2],
    ['max(a, b)', 3],
    ['clip(a, b, 1)', 1],
    ['clip(b, -1, 1)', -1],
    ['clip(v, -1, 1)', 0.5],
  ])('%s', (src, value) => {
    expect(at(src)).toBe(value);
  });

  it('every deterministic function of the language has a host implementation, random ones do not', () => {
    for (const [name, spec] of Object.entries(FUNCTIONS)) {
      expect(isRandomFunction(name)).toBe(spec.random !== undefined);
      if (spec.random) expect(MATH[name]).toBeUndefined();
      else expect(MATH[name]!.length === spec.arity || name === 'min' || name === 'max').toBe(true);
    }
    expect(Object.values(FUNCTIONS).every((f) => f.doc.length > 5)).toBe(true);
    expect(Object.entries(FUNCTIONS).filter(([, f]) => f.random).map(([n, f]) => `${n}:${f.random}:${f.arity}`)).toEqual(['rand:per-neuron:0', 'randn:per-neuron:0', 'rand_shared:shared:0', 'randn_shared:shared:0']);
    expect(isRandomFunction('rand_shared')).toBe(true);
    expect(isRandomFunction('exp')).toBe(false);
    expect(isRandomFunction('nope')).toBe(false);
  });

  it('random calls need a random source; unknown functions are internal errors', () => {
    const e = parseExpression('rand()', scope);
    expect(() => evaluate(e, { lookup: () => 0 })).toThrow('random function rand evaluated without a random source');
    expect(() => evaluate({ kind: 'call', fn: 'nope', args: [] }, { lookup: () => 0 })).toThrow('no host implementation for nope');
  });

  it('looks references up by name and role', () => {
    const seen: string[] = [];
    evaluate(parseExpression('a + v', scope), { lookup: (name, role) => (seen.push(`${name}:${role}`), 1) });
    expect(seen).toEqual(['a:parameter', 'v:state']);
  });
});
