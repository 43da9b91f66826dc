import { describe, expect, it } from 'vitest';
import { ConfigError } from '@spikeflow/core';
import { hostRng } from '@spikeflow/core/rng';
import { oneToOneConnect } from '@spikeflow/connectivity';
import { PATH, expectValidCsr, noRandomness } from './helpers.js';

describe('oneToOneConnect', () => {
  it('connects i → i only, with the given weight', () => {
    const t = oneToOneConnect({ weight: 2 }).build(6, 6, noRandomness, PATH);
    expectValidCsr(t);
    expect([...t.rowStart]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...t.post]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...t.weights]).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('draws distributed weights from the stream, deterministically', () => {
    const c = oneToOneConnect({ weight: { uniform: { min: 1, max: 2 } } });
    const a = c.build(100, 100, hostRng(1, 'o'), PATH).weights;
    expect(c.build(100, 100, hostRng(1, 'o'), PATH).weights).toEqual(a);
    expect([...a].every((w) => w >= 1 && w < 2)).toBe(true);
  });

  it('rejects populations of different sizes with a ConfigError naming the connector path and both sizes', () => {
    const build = () => oneToOneConnect({ weight: 1 }).build(3, 4, noRandomness, PATH);
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(`${PATH}: one-to-one needs populations of equal size, got 3 presynaptic and 4 postsynaptic neurons`);
  });
});
