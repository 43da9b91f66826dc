/**
 * The README's library example, bundled for the browser by esbuild, runs in headless Chromium and
 * gives exactly the spikes it gives in Node (same seed, same backend). Recorded voltages agree to
 * 1e-9 mV: Chromium's V8 and Node 20's differ in the last bit of a few `Math.exp` results (seen:
 * 2 of 5000 values one ulp apart), which is not a spikeflow difference.
 * Prints the bundle's size (minified, and gzip), which bench/README.md quotes.
 *
 * Until backend-cpu's threads split (issue 9) is merged, its main entry imports
 * `node:worker_threads` for `threads > 1`, which the example does not use; only then, and only for
 * imports from backend-cpu's own files, the bundle replaces that module with an empty one (the
 * docs site's Vite config does the same), and the test says so.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../../apps/docs-site/scripts/browser.js';
import { readmeExamples, toJavaScript } from '../readme-examples.mjs';
import { scratchWithPackages } from './scratch.js';

const root = resolve(import.meta.dirname, '../..');
const scratch = scratchWithPackages('spikeflow-readme-browser-');
afterAll(() => scratch.remove());

const example = readmeExamples(readFileSync(join(root, 'README.md'), 'utf8'))[0]!.code;
/** What the example recorded, as plain arrays (`spikes` and `v` are the README's names). */
const REPORT = 'const __result = { steps: Array.from(spikes.steps), neurons: Array.from(spikes.neurons), v: Array.from(v.values().data) };';

/** The README example as one browser bundle: no stubs or aliases (backend-cpu's main entry is browser-clean). */
async function bundle(): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: `${toJavaScript(example)}\n${REPORT}\nglobalThis.__result = __result;\n`, resolveDir: scratch.dir, sourcefile: 'readme-example.js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe.runIf(hasChromium())('the README example in Chromium', () => {
  let code: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    code = await bundle();
    const kib = (n: number) => (n / 1024).toFixed(0);
    console.log(`README example browser bundle (esbuild, minified): ${kib(Buffer.byteLength(code))} KiB, ${kib(gzipSync(code).length)} KiB gzip`);
    server = createServer((req, res) => {
      if (req.url === '/example.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>spikeflow README example</title>');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())));

  it('gives the same spikes and voltages as in Node', async () => {
    const nodeFile = join(scratch.dir, 'readme-example.mjs');
    writeFileSync(nodeFile, `${toJavaScript(example)}\n${REPORT}\nconsole.log(JSON.stringify(__result));\n`);
    const inNode = JSON.parse(execFileSync(process.execPath, [nodeFile], { cwd: scratch.dir, encoding: 'utf8' })) as { steps: number[]; neurons: number[]; v: number[] };

    const browser = await launchChromium({ webgpu: false });
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      // import() settles once the module (and its top-level await: the whole run) has finished.
      // A string, so that vitest does not rewrite the browser's import().
      const inBrowser = (await page.evaluate(`import('/example.js').then(() => globalThis.__result)`)) as typeof inNode;
      expect(errors).toEqual([]);
      expect(inNode.steps.length).toBeGreaterThan(100);
      expect(inBrowser.steps).toEqual(inNode.steps);
      expect(inBrowser.neurons).toEqual(inNode.neurons);
      expect(inBrowser.v.length).toBe(inNode.v.length);
      const worst = Math.max(...inBrowser.v.map((x, k) => Math.abs(x - inNode.v[k]!)));
      expect(worst).toBeLessThan(1e-9);
    } finally {
      await browser.close();
    }
  });
});
