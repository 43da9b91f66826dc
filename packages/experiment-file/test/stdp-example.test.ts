/**
 * examples/stdp.yaml (Song et al. 2000 with StdpAdditive) loads, builds and runs on the CPU
 * backend; after a short run its weights, read with `weights()`, have moved and stay in [0, wmax].
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';
import { buildExperiment } from '@spikeflow/experiment-file';
import { loadExperimentFile } from '@spikeflow/experiment-file/node';

const EXAMPLE = fileURLToPath(new URL('../../../examples/stdp.yaml', import.meta.url));

describe('examples/stdp.yaml', () => {
  it('runs, and its plastic weights move within [0, wmax]', async () => {
    const experiment = await loadExperimentFile(EXAMPLE);
    const built = buildExperiment({ ...experiment, duration: 500 });
    await built.network.run({ steps: built.steps }, createCpuBackend());
    const table = (built.network.compiled as CpuSimulation).weights('inputs->neuron');
    expect(table.format).toBe('csr');
    const w = Array.from(table.weights);
    expect(w.length).toBe(1000);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...w)).toBeLessThanOrEqual(10);
    // The neuron fired, so potentiation happened: some weights changed since the initial draw by more than float noise.
    expect(built.monitors.spikes!.neuron!.steps.length).toBeGreaterThan(0);
    expect(w.filter((x) => x === 0 || x === 10).length).toBeGreaterThan(0);
  });
});
