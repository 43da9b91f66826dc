/** Where the docs site's inputs and outputs live (all absolute). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/docs-site: the nearest folder above this file whose package.json is the docs site's. */
function siteRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = resolve(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@spikeflow/docs-site') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('docs site: cannot find apps/docs-site/package.json above this script');
    dir = up;
  }
}

/** apps/docs-site (this file runs from scripts/ as TypeScript or from dist/scripts/). */
export const SITE_ROOT = siteRoot();
export const REPO_ROOT = resolve(SITE_ROOT, '../..');
/** Guide sources (VitePress srcDir). */
export const DOCS_DIR = resolve(REPO_ROOT, 'docs');
/** Served as-is at the site root. */
export const PUBLIC_DIR = resolve(DOCS_DIR, 'public');
/** Generated at build time, ignored by git: typedoc's Markdown pages (part of the site) and the walkthrough's figures. */
export const API_DIR = resolve(DOCS_DIR, 'api');
export const FIGURES_DIR = resolve(PUBLIC_DIR, 'figures');
/** Generated Markdown fragments included by guides (excluded from the page list). */
export const GENERATED_DIR = resolve(DOCS_DIR, '_generated');
/** The built site. */
export const OUT_DIR = resolve(SITE_ROOT, '.vitepress/dist');
/** Reports written by the build (undocumented exports, link check). */
export const REPORT_DIR = resolve(SITE_ROOT, '.vitepress/reports');

/** The site's base path (`/` unless deployed under a sub-path), from `DOCS_BASE`. */
export function siteBase(): string {
  const base = process.env.DOCS_BASE ?? '/';
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}
