import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { ConfigError } from '@spikeflow/core';
import { arrayCurrent } from '@spikeflow/stimuli';

describe('arrayCurrent', () => {
  it('copies a [steps × size] ndarray row-major, honouring strides', () => {
    const m = ndarray(Float64Array.from({ length: 6 }, (_, k) => k), [3, 2]);
    const src = arrayCurrent(m);
    expect(src).toMatchObject({ kind: 'array', steps: 3, size: 2 });
    expect([...src.data]).toEqual([0, 1, 2, 3, 4, 5]);
    const t = arrayCurrent(m.transpose(1, 0)); // [2 × 3] view
    expect([t.steps, t.size]).toEqual([2, 3]);
    expect([...t.data]).toEqual([0, 2, 4, 1, 3, 5]);
  });

  it('takes { data, steps, size }', () => {
    const src = arrayCurrent({ data: [1, 2, 3, 4], steps: 2, size: 2 });
    expect(src.data).toBeInstanceOf(Float64Array);
    expect([...src.data]).toEqual([1, 2, 3, 4]);
  });

  it('rejects wrong shapes naming the path and the expected shape', () => {
    expect(() => arrayCurrent(ndarray(new Float64Array(6), [6]))).toThrow(/arrayCurrent\.data: expected a 2-d ndarray \[steps × size\], got shape \[6\]/);
    expect(() => arrayCurrent({ data: [1, 2, 3], steps: 2, size: 2 })).toThrow(/arrayCurrent\.data: expected 2 × 2 = 4 values/);
    expect(() => arrayCurrent({ data: [], steps: 0, size: 2 })).toThrow(/arrayCurrent\.data:.*steps/);
    expect(() => arrayCurrent({ data: [1], steps: 1, size: 1 }, 'scenario.ip1.current')).not.toThrow();
    expect(() => arrayCurrent({ data: [1, 2], steps: 1, size: 3 }, 'scenario.ip1.current')).toThrow(/^scenario\.ip1\.current:/);
  });

  it('rejects NaN and ±Infinity naming step and neuron', () => {
    const m = ndarray(new Float64Array(12), [4, 3]);
    m.set(3, 2, NaN);
    expect(() => arrayCurrent(m)).toThrow(/step 3, neuron 2 is NaN/);
    const data = new Float64Array(12);
    data[1 * 3 + 0] = Infinity;
    let err: unknown;
    try {
      arrayCurrent({ data, steps: 4, size: 3 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).path).toBe('arrayCurrent.data');
    expect((err as ConfigError).message).toMatch(/step 1, neuron 0 is Infinity/);
  });
});
