import type { NeuronModel } from './library.js';

/**
 * Theta neuron (Ermentrout & Kopell 1986), the phase form of the quadratic integrate-and-fire:
 *
 *     tau·dtheta/dt = (1 - cos(theta)) + (1 + cos(theta))·I
 *
 * spike when theta >= pi, then theta -= 2·pi. For I < 0 the phase rests at a stable fixed point;
 * for I > 0 it rotates, with period pi·tau/sqrt(I) — the square-root f–I curve of type I
 * excitability. rk4: smooth and bounded (the phase never blows up as v does in the QIF).
 * Units: ms; theta and I are dimensionless.
 *
 * @example
 * net.population('theta', { model: ThetaNeuron, size: 100 });
 */
export const ThetaNeuron: NeuronModel = {
  name: 'ThetaNeuron',
  kind: 'neuron',
  doc: 'Theta neuron (Ermentrout & Kopell 1986): the phase form of the QIF.',
  parameters: { tau: { unit: 'ms', default: 10, timeConstant: true, doc: 'time constant' } },
  state: { theta: { unit: '1', initial: 0, doc: 'phase' } },
  inputs: { I: { unit: '1', doc: 'excitability (negative: resting, positive: oscillating)' } },
  equations: { theta: '((1 - cos(theta)) + (1 + cos(theta)) * I) / tau' },
  threshold: 'theta >= pi',
  reset: ['theta -= 2 * pi'],
  integrator: 'rk4',
  reference: 'Ermentrout & Kopell (1986) SIAM J Appl Math 46:233–253',
  drive: { input: 'I', range: [-0.1, 1] },
};
