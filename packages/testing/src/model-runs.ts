import { Network, type Backend, type ModelDefinition, type ValueSpec } from '@spikeflow/core';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { isNeuronModel, type NeuronModel } from '@spikeflow/neurons';
import * as neurons from '@spikeflow/neurons';

/**
 * Every neuron model `@spikeflow/neurons` exports, sorted by name: adding a model file and its
 * export line adds it to the conformance suite, the Brian2 cross-checks' coverage test and the
 * gallery, with no list to edit.
 */
export const LIBRARY_MODELS: readonly NeuronModel[] = Object.values(neurons)
  .filter(isNeuronModel)
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** A source that delivers a value in the driven input's own unit: `value` (+ `std`·randn() when noisy). */
export function driveSource(model: NeuronModel, noisy: boolean): ModelDefinition {
  const unit = model.inputs?.[model.drive.input]?.unit ?? '1';
  return {
    name: `${model.name}Drive`,
    kind: 'current',
    doc: `constant${noisy ? ' plus white noise' : ''} drive of ${model.name}.${model.drive.input}`,
    parameters: { value: { unit, default: 0 }, ...(noisy ? { std: { unit, default: 0 } } : {}) },
    state: {},
    output: noisy ? 'value + std * randn()' : 'value',
  };
}

/** Options of {@link runNeurons}: the drive per neuron (its length is the population size), run length, parameters. */
export interface NeuronRunOptions {
  /** Drive per neuron (in the drive input's unit); its length is the population size. */
  readonly drive: readonly number[];
  /** White noise added to the drive each step (same unit); 0 or absent: none. */
  readonly noiseStd?: number;
  /** Model parameters by name (a value, one per neuron, or a distribution); default the model's. */
  readonly parameters?: Readonly<Record<string, ValueSpec>>;
  /** Time step, ms. Default 0.1. */
  readonly dt?: number;
  /** Steps to run. */
  readonly steps: number;
  /** Seed of the network (noise, parameter draws). Default 1. */
  readonly seed?: number;
  /** State variables recorded every step for every neuron. */
  readonly record?: readonly string[];
  /** Backend to run on. Default the CPU backend in float64. */
  readonly backend?: Backend;
}

/** What {@link runNeurons} returns: spike steps per neuron and the recorded states. */
export interface NeuronRun {
  /** Time step, ms. */
  readonly dt: number;
  /** Steps run. */
  readonly steps: number;
  /** Spike steps per neuron. */
  readonly trains: readonly Int32Array[];
  /** Recorded variables: [step][neuron] per name. */
  readonly states: ReadonlyMap<string, readonly Float64Array[]>;
}

/** The network of {@link runNeurons}: one uncoupled population of `model`, driven per neuron. */
export function neuronNetwork(model: NeuronModel, options: NeuronRunOptions) {
  const net = new Network({ dt: options.dt ?? 0.1, seed: options.seed ?? 1 });
  const pop = net.population('p', { model, size: options.drive.length, ...(options.parameters ? { parameters: options.parameters } : {}) });
  const noisy = (options.noiseStd ?? 0) > 0;
  net.stimulate(
    pop,
    { kind: 'model', model: driveSource(model, noisy), parameters: { value: [...options.drive], ...(noisy ? { std: options.noiseStd! } : {}) } },
    { input: model.drive.input },
  );
  const spikes = net.monitor(new SpikeMonitor(pop));
  const states = new Map((options.record ?? []).map((v) => [v, net.monitor(new StateMonitor(pop, v))] as const));
  return {
    /** The network, not yet run. */
    net,
    /** Spike monitor on the population. */
    spikes,
    /** A state monitor per name in `options.record`. */
    states,
  };
}

/**
 * Runs uncoupled neurons of `model`, one per drive value, and returns spike trains and recorded states.
 *
 * @example
 * const run = await runNeurons(LIF, { drive: [25, 50], steps: 3000, record: ['v'] });
 * spikeTimes(run.trains[1]!, run.dt); // ms
 */
export async function runNeurons(model: NeuronModel, options: NeuronRunOptions): Promise<NeuronRun> {
  const { net, spikes, states } = neuronNetwork(model, options);
  await net.run({ steps: options.steps }, options.backend ?? createCpuBackend());
  net.compiled?.dispose();
  const n = options.drive.length;
  const rows = (m: StateMonitor) => {
    const data = m.values();
    return Array.from({ length: m.rows }, (_, s) => Float64Array.from({ length: n }, (_, i) => data.get(s, i)));
  };
  return {
    dt: net.dt,
    steps: options.steps,
    trains: spikes.spikeTrains(),
    states: new Map([...states].map(([k, m]) => [k, rows(m)] as const)),
  };
}

/** Spike times (ms) of a train of steps. */
export const spikeTimes = (train: Int32Array, dt: number): number[] => Array.from(train, (s) => s * dt);
