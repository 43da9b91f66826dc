// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ARC4 file's types, for every program that compiles this file (the tests' too)
/// <reference path="./seedrandom-arc4.d.ts" />
// The ARC4 generator alone: the package's index also loads six other generators (seven CommonJS
// files) that are never used, which costs start-up time in every process.
import seedrandom from 'seedrandom/seedrandom.js';
import { arc4Doubles, type Arc4State } from './arc4-doubles.js';

/**
 * Host-side randomness (connectivity, initial values, heterogeneous parameters), from
 * `seedrandom`. Each consumer gets its own named stream, so adding a population does not
 * change the connectivity of another.
 */
export interface HostRng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Normal(mean, std), Box–Muller with a cached second value. */
  normal(mean?: number, std?: number): number;
}

/**
 * The host stream named `name` of `seed`: the same seed and name always give the same numbers.
 *
 * @example
 * const rng = hostRng(42, 'connection exc->inh/connectivity');
 * rng.uniform();        // in [0, 1)
 * rng.normal(0.5, 0.1); // a Normal(0.5, 0.1) draw
 */
export function hostRng(seed: number, name: string): HostRng {
  // seedrandom seeds the generator; its doubles are read by arc4Doubles (the same numbers, faster).
  const seeded = seedrandom(`${seed}:${name}`, { state: true }) as unknown as { state(): Arc4State };
  const double = arc4Doubles(seeded.state());
  let spare: number | undefined;
  return {
    uniform: double,
    normal(mean = 0, std = 1) {
      if (spare !== undefined) {
        const z = spare;
        spare = undefined;
        return mean + std * z;
      }
      let u1 = 0;
      while (u1 === 0) u1 = double();
      const u2 = double();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return mean + std * r * Math.cos(2 * Math.PI * u2);
    },
  };
}
