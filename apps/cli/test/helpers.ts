import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, vi } from 'vitest';

/** Shared by the CLI's test files: the built CLI run as a child process, and fresh output folders. */
export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const bin = join(root, 'apps/cli/dist/bin.js');
const work = mkdtempSync(join(tmpdir(), 'spikeflow-cli-exp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let dirs = 0;
/** A new, not yet existing output folder inside this file's temporary folder. */
export const fresh = () => join(work, `out${dirs++}`);
/** A finished child process. */
export interface Result {
  /** Exit code, or null when killed by a signal. */
  status: number | null;
  /** Everything printed on stdout. */
  stdout: string;
  /** Everything printed on stderr. */
  stderr: string;
}
/** Runs a command without blocking the test worker's event loop (vitest's RPC needs it). */
export const exec = (file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Result> =>
  new Promise((resolve) => {
    execFile(file, args, { encoding: 'utf8', cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : err ? null : 0;
      resolve({ status: code, stdout, stderr });
    });
  });
/** Runs the built CLI with `args` (CI=true: no progress bar). */
export const cli = (...args: string[]): Promise<Result> => exec(process.execPath, [bin, ...args], { ...process.env, CI: 'true' });
/**
 * Runs the built CLI's `main` inside this test process, capturing what it prints: the same code as
 * the binary minus Node's start (about 0.7 s a call), for the many calls that end in a
 * validation error before anything runs.
 */
export async function cliInProcess(...args: string[]): Promise<Result> {
  const { main } = (await import(join(root, 'apps/cli/dist/index.js'))) as { main: (argv: readonly string[]) => Promise<number> };
  const out: string[] = [];
  const err: string[] = [];
  const text = (a: unknown[]) => `${a.map((x) => (typeof x === 'string' ? x : String(x))).join(' ')}\n`;
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(text(a))),
    vi.spyOn(console, 'info').mockImplementation((...a: unknown[]) => void out.push(text(a))),
    vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void err.push(text(a))),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(text(a))),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true)),
  ];
  try {
    const status = await main([process.execPath, 'spikeflow', ...args]);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}
/** A result, for assertion messages. */
export const show = (r: Result) => `exit ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

/** Items (paths) of the `<g class="… raster_<k>_marks">` group of a rendered seed figure. */
export function rasterMarks(svg: string, column: number): number {
  const start = svg.indexOf(`raster_${column}_marks`);
  if (start < 0) return -1;
  const end = svg.indexOf('</g>', start);
  return (svg.slice(start, end).match(/<path/g) ?? []).length;
}
