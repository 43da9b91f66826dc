import type { NeuronModel } from './library.js';

/**
 * Inhomogeneous Poisson neuron: in each step of dt it spikes with probability (rate + r)·dt,
 * drawn from the counter-based generator (one seed, one result, on every backend):
 *
 *     x = rand()       spike when x < (rate + r)·dt
 *
 * `rate` is a per-neuron parameter (Hz); the input `r` (Hz) adds a time-varying part — an array
 * stimulus gives any rate profile, synapses a rate modulated by other populations. The factor
 * 0.001 turns Hz·ms into a probability. Exact for rate·dt ≪ 1 (the Bernoulli approximation of
 * Brian2's `PoissonGroup`; at rate·dt ≥ 1 it fires every step). Units: Hz, ms.
 *
 * @example
 * net.population('input', { model: PoissonNeuron, size: 1000, parameters: { rate: { uniform: { min: 5, max: 20 } } } });
 */
export const PoissonNeuron: NeuronModel = {
  name: 'PoissonNeuron',
  kind: 'neuron',
  doc: 'Inhomogeneous Poisson spike generator: spikes with probability (rate + r)·dt per step.',
  parameters: {
    rate: { unit: 'Hz', default: 10, doc: 'baseline firing rate (per neuron)' },
  },
  state: { x: { unit: '1', initial: 1, doc: 'this step\'s uniform draw' } },
  inputs: { r: { unit: 'Hz', doc: 'time-varying rate added to the baseline (stimuli and synapses)' } },
  update: ['x = rand()'],
  threshold: 'x < (rate + r) * dt * 0.001',
  reset: [],
  reference: 'Dayan & Abbott (2001) Theoretical Neuroscience, ch. 1.4; Brian2\'s PoissonGroup',
  drive: { input: 'r', range: [0, 200] },
};
