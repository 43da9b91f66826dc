/**
 * A model is one declarative definition — data and expressions, no code. Neuron models,
 * post-synaptic models and current sources are all written this way, and every backend runs
 * them through the same compiler.
 *
 * Units are checked when a model compiles (docs/concepts/units.md). Internal units: time ms, voltage
 * mV, current nA, resistance MΩ, capacitance nF, conductance µS (rates 1/ms). States, inputs and
 * derived values are declared in internal units; a parameter may be declared in any unit (`Hz`,
 * `nS`), and its values — bare numbers in that unit, or strings such as `"6 nS"` — are converted.
 * Synapse models and current sources may write `target` for "the unit of the input they feed".
 */
export interface ParameterSpec {
  readonly unit: string;
  readonly default?: number;
  readonly doc?: string;
  /** Must be > 0 (e.g. a resistance). */
  readonly positive?: boolean;
  /** A time constant: must be > 0, and dt larger than it draws a warning. */
  readonly timeConstant?: boolean;
}

/** A named expression of parameters (and `dt`), computed once on the host, e.g. `tau_m = R*C`. */
export interface DerivedSpec {
  readonly expr: string;
  readonly unit: string;
  readonly doc?: string;
  readonly timeConstant?: boolean;
}

export interface StateSpec {
  readonly unit: string;
  /** A number or an expression of parameters, e.g. `'u_rest'`. */
  readonly initial: number | string;
  readonly doc?: string;
}

export interface InputSpec {
  readonly unit: string;
  readonly doc?: string;
}

export type IntegratorName = 'exact' | 'euler' | 'rk2' | 'rk4';

export interface ModelDefinition {
  readonly name: string;
  /** `neuron` (spikes), `synapse` (post-synaptic state fed by presynaptic spikes), `current` (a source). */
  readonly kind: 'neuron' | 'synapse' | 'current';
  readonly doc?: string;
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  readonly derived?: Readonly<Record<string, DerivedSpec>>;
  readonly state: Readonly<Record<string, StateSpec>>;
  /** Inputs summed each step from stimuli and synapses (neurons only), e.g. `I`. */
  readonly inputs?: Readonly<Record<string, InputSpec>>;
  /** `{ v: '(-(v - u_rest) + R*I) / tau_m' }` reads `dv/dt = (-(v - u_rest) + R*I) / tau_m`. */
  readonly equations?: Readonly<Record<string, string>>;
  /** Discrete statements run every step after integration; may use `rand()`, `randn()`. */
  readonly update?: readonly string[];
  /** Spike condition (neurons). */
  readonly threshold?: string;
  /** Statements run on a spike (neurons). */
  readonly reset?: readonly string[];
  /** Refractory period (an expression of parameters, ms) and the state variables held during it. */
  readonly refractory?: { readonly period: string; readonly clamp: readonly string[] };
  /** Statements run per synapse when its presynaptic neuron spikes; `w` is the weight (synapses). */
  readonly onPre?: readonly string[];
  /** Unit of the weight `w` (synapses); default `target`, the unit of the input the synapse feeds. */
  readonly weight?: { readonly unit: string; readonly doc?: string };
  /** Value delivered each step: a synapse's contribution to its target input, or a source's current. */
  readonly output?: string;
  /** Integrator used unless the population asks for another. */
  readonly integrator?: IntegratorName;
}
