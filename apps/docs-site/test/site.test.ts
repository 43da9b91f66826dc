/**
 * The built docs site in headless Chromium (Debian `chromium` + playwright-core), served by the
 * site's own static server with its Content-Security-Policy: pages load without console errors,
 * every package has API pages, no internal link is broken, and the playground runs the decision
 * network (CPU, and WebGPU where Chromium offers it) with links that reproduce a run.
 *
 * Skipped, with a message, where /usr/bin/chromium (or SPIKEFLOW_CHROMIUM) is absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages } from '../scripts/api.js';
import { chromiumPath, hasChromium, launchChromium, type Browser } from '../scripts/browser.js';
import { OUT_DIR, REPORT_DIR, SITE_ROOT, siteBase } from '../scripts/paths.js';
import { SYNAPSE_SNIPPETS } from '../scripts/synapses.js';
import { serveStatic, type StaticServer } from '../scripts/serve.js';
import { LIBRARY_MODELS } from '@spikeflow/testing';
import { ensureSite } from './helpers.js';
import { requireDependency } from '../../../test-support/dependency.js';

const browserless = !requireDependency('Chromium', hasChromium(), `the docs-site browser tests need it at ${chromiumPath()}: apt-get install -y chromium, or set SPIKEFLOW_CHROMIUM`);

/** expect.poll has no "no limit": the longest timer there is (about 24 days), so no clock decides. */
const NO_LIMIT = 2 ** 31 - 1;

let site: StaticServer;
let browser: Browser;

/** Errors a page reports: console errors, uncaught exceptions, failed requests, dialogs. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems = watch(page);
  await page.goto(site.url + path, { waitUntil: 'load' });
  return { page, problems };
}

/** Waits for the playground's run to finish and returns its spike count (fails on an error). */
async function spikeCount(page: Page, timeout = 0): Promise<number> {
  const root = page.locator('.sf-playground');
  await root.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor({ timeout });
  if ((await root.getAttribute('data-state')) === 'error') throw new Error(`the playground failed: ${await page.getByTestId('message').textContent()}`);
  return Number(await page.getByTestId('spike-count').textContent());
}

/** Pages of the site that are VitePress pages (not the typedoc API HTML, not the 404 page). */
function guidePages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!['api', 'assets', 'figures'].includes(e.name)) walk(full);
      } else if (e.name.endsWith('.html') && e.name !== '404.html') out.push(relative(OUT_DIR, full).split(sep).join('/'));
    }
  };
  walk(OUT_DIR);
  return out.sort();
}

