// VitePress configuration of the spikeflow docs site. Guides are Markdown in the repository's
// docs/ folder (srcDir); this app holds the theme, the playground and the build scripts.
// Build with `pnpm run docs` (figures, API pages, VitePress, link check), serve with `pnpm run docs:dev`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';

/** The API pages' sidebar, written by typedoc (scripts/api.ts) next to the pages it generates. */
const apiSidebarFile = new URL('../../../docs/api/typedoc-sidebar.json', import.meta.url);
const apiSidebar: DefaultTheme.SidebarItem[] = existsSync(apiSidebarFile) ? (JSON.parse(readFileSync(apiSidebarFile, 'utf8')) as DefaultTheme.SidebarItem[]) : [];

/** Rollup warnings about comment placement inside dependencies (zod) are theirs, not ours. */
type Log = { readonly code?: string; readonly id?: string };
const quietWarnings = <W extends Log>(warning: W, warn: (w: W) => void) => {
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
  warn(warning);
};

// The model gallery's pages are generated before VitePress starts (scripts/gallery.ts): list what is there.
const modelsDir = fileURLToPath(new URL('../../../docs/models', import.meta.url));
const modelPages = existsSync(modelsDir) ? readdirSync(modelsDir).filter((f) => f.endsWith('.md') && f !== 'index.md').sort() : [];
const modelItems = modelPages.map((f) => ({ text: f.replace(/\.md$/, ''), link: `/models/${f.replace(/\.md$/, '')}` }));

const base = `/${(process.env.DOCS_BASE ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

export default defineConfig({
  title: 'spikeflow',
  description: 'Spiking neural networks in TypeScript: models as equations, one seed one result, CPU and WebGPU backends.',
  lang: 'en',
  base,
  srcDir: '../../docs',
  // Generated fragments are included by guides, not pages of their own.
  srcExclude: ['_generated/**', 'README.md'],
  outDir: './.vitepress/dist',
  // Out of the source tree (and of the linter's way).
  cacheDir: './node_modules/.vitepress-cache',
  cleanUrls: false,
  lastUpdated: false,
  head: [
    ['link', { rel: 'icon', type: 'image/svg+xml', href: `${base}favicon.svg` }],
    ['meta', { name: 'theme-color', content: '#2f6db5' }],
  ],
  // The walkthrough's figures are large SVGs (one mark per spike): load them when scrolled to.
  markdown: { theme: { light: 'github-light', dark: 'github-dark' }, image: { lazyLoading: true } },
  themeConfig: {
    logo: '/favicon.svg',
    nav: [
      { text: 'Guide', link: '/guide/getting-started', activeMatch: '^/guide/' },
      { text: 'Concepts', link: '/concepts/model-language', activeMatch: '^/concepts/' },
      { text: 'Models', link: '/models/', activeMatch: '^/models/' },
      { text: 'Reference', link: '/reference/cli', activeMatch: '^/reference/' },
      { text: 'API', link: '/api/', activeMatch: '^/api/' },
      { text: 'Playground', link: '/playground' },
    ],
    sidebar: {
      // The API pages (typedoc Markdown): one section per package.
      '/api/': [{ text: 'API by package', link: '/reference/api' }, ...apiSidebar],
      '/': [
        {
          text: 'Guide',
          items: [
            { text: 'Getting started', link: '/guide/getting-started' },
            { text: 'The decision network', link: '/guide/decision-network' },
            { text: 'Write your own neuron model', link: '/guide/custom-neuron' },
            { text: 'Synapses', link: '/guide/synapses' },
            { text: 'Spike sources and encoders', link: '/guide/spike-sources' },
            { text: 'Scaling out: NEURON with MPI, Brian2', link: '/guide/scaling-out' },
          ],
        },
        {
          text: 'Concepts',
          items: [
            { text: 'The model language', link: '/concepts/model-language' },
            { text: 'Units', link: '/concepts/units' },
            { text: 'Integrators', link: '/concepts/integrators' },
            { text: 'Backends', link: '/concepts/backends' },
            { text: 'Determinism', link: '/concepts/determinism' },
          ],
        },
        { text: 'Model gallery', link: '/models/', collapsed: true, items: modelItems },
        {
          text: 'Reference',
          items: [
            { text: 'Command line', link: '/reference/cli' },
            { text: 'Experiment files', link: '/reference/experiment-file' },
            { text: 'API by package', link: '/reference/api' },
          ],
        },
        { text: 'Playground', link: '/playground' },
      ],
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    footer: { message: 'spikeflow — MIT licensed.' },
  },
  vite: {
    // Module workers, so the worker can share chunks (and lazily load the WebGPU backend).
    worker: { format: 'es', rollupOptions: { onwarn: quietWarnings } },
    build: { chunkSizeWarningLimit: 2000, rollupOptions: { onwarn: quietWarnings } },
    optimizeDeps: {
      // CommonJS dependencies of the workspace packages, pre-bundled for the dev server.
      include: ['@spikeflow/core > seedrandom', '@spikeflow/core > ndarray', '@spikeflow/experiment-file > yaml', '@spikeflow/experiment-file > zod'],
    },
  },
});
