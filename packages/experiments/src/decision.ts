import { ConfigError, Network, withSpikeTrace, type Connector, type PopulationRef, type StimulusSource } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, fullConnect, randomNormalConnect, randomUniformConnect } from '@spikeflow/connectivity';
import { incrementalStepNoise, randomWalkNoise, seedRampCount, stepCurrent, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, type SpikeMonitorOptions } from '@spikeflow/monitors';
import { SCENARIOS, SCENARIO_NAMES, type ConnectivityKind, type InputKind, type Scenario } from './scenarios.js';

/** Settings of the decision network; defaults are the seed report's. */
export interface DecisionOptions {
  /** Name of a scenario in `SCENARIOS` (default `default`); an unknown name throws `ConfigError` listing the known ones. */
  readonly scenario?: string;
  /** Seed of every random choice (connectivity, noise). Default 1. */
  readonly seed?: number;
  /** Neurons per population (seed: 100). */
  readonly size?: number;
  /** Steps to run (seed: `time` = 1000). */
  readonly steps?: number;
  /** Time step in ms (seed: 1). */
  readonly dt?: number;
  /** Steps per displayed "second" (seed: `scale` = 100); also the analysis bin. */
  readonly scale?: number;
  /** Base current I_value in nA (seed: 20). */
  readonly current?: number;
}

/** Defaults of {@link DecisionOptions}: the seed report's settings. */
export const DECISION_DEFAULTS = {
  /** Scenario name. */
  scenario: 'default',
  /** Seed of every random choice. */
  seed: 1,
  /** Neurons per population. */
  size: 100,
  /** Steps to run. */
  steps: 1000,
  /** Time step, ms. */
  dt: 1,
  /** Steps per displayed "second" and per analysis bin. */
  scale: 100,
  /** Base input current I_value, nA. */
  current: 20,
} as const;

/** LIF parameters of every population, from the report: R = 1 MΩ, C = 20 nF, threshold −40 mV. */
export const DECISION_LIF = {
  /** Membrane resistance, MΩ. */
  R: 1,
  /** Membrane capacitance, nF (with R: tau_m = 20 ms). */
  C: 20,
  /** Spike threshold, mV. */
  threshold: -40,
} as const;
/** Spike trace and synapse settings from the report: tau_s = 10 ms, trace_scale = 1, J = 1. */
export const DECISION_SYNAPSE = {
  /** Decay time constant of the synaptic current (`ExpCurrent`'s tau) and of the spike trace, ms. */
  tau: 10,
  /** Jump of the synaptic current per presynaptic spike, in units of the weight (dimensionless); also the trace's increment. */
  trace_scale: 1,
} as const;

/** The decision network as {@link buildDecisionNetwork} returns it, not yet run. */
export interface DecisionNetwork {
  /** The network; run it with `network.run({ steps: options.steps }, backend)`. */
  readonly network: Network;
  /** The scenario it was built for. */
  readonly scenario: Scenario;
  /** The settings used, defaults filled in. */
  readonly options: Required<DecisionOptions>;
  /** The three populations. */
  readonly populations: {
    /** First excitatory population. */
    readonly ep1: PopulationRef;
    /** Second excitatory population. */
    readonly ep2: PopulationRef;
    /** Inhibitory population, driven by ep1 and ep2 and inhibiting both. */
    readonly ip1: PopulationRef;
  };
  /** Spike monitors on the three populations, attached to `network`. */
  readonly spikes: {
    /** Spikes of ep1. */
    readonly ep1: SpikeMonitor;
    /** Spikes of ep2. */
    readonly ep2: SpikeMonitor;
    /** Spikes of ip1. */
    readonly ip1: SpikeMonitor;
  };
}

/**
 * Looks a scenario up by name; throws `ConfigError` (`unknown-scenario`) listing the known ones.
 *
 * @example
 * scenarioByName('random-noise').input.ep1; // { kind: 'random-walk' }
 */
export function scenarioByName(name: string): Scenario {
  const s = Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!s) throw new ConfigError('unknown-scenario', 'scenario', `unknown scenario '${name}'; known: ${SCENARIO_NAMES.join(', ')}`);
  return s;
}