describe.skipIf(browserless)('the docs site in headless Chromium', () => {
  beforeAll(async () => {
    console.log(`docs site: ${await ensureSite()}`);
    site = await serveStatic(OUT_DIR, { base: siteBase() });
    browser = await launchChromium({ webgpu: true });
    // No wall clock decides these tests (vitest's own timeouts are off too): on a busy machine a
    // page that renders late is still a page that renders. 0 is Playwright's "no limit".
    browser.context.setDefaultTimeout(0);
    browser.context.setDefaultNavigationTimeout(0);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('has the guides the issue asks for', () => {
    const pages = guidePages();
    for (const p of [
      'index.html',
      'guide/getting-started.html',
      'guide/decision-network.html',
      'guide/custom-neuron.html',
      'guide/synapses.html',
      'concepts/model-language.html',
      'concepts/units.html',
      'concepts/integrators.html',
      'concepts/backends.html',
      'concepts/determinism.html',
      'reference/cli.html',
      'reference/experiment-file.html',
      'reference/api.html',
      'playground.html',
    ]) {
      expect(pages).toContain(p);
    }
  });

  it('the home page and every guide load without console errors', async () => {
    const failures: string[] = [];
    const queue = guidePages().filter((p) => p !== 'playground.html');
    // Four pages at a time: most of a page's time is the half second of network silence that
    // 'networkidle' waits for, not work (eight at a time made this test slower: 85 s → 103 s in CI).
    const visit = async (): Promise<void> => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const { page, problems } = await open(path);
        await page.locator('.VPContent').waitFor();
        await page.waitForLoadState('networkidle');
        if (problems.length > 0) failures.push(`${path}: ${problems.join('; ')}`);
        await page.close();
      }
    };
    await Promise.all([visit(), visit(), visit(), visit()]);
    expect(failures).toEqual([]);
  });

  it('the model gallery has a page per library model: equations, units, a trace and an f–I curve drawn at build time, its Brian2 check', async () => {
    for (const m of LIBRARY_MODELS) {
      const file = join(OUT_DIR, 'models', `${m.name}.html`);
      expect(existsSync(file), file).toBe(true);
      const html = readFileSync(file, 'utf8');
      for (const fig of [`${m.name}-trace.svg`, `${m.name}-fi.svg`]) {
        expect(html, `${m.name}: ${fig}`).toContain(`/figures/models/${fig}`);
        expect(existsSync(join(OUT_DIR, 'figures', 'models', fig)), fig).toBe(true);
      }
      for (const p of Object.values(m.parameters)) expect(html).toContain(`<td>${p.unit}</td>`);
      expect(html, m.name).toMatch(/Checked against Brian2/);
    }
    const { page, problems } = await open('models/AdEx.html');
    const figures = page.locator('.figure img');
    await expect.poll(() => figures.count()).toBe(2 + Object.keys(LIBRARY_MODELS.find((m) => m.name === 'AdEx')!.presets!).length);
    const fi = figures.nth(1);
    await fi.scrollIntoViewIfNeeded();
    await expect.poll(() => fi.evaluate((el) => ((el as unknown as { complete: boolean; naturalWidth: number }).complete ? (el as unknown as { naturalWidth: number }).naturalWidth : 0)), { timeout: NO_LIMIT }).toBeGreaterThan(200);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the walkthrough shows a figure of each scenario, drawn at build time', async () => {
    const { page, problems } = await open('guide/decision-network.html');
    const figures = page.locator('.figure img');
    await expect.poll(() => figures.count()).toBe(7);
    for (const img of await figures.all()) {
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((el) => {
          const image = el as unknown as { complete: boolean; naturalWidth: number };
          return image.complete ? image.naturalWidth : 0;
        }), { timeout: NO_LIMIT }).toBeGreaterThan(500);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the synapses guide shows a figure of each kind from a run at build time, with the code that drew it', async () => {
    const { page, problems } = await open('guide/synapses.html');
    const figures = page.locator('.figure img');
    await expect.poll(() => figures.count()).toBe(SYNAPSE_SNIPPETS.length);
    for (const [k, img] of (await figures.all()).entries()) {
      expect(await img.getAttribute('src')).toContain(`/figures/synapses/${SYNAPSE_SNIPPETS[k]!.replace(/^synapses-/, '')}.svg`);
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((el) => {
          const image = el as unknown as { complete: boolean; naturalWidth: number };
          return image.complete ? image.naturalWidth : 0;
        }), { timeout: NO_LIMIT }).toBeGreaterThan(300);
    }
    const text = (await page.locator('.VPDoc').textContent()) ?? '';
    for (const name of SYNAPSE_SNIPPETS) {
      // the output of each run, as printed
      expect(text).toContain(readFileSync(join(SITE_ROOT, 'snippets', `${name}.out.txt`), 'utf8').split('\n')[0]);
    }
    const code = (await page.locator('.VPDoc div[class*="language-ts"]').allTextContents()).join('\n');
    for (const model of ['ExpCurrent', 'AlphaCurrent', 'ExpConductance', 'AlphaConductance', 'BiExpConductance', 'SpikeSource', 'PoissonNeuron']) expect(code, model).toContain(model);
    expect(code).toContain('delay');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('every published package has API pages, reachable from the guides', async () => {
    const packages = publishedPackages();
    expect(packages.length).toBeGreaterThanOrEqual(9);
    const { page, problems } = await open('reference/api.html');
    for (const pkg of packages) {
      const link = page.locator(`a[href*="/api/"]`, { hasText: `API pages of ${pkg.name}` });
      expect(await link.count(), pkg.name).toBe(1);
      const href = (await link.getAttribute('href'))!;
      expect(existsSync(join(OUT_DIR, decodeURIComponent(href).slice(siteBase().length)))).toBe(true);
    }
    // Following a link loads the package's API page in the VitePress app, without a console error.
    const core = page.locator('a', { hasText: 'API pages of @spikeflow/core' });
    await Promise.all([page.waitForURL(/\/api\/.*core/), core.click()]);
    // The URL changes before the app has rendered the new page: wait for its heading.
    await page.locator('.vp-doc h1', { hasText: '@spikeflow/core' }).first().waitFor();
    // Its main entry (a package with subpaths has several) is named and linked, and lists Network.
    await Promise.all([page.waitForURL(/\/api\/core\/README/), page.locator('.vp-doc a', { hasText: 'main entry' }).first().click()]);
    await page.locator('.vp-doc a', { hasText: 'Network' }).first().waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an API page opened directly loads once (no reload loop, no hydration mismatch) and shows documented members', async () => {
    const page = await browser.context.newPage();
    const problems = watch(page);
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${site.url}api/core/_/interfaces/ModelDefinition.html`, { waitUntil: 'load' });
    await page.locator('.VPContent').waitFor();
    await page.waitForLoadState('networkidle');
    // A page that reloads itself would load again within this time (it did: a few times a second).
    await page.waitForTimeout(3000);
    expect(loads).toBe(1);
    expect(problems).toEqual([]);
    expect(await page.locator('.vp-doc h1').first().textContent()).toContain('ModelDefinition');
    // Each member is a section with its comment, e.g. what an `equations` entry reads as.
    const members = await page.locator('.vp-doc h3').allTextContents();
    for (const m of ['name', 'kind', 'parameters', 'state', 'equations', 'threshold', 'reset']) expect(members.join(' ')).toMatch(new RegExp(`\\b${m}\\b`));
    expect(await page.locator('.vp-doc').textContent()).toContain('reads dv/dt');
    await page.close();
  });

  it("the site's client and worker bundles hold backend-cpu's browser entry, not its Node entry", () => {
    const assets = join(OUT_DIR, 'assets');
    const scripts = readdirSync(assets, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    const worker = scripts.filter((f) => /worker/i.test(f) && !f.endsWith('.md.js') && !f.includes('.md.'));
    expect(worker.length).toBeGreaterThan(0);
    // The playground's worker runs createCpuBackend: its code is there, Node's worker threads are not.
    expect(worker.some((f) => readFileSync(join(assets, f), 'utf8').includes('cpu backend.threads'))).toBe(true);
    const nodeOnly = scripts.filter((f) => /node:worker_threads|worker_threads/.test(readFileSync(join(assets, f), 'utf8')));
    expect(nodeOnly).toEqual([]);
  });

  // The build checks every internal link (scripts/build.ts) and writes its record only when none is
  // broken; checking the 200,000 links again here blocked this worker for a minute on a busy machine.
  it('no internal link of the built site is broken (the build checked them and kept its record)', () => {
    const record = join(REPORT_DIR, 'build.json');
    expect(existsSync(record), record).toBe(true);
    expect(statSync(record).mtimeMs).toBeGreaterThanOrEqual(statSync(join(OUT_DIR, 'index.html')).mtimeMs);
    const report = JSON.parse(readFileSync(record, 'utf8')) as { base: string; pages: number; links: number };
    expect(report.base).toBe(siteBase());
    expect(report.pages).toBeGreaterThan(50);
    expect(report.links).toBeGreaterThan(1000);
  });

  it('the playground runs the decision network on the CPU backend and shows spikes', async () => {
    const { page, problems } = await open('playground.html');
    const count = await spikeCount(page);
    expect(count).toBeGreaterThan(1000);
    expect(await page.getByTestId('status').textContent()).toContain('on cpu');
    // The raster has ink: some pixels of the canvas are neither white nor grid grey.
    const inked = await page.getByTestId('plot').evaluate((el) => {
      type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const canvas = el as unknown as Canvas;
      const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let blue = 0;
      for (let k = 0; k < d.length; k += 4) if (d[k + 2]! > d[k]! + 60) blue++;
      return blue;
    });
    expect(inked).toBeGreaterThan(1000);
    expect(page.url()).toContain('#scenario=default');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('plots grow while a run progresses, and Stop keeps what was drawn', async () => {
    const { page, problems } = await open('playground.html#scenario=default&steps=20000&size=300');
    const status = page.getByTestId('status');
    await expect.poll(async () => Number(/(\d+)%/.exec((await status.textContent()) ?? '')?.[1] ?? 0), { timeout: NO_LIMIT, interval: 50 }).toBeGreaterThan(0);
    await page.getByTestId('stop').click();
    expect(await page.locator('.sf-playground').getAttribute('data-state')).toBe('stopped');
    expect(await status.textContent()).toContain('Stopped');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a shared link reproduces the same run (same spike count)', async () => {
    const { page, problems } = await open('playground.html');
    await spikeCount(page);
    await page.getByTestId('scenario').selectOption('random-noise');
    await page.getByTestId('seed').fill('7');
    await page.getByTestId('steps').fill('1500');
    await page.getByTestId('connectivity').selectOption('random-uniform');
    await page.getByTestId('wmax').fill('25');
    await page.getByTestId('run').click();
    const count = await spikeCount(page);
    const link = await page.getByTestId('share-url').inputValue();
    expect(link).toMatch(/#scenario=random-noise&seed=7&steps=1500&wmax=25&connectivity=random-uniform$/);
    await page.close();

    const again = await open(link.slice(site.url.length));
    expect(await spikeCount(again.page)).toBe(count);
    expect(await again.page.getByTestId('seed').inputValue()).toBe('7');
    expect([...problems, ...again.problems]).toEqual([]);
    await again.page.close();
  });

  it('a bad link is refused with a message naming the setting, and the default run is shown', async () => {
    const { page, problems } = await open('playground.html#scenario=default&seed=alert(1)');
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('seed');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a pasted experiment file runs; an invalid one is refused by the schema and nothing executes', async () => {
    const { page, problems } = await open('playground.html');
    await spikeCount(page);
    await page.getByTestId('tab-file').click();
    expect(await page.getByTestId('file-text').inputValue()).toMatch(/name: ei-network/);
    await page.getByTestId('run').click();
    expect(await spikeCount(page)).toBeGreaterThan(0);

    const hostile = JSON.stringify({
      dt: 1,
      steps: 100,
      seed: 0,
      populations: { '<img src=x onerror=alert(1)>': { model: 'LIF', size: 10 }, b: { model: 'LIF', size: 5, parameters: { R: 'alert(2)' } } },
    });
    await page.getByTestId('file-text').fill(hostile);
    await page.getByTestId('run').click();
    await page.locator('.sf-playground[data-state="error"]').waitFor();
    const message = (await page.getByTestId('message').textContent()) ?? '';
    expect(message).toContain('populations.b.parameters.R');
    expect(await page.locator('.sf-message img').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the STDP choice (examples/stdp.yaml) runs from its link, draws the weight histogram, and its form makes a new link', async () => {
    // 5000 steps = 0.5 s simulated: about 7500 input spikes and a few output spikes.
    const { page, problems } = await open('playground.html#example=stdp&steps=5000');
    expect(await spikeCount(page)).toBeGreaterThan(5000);
    expect(await page.locator('.sf-playground').getAttribute('data-mode')).toBe('stdp');
    expect(Number(/neuron (\d+)/.exec((await page.getByTestId('status').textContent()) ?? '')?.[1])).toBeGreaterThan(0);
    const histogram = page.getByTestId('weight-histogram');
    expect(await histogram.getAttribute('data-synapses')).toBe('1000');
    const inked = await histogram.evaluate((el) => {
      type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const canvas = el as unknown as Canvas;
      const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let blue = 0;
      for (let k = 0; k < d.length; k += 4) if (d[k + 2]! > d[k]! + 60) blue++;
      return blue;
    });
    expect(inked).toBeGreaterThan(1000);
    await page.getByTestId('stdp-seed').fill('2');
    await page.getByTestId('run').click();
    expect(await spikeCount(page)).toBeGreaterThan(5000);
    expect(await page.getByTestId('share-url').inputValue()).toMatch(/#example=stdp&seed=2&steps=5000$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the playground runs on WebGPU where Chromium offers it, and its link repeats the run', async (ctx) => {
    const { page, problems } = await open('playground.html#scenario=default&backend=webgpu');
    const gpu = await page.evaluate(async () => {
      const nav = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator;
      return nav?.gpu ? !!(await nav.gpu.requestAdapter()) : false;
    });
    if (!gpu) {
      console.warn('skipping the WebGPU playground test: this Chromium has no WebGPU adapter');
      await page.close();
      return ctx.skip();
    }
    const count = await spikeCount(page);
    expect(count).toBeGreaterThan(1000);
    expect(await page.getByTestId('status').textContent()).toContain('on webgpu');
    const link = await page.getByTestId('share-url').inputValue();
    await page.close();
    const again = await open(link.slice(site.url.length));
    expect(await spikeCount(again.page)).toBe(count);
    expect([...problems, ...again.problems]).toEqual([]);
    await again.page.close();
  });
});
