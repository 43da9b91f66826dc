import { ConfigError, type StimulusSource } from '@spikeflow/core';
import { positiveInteger } from '../validate.js';
import type { SourceOptions } from './options.js';

/** Options of {@link poissonInput} (Brian2's `PoissonInput(target, variable, N, rate, weight)`). */
export interface PoissonInputOptions extends SourceOptions {
  /** The target population's state variable moved, e.g. `'v'`. */
  readonly variable: string;
  /** Number of independent Poisson inputs per neuron, a whole number ≥ 1. */
  readonly n: number;
  /** Rate of each input: Hz as a number, or a string with a unit (`'10 Hz'`); ≥ 0, and rate·dt ≤ 1 (checked with dt when the network is built). */
  readonly rate: number | string;
  /** Added to the variable per input spike: a number in the variable's internal unit (mV for `v`), or a string with a unit (`'0.1 mV'`). */
  readonly weight: number | string;
}

/**
 * Poisson input onto a state variable, as Brian2's `PoissonInput`: `n` independent Poisson
 * inputs of `rate` per neuron, each spike adding `weight` to `variable`, without spike lists or
 * synapses. Each step every neuron draws k ~ Binomial(n, rate·dt) — one 32-bit counter-based
 * word inverted through a table made on the host, so k is the same on every backend (see
 * `binomialTable` in `@spikeflow/core/rng`: exact up to 2^-32 per value, no normal approximation)
 * — and `variable += k·weight` after the threshold test and before the reset (Brian2's `synapses`
 * slot: a reset that sets the variable discards the input of a neuron's spiking step; refractory
 * neurons receive it).
 *
 * @throws ConfigError for `n` not a whole number ≥ 1, or a rate that is negative or not finite
 * (named by `poissonInput.<option>`); the variable, rate·dt ≤ 1 and the weight's unit are checked
 * when the network is built.
 * @example
 * net.stimulate(exc, poissonInput({ variable: 'v', n: 1000, rate: 10, weight: 0.1 })); // 1000 inputs at 10 Hz, 0.1 mV each
 */
export function poissonInput(options: PoissonInputOptions): StimulusSource {
  const p = 'poissonInput';
  if (typeof options.variable !== 'string' || options.variable === '') throw new ConfigError('bad-value', `${p}.variable`, `expected the name of a state variable, got ${String(options.variable)}`);
  positiveInteger(options.n, `${p}.n`);
  if (typeof options.rate === 'number' && !(Number.isFinite(options.rate) && options.rate >= 0)) {
    throw new ConfigError(Number.isFinite(options.rate) ? 'negative-rate' : 'not-finite', `${p}.rate`, `expected a rate >= 0 Hz, got ${options.rate}`);
  }
  if (typeof options.weight === 'number' && !Number.isFinite(options.weight)) throw new ConfigError('not-finite', `${p}.weight`, `expected a finite number, got ${options.weight}`);
  return {
    kind: 'poisson-input',
    variable: options.variable,
    n: options.n,
    rate: options.rate,
    weight: options.weight,
    ...(options.stream !== undefined ? { stream: options.stream } : {}),
  };
}
