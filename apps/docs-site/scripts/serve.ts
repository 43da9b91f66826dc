/**
 * A tiny static server for the built site (tests, screenshots, `pnpm run docs:preview`): node:http,
 * GET/HEAD only, files under the site root only, `index.html` for directories, 404 otherwise.
 *
 * It sends the Content-Security-Policy the site is meant to be deployed with (see
 * `CONTENT_SECURITY_POLICY`), so the tests exercise it: the playground's worker compiles kernels
 * with `new Function` (printed from validated IR), which needs `'unsafe-eval'`; VitePress inlines
 * small bootstrap scripts, which need `'unsafe-inline'`; nothing is loaded from other origins.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

export interface StaticServer {
  readonly server: Server;
  /** e.g. `http://127.0.0.1:41234/` (with the base path). */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `root` at `http://127.0.0.1:<port><base>`; port 0 picks a free one. */
export async function serveStatic(root: string, options: { port?: number; base?: string } = {}): Promise<StaticServer> {
  const base = options.base ?? '/';
  const top = resolve(root);
  const server = createServer((req, res) => {
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (!pathname.startsWith(base)) return send(404, 'not found');
    let file = normalize(join(top, pathname.slice(base.length)));
    if (file !== top && !file.startsWith(top + sep)) return send(404, 'not found');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    // VitePress links pages without `.html` when cleanUrls is on; serve both forms.
    if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file) || !statSync(file).isFile()) {
      const notFound = join(top, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html']!, 'content-security-policy': CONTENT_SECURITY_POLICY });
      if (req.method === 'HEAD' || !existsSync(notFound)) return res.end();
      return createReadStream(notFound).pipe(res);
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
