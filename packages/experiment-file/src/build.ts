import { Network, withSpikeTrace, type Connector, type PopulationRef, type StateSink, type StimulusSource, type SynapseSink, type WarningHandler } from '@spikeflow/core';
import {
  fixedIndegreeConnect,
  fixedProbabilityConnect,
  fullConnect,
  oneToOneConnect,
  randomNormalConnect,
  randomUniformConnect,
} from '@spikeflow/connectivity';
import { arrayCurrent, constantCurrent, incrementalStepNoise, ornsteinUhlenbeckCurrent, poissonInput, randomWalkNoise, spikeTimes, stepCurrent, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor, SynapseMonitor, type SpikeMonitorOptions } from '@spikeflow/monitors';
import { durationSteps } from './cross-check.js';
import { ExperimentFileError, validateExperiment } from './parse.js';
import { DEFAULT_REGISTRY, DEFAULT_SYNAPSE, type ModelRegistry } from './registry.js';
import type { ConnectorFile, Experiment, SourceFile, StateMonitorFile, SynapseMonitorFile } from './types.js';

/** A network built from an experiment, with its monitors, ready to run for `steps` steps. */
export interface BuiltExperiment<S extends StateSink = StateMonitor> {
  /** The network, not yet run: call `network.run({ steps }, backend)`. */
  readonly network: Network;
  /** The monitors the file asked for, already attached to `network`; read them after the run. */
  readonly monitors: {
    /** Spike monitors by population name, in the order of `monitors.spikes`. */
    readonly spikes: Readonly<Record<string, SpikeMonitor>>;
    /** State monitors (or the sinks made by `stateSink`) in the order of `monitors.state`. */
    readonly state: readonly S[];
    /** Synapse monitors (in-memory `SynapseMonitor`s, or the sinks made by `synapseSink`) in the order of `monitors.synapses`. */
    readonly synapses: readonly SynapseSink[];
  };
  /** Run length in steps (from `steps`, or `duration / dt`). */
  readonly steps: number;
}

/** Options of {@link buildExperiment}. */
export interface BuildOptions<S extends StateSink = StateMonitor> {
  /** Models the file may name (default `DEFAULT_REGISTRY`: the models of `@spikeflow/neurons` and `@spikeflow/connectivity`). */
  readonly registry?: ModelRegistry;
  /** Receives the network's warnings (e.g. dt larger than a model's smallest time constant); default: printed with `console.warn`. */
  readonly onWarning?: WarningHandler;
  /**
   * Creates the sink for each `monitors.state` entry; default an in-memory `StateMonitor`. The CLI
   * passes streaming file writers here, so long recordings go straight to disk.
   */
  readonly stateSink?: (population: PopulationRef, monitor: StateMonitorFile) => S;
  /**
   * Creates the sink for each `monitors.synapses` entry; default an in-memory `SynapseMonitor`
   * (bounded by its default `maxBytes`). The CLI passes streaming file writers here.
   */
  readonly synapseSink?: (monitor: SynapseMonitorFile) => SynapseSink;
  /** Largest estimated network memory in bytes (core's `NetworkOptions.memoryLimit`; default 4 GiB). */
  readonly memoryLimit?: number;
  /** Options of every spike monitor, e.g. a smaller `maxSpikes` when only a figure needs them. */
  readonly spikeMonitor?: SpikeMonitorOptions;
}

/**
 * Builds the network an experiment describes with the spikeflow packages — populations (with
 * `withSpikeTrace` where asked), connections, stimuli and monitors, in file order, with the same
 * names, so the network's seeded random streams (`population <name>`, `connection <name>`,
 * stimulus streams) are those of the same network written in code. Validates first (throws
 * {@link ExperimentFileError}); runs nothing: pick a backend and call
 * `network.run({ steps }, backend)`.
 *
 * @example
 * const { network, monitors, steps } = buildExperiment(parseExperiment(text, { format: 'yaml' }));
 * await network.run({ steps }, createCpuBackend());
 * monitors.spikes.exc.count;
 */
