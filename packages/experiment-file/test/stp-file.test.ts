/**
 * TsodyksMarkram and RewardStdp by name in experiment files: a file builds and runs on the CPU
 * backend and `monitors.synapses` records a per-synapse variable (`u`); a U outside (0, 1] and a
 * monitored variable the model lacks are reported with their field paths.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';
import { buildExperiment, ExperimentFileError, parseExperiment } from '@spikeflow/experiment-file';
import type { SynapseMonitor } from '@spikeflow/monitors';

const file = (U: number, monitored = 'u') => `
dt: 0.1
steps: 1000
seed: 1
populations:
  src: { model: PoissonNeuron, size: 20, parameters: { rate: 50 } }
  cell: { model: LIF, size: 2 }
connections:
  - name: stp
    pre: src
    post: cell
    connector: { type: fixed-probability, p: 1, weight: 0.5 }
    synapse: { model: TsodyksMarkram, parameters: { U: ${U}, tau_f: 50, tau_d: 200 } }
  - name: learn
    pre: src
    post: cell
    connector: { type: fixed-probability, p: 1, weight: 2 }
    synapse: { model: RewardStdp, parameters: { tau_c: 500 } }
monitors:
  synapses:
    - { connection: stp, variable: ${monitored}, every: 500 }
`;

describe('TsodyksMarkram and RewardStdp in experiment files', () => {
  it('build and run; u moved from U, and a reward can be delivered', async () => {
    const built = buildExperiment(parseExperiment(file(0.4), { format: 'yaml' }));
    await built.network.run({ steps: built.steps }, createCpuBackend());
    const sim = built.network.compiled as CpuSimulation;
    const u = sim.synapseValues('stp', 'u');
    expect(u.length).toBe(40);
    expect(u.some((x) => x > 0.4)).toBe(true);
    // monitors.synapses records the per-synapse variable: its last row (step 500) holds values in (0, 1].
    const rows = built.monitors.synapses[0] as SynapseMonitor;
    expect(Array.from(rows.times)).toEqual([0, 500]);
    expect(Array.from(rows.table(1).weights).every((x) => x >= 0.4 && x <= 1)).toBe(true);
    expect(() => sim.deliverReward('learn', 1)).not.toThrow();
    expect(() => sim.deliverReward('stp', 1)).toThrow(/has no reward modulation/);
  });

  it('a synapse monitor of a variable the model lacks is reported with its field path', () => {
    const err = (() => {
      try {
        parseExperiment(file(0.4, 'y'), { format: 'yaml' });
      } catch (e) {
        return e;
      }
      return undefined;
    })() as ExperimentFileError;
    expect(err.issues).toContainEqual(expect.objectContaining({ path: 'monitors.synapses[0].variable', message: 'unknown per-synapse variable "y"; known: w, u, x' }));
  });

  it('U > 1 is reported with its field path', () => {
    const err = (() => {
      try {
        parseExperiment(file(1.5), { format: 'yaml' });
      } catch (e) {
        return e;
      }
      return undefined;
    })() as ExperimentFileError;
    expect(err).toBeInstanceOf(ExperimentFileError);
    expect(err.issues).toContainEqual(expect.objectContaining({ path: 'connections[0].synapse.parameters.U', message: expect.stringMatching(/expected a number ≤ 1 .*found 1\.5/) }));
  });
});
