/**
 * Builds the docs site: figures from real runs (the decision walkthrough, the model gallery, the
 * getting-started and synapses guides' snippets), typedoc API pages, VitePress, then the link
 * check over the built HTML (any broken internal link fails the build).
 *
 *     node apps/docs-site/dist/scripts/build.js          (after `turbo run build`; root: `pnpm run docs`)
 *
 * Environment: `DOCS_BASE` deploys under a sub-path (default `/`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vitepress';
import { buildApi } from './api.js';
import { checkLinks } from './check-links.js';
import { buildFigures, buildGuideFigures } from './figures.js';
import { buildGallery } from './gallery.js';
import { OUT_DIR, REPORT_DIR, SITE_ROOT, siteBase } from './paths.js';
import { buildReference } from './reference.js';
import { buildSynapseFigures } from './synapses.js';

const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

/** Generates figures, reference fragments and API pages (what both the build and the dev server need). */
export async function generate(): Promise<void> {
  let t = performance.now();
  const figures = await buildFigures();
  console.log(`docs: ${figures.length} figures from real runs (${figures.map((f) => `${f.scenario} ${Math.round(f.bytes / 1024)} KiB`).join(', ')}) in ${seconds(t)}`);
  t = performance.now();
  const models = await buildGallery();
  console.log(`docs: model gallery, ${models.length} pages with traces and f–I curves from real runs, in ${seconds(t)}`);
  console.log(`docs: getting started's first-figure: ${buildGuideFigures()}`);
  t = performance.now();
  console.log(`docs: synapses guide, ${(await buildSynapseFigures()).join(', ')} from real runs in ${seconds(t)}`);
  const reference = buildReference();
  console.log(`docs: CLI reference (${reference.commands} commands) and experiment-file schema (${Math.round(reference.schemaBytes / 1024)} KiB)`);
  t = performance.now();
  const api = await buildApi({ quiet: true });
  console.log(
    `docs: API pages for ${api.packages.length} packages (${api.packages.map((p) => p.name).join(', ')}) in ${seconds(t)}; ` +
      `${api.undocumented.length} exported symbols and members without a doc comment and ${api.messages.length} typedoc warnings, listed in ${REPORT_DIR}`,
  );
  // Every exported symbol and member has a doc comment (typedoc notDocumented): one without fails the build.
  if (api.undocumented.length > 0) {
    throw new Error(`docs: ${api.undocumented.length} exported symbols or members have no doc comment (typedoc notDocumented):\n${api.undocumented.map((u) => `  ${u}`).join('\n')}`);
  }
}

/** The whole build; throws when a link is broken. */
export async function buildSite(): Promise<void> {
  await generate();
  const t = performance.now();
  await build(SITE_ROOT);
  console.log(`docs: VitePress build in ${seconds(t)}`);
  const report = checkLinks(OUT_DIR, siteBase());
  if (report.broken.length > 0) {
    const list = report.broken.map((b) => `  ${b.page}: ${b.link} (${b.reason})`).join('\n');
    throw new Error(`docs: ${report.broken.length} broken internal links in ${report.pages} pages:\n${list}`);
  }
  console.log(`docs: ${report.links} internal links in ${report.pages} pages, none broken; site in ${OUT_DIR}`);
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(join(REPORT_DIR, 'build.json'), `${JSON.stringify({ base: siteBase(), pages: report.pages, links: report.links }, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildSite().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
