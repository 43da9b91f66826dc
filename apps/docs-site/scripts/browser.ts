/**
 * Headless Chromium for the site's browser tests and screenshots: Debian's `chromium` driven by
 * `playwright-core` (no browser download), a fresh profile per launch, no network beyond the
 * local server, and WebGPU on SwiftShader where Chromium offers it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** `SPIKEFLOW_CHROMIUM`, else `/usr/bin/chromium`. */
export const chromiumPath = (): string => process.env.SPIKEFLOW_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(chromiumPath());

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'] as const;

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh `--user-data-dir`, removed again on close. */
export async function launchChromium(options: { webgpu?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'spikeflow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(options.webgpu === false ? [] : WEBGPU_FLAGS)],
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
