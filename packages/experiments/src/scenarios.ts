/**
 * The seed report's seven scenarios of the decision network. Each changes only what the report
 * changed: the input currents and the connectivity.
 */
export type InputKind =
  | {
      /** The seed's incremental step noise: ramps of I_value every `gap` × `scale` steps, plus noise. */
      readonly kind: 'incremental';
      /** Ramps end at steps k·gap·scale (the report uses 3, 5 and 6). */
      readonly gap: number;
    }
  | {
      /** The seed's step noise: the base current plus Normal(0, 1) nA per neuron per step. */
      readonly kind: 'step-noise';
    }
  | {
      /** The seed's random walk, starting at 200 nA. */
      readonly kind: 'random-walk';
    }
  | {
      /** No input current. */
      readonly kind: 'zero';
    };

/**
 * The connector of all six connections: `random-normal` (wmean 20, wstd 5), `random-uniform`
 * (wmin 5, wmax 20) or `full` (J = 1), as the report's scenarios use them.
 */
export type ConnectivityKind = 'random-normal' | 'random-uniform' | 'full';

/** One scenario of the seed report (an entry of {@link SCENARIOS}). */
export interface Scenario {
  /** Key in {@link SCENARIOS}, e.g. `default`; what `DecisionOptions.scenario` takes. */
  readonly name: string;
  /** The report's section title. */
  readonly title: string;
  /** What the report observed, in its words (paraphrased). */
  readonly claim: string;
  /** Input current of each population. */
  readonly input: {
    /** Input of the first excitatory population. */
    readonly ep1: InputKind;
    /** Input of the second excitatory population. */
    readonly ep2: InputKind;
    /** Input of the inhibitory population. */
    readonly ip1: InputKind;
  };
  /** All three populations receive the very same current (the report's `torch.clone`). */
  readonly sharedInput?: boolean;
  /** Extra current added to ep2 from the middle of the run on (nA). */
  readonly ep2BoostFromMiddle?: number;
  /** Connector of every connection. */
  readonly connectivity: ConnectivityKind;
}

const incremental = (gap: number): InputKind => ({ kind: 'incremental', gap });
const zero: InputKind = { kind: 'zero' };

/**
 * The report's seven scenarios by name: `default`, `zero-inhibitory-input`, `random-noise`,
 * `uniform-connectivity`, `full-connectivity`, `same-current`, `one-strong-current`.
 *
 * @example
 * SCENARIOS['full-connectivity'].connectivity; // 'full'
 */
export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  default: {
    name: 'default',
    title: 'Walkthrough',
    claim: 'ep1 (slow ramp) and ep2 (fast ramp) compete through ip1; random-normal connectivity.',
    input: { ep1: incremental(5), ep2: incremental(3), ip1: { kind: 'step-noise' } },
    connectivity: 'random-normal',
  },
  'zero-inhibitory-input': {
    name: 'zero-inhibitory-input',
    title: 'Zero current to the inhibitory population',
    claim: 'ip1 still spikes, driven by ep1 and ep2.',
    input: { ep1: incremental(5), ep2: incremental(3), ip1: zero },
    connectivity: 'random-normal',
  },
  'random-noise': {
    name: 'random-noise',
    title: 'Random noise as input',
    claim: 'Periods where ep1 leads alternate with periods where ep2 leads.',
    input: { ep1: { kind: 'random-walk' }, ep2: { kind: 'random-walk' }, ip1: zero },
    connectivity: 'random-normal',
  },
  'uniform-connectivity': {
    name: 'uniform-connectivity',
    title: 'Uniform random connection',
    claim: 'More uniform, more synchronous activity within each population.',
    input: { ep1: incremental(5), ep2: incremental(3), ip1: zero },
    connectivity: 'random-uniform',
  },
  'full-connectivity': {
    name: 'full-connectivity',
    title: 'Fully connected',
    claim: 'Weaker coupling: the inhibitory population spikes less, or not at all.',
    input: { ep1: incremental(5), ep2: incremental(3), ip1: zero },
    connectivity: 'full',
  },
  'same-current': {
    name: 'same-current',
    title: 'Same current as input',
    claim: 'All three populations receive the same incremental current (gap 6).',
    input: { ep1: incremental(6), ep2: incremental(6), ip1: incremental(6) },
    sharedInput: true,
    connectivity: 'random-normal',
  },
  'one-strong-current': {
    name: 'one-strong-current',
    title: 'One strong current',
    claim: 'With +20 to ep2 from the middle on, ip1 can stop ep1 from spiking.',
    input: { ep1: incremental(6), ep2: incremental(6), ip1: incremental(6) },
    sharedInput: true,
    ep2BoostFromMiddle: 20,
    connectivity: 'random-normal',
  },
};

/** The names of {@link SCENARIOS}, in the report's order. */
export const SCENARIO_NAMES = Object.keys(SCENARIOS);
