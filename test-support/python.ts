/**
 * Debian's Python with Brian2 and numpy, for the cross-checks: one probe per test file, and one
 * subprocess per batch (a JSON description on stdin, one JSON result on stdout).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { requireDependency } from './dependency.js';

export const PYTHON = '/usr/bin/python3';

const probes: Partial<Record<string, SpawnSyncReturns<string>>> = {};

/** Whether `import <module>` works in PYTHON; skips locally / fails under CI=true when not. */
export function pythonHas(module: 'brian2' | 'numpy', install: string): boolean {
  // Finds the module without importing it: importing brian2 costs seconds of CPU, and every script
  // that uses it imports it anyway (a broken install then fails that test, loudly). One probe per
  // module and test process.
  const find = `import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('${module}') else 3)`;
  const probe = (probes[module] ??= spawnSync(PYTHON, ['-c', find], { encoding: 'utf8' }));
  const reason = probe.error?.message ?? (probe.status === 3 ? `no module named '${module}'` : (probe.stderr || '').trim().split('\n').at(-1) || `exit ${probe.status}`);
  const why = `${PYTHON} cannot find ${module}: ${reason}; ${install}`;
  return requireDependency(module === 'brian2' ? 'Brian2' : 'numpy', probe.status === 0, why);
}

export const BRIAN2_INSTALL = 'install Brian2 (Debian: apt-get install -y python3-brian)';

/**
 * Runs `script args…` with `stdin` and resolves with its stdout. Asynchronous: a test worker blocked
 * in a child process for a minute (Brian2 on a busy machine) misses vitest's RPC deadline and fails
 * the run although every test passed; several scripts can also run beside spikeflow. No time
 * limit: no clock decides a test.
 */
function runPython(script: string, args: readonly string[], stdin = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [script, ...args]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => (status !== 0 ? reject(new Error(`${script} failed (status ${status}):\n${err}`)) : resolve(out)));
    child.stdin.end(stdin);
  });
}

/** Runs `script` with `input` as JSON on stdin and parses its stdout as JSON. */
export async function runPythonJson<T>(script: string, input: unknown): Promise<T> {
  return JSON.parse(await runPython(script, [], JSON.stringify(input))) as T;
}

/** Runs `script args…` and parses each line of its stdout as one JSON result. */
export async function runPythonLines<T>(script: string, args: readonly string[]): Promise<T[]> {
  return (await runPython(script, args)).trim().split('\n').map((l) => JSON.parse(l) as T);
}
