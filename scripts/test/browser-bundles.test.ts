/**
 * Every library's main entry bundles for the browser — with esbuild (platform browser) and with
 * Vite (a client build) — with no aliases, stubs or externals: Node-only parts (file loading,
 * PNG, threads) live on subpaths.
 * backend-cpu's Node worker threads are behind its `node` export condition, which browser
 * bundlers do not pick.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { build as viteBuild, type Rollup } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { LIBRARIES, scratchWithPackages } from './scratch.js';

const scratch = scratchWithPackages('spikeflow-bundles-');
afterAll(() => scratch.remove());

describe.each(LIBRARIES.map((p) => p.name))('%s main entry', (name) => {
  it('bundles with esbuild for the browser', async () => {
    const result = await esbuild.build({
      stdin: { contents: `export * from '${name}';`, resolveDir: scratch.dir },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.startsWith('node:'))).toBe(false);
  });

  it('bundles with Vite (client build)', async () => {
    const entry = join(scratch.dir, `${name.replace('/', '-')}.js`);
    writeFileSync(entry, `export * from '${name}';\n`);
    const warnings: string[] = [];
    const built = await viteBuild({
      configFile: false,
      root: scratch.dir,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry, formats: ['es'], fileName: 'bundle' },
        rollupOptions: { onwarn: (w) => void warnings.push(`${w.message} (${w.id ?? w.loc?.file ?? ''})`) },
      },
    });
    const outputs = (Array.isArray(built) ? built : [built]) as Rollup.RollupOutput[];
    // Vite turns a Node built-in into an empty "__vite-browser-external" module with a warning.
    const external = warnings.filter((w) => /externalized for browser compatibility|__vite-browser-external/.test(w));
    expect(external).toEqual([]);
    const code = outputs.flatMap((o) => o.output.filter((c): c is Rollup.OutputChunk => c.type === 'chunk').map((c) => c.code)).join('\n');
    expect(code.length).toBeGreaterThan(100);
  });
});
