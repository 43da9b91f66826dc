import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { SCENARIO_NAMES, buildDecisionNetwork, runDecision } from '@spikeflow/experiments';
import type { BuiltNetwork } from '@spikeflow/core/backend';
import type { SpikeMonitor } from '@spikeflow/monitors';
import { buildExperiment, summarizeExperiment } from '@spikeflow/experiment-file';
import { loadExperimentFile } from '@spikeflow/experiment-file/node';
import { DECISION_FILES, EXAMPLES } from './helpers.js';

const backend = createCpuBackend();
const POPS = ['ep1', 'ep2', 'ip1'] as const;

/** What the backend receives, without object identities: names, values, tables, streams. */
function structure(b: BuiltNetwork) {
  return {
    dt: b.dt,
    seed: b.seed,
    populations: b.populations.map((p) => ({ name: p.name, sign: p.sign, model: p.instance.model.name, values: [...p.instance.values], initial: [...p.instance.initial] })),
    connections: b.connections.map((c) => ({ name: c.name, pre: c.pre, post: c.post, sign: c.sign, input: c.input, table: c.table, synapse: c.synapse.model.name, values: [...c.synapse.values] })),
    stimuli: b.stimuli.map((s) => ({
      name: s.name,
      population: s.population,
      input: s.input,
      kind: s.kind,
      ...(s.kind === 'model' ? { stream: s.stream, model: s.instance.model.name, values: [...s.instance.values] } : {}),
    })),
  };
}

const spikesOf = (m: SpikeMonitor) => ({ steps: Array.from(m.steps), neurons: Array.from(m.neurons) });

describe('the decision examples run identically to the built-in scenarios', () => {
  it('cover all seven scenarios', () => {
    expect(DECISION_FILES.map(([s]) => s).sort()).toEqual([...SCENARIO_NAMES].sort());
    expect(DECISION_FILES.filter(([, f]) => f.endsWith('.yaml')).length).toBeGreaterThanOrEqual(2);
  });

  describe.each(DECISION_FILES)('%s (%s)', (scenario, file) => {
    it('builds the same network: populations, parameters, connection names and tables, stimulus names, streams and parameters', async () => {
      const experiment = await loadExperimentFile(join(EXAMPLES, file));
      const built = buildExperiment(experiment);
      const reference = buildDecisionNetwork({ scenario, seed: 1 });
      expect(built.steps).toBe(reference.options.steps);
      expect(structure(built.network.build())).toEqual(structure(reference.network.build()));
    });

    it.each([1, 2])('gives exactly the same spikes (steps and neurons of every SpikeMonitor), seed %i', async (seed) => {
      const experiment = { ...(await loadExperimentFile(join(EXAMPLES, file))), seed };
      const built = buildExperiment(experiment);
      await built.network.run({ steps: built.steps }, backend);
      const reference = await runDecision(backend, { scenario, seed });
      expect(Object.keys(built.monitors.spikes)).toEqual([...POPS]);
      let total = 0;
      for (const pop of POPS) {
        const mine = built.monitors.spikes[pop]!;
        const theirs = reference.decision.spikes[pop];
        expect(mine.count, pop).toBe(theirs.count);
        expect(spikesOf(mine), pop).toEqual(spikesOf(theirs));
        total += mine.count;
      }
      expect(total).toBeGreaterThan(0);
      // The file's analysis section reproduces the built-in per-bin winners.
      const summary = summarizeExperiment(experiment, built);
      expect(summary.compare?.bins).toEqual(reference.summary.bins.map((b) => b.winner));
      expect(summary.compare?.winner).toBe(reference.summary.winner);
      for (const pop of POPS) expect(summary.populations[pop]!.bins).toEqual(reference.summary.bins.map((b) => b.spikes[pop]));
    });
  });
});

describe('the E/I example', () => {
  it('runs: both populations spike, state monitors have the expected shapes', async () => {
    const experiment = await loadExperimentFile(join(EXAMPLES, 'ei-network.yaml'));
    const built = buildExperiment(experiment);
    expect(built.steps).toBe(2000);
    await built.network.run({ steps: built.steps }, backend);
    expect(built.monitors.spikes.exc!.count).toBeGreaterThan(0);
    expect(built.monitors.spikes.inh!.count).toBeGreaterThan(0);
    const [v, spike] = built.monitors.state;
    expect(v!.values().shape).toEqual([200, 5]);
    expect(spike!.values().shape).toEqual([2000, 100]);
    const connections = built.network.build().connections;
    expect(connections.map((c) => c.name)).toEqual(['exc->exc', 'exc->inh', 'inh->exc', 'inh-recurrent']);
    expect(connections.every((c) => c.table.format === 'csr')).toBe(true);
    expect(connections[2]!.sign).toBe(-1);
  });
});

describe('the Ornstein–Uhlenbeck example', () => {
  it('the OU-driven population fires irregularly; the same mean current held constant never reaches threshold', async () => {
    const experiment = await loadExperimentFile(join(EXAMPLES, 'ou-noise.yaml'));
    const built = buildExperiment(experiment);
    expect(built.steps).toBe(5000);
    expect(built.network.build().stimuli.map((s) => s.kind === 'model' && s.instance.model.name)).toEqual(['OrnsteinUhlenbeckCurrent', 'ConstantCurrent']);
    await built.network.run({ steps: built.steps }, backend);
    const { noisy, quiet } = built.monitors.spikes;
    expect(quiet!.count).toBe(0);
    const [, vQuiet] = built.monitors.state;
    expect(vQuiet!.values().get(499, 0)).toBeCloseTo(-53, 6); // u_rest + R·mu: 3 mV below threshold
    const rate = noisy!.count / 100 / 0.5;
    expect(rate).toBeGreaterThan(5);
    expect(rate).toBeLessThan(40);
    // Fluctuation-driven firing is irregular: ISI coefficient of variation well above a regular oscillator's ~0.
    const byNeuron = new Map<number, number[]>();
    noisy!.steps.forEach((step, k) => byNeuron.set(noisy!.neurons[k]!, [...(byNeuron.get(noisy!.neurons[k]!) ?? []), step]));
    const isis = [...byNeuron.values()].flatMap((t) => t.slice(1).map((x, k) => x - t[k]!));
    const mean = isis.reduce((a, b) => a + b, 0) / isis.length;
    const cv = Math.sqrt(isis.reduce((a, b) => a + (b - mean) ** 2, 0) / isis.length) / mean;
    expect(cv).toBeGreaterThan(0.4);
  });
});
