import { ConfigError, Network, withSpikeTrace, type Connector, type PopulationRef, type StimulusSource } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, fullConnect, randomNormalConnect, randomUniformConnect } from '@spikeflow/connectivity';
import { incrementalStepNoise, randomWalkNoise, seedRampCount, stepCurrent, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, type SpikeMonitorOptions } from '@spikeflow/monitors';
import { SCENARIOS, SCENARIO_NAMES, type ConnectivityKind, type InputKind, type Scenario } from './scenarios.js';

/** Settings of the decision network; defaults are the seed report's. */
export interface DecisionOptions {
  readonly scenario?: string;
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

export const DECISION_DEFAULTS = { scenario: 'default', seed: 1, size: 100, steps: 1000, dt: 1, scale: 100, current: 20 } as const;

/** LIF parameters of every population, from the report: R = 1 MΩ, C = 20 nF, threshold −40 mV. */
export const DECISION_LIF = { R: 1, C: 20, threshold: -40 } as const;
/** Spike trace and synapse settings from the report: tau_s = 10 ms, trace_scale = 1, J = 1. */
export const DECISION_SYNAPSE = { tau: 10, trace_scale: 1 } as const;

export interface DecisionNetwork {
  readonly network: Network;
  readonly scenario: Scenario;
  readonly options: Required<DecisionOptions>;
  readonly populations: { readonly ep1: PopulationRef; readonly ep2: PopulationRef; readonly ip1: PopulationRef };
  readonly spikes: { readonly ep1: SpikeMonitor; readonly ep2: SpikeMonitor; readonly ip1: SpikeMonitor };
}

/** Looks a scenario up by name, with an error listing the known ones. */
export function scenarioByName(name: string): Scenario {
  const s = Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!s) throw new ConfigError('unknown-scenario', 'scenario', `unknown scenario '${name}'; known: ${SCENARIO_NAMES.join(', ')}`);
  return s;
}

/**
 * Builds the seed's decision network: excitatory ep1 and ep2 and inhibitory ip1 (LIF with
 * additive spike traces), connected E→I, I→E and E→E (self) with exponential-current synapses.
 * Inhibition needs no manual subtraction: ip1 is declared inhibitory. `spikeMonitor` sets the
 * options of the three spike monitors (e.g. a smaller `maxSpikes`).
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
