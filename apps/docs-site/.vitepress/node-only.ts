// Browser builds of workspace packages that also hold Node-only code.
//
// Some packages' main entry imports Node built-ins for features a browser never uses:
// `@spikeflow/backend-cpu` (worker threads for `threads > 1`), `@spikeflow/experiment-file`
// (reading files from disk, `isDeepStrictEqual` for the JSON Schema). The playground needs their
// browser-safe parts, so in the site's bundles those built-ins become stubs whose functions throw
// "not available in the browser" when called, and Node `new Worker(new URL(…))` calls are left
// alone by Vite's worker and asset bundling. Nothing here runs unless such a feature is called.
// (Reported upstream: a separate Node entry point in those packages would make this unneeded.)
import type { Plugin } from 'vite';

/** The exports of each stubbed built-in that workspace packages import by name. */
const STUBS: Record<string, readonly string[]> = {
  'node:worker_threads': ['Worker', 'isMainThread', 'parentPort', 'workerData', 'threadId', 'MessageChannel'],
  'node:fs': ['readFileSync', 'existsSync', 'statSync', 'writeFileSync', 'createReadStream', 'createWriteStream'],
  'node:fs/promises': ['readFile', 'writeFile', 'realpath', 'stat', 'mkdir', 'open'],
  'node:path': ['dirname', 'extname', 'relative', 'resolve', 'join', 'basename', 'isAbsolute', 'sep', 'normalize'],
  'node:util': ['isDeepStrictEqual', 'inspect', 'promisify', 'format'],
  'node:os': ['cpus', 'availableParallelism', 'tmpdir', 'EOL'],
};

const PREFIX = '\0spikeflow-node-stub:';

function stubSource(id: string): string {
  const names = STUBS[id] ?? [];
  const lines = [
    `const unavailable = (name) => { const f = function () { throw new Error(${JSON.stringify(id)} + '.' + name + ' is not available in the browser'); }; return f; };`,
    ...names.map((n) => (n === 'sep' ? `export const sep = '/';` : n === 'EOL' ? `export const EOL = '\\n';` : `export const ${n} = unavailable(${JSON.stringify(n)});`)),
    `export default {};`,
  ];
  return lines.join('\n');
}

/** Stubs Node built-ins in the client bundles (not in the server-side render, which runs in Node). */
export function nodeOnlyStubs(): Plugin {
  return {
    name: 'spikeflow:node-only-stubs',
    enforce: 'pre',
    resolveId(source, _importer, options) {
      if (options?.ssr || !Object.hasOwn(STUBS, source)) return null;
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
