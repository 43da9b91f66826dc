import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom/seedrandom.js';
import { arc4Doubles, type Arc4State } from '../src/rng/arc4-doubles.js';
import { hostRng } from '../src/rng/host.js';

// arc4Doubles must continue seedrandom's stream exactly: every network of every seed depends on it.
describe('arc4Doubles', () => {
  const keys = ['0:connection exc->inh/connectivity', '1:population exc/v', '42:x', `${2 ** 40}:a long name ${'z'.repeat(300)}`, ''];

  it.each(keys)('gives seedrandom’s doubles bit for bit for key %j (100 000 draws, past many 4096-byte refills)', (key) => {
    const reference = seedrandom(key);
    const seeded = seedrandom(key, { state: true }) as unknown as { state(): Arc4State };
    const fast = arc4Doubles(seeded.state());
    let mismatches = 0;
    let first = -1;
    for (let k = 0; k < 100_000; k++) {
      if (!Object.is(fast(), reference.double()) && mismatches++ === 0) first = k;
    }
    expect({ mismatches, first }).toEqual({ mismatches: 0, first: -1 });
  });

  it('covers the rare paths: doubles whose first byte is below 16 take extra bytes, and values stay in [0, 1)', () => {
    const reference = seedrandom('rare paths');
    const fast = arc4Doubles((seedrandom('rare paths', { state: true }) as unknown as { state(): Arc4State }).state());
    let small = 0;
    let mismatches = 0;
    let outside = 0;
    for (let k = 0; k < 200_000; k++) {
      const v = fast();
      if (!Object.is(v, reference.double())) mismatches++;
      if (v < 1 / 16) small++;
      if (!(v >= 0 && v < 1)) outside++;
    }
    expect({ mismatches, outside }).toEqual({ mismatches: 0, outside: 0 });
    // about 1/16 of the doubles start with a byte below 16 (the loop that takes another byte)
    expect(small / 200_000).toBeCloseTo(1 / 16, 2);
  });
});

describe('hostRng', () => {
  it('draws the same uniforms and normals as seedrandom’s prng with Box–Muller (the numbers networks were built with before)', () => {
    const prng = seedrandom('7:population p/v0');
    let spare: number | undefined;
    const normal = (mean: number, std: number) => {
      if (spare !== undefined) {
        const z = spare;
        spare = undefined;
        return mean + std * z;
      }
      let u1 = 0;
      while (u1 === 0) u1 = prng.double();
      const u2 = prng.double();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return mean + std * r * Math.cos(2 * Math.PI * u2);
    };
    const rng = hostRng(7, 'population p/v0');
    for (let k = 0; k < 20_000; k++) {
      if (k % 3 === 0) expect(rng.normal(-55, 5)).toBe(normal(-55, 5));
      else expect(rng.uniform()).toBe(prng.double());
    }
  });
});
