/**
 * The decision network of `@spikeflow/experiments`, built from playground settings so that the
 * weights, connectivity and per-population currents can be changed as well as the scenario.
 * With a scenario's default settings it is the very network `buildDecisionNetwork` builds (same
 * names, streams and connection order, hence the same spikes); `test/playground-network.test.ts`
 * checks that for every scenario.
 */
import { Network, withSpikeTrace, type Connector, type WarningHandler, type PopulationRef, type Sign, type StimulusSource } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, fullConnect, randomNormalConnect, randomUniformConnect } from '@spikeflow/connectivity';
import { incrementalStepNoise, randomWalkNoise, seedRampCount, stepCurrent, stepNoise } from '@spikeflow/stimuli';
import { DECISION_LIF, DECISION_SYNAPSE } from '@spikeflow/experiments';
import { POPULATIONS, validateSettings, type DecisionSettings, type InputSetting, type PopulationName } from './settings.js';

export interface PlaygroundPopulation {
  readonly name: PopulationName;
  readonly ref: PopulationRef;
  readonly sign: Sign;
}

export interface PlaygroundNetwork {
  readonly network: Network;
  readonly settings: DecisionSettings;
  readonly populations: readonly PlaygroundPopulation[];
}

/** Builds (does not run) the decision network described by `settings` (validated here again). */
export function buildPlaygroundNetwork(input: DecisionSettings, onWarning?: WarningHandler): PlaygroundNetwork {
  const s = validateSettings(input);
  const net = new Network({ dt: s.dt, seed: s.seed, ...(onWarning ? { onWarning } : {}) });
  const neuron = withSpikeTrace(LIF, { additive: true, tau: s.tau, scale: DECISION_SYNAPSE.trace_scale });
  const signs: Record<PopulationName, Sign> = { ep1: 'excitatory', ep2: 'excitatory', ip1: 'inhibitory' };
  const refs = {} as Record<PopulationName, PopulationRef>;
  for (const name of POPULATIONS) {
    refs[name] = net.population(name, { model: neuron, size: s.size, sign: signs[name], parameters: { ...DECISION_LIF } });
  }

  const connector = connectorFor(s);
  const synapse = { tau: s.tau, trace_scale: DECISION_SYNAPSE.trace_scale };
  const pairs: [PopulationName, PopulationName][] = [
    ['ep1', 'ip1'],
    ['ep2', 'ip1'],
    ['ip1', 'ep1'],
    ['ip1', 'ep2'],
    ['ep1', 'ep1'],
    ['ep2', 'ep2'],
  ];
  for (const [pre, post] of pairs) net.connect(refs[pre], refs[post], { connector, synapse: ExpCurrent, parameters: { ...synapse } });

  for (const stimulus of decisionStimuli(s)) net.stimulate(refs[stimulus.population], stimulus.source, { name: stimulus.name });
  return { network: net, settings: s, populations: POPULATIONS.map((name) => ({ name, ref: refs[name], sign: signs[name] })) };
}

/** One input current of the decision network: its target, source (with its stream) and name. */
export interface DecisionStimulus {
  readonly population: PopulationName;
  readonly name: string;
  readonly source: StimulusSource;
}

/**
 * The input currents of the decision network, in the order they are attached. Each source names
 * its stream, so `materialize` from `@spikeflow/stimuli` reproduces exactly what a run receives.
 */
export function decisionStimuli(s: DecisionSettings): DecisionStimulus[] {
  const out: DecisionStimulus[] = [];
  // Same stream name → same random numbers: the report's torch.clone of one current.
  const stream = (name: string) => (s.sharedInput ? 'shared-input' : `input:${name}`);
  for (const name of POPULATIONS) {
    const source = inputSource(s.inputs[name], s, stream(name));
    if (source) out.push({ population: name, name: `I_${name}`, source });
  }
  if (s.ep2Boost !== 0) {
    out.push({ population: 'ep2', name: 'I_ep2_boost', source: stepCurrent({ amplitude: s.ep2Boost, start: Math.floor(s.steps / 2) * s.dt }) });
  }
  return out;
}

function connectorFor(s: DecisionSettings): Connector {
  switch (s.connectivity) {
    case 'random-normal':
      return randomNormalConnect({ wmean: s.wmean, wstd: s.wstd, J: s.J });
    case 'random-uniform':
      return randomUniformConnect({ wmin: s.wmin, wmax: s.wmax, J: s.J });
    case 'full':
      return fullConnect({ J: s.J });
  }
}

function inputSource(input: InputSetting, s: DecisionSettings, stream: string): StimulusSource | undefined {
  switch (input.kind) {
    case 'zero':
      return undefined;
    case 'step-noise':
      return stepNoise({ I_value: s.current, stream });
    case 'random-walk':
      return randomWalkNoise({ stream });
    case 'incremental':
      return incrementalStepNoise({ I_value: s.current, scale: s.scale, gap: input.gap, rampCount: seedRampCount(s.steps, s.scale, input.gap), stream });
  }
}
