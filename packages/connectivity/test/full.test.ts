import { describe, expect, it } from 'vitest';
import { fullConnect } from '@spikeflow/connectivity';
import { PATH, noRandomness } from './helpers.js';

describe('fullConnect', () => {
  it('connects every pair with weight J / N_pre exactly, drawing no random numbers', () => {
    const t = fullConnect({ J: 3 }).build(7, 5, noRandomness, PATH);
    expect(t.format).toBe('dense');
    expect([t.nPre, t.nPost, t.weights.length]).toEqual([7, 5, 35]);
    for (const w of t.weights) expect(w).toBe(3 / 7);
  });

  it('defaults J to 1 and reports its settings', () => {
    const c = fullConnect();
    expect(c.kind).toBe('full');
    expect(c.settings).toEqual({ J: 1 });
    for (const w of c.build(4, 2, noRandomness, PATH).weights) expect(w).toBe(0.25);
  });
});
