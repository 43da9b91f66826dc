/**
 * The guides' code examples are files (apps/docs-site/snippets) included into the pages; here
 * they run as the scripts a reader would run, and their output must be what the pages show.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExperiment, buildExperiment } from '@spikeflow/experiment-file';
import { skipOrFail } from '../../../test-support/dependency.js';

const run = promisify(execFile);
const site = resolve(import.meta.dirname, '..');
const cwd = mkdtempSync(join(tmpdir(), 'spikeflow-snippets-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const script = (name: string) => join(site, 'dist/snippets', `${name}.js`);
const expected = (name: string) => readFileSync(join(site, 'snippets', `${name}.out.txt`), 'utf8');
const exec = async (name: string) => (await run(process.execPath, [script(name)], { cwd })).stdout;

describe('guide snippets run and print what the guides show', () => {
  it('compiled snippets exist (turbo run build compiles them)', () => {
    expect(existsSync(script('first-network'))).toBe(true);
  });

  it.each(['first-network', 'adaptive-lif-cpu', 'model-errors'])('%s', async (name) => {
    expect(await exec(name)).toBe(expected(name));
  });

  it('first-figure writes raster.svg and activity.svg', async () => {
    expect(await exec('first-figure')).toBe(expected('first-figure'));
    expect(readFileSync(join(cwd, 'raster.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(join(cwd, 'activity.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it.each(['current', 'conductance', 'delays', 'poisson', 'weights', 'nmda', 'reward'])('synapses-%s prints what the synapses guide shows and writes its SVG', async (name) => {
    expect(await exec(`synapses-${name}`)).toBe(expected(`synapses-${name}`));
    expect(readFileSync(join(cwd, `${name}.svg`), 'utf8')).toMatch(/^<svg/);
  });

  it('adaptive-lif-webgpu gives the spikes the guide shows (skipped without a WebGPU adapter)', async (ctx) => {
    let out: string;
    try {
      out = await exec('adaptive-lif-webgpu');
    } catch (error) {
      const text = String((error as { stderr?: string }).stderr ?? error);
      if (/NoWebGpuAdapterError|no adapter|could not be loaded/i.test(text)) {
        return skipOrFail(ctx, 'a WebGPU adapter', text.split('\n').find((l) => /Error/.test(l)) ?? 'no adapter');
      }
      throw error;
    }
    for (const line of expected('adaptive-lif-webgpu').trim().split('\n')) expect(out).toContain(line);
  });

  it('the experiment file on the reference page is valid', () => {
    const text = readFileSync(join(site, 'snippets/two-populations.yaml'), 'utf8');
    expect(buildExperiment(parseExperiment(text, { format: 'yaml' })).steps).toBe(2000);
  });
});
