import { streamId, type BuiltNetwork, type BuiltPopulation, type ModelInstance } from '@spikeflow/core';
import type { Precision } from './precision.js';

/** A state or data array in the simulation's number format. */
export type Values = Float64Array | Float32Array;

/** State arrays of one population and of the stimuli and synapses that feed it. */
export interface PopulationBuffers {
  readonly state: Map<string, Values>;
  /** Last step of the current refractory period per neuron (−1: none). */
  readonly refractoryUntil: Float64Array;
  /** Stimulus index → its state arrays. */
  readonly stimulusState: Map<number, Map<string, Values>>;
  /** Connection index → its post-synaptic state arrays. */
  readonly synapseState: Map<number, Map<string, Values>>;
  /** Random stream of the neuron model's own draws. */
  readonly stream: number;
  /** Indices of this step's spikes. */
  readonly spikes: Int32Array;
  spikeCount: number;
}

/** Fresh state arrays holding an instance's initial values, in the given format. */
export const initialState = (inst: ModelInstance, fmt: Precision): Map<string, Values> =>
  new Map([...inst.initial].map(([k, v]) => [k, fmt.convert(Float64Array.from(v))]));

/** Allocates every state array once; the step loop never allocates. */
export function allocateBuffers(net: BuiltNetwork, fmt: Precision): Map<string, PopulationBuffers> {
  const out = new Map<string, PopulationBuffers>();
  for (const p of net.populations) out.set(p.name, populationBuffers(p, fmt));
  net.stimuli.forEach((s, k) => {
    if (s.kind === 'model') out.get(s.population)!.stimulusState.set(k, initialState(s.instance, fmt));
  });
  net.connections.forEach((c, k) => out.get(c.post)!.synapseState.set(k, initialState(c.synapse, fmt)));
  return out;
}

function populationBuffers(p: BuiltPopulation, fmt: Precision): PopulationBuffers {
  const n = p.instance.size;
  return {
    state: initialState(p.instance, fmt),
    refractoryUntil: new Float64Array(n).fill(-1),
    stimulusState: new Map(),
    synapseState: new Map(),
    stream: streamId(`population:${p.name}`),
    spikes: new Int32Array(n),
    spikeCount: 0,
  };
}
