/**
 * TsodyksMarkram and RewardStdp by name in experiment files: a file builds and runs on the CPU
 * backend; a U outside (0, 1] is reported with its field path (the parameter's `maximum`).
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';
import { buildExperiment, ExperimentFileError, parseExperiment } from '@spikeflow/experiment-file';

const file = (U: number) => `
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
`;

describe('TsodyksMarkram and RewardStdp in experiment files', () => {
  it('build and run; u moved from U, and a reward can be delivered', async () => {
    const built = buildExperiment(parseExperiment(file(0.4), { format: 'yaml' }));
    await built.network.run({ steps: built.steps }, createCpuBackend());
    const sim = built.network.compiled as CpuSimulation;
    const u = sim.synapseValues('stp', 'u');
    expect(u.length).toBe(40);
    expect(u.some((x) => x > 0.4)).toBe(true);
    expect(() => sim.deliverReward('learn', 1)).not.toThrow();
    expect(() => sim.deliverReward('stp', 1)).toThrow(/has no reward modulation/);
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
