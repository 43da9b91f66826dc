import { ConfigError } from '../errors.js';
import type { ModelDefinition } from './definition.js';

/** Options of {@link withSpikeTrace}. */
export interface SpikeTraceOptions {
  /** `true`: trace += scale on a spike (the seed's additive trace); `false`: trace is set to 1. */
  readonly additive: boolean;
  /** Decay time constant in ms (the seed's tau_s). */
  readonly tau: number;
  /** Added on each spike when additive (the seed's trace_scale). */
  readonly scale?: number;
}

/**
 * Adds the seed's per-neuron spike trace to any neuron model: a state `trace` decaying with
 * `tau_trace` (trace ← trace·exp(−dt/tau_trace) each step) and bumped on each spike.
 * A model transformation, so every backend runs it with no extra code.
 *
 * @throws ConfigError when `model` is not a neuron model or already has a state `trace`.
 * @example
 * const traced = withSpikeTrace(LIF, { additive: true, tau: 20 }); // name 'LIF+trace'
 * net.monitor(new StateMonitor(net.population('p', { model: traced, size: 10 }), 'trace'));
 */
export function withSpikeTrace(model: ModelDefinition, options: SpikeTraceOptions): ModelDefinition {
  if (model.kind !== 'neuron') throw new ConfigError('bad-model', `model ${model.name}`, 'spike traces apply to neuron models');
  if ('trace' in model.state) throw new ConfigError('duplicate-name', `model ${model.name}`, "already has a state variable 'trace'");
  return {
    ...model,
    name: `${model.name}+trace`,
    parameters: {
      ...model.parameters,
      tau_trace: { unit: 'ms', default: options.tau, timeConstant: true, doc: 'spike-trace decay time constant' },
      trace_scale: { unit: '1', default: options.scale ?? 1, doc: 'added to the trace on each spike (additive traces)' },
    },
    state: { ...model.state, trace: { unit: '1', initial: 0, doc: 'spike trace' } },
    equations: { ...model.equations, trace: '-trace / tau_trace' },
    reset: [...(model.reset ?? []), options.additive ? 'trace += trace_scale' : 'trace = 1'],
  };
}
