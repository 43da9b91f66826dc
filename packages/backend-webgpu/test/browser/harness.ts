import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Node built-ins some packages import for Node-only paths (the CPU backend's worker threads):
 * in the page they resolve to stubs that fail loudly if ever used.
 */
const nodeStubs: Plugin = {
  name: 'node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
      contents: [
        `const unavailable = () => { throw new Error('${args.path} is not available in a browser'); };`,
        'export class Worker { constructor() { unavailable(); } }',
        'export const parentPort = null;',
        'export const workerData = undefined;',
        'export const isMainThread = true;',
        'export default {};',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/** Chromium from Debian's package; its WebGPU runs on SwiftShader (no GPU needed). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--headless',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** Bundles the page script (the backend, the suite and the CPU reference) for the browser. */
export async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./entry.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    // Dawn for Node: never loaded in a browser (navigator.gpu is there), so never bundled.
    external: ['webgpu'],
    plugins: [nodeStubs],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Serves the page and the bundle on localhost; resolves to its URL. */
export async function serve(script: string): Promise<{ url: string; server: Server }> {
  const page = '<!doctype html><meta charset="utf-8"><title>spikeflow WebGPU conformance</title><script type="module" src="/app.js"></script>';
  const server = createServer((req, res) => {
    if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
    } else if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}
