/**
 * @spikeflow/testing — the backend conformance suite. Reference networks (the decision network
 * with constant currents, a CUBA-style E/I network, a noisy E/I network, STDP networks), their seeds and the
 * tolerances, and the comparisons every backend's tests call, with the CPU backend (f64 and f32)
 * as the reference.
 *
 * @example
 * import { checkConformance, conformanceFailures } from '@spikeflow/testing';
 * const report = await checkConformance(await createWebGpuBackend());
 * expect(conformanceFailures(report)).toEqual([]);
 */
export * from './networks.js';
export * from './plastic-networks.js';
export * from './conformance.js';
export * from './finite.js';
export * from './model-runs.js';
export * from './brian2-checks.js';
export * from './firing-pattern.js';
export * from './model-networks.js';
export * from './checkpoint.js';
