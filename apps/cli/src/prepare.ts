import { existsSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Network, PopulationRef, Sign, StateSink, SynapseSink } from '@spikeflow/core';
import { SpikeCounter, type SpikeMonitor } from '@spikeflow/monitors';
import { buildDecisionNetwork, scenarioByName, summarizeDecision } from '@spikeflow/experiments';
import { DEFAULT_BIN_STEPS, summarizeExperiment, type Experiment, type SynapseMonitorFile } from '@spikeflow/experiment-file';
import { buildExperiment, loadExperimentFile } from '@spikeflow/experiment-file/node';

/** A requested state recording, before a sink is chosen for it. */
export interface StateRequest {
  readonly population: PopulationRef;
  readonly variable: string;
  readonly indices?: readonly number[];
  readonly every: number;
}

/** Everything `spikeflow run` needs, whether the experiment is built in or a file. */
export interface PreparedRun {
  /** For messages and the figure title. */
  readonly title: string;
  readonly network: Network;
  readonly steps: number;
  readonly binSteps: number;
  readonly populations: readonly (PopulationRef & { readonly sign: Sign })[];
  /**
   * In-memory spike monitors for the figure, capped at {@link FIGURE_SPIKE_CAP} spikes each (a
   * truncated one means the raster would be cut). Summaries never read them.
   */
  readonly spikes: Readonly<Record<string, SpikeMonitor>>;
  /** Spikes per `binSteps` bin of every population in `spikes`, counted during the run (constant memory per bin). */
  readonly counts: Readonly<Record<string, SpikeCounter>>;
  /** Backend the experiment asks for, if any (the CLI flag wins). */
  readonly backend?: 'cpu' | 'webgpu';
  /** Summary after `steps` steps have run. */
  summarize(steps: number): object;
}

export interface DecisionFlags {
  readonly scenario: string;
  readonly seed?: number;
  readonly steps?: number;
  readonly size?: number;
  readonly dt?: number;
  /** Largest estimated network memory, GiB (experiment files; default core's 4 GiB). */
  readonly maxMemory?: number;
}

/**
 * Spikes a figure's monitor keeps per population: one more than a raster can show
 * (`MAX_FIGURE_SPIKES`), so a full monitor means the raster would be cut.
 */
export const FIGURE_SPIKE_CAP = 300_001;

/** A counter per monitored population, attached to the network, for the summary. */
function countersFor(network: Network, monitors: Readonly<Record<string, SpikeMonitor>>, binSteps: number): Record<string, SpikeCounter> {
  const refs = new Map(network.populations.map((p) => [p.name, p]));
  return Object.fromEntries(Object.keys(monitors).map((name) => [name, network.monitor(new SpikeCounter(refs.get(name)!, { binSteps }))]));
}

const isFile = (name: string) => ['.json', '.yaml', '.yml'].includes(extname(name).toLowerCase());

/**
 * Resolves `<experiment>`: the built-in `decision` or a JSON/YAML experiment file. `stateSink`
 * makes the sink for each state recording the file asks for (streamed to disk by the CLI), and
 * `synapseSink` the sink for each synapse monitor.
 */
export async function prepareRun(
  experiment: string,
  flags: DecisionFlags,
  stateSink: (r: StateRequest, dt: number) => StateSink,
  synapseSink?: (m: SynapseMonitorFile, dt: number) => SynapseSink,
): Promise<PreparedRun> {
  if (experiment === 'decision') return prepareDecision(flags);
  if (!isFile(experiment)) throw new InvalidArgumentError(`unknown experiment '${experiment}'; use the built-in 'decision' or a .json/.yaml experiment file`);
  if (!existsSync(experiment)) throw new InvalidArgumentError(`experiment file '${experiment}' does not exist`);
  let file: Experiment = await loadExperimentFile(experiment);
  if (flags.seed !== undefined) file = { ...file, seed: flags.seed };
  // --steps runs the first N steps of the file (a shorter look at a long experiment).
  if (flags.steps !== undefined) {
    const { duration: _duration, ...rest } = file;
    file = { ...rest, steps: flags.steps };
  }
  const built = buildExperiment(file, {
    baseDir: dirname(experiment),
    ...(flags.maxMemory !== undefined ? { memoryLimit: flags.maxMemory * 2 ** 30 } : {}),
    spikeMonitor: { maxSpikes: FIGURE_SPIKE_CAP },
    stateSink: (population, m) => stateSink({ population, variable: m.variable, every: m.every ?? 1, ...(m.indices ? { indices: m.indices } : {}) }, file.dt),
    ...(synapseSink ? { synapseSink: (m: SynapseMonitorFile) => synapseSink(m, file.dt) } : {}),
  });
  const binSteps = file.analysis?.binSteps ?? DEFAULT_BIN_STEPS;
  const counts = countersFor(built.network, built.monitors.spikes, binSteps);
  const signs = new Map(Object.entries(file.populations).map(([name, p]) => [name, p.sign ?? 'excitatory'] as const));
  return {
    title: file.name ?? experiment,
    network: built.network,
    steps: built.steps,
    binSteps,
    populations: built.network.populations.map((p) => ({ ...p, sign: signs.get(p.name) ?? 'excitatory' })),
    spikes: built.monitors.spikes,
    counts,
    ...(file.backend ? { backend: file.backend } : {}),
    summarize: (steps) => ({ ...summarizeExperiment(file, { monitors: { spikes: counts }, steps }), stepsRun: steps }),
  };
}

function prepareDecision(flags: DecisionFlags): PreparedRun {
  scenarioByName(flags.scenario); // a typo fails before any work
  const d = buildDecisionNetwork({
    scenario: flags.scenario,
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.steps !== undefined ? { steps: flags.steps } : {}),
    ...(flags.size !== undefined ? { size: flags.size } : {}),
    ...(flags.dt !== undefined ? { dt: flags.dt } : {}),
  }, { maxSpikes: FIGURE_SPIKE_CAP });
  const counts = countersFor(d.network, d.spikes, d.options.scale);
  const { ep1, ep2, ip1 } = d.populations;
  return {
    title: `decision: ${d.scenario.name}`,
    network: d.network,
    steps: d.options.steps,
    binSteps: d.options.scale,
    populations: [
      { ...ep1, sign: 'excitatory' },
      { ...ep2, sign: 'excitatory' },
      { ...ip1, sign: 'inhibitory' },
    ],
    spikes: d.spikes,
    counts,
    summarize: (steps) => summarizeDecision({ ...d, spikes: { ep1: counts.ep1!, ep2: counts.ep2!, ip1: counts.ip1! } }, steps),
  };
}
