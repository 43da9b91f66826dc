/**
 * The seed report's seven scenarios of the decision network. Each changes only what the report
 * changed: the input currents and the connectivity.
 */
export type InputKind =
  | { readonly kind: 'incremental'; readonly gap: number }
  | { readonly kind: 'step-noise' }
  | { readonly kind: 'random-walk' }
  | { readonly kind: 'zero' };

export type ConnectivityKind = 'random-normal' | 'random-uniform' | 'full';

export interface Scenario {
  readonly name: string;
  /** The report's section title. */
  readonly title: string;
  /** What the report observed, in its words (paraphrased). */
  readonly claim: string;
  readonly input: { readonly ep1: InputKind; readonly ep2: InputKind; readonly ip1: InputKind };
  /** All three populations receive the very same current (the report's `torch.clone`). */
  readonly sharedInput?: boolean;
  /** Extra current added to ep2 from the middle of the run on (nA). */
  readonly ep2BoostFromMiddle?: number;
  readonly connectivity: ConnectivityKind;
}

const incremental = (gap: number): InputKind => ({ kind: 'incremental', gap });
const zero: InputKind = { kind: 'zero' };

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

export const SCENARIO_NAMES = Object.keys(SCENARIOS);
