/**
 * Every package's README has a short example, and it runs: each ```ts block runs as an ES module
 * against the built workspace packages, and prints exactly the ```text block that follows it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeExamples, toJavaScript } from '../readme-examples.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const PACKAGES = ['core', 'neurons', 'connectivity', 'stimuli', 'monitors', 'backend-cpu', 'backend-webgpu', 'plot', 'experiments', 'experiment-file', 'testing'];
// A scratch folder whose node_modules/@spikeflow/<name> link to the workspace packages, as an install would.
const cwd = mkdtempSync(join(tmpdir(), 'spikeflow-readmes-'));
mkdirSync(join(cwd, 'node_modules/@spikeflow'), { recursive: true });
for (const p of PACKAGES) symlinkSync(join(root, 'packages', p), join(cwd, 'node_modules/@spikeflow', p), 'dir');
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const readmes = [...PACKAGES.map((p) => `packages/${p}/README.md`), 'apps/cli/README.md', 'README.md'];
const cases = readmes.flatMap((file) => readmeExamples(readFileSync(join(root, file), 'utf8')).map((ex) => ({ name: `${file}:${ex.line}`, ...ex })));

describe('package READMEs', () => {
  it.each(readmes.filter((f) => f !== 'README.md' && f !== 'apps/cli/README.md'))('%s has a runnable example and links its API page', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(readmeExamples(text).length).toBeGreaterThan(0);
    expect(text).toMatch(/## Install\n/);
    expect(text).toMatch(/\]\([^)]*api[^)]*\)/);
  });

  it.each(cases)('$name runs and prints what the README shows', async ({ name, code, expected }) => {
    const file = join(cwd, `${name.replace(/[^\w]+/g, '-')}.mjs`);
    writeFileSync(file, toJavaScript(code));
    const { stdout } = await run(process.execPath, [file], { cwd, env: { ...process.env, EGL_PLATFORM: process.env.EGL_PLATFORM ?? 'surfaceless' } });
    if (expected !== undefined) expect(stdout).toBe(expected);
  });
});
