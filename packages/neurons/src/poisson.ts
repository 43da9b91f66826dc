import type { NeuronModel } from './library.js';

/**
 * Inhomogeneous Poisson neuron: in each step of dt it spikes with probability (rate + r)·dt,
 * drawn from the counter-based generator (one seed, one result, on every backend):
 *
 *     x = rand()       spike when x < (rate + r)·dt
 *
 * `rate` is a per-neuron parameter, given in Hz (a bare number) or with a unit (`"20 Hz"`); it is
 * stored, like every rate, in the internal unit 1/ms (10 Hz = 0.01 /ms). The input `r` adds a
 * time-varying part in 1/ms (an array stimulus of 0.02 adds 20 Hz) — any rate profile, or a rate
 * modulated by other populations through synapses. Exact for rate·dt ≪ 1 (the Bernoulli
 * approximation of Brian2's `PoissonGroup`; at rate·dt ≥ 1 it fires every step).
 *
 * Negative rates are refused when the network is built (`ConfigError`, code `negative-rate`): a
 * negative `rate` of any neuron, and `rate + r` < 0 at any step and neuron of an array stimulus
 * (or at a given event) into `r`. A model source or synapses driving `r` below `-rate` cannot be
 * known before the run; there the neuron simply does not fire (a spike probability ≤ 0).
 *
 * @example
 * net.population('input', { model: PoissonNeuron, size: 1000, parameters: { rate: { uniform: { min: 5, max: 20 } } } });
 */
export const PoissonNeuron: NeuronModel = {
  name: 'PoissonNeuron',
  kind: 'neuron',
  doc: 'Inhomogeneous Poisson spike generator: spikes with probability (rate + r)·dt per step.',
  parameters: {
    rate: { unit: 'Hz', default: 10, nonNegative: true, doc: 'baseline firing rate (per neuron), >= 0' },
  },
  state: { x: { unit: '1', initial: 1, doc: 'this step\'s uniform draw' } },
  inputs: { r: { unit: '1/ms', nonNegativeWith: 'rate', doc: 'time-varying rate added to the baseline, in 1/ms (0.02 = 20 Hz; stimuli and synapses)' } },
  update: ['x = rand()'],
  threshold: 'x < (rate + r) * dt',
  reset: [],
  reference: 'Dayan & Abbott (2001) Theoretical Neuroscience, ch. 1.4; Brian2\'s PoissonGroup',
  drive: { input: 'r', range: [0, 0.2] },
};
