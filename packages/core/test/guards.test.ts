/**
 * Guards that refuse, with a named error and before any allocation, what would otherwise exhaust
 * the stack, the memory or the step counter. Each case must be cheap: the tests assert the error,
 * and the cases are built so that nothing large is ever allocated.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, ExpressionError, Network, type Connector, type ModelDefinition } from '@spikeflow/core';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from '@spikeflow/core/ir';
import { parseExpression } from '@spikeflow/core/ir';

const Leaky: ModelDefinition = {
  name: 'Leaky',
  kind: 'neuron',
  parameters: { tau: { unit: 'ms', default: 10, timeConstant: true }, theta: { unit: 'mV', default: 1 } },
  state: { v: { unit: 'mV', initial: '0' } },
  inputs: { I: { unit: 'mV' } },
  equations: { v: '(-v + I) / tau' },
  threshold: 'v >= theta',
  reset: ['v = 0'],
  integrator: 'exact',
};
const Decay: ModelDefinition = {
  name: 'Decay',
  kind: 'synapse',
  parameters: { tau: { unit: 'ms', default: 5, timeConstant: true } },
  state: { g: { unit: 'target', initial: '0' } },
  equations: { g: '-g / tau' },
  onPre: ['g += w'],
  output: 'g',
  integrator: 'exact',
};
const ctx = { where: 'test', scope: new Map([['x', 'state' as const]]), allowRandom: false };

/** A connector that must never be built: the guards run before `build`. */
const unbuildable = (estimate?: number): Connector => ({
  kind: 'unbuildable',
  settings: {},
  build: () => {
    throw new Error('build() was called: the guard should have refused the network first');
  },
  ...(estimate !== undefined ? { estimateSynapses: () => estimate } : {}),
});

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('expression limits', () => {
  it('a 20,000-term sum is an ExpressionError naming the depth, not a RangeError', () => {
    const source = Array.from({ length: 20_000 }, () => 'x').join('+');
    expect(source.length).toBeGreaterThan(MAX_EXPRESSION_LENGTH);
    const err = thrown(() => parseExpression(source, ctx));
    expect(err).toBeInstanceOf(ExpressionError);
    expect((err as ExpressionError).code).toBe('expression-too-long');
    expect((err as ExpressionError).message).toContain(`at most ${MAX_EXPRESSION_LENGTH}`);
  });

  it('a short but deeply nested expression is refused by depth (sums, parentheses, unary chains)', () => {
    const n = 2_000;
    for (const source of [Array.from({ length: n }, () => 'x').join('+'), `${'('.repeat(n)}x${')'.repeat(n)}`, `${'- '.repeat(n)}x`, `${'exp('.repeat(n / 2)}x${')'.repeat(n / 2)}`]) {
      const err = thrown(() => parseExpression(source, ctx));
      expect(err, source.slice(0, 20)).toBeInstanceOf(ExpressionError);
      expect((err as ExpressionError).code).toBe('expression-too-deep');
      expect((err as ExpressionError).message).toContain(`more than ${MAX_EXPRESSION_DEPTH} levels`);
    }
  });

  it('expressions just inside the limits still parse', () => {
    const sum = Array.from({ length: MAX_EXPRESSION_DEPTH - 2 }, () => 'x').join('+');
    expect(parseExpression(sum, ctx).kind).toBe('binary');
  });
});

describe('memory guard (before allocation)', () => {
  it('a population of 10^12 neurons is a ConfigError naming the field, the estimate and the limit', () => {
    const net = new Network({ dt: 1 });
    net.population('huge', { model: Leaky, size: 1e12 });
    for (const f of [() => net.check(), () => net.build()]) {
      const err = thrown(f) as ConfigError;
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.code).toBe('too-large');
      // 1e12 neurons × (2 parameters + 1 state + 1 input + 6 arrays) × 8 bytes
      expect(err.message).toBe(`population huge.size: needs an estimated ${(8e13 / 2 ** 30).toPrecision(3)} GiB, more than the memory limit of 4.00 GiB; make it smaller or raise the limit (Network option memoryLimit, CLI --max-memory)`);
    }
  });

  it('a dense connection of 10^5 × 10^5 is refused before its connector builds; the largest item is named', () => {
    const net = new Network({ dt: 1 });
    const a = net.population('a', { model: Leaky, size: 100_000 });
    net.connect(a, a, { connector: unbuildable(), synapse: Decay });
    const err = thrown(() => net.build()) as ConfigError;
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/^connection a->a\.connector: needs an estimated 74\.5 GiB \(all items together: 74\.5 GiB\)/);
  });

  it('a sparse estimate counts synapses, and the limit can be raised or lowered', () => {
    const net = new Network({ dt: 1, memoryLimit: 2e5 });
    const a = net.population('a', { model: Leaky, size: 1000 });
    net.connect(a, a, { connector: unbuildable(10_000), synapse: Decay });
    const items = net.estimateMemory();
    expect(items.map((i) => i.path)).toEqual(['population a.size', 'connection a->a.connector']);
    expect(items[1]!.bytes).toBe(10_000 * 12 + 1001 * 4 + 1000 * 8 * (1 + 1 + 6));
    expect((thrown(() => net.check()) as ConfigError).message).toContain('memory limit of 0.000186 GiB');
    const roomy = new Network({ dt: 1, memoryLimit: 3e5 });
    const b = roomy.population('a', { model: Leaky, size: 1000 });
    roomy.connect(b, b, { connector: unbuildable(10_000), synapse: Decay });
    expect(() => roomy.check()).not.toThrow();
  });

  it('run lengths beyond Number.MAX_SAFE_INTEGER steps are refused', () => {
    const net = new Network({ dt: 0.1 });
    expect((thrown(() => net.steps({ duration: 1e15 })) as ConfigError).message).toMatch(/^run: 10000000000000000 steps is more than 9007199254740991/);
    expect(net.steps({ duration: 1e14 })).toBe(1e15);
  });
});
