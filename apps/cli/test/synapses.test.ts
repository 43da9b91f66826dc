/**
 * Synapse monitors through the CLI, on examples/stdp.yaml (first 3000 steps, weights every 500
 * steps): the weights stream to synapses_<connection>_w.<format> (NPY with its column file, CSV
 * with named columns), the last row equals the weights the library reads after the same steps,
 * and the weight matrix and histogram figures are written (by `run`, and again by `plot` from the saved data).
 * Through the built CLI's `main` in this process (the binary's own start is covered by cli.test.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';
import { buildExperiment, loadExperimentFile } from '@spikeflow/experiment-file/node';
import { parseNpy } from '@spikeflow/monitors';
import { cliInProcess as cli, fresh, root, show } from './helpers.js';

const STEPS = 3000;
const EVERY = 500;
const text = readFileSync(join(root, 'examples/stdp.yaml'), 'utf8');
const file = join(mkdtempSync(join(tmpdir(), 'spikeflow-synapses-')), 'stdp.yaml');
writeFileSync(file, text.replace(/every: 10000 \}/, `every: ${EVERY} }`));

describe('synapse monitors in spikeflow run', () => {
  it('streams the weights of examples/stdp.yaml to NPY (with a column file) and draws them', async () => {
    expect(readFileSync(file, 'utf8')).toContain(`connection: inputs->neuron, every: ${EVERY} }`);
    const out = fresh();
    const r = await cli('run', file, '--steps', String(STEPS), '--format', 'npy', '--out', out);
    expect(r.status, show(r)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(manifest.files.synapses).toEqual([{ connection: 'inputs->neuron', variable: 'w', every: EVERY, file: 'synapses_inputs-to-neuron_w.npy', columns: 'synapses_inputs-to-neuron_w_columns.npy', nPre: 1000, nPost: 1 }]);
    const { shape, data } = parseNpy(readFileSync(join(out, 'synapses_inputs-to-neuron_w.npy')));
    expect(shape).toEqual([STEPS / EVERY, 1000]);
    const columns = parseNpy(readFileSync(join(out, 'synapses_inputs-to-neuron_w_columns.npy')));
    expect(columns.shape).toEqual([1000, 3]);
    expect(Array.from(columns.data.subarray(0, 9))).toEqual([0, 0, 0, 1, 1, 0, 2, 2, 0]); // synapse k: pre k → post 0

    // The library, run to just after the last recorded step (2500), reads the same weights.
    const built = buildExperiment(await loadExperimentFile(file));
    await built.network.run({ steps: STEPS - EVERY + 1 }, createCpuBackend());
    const w = (built.network.compiled as CpuSimulation).weights('inputs->neuron').weights;
    expect(Array.from(data.subarray((STEPS / EVERY - 1) * 1000))).toEqual(Array.from(w));
    // Plastic: the first and last rows differ.
    expect(Array.from(data.subarray(0, 1000))).not.toEqual(Array.from(w));

    for (const f of ['weights_inputs-to-neuron_w', 'weights_inputs-to-neuron_w_histogram']) {
      for (const ext of ['svg', 'png']) expect(existsSync(join(out, `${f}.${ext}`)), `${f}.${ext}`).toBe(true);
    }
    const svg = readFileSync(join(out, 'weights_inputs-to-neuron_w_histogram.svg'), 'utf8');
    expect(svg).toContain('inputs-&gt;neuron weights at t = 250 ms');
    expect(r.stdout).toContain('synapses_inputs-to-neuron_w.npy');
    // spikeflow plot draws the same weight figures from the saved data (NPY + column file).
    const matrix = readFileSync(join(out, 'weights_inputs-to-neuron_w.svg'), 'utf8');
    rmSync(join(out, 'weights_inputs-to-neuron_w.svg'));
    const p = await cli('plot', out, '--quiet');
    expect(p.status, show(p)).toBe(0);
    expect(readFileSync(join(out, 'weights_inputs-to-neuron_w.svg'), 'utf8')).toBe(matrix);
    expect(readFileSync(join(out, 'weights_inputs-to-neuron_w_histogram.svg'), 'utf8')).toBe(svg);
  });

  it('CSV: one row per recorded step, a column named w[<synapse>:<pre>-><post>] per synapse; --no-figure draws none', async () => {
    const out = fresh();
    const r = await cli('run', file, '--steps', String(STEPS), '--out', out, '--no-figure', '--quiet');
    expect(r.status, show(r)).toBe(0);
    const lines = readFileSync(join(out, 'synapses_inputs-to-neuron_w.csv'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + STEPS / EVERY);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['step', 'time_ms', 'w[0:0->0]', 'w[1:1->0]']);
    expect(header).toHaveLength(2 + 1000);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '500', '1000', '1500', '2000', '2500']);
    expect(existsSync(join(out, 'weights_inputs-to-neuron_w.svg'))).toBe(false);
    const p = await cli('plot', out, '--quiet');
    expect(p.status, show(p)).toBe(0);
    expect(readFileSync(join(out, 'weights_inputs-to-neuron_w_histogram.svg'), 'utf8')).toContain('inputs-&gt;neuron weights at t = 250 ms');
  });
});
