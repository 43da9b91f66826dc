import type { ModelDefinition } from '@spikeflow/core';

/** A named parameter set of a library model (a firing pattern of a paper) and the input that shows it. */
export interface NeuronPreset {
  /** What the preset shows, e.g. `regular spiking (cortical excitatory)`. */
  readonly doc: string;
  /** Parameter values in the model's units; the rest keep their defaults. */
  readonly parameters: Readonly<Record<string, number>>;
  /** Constant value of the model's drive input that shows the pattern, in the input's unit. */
  readonly drive: number;
}

/**
 * A neuron model of `@spikeflow/neurons`: a {@link ModelDefinition} plus what the docs, the CLI, the
 * gallery and the conformance suite need to drive it without extra code: the paper, the input to
 * drive it with and a range of that input from silent (or slow) to fast firing, and named presets.
 */
export interface NeuronModel extends ModelDefinition {
  readonly kind: 'neuron';
  /** The paper (or course) the equations and defaults come from. */
  readonly reference: string;
  /** The input that drives the model and a constant range of it (in its unit) spanning its f–I curve. */
  readonly drive: {
    /** Name of the input, e.g. `I`. */
    readonly input: string;
    /** Constant values from silent (or slow) to fast firing: the f–I curve's range. */
    readonly range: readonly [number, number];
  };
  /** Named parameter sets, e.g. the firing patterns of the paper. */
  readonly presets?: Readonly<Record<string, NeuronPreset>>;
}

/** True for the library's neuron models (a definition with a drive), e.g. when iterating the package's exports. */
export function isNeuronModel(value: unknown): value is NeuronModel {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<NeuronModel>;
  return m.kind === 'neuron' && typeof m.name === 'string' && typeof m.drive === 'object' && m.drive !== null && typeof m.reference === 'string';
}
