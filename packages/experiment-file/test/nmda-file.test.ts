/**
 * NmdaSynapse by name in an experiment file: the file builds and runs on the CPU backend,
 * `monitors.synapses` records the clock-driven `g_syn`, and bad parameters (a negative `Mg`, a
 * non-positive `tau_rise`, an unknown name) are reported with their field paths.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';
import { buildExperiment, ExperimentFileError, parseExperiment } from '@spikeflow/experiment-file';
import type { SynapseMonitor } from '@spikeflow/monitors';

const file = (parameters: string) => `
dt: 0.1
steps: 1000
seed: 1
populations:
  src: { model: PoissonNeuron, size: 20, parameters: { rate: 50 } }
  cell: { model: LIF, size: 2, parameters: { R: 100, C: 0.2 } }
connections:
  - name: nmda
    pre: src
    post: cell
    connector: { type: fixed-probability, p: 1, weight: 0.5 }
    synapse: { model: NmdaSynapse, parameters: ${parameters} }
monitors:
  synapses:
    - { connection: nmda, variable: g_syn, every: 500 }
`;

/** The issues of a file that does not parse or build. */
function issues(text: string): { path: string; message: string }[] {
  try {
    buildExperiment(parseExperiment(text, { format: 'yaml' }));
  } catch (e) {
    if (e instanceof ExperimentFileError) return [...e.issues];
    throw e;
  }
  return [];
}

describe('NmdaSynapse in experiment files', () => {
  it('builds and runs; g_syn is recorded and lies in [0, 1)', async () => {
    const built = buildExperiment(parseExperiment(file('{ Mg: 1, tau_decay: 80 }'), { format: 'yaml' }));
    await built.network.run({ steps: built.steps }, createCpuBackend());
    const sim = built.network.compiled as CpuSimulation;
    const g = sim.synapseValues('nmda', 'g_syn');
    expect(g.length).toBe(40);
    // Every g_syn in [0, 1); most sources (50 Hz for 100 ms) spiked, so most are open.
    expect(g.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(g.filter((x) => x > 0).length).toBeGreaterThan(30);
    const rows = built.monitors.synapses[0] as SynapseMonitor;
    expect(Array.from(rows.times)).toEqual([0, 500]);
    expect(Array.from(rows.table(1).weights)).toEqual(Array.from(rows.table(1).weights).map((x) => Math.min(1, Math.max(0, x))));
  });

  it('bad parameters are reported with their field paths', () => {
    expect(issues(file('{ Mg: -1 }'))).toContainEqual(expect.objectContaining({ path: 'connections[0].synapse.parameters.Mg' }));
    expect(issues(file('{ tau_rise: 0 }'))).toContainEqual(expect.objectContaining({ path: 'connections[0].synapse.parameters.tau_rise' }));
    expect(issues(file('{ tau_ris: 2 }'))).toContainEqual(expect.objectContaining({ path: 'connections[0].synapse.parameters.tau_ris' }));
  });
});
