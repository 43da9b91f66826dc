/**
 * What each library model is checked against in Brian2 (packages/testing/test/brian2/): the
 * drives, the run, and how closely spike trains must agree. The docs gallery prints these; the
 * test runs them. Both sides take the same steps (same integrator, drive constant over a step), so
 * spike steps agree unless rounding moves a threshold crossing by one step — or, for chaotic
 * firing, by more, which is why some checks compare counts.
 */
export interface Brian2Check {
  /** Constant drive values (the model's drive input, in its unit), one neuron each. */
  readonly drives: readonly number[];
  /** Also run every preset of the model with its own drive. */
  readonly presets?: boolean;
  /** Time step, ms (the same in both simulators). */
  readonly dt: number;
  /** Steps run. */
  readonly steps: number;
  /**
   * `spikes`: same number of spikes per neuron and every spike within `stepTolerance` steps
   * (presets named in `countOnly`: spike counts within that relative tolerance instead);
   * `poisson`: total count within 4 standard deviations of Brian2's and of rate·T.
   */
  readonly compare: 'spikes' | 'poisson';
  /** Largest shift of a spike between spikeflow and Brian2, in steps, with `compare: 'spikes'`. Default 0. */
  readonly stepTolerance?: number;
  /** Presets whose firing is irregular (chaotic): compared by spike count within this relative tolerance. */
  readonly countOnly?: Readonly<Record<string, number>>;
  /** Record v and compare the spike peak (HH): largest v within this many mV. */
  readonly peakTolerance?: number;
}

/** The Brian2 cross-check of each library model, by model name (a model without an entry is reported as unchecked). */
export const BRIAN2_CHECKS: Readonly<Record<string, Brian2Check>> = {
  LIF: { drives: [25, 35, 50, 80], dt: 0.1, steps: 3000, compare: 'spikes', stepTolerance: 0 },
  CubaLIF: { drives: [-5, 0, 5, 15], dt: 0.1, steps: 3000, compare: 'spikes', stepTolerance: 0 },
  ELIF: { drives: [15, 20, 30, 60], dt: 0.1, steps: 3000, compare: 'spikes', stepTolerance: 0 },
  AdaptiveELIF: { drives: [15, 25, 40, 80], dt: 0.1, steps: 3000, compare: 'spikes', stepTolerance: 0 },
  AdEx: { drives: [0.5, 0.8, 1.2, 2], presets: true, dt: 0.1, steps: 5000, compare: 'spikes', stepTolerance: 1, countOnly: { irregular: 0.1 } },
  Izhikevich: { drives: [3, 5, 10, 20], presets: true, dt: 0.1, steps: 3000, compare: 'spikes', stepTolerance: 0 },
  HodgkinHuxley: { drives: [0.3, 0.7, 1, 2], dt: 0.05, steps: 4000, compare: 'spikes', stepTolerance: 0, peakTolerance: 0.01 },
  TraubMiles: { drives: [0, 0.3, 0.8, 1.5], dt: 0.05, steps: 4000, compare: 'spikes', stepTolerance: 0, peakTolerance: 0.01 },
  QIF: { drives: [5, 8, 15, 40], dt: 0.1, steps: 3000, compare: 'spikes', stepTolerance: 0 },
  AdaptiveLIF: { drives: [25, 40, 60, 100], dt: 0.1, steps: 3000, compare: 'spikes', stepTolerance: 0 },
  CobaLIF: { drives: [0.08, 0.15, 0.3, 0.5], dt: 0.1, steps: 3000, compare: 'spikes', stepTolerance: 0 },
  ThetaNeuron: { drives: [-0.05, 0.05, 0.3, 1], dt: 0.1, steps: 3000, compare: 'spikes', stepTolerance: 0 },
  PoissonNeuron: { drives: [0, 0.02, 0.05, 0.1], dt: 0.1, steps: 10000, compare: 'poisson' },
};