/**
 * Builds the seed's decision network: excitatory ep1 and ep2 and inhibitory ip1 (LIF with
 * additive spike traces), connected E→I, I→E and E→E (self) with exponential-current synapses.
 * Inhibition needs no manual subtraction: ip1 is declared inhibitory. `spikeMonitor` sets the
 * options of the three spike monitors (e.g. a smaller `maxSpikes`). Throws `ConfigError` for an
 * unknown scenario.
 *
 * @example
 * const d = buildDecisionNetwork({ scenario: 'random-noise', seed: 2 });
 * await d.network.run({ steps: d.options.steps }, createCpuBackend());
 * summarizeDecision(d, d.options.steps).winner;
 */
export function buildDecisionNetwork(options: DecisionOptions = {}, spikeMonitor: SpikeMonitorOptions = {}): DecisionNetwork {
  const o = { ...DECISION_DEFAULTS, ...options } as Required<DecisionOptions>;
  const scenario = scenarioByName(o.scenario);
  const net = new Network({ dt: o.dt, seed: o.seed });
  const neuron = withSpikeTrace(LIF, { additive: true, tau: DECISION_SYNAPSE.tau, scale: DECISION_SYNAPSE.trace_scale });
  const pop = (name: string, sign: 'excitatory' | 'inhibitory') =>
    net.population(name, { model: neuron, size: o.size, sign, parameters: { ...DECISION_LIF } });
  const ep1 = pop('ep1', 'excitatory');
  const ep2 = pop('ep2', 'excitatory');
  const ip1 = pop('ip1', 'inhibitory');

  const connector = connectorFor(scenario.connectivity);
  const connect = (pre: PopulationRef, post: PopulationRef) =>
    net.connect(pre, post, { connector, synapse: ExpCurrent, parameters: { ...DECISION_SYNAPSE } });
  connect(ep1, ip1);
  connect(ep2, ip1);
  connect(ip1, ep1);
  connect(ip1, ep2);
  connect(ep1, ep1);
  connect(ep2, ep2);

  // Same stream name → same random numbers: the report's torch.clone of one current.
  const stream = (name: string) => (scenario.sharedInput ? 'shared-input' : `input:${name}`);
  for (const [name, ref] of [['ep1', ep1], ['ep2', ep2], ['ip1', ip1]] as const) {
    const source = inputSource(scenario.input[name], o, stream(name));
    if (source) net.stimulate(ref, source, { name: `I_${name}` });
  }
  if (scenario.ep2BoostFromMiddle) {
    net.stimulate(ep2, stepCurrent({ amplitude: scenario.ep2BoostFromMiddle, start: Math.floor(o.steps / 2) * o.dt }), { name: 'I_ep2_boost' });
  }
  const spikes = {
    ep1: net.monitor(new SpikeMonitor(ep1, spikeMonitor)),
    ep2: net.monitor(new SpikeMonitor(ep2, spikeMonitor)),
    ip1: net.monitor(new SpikeMonitor(ip1, spikeMonitor)),
  };
  return { network: net, scenario, options: o, populations: { ep1, ep2, ip1 }, spikes };
}

function connectorFor(kind: ConnectivityKind): Connector {
  switch (kind) {
    case 'random-normal':
      return randomNormalConnect({ wmean: 20, wstd: 5, J: 1 });
    case 'random-uniform':
      return randomUniformConnect({ wmin: 5, wmax: 20, J: 1 });
    case 'full':
      return fullConnect({ J: 1 });
  }
}

function inputSource(input: InputKind, o: Required<DecisionOptions>, stream: string): StimulusSource | undefined {
  switch (input.kind) {
    case 'zero':
      return undefined;
    case 'step-noise':
      return stepNoise({ I_value: o.current, stream });
    case 'random-walk':
      return randomWalkNoise({ stream });
    case 'incremental':
      return incrementalStepNoise({ I_value: o.current, scale: o.scale, gap: input.gap, rampCount: seedRampCount(o.steps, o.scale, input.gap), stream });
  }
}
