import { ConfigError, type ModelDefinition, type StimulusSource, type ValueSpec } from '@spikeflow/core';
import { finiteNumber, nonNegative, valueSpec } from '../validate.js';
import type { SourceOptions } from './options.js';

/**
 * An Ornstein–Uhlenbeck current, the classic coloured-noise input (Uhlenbeck & Ornstein 1930;
 * Destexhe et al. 2001's "point-conductance" noise is built of two of them):
 *
 *     dI/dt = (mu − I)/tau + sigma·sqrt(2/tau)·xi
 *
 * Stationary: mean mu, standard deviation sigma, autocorrelation exp(−|lag|/tau). Integrated by
 * Euler–Maruyama (`xi` in the model language: one standard-normal draw per neuron and step from
 * the source's counter-based stream, so every backend delivers the same numbers); the discrete
 * process has variance sigma²/(1 − dt/(2·tau)) and lag-k correlation (1 − dt/tau)^k, within
 * O(dt/tau) of the continuous values. I starts at mu + start_offset; each step advances I and
 * then delivers it.
 *
 * @example
 * net.stimulate(exc, { kind: 'model', model: ORNSTEIN_UHLENBECK_CURRENT, parameters: { mu: 0.5, sigma: 0.2, tau: 5 } });
 */
export const ORNSTEIN_UHLENBECK_CURRENT: ModelDefinition = {
  name: 'OrnsteinUhlenbeckCurrent',
  kind: 'current',
  doc: 'Ornstein–Uhlenbeck current dI/dt = (mu - I)/tau + sigma*sqrt(2/tau)*xi: mean mu, std sigma, correlation time tau.',
  parameters: {
    mu: { unit: 'target', doc: 'mean current (the stationary mean)' },
    sigma: { unit: 'target', doc: 'stationary standard deviation (0 = a constant mu)' },
    tau: { unit: 'ms', timeConstant: true, doc: 'correlation time' },
    start_offset: { unit: 'target', default: 0, doc: 'I starts at mu + start_offset' },
  },
  state: {
    I: { unit: 'target', initial: 'mu + start_offset', doc: 'the current delivered' },
  },
  equations: { I: '(mu - I)/tau + sigma*sqrt(2/tau)*xi' },
  integrator: 'euler',
  output: 'I',
};

/** Options of {@link ornsteinUhlenbeckCurrent}. */
export interface OrnsteinUhlenbeckOptions extends SourceOptions {
  /** Mean current, nA: one number, one per neuron, or a distribution drawn once. */
  readonly mu: ValueSpec;
  /** Stationary standard deviation, nA (>= 0). */
  readonly sigma: number;
  /** Correlation time, ms (> 0). */
  readonly tau: number;
  /** The current starts at mu + startOffset, nA (default 0: at the mean). */
  readonly startOffset?: ValueSpec;
}

/**
 * An Ornstein–Uhlenbeck current (see {@link ORNSTEIN_UHLENBECK_CURRENT}): Gaussian noise with
 * mean `mu`, standard deviation `sigma` and correlation time `tau`, independent per neuron.
 *
 * @example
 * net.stimulate(exc, ornsteinUhlenbeckCurrent({ mu: 0.5, sigma: 0.2, tau: 5 }));
 * materialize(ornsteinUhlenbeckCurrent({ mu: 1, sigma: 0.1, tau: 10 }), { steps: 1000, size: 4, dt: 0.1, seed: 1 });
 */
export function ornsteinUhlenbeckCurrent(options: OrnsteinUhlenbeckOptions): StimulusSource {
  const p = 'ornsteinUhlenbeckCurrent';
  const tau = finiteNumber(options.tau, `${p}.tau`);
  if (!(tau > 0)) throw new ConfigError('bad-value', `${p}.tau`, `expected a correlation time > 0 ms, got ${tau}`);
  return {
    kind: 'model',
    model: ORNSTEIN_UHLENBECK_CURRENT,
    parameters: {
      mu: valueSpec(options.mu, `${p}.mu`),
      sigma: nonNegative(options.sigma, `${p}.sigma`),
      tau,
      start_offset: valueSpec(options.startOffset ?? 0, `${p}.startOffset`),
    },
    ...(options.stream !== undefined ? { stream: options.stream } : {}),
  };
}
