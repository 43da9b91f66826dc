// Browser builds of backend-cpu while it still holds Node-only code in its main entry.
//
// Every other package's main entry is browser-clean (Node-only parts are on subpaths:
// `@spikeflow/experiment-file/node`, `@spikeflow/plot/png`). `@spikeflow/backend-cpu` still imports
// `node:worker_threads` (for `threads > 1`) from its main entry until its threads split (issue 9)
// is merged; until then, in the site's bundles that one built-in becomes a stub whose functions
// throw "not available in the browser" when called, and its Node `new Worker(new URL(…))` calls
// are left alone by Vite's worker and asset bundling. Delete this file once backend-cpu is clean
// (scripts/test/browser-bundles.test.ts stops warning then).
import type { Plugin } from 'vite';

/** The exports of the stubbed built-in that backend-cpu imports by name. */
const STUBS: Record<string, readonly string[]> = {
  'node:worker_threads': ['Worker', 'isMainThread', 'parentPort', 'workerData', 'threadId', 'MessageChannel'],
};

const PREFIX = '\0spikeflow-node-stub:';

function stubSource(id: string): string {
  const names = STUBS[id] ?? [];
  const lines = [
    `const unavailable = (name) => { const f = function () { throw new Error(${JSON.stringify(id)} + '.' + name + ' is not available in the browser'); }; return f; };`,
    ...names.map((n) => `export const ${n} = unavailable(${JSON.stringify(n)});`),
    `export default {};`,
  ];
  return lines.join('\n');
}

/** Stubs backend-cpu's `node:worker_threads` in the client bundles (not in the server-side render, which runs in Node). */
export function nodeOnlyStubs(): Plugin {
  return {
    name: 'spikeflow:node-only-stubs',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (options?.ssr || !Object.hasOwn(STUBS, source) || !/backend-cpu/.test(importer ?? '')) return null;
      return PREFIX + source;
    },
    load(id) {
      return id.startsWith(PREFIX) ? stubSource(id.slice(PREFIX.length)) : null;
    },
    transform(code, id, options) {
      // A Node worker (`node:worker_threads`) is not a browser worker: keep Vite's worker and
      // asset plugins from trying to bundle its script.
      if (options?.ssr || !/from\s+['"]node:worker_threads['"]/.test(code) || !code.includes('new Worker(')) return null;
      return code.replace(/new Worker\(new URL\(/g, 'new Worker(/* @vite-ignore */ new URL(/* @vite-ignore */ ').replace(/(new Worker\(\/\* @vite-ignore \*\/ new URL\([^)]*\)),\s*\{/g, '$1, /* @vite-ignore */ {');
    },
  };
}
