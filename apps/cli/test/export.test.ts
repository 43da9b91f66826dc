/** `spikeflow export`: writes a runnable project; bad engines and unexportable files are usage errors. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

describe('spikeflow export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikeflow-cli-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a NEURON project for a decision scenario and a Brian2 script', async () => {
    const neuron = join(dir, 'neuron');
    expect(await main(['node', 'spikeflow', 'export', 'decision', '--scenario', 'random-noise', '--steps', '50', '--to', 'neuron', '--out', neuron, '--quiet'])).toBe(0);
    for (const f of ['run.py', 'build.sh', 'README.md', 'spikeflow_results.py', 'data/network.json']) expect(existsSync(join(neuron, f)), f).toBe(true);
    const net = JSON.parse(readFileSync(join(neuron, 'data/network.json'), 'utf8')) as { steps: number; populations: { name: string; mechanism: string }[] };
    expect(net.steps).toBe(50);
    expect(net.populations.map((p) => p.name)).toEqual(['ep1', 'ep2', 'ip1']);
    for (const p of net.populations) expect(existsSync(join(neuron, 'mod', `${p.mechanism}.mod`))).toBe(true);
    const brian2 = join(dir, 'brian2');
    expect(await main(['node', 'spikeflow', 'export', 'decision', '--to', 'brian2', '--out', brian2, '--format', 'npy', '--quiet'])).toBe(0);
    expect(readFileSync(join(brian2, 'run_brian2.py'), 'utf8')).toContain("G0.run_regularly('''");
  });

  it('exits 2 with a named error for an unknown engine or an unexportable file', async () => {
    expect(await main(['node', 'spikeflow', 'export', 'decision', '--to', 'nest', '--out', join(dir, 'x')])).toBe(2);
    // The example file records membrane potentials: an export records spikes only, so it names them.
    const file = fileURLToPath(new URL('../../../examples/ei-network.yaml', import.meta.url));
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      expect(await main(['node', 'spikeflow', 'export', file, '--to', 'neuron', '--out', join(dir, 'y')])).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/cannot export to NEURON: .*\n.*monitor exc\.v: only spikes/);
  });
});
