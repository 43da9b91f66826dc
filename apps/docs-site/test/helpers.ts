/**
 * The built site for the browser tests: built by the tests when missing or older than its
 * sources (guides, theme, playground, build scripts), or always with SPIKEFLOW_DOCS_REBUILD=1.
 * The build runs the compiled script (`turbo run build` compiles it), as `pnpm run docs` does.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DOCS_DIR, OUT_DIR, REPORT_DIR, SITE_ROOT, siteBase } from '../scripts/paths.js';

const SKIP = new Set(['node_modules', 'dist', 'cache', 'reports', '_generated', 'api', 'figures', 'test']);

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) continue;
    const full = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return t;
}

/** Why the site must be (re)built, or undefined when the built site is current. */
export function rebuildReason(): string | undefined {
  const index = join(OUT_DIR, 'index.html');
  if (process.env.SPIKEFLOW_DOCS_REBUILD === '1') return 'SPIKEFLOW_DOCS_REBUILD=1';
  if (!existsSync(index)) return 'no built site';
  const record = join(REPORT_DIR, 'build.json');
  const base = existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as { base?: string }).base : undefined;
  if (base !== siteBase()) return `built for base ${base ?? '(unknown)'}, testing ${siteBase()}`;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(newest(DOCS_DIR), newest(SITE_ROOT));
  return sources > built ? 'sources changed since the last build' : undefined;
}

/** Builds the site if needed (in a child process, so the test worker stays responsive); returns what it did. */
export async function ensureSite(): Promise<string> {
  const reason = rebuildReason();
  if (!reason) return 'using the built site';
  const script = resolve(SITE_ROOT, 'dist/scripts/build.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npx turbo run build\` first`);
  await new Promise<void>((ok, fail) => {
    const child = spawn(process.execPath, [script], { cwd: resolve(SITE_ROOT, '../..'), stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`the docs build exited with ${code}`))));
  });
  return `built the site (${reason})`;
}
