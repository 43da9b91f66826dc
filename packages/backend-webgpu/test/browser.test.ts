import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { conformanceFailures, type ConformanceReport } from '@spikeflow/testing';
import { bundle, CHROMIUM, CHROMIUM_ARGS, hasChromium, serve } from './browser/harness.js';
import { requireDependency } from '../../../test-support/dependency.js';

const HAVE_CHROMIUM = requireDependency('Chromium', hasChromium(), `no Chromium at ${CHROMIUM}; apt-get install -y chromium, or set CHROMIUM_PATH`);

describe.skipIf(!HAVE_CHROMIUM)('WebGPU in headless Chromium (SwiftShader)', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;

  beforeAll(async () => {
    const served = await serve(await bundle());
    server = served.server;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.waitForFunction(() => 'spikeflowConformance' in globalThis, undefined, { timeout: 0 });
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  const run = (options: { networks?: string[]; seeds?: number[]; steps?: number }) =>
    page.evaluate(
      (o) => (globalThis as unknown as { spikeflowConformance: (x: unknown) => Promise<{ adapter: unknown; report: ConformanceReport }> }).spikeflowConformance(o),
      options,
    );

  it('noise-free reference networks give the CPU f32 spike trains exactly (all seeds, 2000 steps)', async () => {
    const { adapter, report } = await run({ networks: ['decision', 'cuba'] });
    console.info(`browser adapter: ${JSON.stringify(adapter)}`);
    expect((adapter as { source: string }).source).toBe('navigator.gpu');
    expect(report.cases).toHaveLength(4);
    expect(conformanceFailures(report)).toEqual([]);
    for (const c of report.cases) expect(c.divergence).toBeUndefined();
  });

  it('the noisy network keeps per-population rates within 2% of CPU f32 and f64 (both seeds)', async () => {
    const { report } = await run({ networks: ['noisy'] });
    expect(report.cases).toHaveLength(2);
    expect(conformanceFailures(report)).toEqual([]);
  });
});
