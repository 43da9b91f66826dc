/**
 * Takes `docs/public/playground.png`: the playground after a run of the default scenario, in
 * headless Chromium, from the built site (`pnpm run docs` first). With `--pages`, instead takes
 * the API page of `ModelDefinition` (`docs/public/screenshots/api-model-definition.png`, whole
 * page) and the walkthrough at its first figure (`docs/public/screenshots/walkthrough.png`), in a
 * 1280-px window.
 *
 *     node apps/docs-site/dist/scripts/screenshot.js [--out <file>] [--hash <settings>]
 *     node apps/docs-site/dist/scripts/screenshot.js --pages
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from './browser.js';
import { OUT_DIR, PUBLIC_DIR, siteBase } from './paths.js';
import { serveStatic } from './serve.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

export async function screenshotPlayground(out: string, hash = 'scenario=default'): Promise<number> {
  if (!existsSync(join(OUT_DIR, 'playground.html'))) throw new Error(`no built site in ${OUT_DIR}; run pnpm run docs first`);
  const site = await serveStatic(OUT_DIR, { base: siteBase() });
  const browser = await launchChromium({ viewport: { width: 1200, height: 1400 } });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}playground.html#${hash}`);
    await page.locator('.sf-playground[data-state="done"]').waitFor({ timeout: 60_000 });
    const count = Number(await page.getByTestId('spike-count').textContent());
    // The form, the status and the plot; not the share box (its URL would be this local server's).
    const top = await page.locator('.sf-playground').boundingBox();
    const plot = await page.getByTestId('plot').boundingBox();
    if (!top || !plot) throw new Error('the playground is not visible');
    await page.screenshot({ path: out, animations: 'disabled', fullPage: true, clip: { x: top.x - 8, y: top.y - 8, width: top.width + 16, height: plot.y + plot.height - top.y + 16 } });
    return count;
  } finally {
    await browser.close();
    await site.close();
  }
}

/** Screenshots of built pages in a 1280-px window: `fullPage`, or the viewport with `selector` scrolled to its top. */
export async function screenshotPages(shots: readonly { path: string; out: string; selector?: string }[]): Promise<void> {
  const site = await serveStatic(OUT_DIR, { base: siteBase() });
  const browser = await launchChromium({ webgpu: false, viewport: { width: 1280, height: 1000 } });
  try {
    for (const shot of shots) {
      const page = await browser.context.newPage();
      await page.goto(`${site.url}${shot.path}`);
      await page.locator('.VPContent').waitFor();
      if (shot.selector) {
        const target = page.locator(shot.selector).first();
        await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.evaluate(() => window.scrollBy(0, -80)); // below the fixed navigation bar
        await target.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
      }
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: shot.out, animations: 'disabled', fullPage: !shot.selector });
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--pages')) {
  const dir = join(PUBLIC_DIR, 'screenshots');
  mkdirSync(dir, { recursive: true });
  screenshotPages([
    { path: 'api/core/_/interfaces/ModelDefinition.html', out: join(dir, 'api-model-definition.png') },
    { path: 'guide/decision-network.html', out: join(dir, 'walkthrough.png'), selector: '.figure' },
  ])
    .then(() => console.log(`docs: wrote the API and walkthrough screenshots in ${dir}`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const out = resolve(arg('--out') ?? join(PUBLIC_DIR, 'playground.png'));
  screenshotPlayground(out, arg('--hash'))
    .then((count) => console.log(`docs: wrote ${out} (${count} spikes)`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
