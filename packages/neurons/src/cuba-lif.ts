import type { NeuronModel } from './library.js';

/**
 * Current-based LIF neuron of the CUBA benchmark (Brette et al. 2007; Brian2's `CUBA.py`), with
 * the synaptic inputs already in millivolts (a current times the membrane resistance):
 *
 *     dv/dt = (ge + gi - (v - v_rest)) / tau_m        spike when v > v_th, then v = v_reset
 *
 * held at v_reset for `t_ref` ms after a spike. `ge` and `gi` are two named inputs, summed each
 * step from the synapses that feed them — in CUBA, `ExpCurrent` synapses with tau 5 ms (onto `ge`,
 * weight 1.62 mV) and 10 ms (onto `gi`, weight 9 mV from an inhibitory population). Units: mV, ms.
 * Defaults are CUBA's: v_rest −49 mV (above threshold: neurons fire without input), threshold
 * −50 mV, reset −60 mV, tau_m 20 ms, refractory 5 ms.
 *
 * @example
 * const exc = net.population('exc', { model: CubaLIF, size: 3200, initial: { v: { uniform: { min: -60, max: -50 } } } });
 * net.connect(exc, exc, { connector: fixedProbabilityConnect({ p: 0.02, weight: 1.62 }), synapse: ExpCurrent, parameters: { tau: 5 }, input: 'ge' });
 */
export const CubaLIF: NeuronModel = {
  name: 'CubaLIF',
  kind: 'neuron',
  doc: 'Current-based LIF neuron of the CUBA benchmark: v in mV, synaptic inputs ge and gi in mV.',
  parameters: {
    tau_m: { unit: 'ms', default: 20, timeConstant: true, doc: 'membrane time constant' },
    v_rest: { unit: 'mV', default: -49, doc: 'resting potential (El)' },
    v_reset: { unit: 'mV', default: -60, doc: 'potential after a spike (Vr)' },
    v_th: { unit: 'mV', default: -50, doc: 'spike threshold (Vt); spikes when v > v_th' },
    t_ref: { unit: 'ms', default: 5, doc: 'absolute refractory period' },
  },
  state: { v: { unit: 'mV', initial: 'v_reset', doc: 'membrane potential' } },
  inputs: {
    ge: { unit: 'mV', doc: 'excitatory synaptic input' },
    gi: { unit: 'mV', doc: 'inhibitory synaptic input (negative)' },
  },
  equations: { v: '(ge + gi - (v - v_rest)) / tau_m' },
  threshold: 'v > v_th',
  reset: ['v = v_reset'],
  refractory: { period: 't_ref', clamp: ['v'] },
  integrator: 'exact',
  reference: 'Brette et al. (2007) Simulation of networks of spiking neurons: a review of tools and strategies, J Comput Neurosci 23:349–398 (CUBA benchmark)',
  drive: { input: 'ge', range: [-5, 15] },
};
