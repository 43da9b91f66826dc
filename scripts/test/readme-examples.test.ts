/**
 * Every package's README has a short example, and it runs: each ```ts block runs as an ES module
 * against the built workspace packages, and prints exactly the ```text block that follows it.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeExamples, toJavaScript } from '../readme-examples.mjs';
import { LIBRARIES, scratchWithPackages } from './scratch.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const scratch = scratchWithPackages('spikeflow-readmes-');
const cwd = scratch.dir;
afterAll(() => scratch.remove());
const readmes = [...LIBRARIES.map((p) => `${p.relDir}/README.md`), 'apps/cli/README.md', 'README.md'];
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
