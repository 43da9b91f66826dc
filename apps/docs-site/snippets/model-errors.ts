// Mistakes in a model are caught when it is compiled, with the model, the field and the token
// (and, for units, both units).
import { compileModel } from '@spikeflow/core/backend';
import { AdaptiveLIF } from './adaptive-lif.js';

const typo = { ...AdaptiveLIF, equations: { ...AdaptiveLIF.equations, v: '(-(v - E_rest) + R * (I - I_a)) / tau_m' } };
const code = { ...AdaptiveLIF, threshold: 'globalThis.alert(1)' };
const units = { ...AdaptiveLIF, threshold: 'v >= t_ref' };
const nonlinear = { ...AdaptiveLIF, equations: { ...AdaptiveLIF.equations, v: '(-(v - E_L) + R * (I - I_a)) / tau_m + (0.01/ms/mV) * v * v' } };
for (const model of [typo, code, units, nonlinear]) {
  try {
    compileModel(model);
  } catch (error) {
    console.log((error as Error).message);
  }
}
// The nonlinear equation is fine with an explicit integrator:
console.log(compileModel(nonlinear, 'rk4').integrator);
