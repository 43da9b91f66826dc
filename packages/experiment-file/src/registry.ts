import type { ModelDefinition } from '@spikeflow/core';
import * as neurons from '@spikeflow/neurons';
import { AlphaConductance, AlphaCurrent, BiExpConductance, DeltaSynapse, ExpConductance, ExpCurrent, GapJunction, NmdaSynapse, RewardStdp, StdpAdditive, StdpMultiplicative, TsodyksMarkram } from '@spikeflow/connectivity';

/**
 * The models an experiment file may name. Files refer to models only by name; a name outside the
 * registry is an error, and no file can define a model or an expression (this version has no
 * inline models).
 *
 * @example
 * const registry: ModelRegistry = { neurons: new Map([['LIF', LIF]]), synapses: new Map([['ExpCurrent', ExpCurrent]]) };
 */
export interface ModelRegistry {
  /** Neuron models by name (`kind: 'neuron'`). */
  readonly neurons: ReadonlyMap<string, ModelDefinition>;
  /** Post-synaptic models by name (`kind: 'synapse'`). */
  readonly synapses: ReadonlyMap<string, ModelDefinition>;
}

function isModel(value: unknown): value is ModelDefinition {
  return typeof value === 'object' && value !== null && typeof (value as ModelDefinition).name === 'string' && typeof (value as ModelDefinition).kind === 'string';
}

/**
 * Every neuron model exported by `@spikeflow/neurons`, by its `name`, sorted by name.
 *
 * @example
 * NEURON_MODELS.get('LIF'); // the LIF definition
 */
export const NEURON_MODELS: ReadonlyMap<string, ModelDefinition> = new Map(
  (Object.values(neurons) as unknown[])
    .filter(isModel)
    .filter((m) => m.kind === 'neuron')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((m) => [m.name, m] as const),
);

/**
 * The synapse models of `@spikeflow/connectivity`: `ExpCurrent` (the seed's trace current),
 * `AlphaCurrent`, the conductance synapses `ExpConductance`, `AlphaConductance` and
 * `BiExpConductance`, the voltage-jump synapse `DeltaSynapse` (`v_post += w`), the plastic
 * (STDP) synapses `StdpAdditive` and `StdpMultiplicative`, Tsodyks–Markram short-term plasticity
 * `TsodyksMarkram`, reward-modulated STDP `RewardStdp` (rewards are delivered through the CPU
 * simulation's `deliverReward`), the gap junction `GapJunction` (`w·(v_pre − v_post)` summed
 * every step) and the saturating NMDA synapse `NmdaSynapse` (clock-driven per-synapse g_syn and x,
 * `w·g_syn·(E − v_post)` summed every step).
 *
 * @example
 * SYNAPSE_MODELS.get('ExpCurrent');
 */
export const SYNAPSE_MODELS: ReadonlyMap<string, ModelDefinition> = new Map([
  [ExpCurrent.name, ExpCurrent],
  [AlphaCurrent.name, AlphaCurrent],
  [ExpConductance.name, ExpConductance],
  [AlphaConductance.name, AlphaConductance],
  [BiExpConductance.name, BiExpConductance],
  [DeltaSynapse.name, DeltaSynapse],
  [StdpAdditive.name, StdpAdditive],
  [StdpMultiplicative.name, StdpMultiplicative],
  [TsodyksMarkram.name, TsodyksMarkram],
  [RewardStdp.name, RewardStdp],
  [GapJunction.name, GapJunction],
  [NmdaSynapse.name, NmdaSynapse],
]);

/** The registry used when none is given. */
export const DEFAULT_REGISTRY: ModelRegistry = { neurons: NEURON_MODELS, synapses: SYNAPSE_MODELS };

/** The synapse model used by a connection that names none. */
export const DEFAULT_SYNAPSE = 'ExpCurrent';
