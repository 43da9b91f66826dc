import { streamId, type BuiltNetwork, type BuiltPopulation, type ModelInstance } from '@spikeflow/core';

/** State arrays of one population and of the stimuli and synapses that feed it. */
export interface PopulationBuffers {
  readonly state: Map<string, Float64Array>;
  /** Last step of the current refractory period per neuron (−1: none). */
  readonly refractoryUntil: Float64Array;
  /** Stimulus index → its state arrays. */
  readonly stimulusState: Map<number, Map<string, Float64Array>>;
  /** Connection index → its post-synaptic state arrays. */
  readonly synapseState: Map<number, Map<string, Float64Array>>;
  /** Random stream of the neuron model's own draws. */
  readonly stream: number;
  /** Indices of this step's spikes. */
  readonly spikes: Int32Array;
  spikeCount: number;
}

const initialState = (inst: ModelInstance) => new Map([...inst.initial].map(([k, v]) => [k, Float64Array.from(v)]));

/** Allocates every state array once; the step loop never allocates. */
export function allocateBuffers(net: BuiltNetwork): Map<string, PopulationBuffers> {
  const out = new Map<string, PopulationBuffers>();
  for (const p of net.populations) out.set(p.name, populationBuffers(p));
  net.stimuli.forEach((s, k) => {
    if (s.kind === 'model') out.get(s.population)!.stimulusState.set(k, initialState(s.instance));
  });
  net.connections.forEach((c, k) => out.get(c.post)!.synapseState.set(k, initialState(c.synapse)));
  return out;
}

function populationBuffers(p: BuiltPopulation): PopulationBuffers {
  const n = p.instance.size;
  return {
    state: initialState(p.instance),
    refractoryUntil: new Float64Array(n).fill(-1),
    stimulusState: new Map(),
    synapseState: new Map(),
    stream: streamId(`population:${p.name}`),
    spikes: new Int32Array(n),
    spikeCount: 0,
  };
}
