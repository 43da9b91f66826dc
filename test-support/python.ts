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
 * What `PYTHON -c PRELUDE script args…` runs: `script` as `__main__` (its folder first on sys.path,
 * `sys.argv` = [script, args…], as `PYTHON script args…` would), after three things that only cost
 * start-up time here (about 1.2 to 3.5 s of CPU per process, of 2.5 to 6):
 * - Cython's `old_build_ext`, which `import brian2` reaches, calls `inspect.getouterframes` at module
 *   level; deep in Brian2's import, with thousands of modules loaded, that took up to 3 s of CPU
 *   (400,000 mmap/munmap pairs: inspect.getmodule copying sys.modules for every import-machinery
 *   frame), depending on the stack. Imported first, from a shallow stack with few modules, it is cheap,
 *   and Brian2's import then finds it loaded.
 * - `pylab` and `pythran` are made unimportable: `import brian2` runs `from pylab import *`
 *   (matplotlib; Brian2 falls back to numpy's names when pylab is missing), and Cython's build tools
 *   import pythran when present. The numpy target uses neither (no plots, nothing compiled).
 * The scripts' results are unchanged (checked: identical spike counts and statistics).
 */
const PRELUDE = [
  'import os, runpy, sys, warnings',
  "for name in ('pylab', 'pythran'): sys.modules[name] = None",
  'with warnings.catch_warnings():',
  "    warnings.simplefilter('ignore')",
  '    try:',
  '        import Cython.Distutils.old_build_ext',
  '    except ImportError:',
  '        pass',
  'script = sys.argv[1]',
  'sys.argv = sys.argv[1:]',
  'sys.path[0] = os.path.dirname(os.path.abspath(script))',
  "runpy.run_path(script, run_name='__main__')",
].join('\n');

/** The arguments for PYTHON that run `script args…` through {@link PRELUDE} (spawn(PYTHON, pythonArgs(…))). */
export function pythonArgs(script: string, args: readonly string[] = []): string[] {
  return ['-c', PRELUDE, script, ...args];
}

/**
 * Runs `script args…` with `stdin` and resolves with its stdout. Asynchronous: a test worker blocked
 * in a child process for a minute (Brian2 on a busy machine) misses vitest's RPC deadline and fails
 * the run although every test passed; several scripts can also run beside spikeflow. No time
 * limit: no clock decides a test.
 */
function runPython(script: string, args: readonly string[], stdin = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, pythonArgs(script, args));
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
