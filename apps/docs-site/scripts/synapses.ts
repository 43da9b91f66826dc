/**
 * The synapses guide's figures, from real runs: each `synapses-*` snippet (the code the page shows)
 * runs as a reader runs it, in `docs/public/figures/synapses/`, and writes its SVG there. A snippet
 * that fails, or prints anything but its `.out.txt` (the output the page shows), fails the build.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIGURES_DIR, SITE_ROOT } from './paths.js';

/** The snippets, in page order; each writes `<name>.svg` (the part after `synapses-`). */
export const SYNAPSE_SNIPPETS = ['synapses-current', 'synapses-conductance', 'synapses-delays', 'synapses-poisson', 'synapses-weights', 'synapses-gap', 'synapses-stp', 'synapses-nmda', 'synapses-reward'] as const;

const run = promisify(execFile);

/** Runs every synapse snippet; returns the figures written. Throws when a run fails or its output differs from the page's. */
export async function buildSynapseFigures(): Promise<string[]> {
  const dir = join(FIGURES_DIR, 'synapses');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return Promise.all(SYNAPSE_SNIPPETS.map(async (name) => {
    const { stdout: out } = await run(process.execPath, [join(SITE_ROOT, 'dist/snippets', `${name}.js`)], { cwd: dir, encoding: 'utf8' });
    const shown = readFileSync(join(SITE_ROOT, 'snippets', `${name}.out.txt`), 'utf8');
    if (out !== shown) {
      throw new Error(`docs: snippets/${name}.ts printed\n${out}but the synapses guide shows (snippets/${name}.out.txt)\n${shown}`);
    }
    return `${name.replace(/^synapses-/, '')}.svg`;
  }));
}
