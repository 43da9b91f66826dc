/**
 * Options every random source factory takes.
 *
 * **Streams and clones.** Every random draw of a model source is addressed by
 * (stream, step, neuron, call site), so two sources on the *same stream* running the same model
 * with the same parameters produce identical matrices, whatever population they stimulate and
 * whatever else is in the network. Without `stream` the network uses the stimulus name, so each
 * source is independent. The seed's hand-made "clone of another population's current" is
 * therefore `stream: 'ep1'` on both sources, and its "clone + 20 from the middle on" is the
 * clone plus a second source on the same population:
 *
 * @example
 * const drive = { I_value: 20, scale: 100, gap: 6, rampCount: 1 };
 * net.stimulate(ep1, incrementalStepNoise({ ...drive, stream: 'shared-drive' }));
 * net.stimulate(ep2, incrementalStepNoise({ ...drive, stream: 'shared-drive' })); // identical current
 * net.stimulate(ep2, stepCurrent({ amplitude: 20, start: 5 * 100 * dt }));       // +20 nA from step 500 on
 *
 * Sources of *different* models on one stream share draws at equal call sites too (both
 * `randn()` at site 0, say), which correlates them; name streams per purpose.
 */
export interface SourceOptions {
  /** Stream name; sources with the same name draw identical random numbers. Default: the stimulus name. */
  readonly stream?: string;
}
