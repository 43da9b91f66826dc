/**
 * Models for the tests of random draws in synapse models (CPU and WebGPU): a probe neuron that
 * copies each of its inputs into a state every step, synapse models that draw in their `update`
 * statements and `output` (allowed: per postsynaptic neuron, step and site, one stream per
 * connection), and synapse models that draw per synapse (`onPre`, `plasticity.onPost`, `summed`,
 * reward statements: refused by `compileModel`).
 * (Plain objects, as test-support resolves no workspace package.)
 *
 * @example
 * net.connect(src, probe, { connector: fullConnect({ J: 0 }), synapse: RandOutput, input: 'J', name: 'u1' });
 */

/** Records inputs I, J, K, L, M into states x, y, z, q, r every step; never spikes. */
export const Probe = {
  name: 'Probe',
  kind: 'neuron' as const,
  parameters: {},
  state: { x: { unit: 'nA', initial: 0 }, y: { unit: 'nA', initial: 0 }, z: { unit: 'nA', initial: 0 }, q: { unit: 'nA', initial: 0 }, r: { unit: 'nA', initial: 0 } },
  inputs: { I: { unit: 'nA' }, J: { unit: 'nA' }, K: { unit: 'nA' }, L: { unit: 'nA' }, M: { unit: 'nA' } },
  update: ['x = I', 'y = J', 'z = K', 'q = L', 'r = M'],
  threshold: '0 > 1',
};

const scale = { s: { unit: 'target', default: 1 } };

/** Draws a normal number per postsynaptic neuron in its update (site 0) and outputs it the next step. */
export const RandUpdate = {
  name: 'RandUpdate',
  kind: 'synapse' as const,
  parameters: scale,
  state: { g: { unit: 'target', initial: 0 } },
  update: ['g = s * randn()'],
  onPre: ['g += w'],
  output: 'g',
};

/** Outputs a uniform draw per postsynaptic neuron and step (site 0). */
export const RandOutput = { name: 'RandOutput', kind: 'synapse' as const, parameters: scale, state: { g: { unit: 'target', initial: 0 } }, onPre: ['g += w'], output: 's * rand()' };

/** Outputs one uniform draw per step shared by every postsynaptic neuron (site 0). */
export const SharedOutput = { name: 'SharedOutput', kind: 'synapse' as const, parameters: scale, state: { g: { unit: 'target', initial: 0 } }, onPre: ['g += w'], output: 's * rand_shared()' };

/** A plastic synapse model (its own kernels for events) whose output draws a uniform per postsynaptic neuron and step (site 0). */
export const PlasticRandOutput = { ...RandOutput, name: 'PlasticRandOutput', plasticity: { onPost: ['w = w'] } };

const refusedBase = { kind: 'synapse' as const, parameters: {}, state: { g: { unit: 'target', initial: 0 } }, output: 'g' };

/** Synapse models that draw per synapse, by the field that draws: each is refused when compiled. */
export const refusedModels = {
  onPre: { ...refusedBase, name: 'RandOnPre', onPre: ['g += w * rand()'] },
  'plasticity.onPost': { ...refusedBase, name: 'RandOnPost', onPre: ['g += w'], plasticity: { onPost: ['w = w * randn()'] } },
  summed: { name: 'RandSummed', kind: 'synapse' as const, parameters: {}, state: {}, summed: 'w * rand()' },
  'plasticity.reward': { ...refusedBase, name: 'RandReward', onPre: ['g += w'], plasticity: { reward: { unit: '1', statements: ['w = w * rand()'] } } },
};