export function buildExperiment<S extends StateSink = StateMonitor>(experiment: Experiment, options: BuildOptions<S> = {}): BuiltExperiment<S> {
  const registry = options.registry ?? DEFAULT_REGISTRY;
  const checked = validateExperiment(experiment, { registry });
  if (!checked.experiment) throw new ExperimentFileError(checked.issues);
  const e = checked.experiment;
  const steps = e.steps ?? durationSteps(e.duration!, e.dt)!;
  const network = new Network({ dt: e.dt, seed: e.seed, ...(options.onWarning ? { onWarning: options.onWarning } : {}), ...(options.memoryLimit !== undefined ? { memoryLimit: options.memoryLimit } : {}) });

  const refs = new Map<string, PopulationRef>();
  for (const [name, p] of Object.entries(e.populations)) {
    const base = registry.neurons.get(p.model)!;
    const model = p.spikeTrace ? withSpikeTrace(base, { additive: p.spikeTrace.additive, tau: p.spikeTrace.tau, ...(p.spikeTrace.scale !== undefined ? { scale: p.spikeTrace.scale } : {}) }) : base;
    refs.set(
      name,
      network.population(name, {
        model,
        size: p.size,
        ...(p.parameters ? { parameters: p.parameters } : {}),
        ...(p.initial ? { initial: p.initial } : {}),
        ...(p.integrator ? { integrator: p.integrator } : {}),
        ...(p.sign ? { sign: p.sign } : {}),
      }),
    );
  }

  for (const c of e.connections ?? []) {
    network.connect(refs.get(c.pre)!, refs.get(c.post)!, {
      connector: connectorOf(c.connector),
      synapse: registry.synapses.get(c.synapse?.model ?? DEFAULT_SYNAPSE)!,
      ...(c.synapse?.parameters ? { parameters: c.synapse.parameters } : {}),
      ...(c.synapse?.initial ? { initial: c.synapse.initial } : {}),
      ...(c.input !== undefined ? { input: c.input } : {}),
      ...(c.storage !== undefined ? { storage: c.storage } : {}),
      ...(c.delay !== undefined ? { delay: c.delay } : {}),
      ...(c.name !== undefined ? { name: c.name } : {}),
    });
  }

  (e.stimuli ?? []).forEach((s, i) => {
    const source = sourceOf(s.source, e.populations[s.target]!.size, `stimuli[${i}].source`);
    network.stimulate(refs.get(s.target)!, source, { ...(s.name !== undefined ? { name: s.name } : {}), ...(s.input !== undefined ? { input: s.input } : {}) });
  });

  const spikeNames = e.monitors?.spikes === 'all' ? [...refs.keys()] : (e.monitors?.spikes ?? []);
  const spikes = Object.fromEntries(spikeNames.map((name) => [name, network.monitor(new SpikeMonitor(refs.get(name)!, options.spikeMonitor))]));
  const makeState =
    options.stateSink ??
    ((ref: PopulationRef, m: StateMonitorFile) =>
      new StateMonitor(ref, m.variable, {
        ...(m.indices ? { indices: m.indices } : {}),
        ...(m.every !== undefined ? { every: m.every } : {}),
      }) as unknown as S); // S is StateMonitor whenever no stateSink is given
  const state = (e.monitors?.state ?? []).map((m) => network.monitor(makeState(refs.get(m.population)!, m)));
  const makeSynapses = options.synapseSink ?? ((m: SynapseMonitorFile) => new SynapseMonitor(m.connection, synapseOptions(m)));
  const synapses = (e.monitors?.synapses ?? []).map((m) => network.monitor(makeSynapses(m)));
  return { network, monitors: { spikes, state, synapses }, steps };
}

/**
 * The options of a `SynapseMonitor` or `SynapseWriter` for a `monitors.synapses` entry.
 *
 * @example
 * new SynapseMonitor(m.connection, synapseOptions(m));
 */
export function synapseOptions(m: SynapseMonitorFile): { variable?: string; every?: number; indices?: number[]; pairs?: [number, number][] } {
  return {
    ...(m.variable !== undefined ? { variable: m.variable } : {}),
    ...(m.every !== undefined ? { every: m.every } : {}),
    ...(m.indices ? { indices: m.indices } : {}),
    ...(m.pairs ? { pairs: m.pairs } : {}),
  };
}

function connectorOf(c: ConnectorFile): Connector {
  switch (c.type) {
    case 'full': {
      const { type: _t, ...settings } = c;
      return fullConnect(settings);
    }
    case 'random-normal': {
      const { type: _t, ...settings } = c;
      return randomNormalConnect(settings);
    }
    case 'random-uniform': {
      const { type: _t, ...settings } = c;
      return randomUniformConnect(settings);
    }
    case 'fixed-probability': {
      const { type: _t, ...settings } = c;
      return fixedProbabilityConnect(settings);
    }
    case 'fixed-indegree': {
      const { type: _t, ...settings } = c;
      return fixedIndegreeConnect(settings);
    }
    case 'one-to-one': {
      const { type: _t, ...settings } = c;
      return oneToOneConnect(settings);
    }
  }
}

function sourceOf(s: SourceFile, size: number, path: string): StimulusSource {
  const stream = (x: { stream?: string }) => (x.stream !== undefined ? { stream: x.stream } : {});
  switch (s.type) {
    case 'constant':
      return constantCurrent(s.amplitude);
    case 'step':
      return stepCurrent({ amplitude: s.amplitude, start: s.start, ...(s.stop !== undefined ? { stop: s.stop } : {}) });
    case 'step-noise':
      return stepNoise({ I_value: s.I_value, ...(s.std !== undefined ? { std: s.std } : {}), ...stream(s) });
    case 'incremental-step-noise':
      return incrementalStepNoise({
        I_value: s.I_value,
        scale: s.scale,
        gap: s.gap,
        ...(s.rampCount !== undefined ? { rampCount: s.rampCount } : {}),
        ...(s.noise !== undefined ? { noise: s.noise } : {}),
        ...stream(s),
      });
    case 'random-walk':
      return randomWalkNoise({
        ...(s.start !== undefined ? { start: s.start } : {}),
        ...(s.std !== undefined ? { std: s.std } : {}),
        ...(s.sharedStd !== undefined ? { sharedStd: s.sharedStd } : {}),
        ...stream(s),
      });
    case 'ornstein-uhlenbeck':
      return ornsteinUhlenbeckCurrent({ mu: s.mu, sigma: s.sigma, tau: s.tau, ...(s.startOffset !== undefined ? { startOffset: s.startOffset } : {}), ...stream(s) });
    case 'poisson-input':
      return poissonInput({ variable: s.variable, n: s.n, rate: s.rate, weight: s.weight, ...stream(s) });
    case 'spike-times':
      return spikeTimes({ times: s.times, indices: s.indices, ...(s.period !== undefined ? { period: s.period } : {}) }, path);
    case 'array': {
      if (s.rows === undefined) {
        throw new ExperimentFileError([
          { path: `${path}.csv`, message: `CSV current ${JSON.stringify(s.csv)} is not read here (no file access in this build); load the file with loadExperimentFile, or build with buildExperiment, from '@spikeflow/experiment-file/node', or give the current as rows` },
        ]);
      }
      const rows = s.rows;
      return arrayCurrent({ data: rows.flat(), steps: rows.length, size }, `${path}.rows`);
    }
  }
}
