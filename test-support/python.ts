/**
 * Debian's Python with Brian2 and numpy, for the cross-checks: one probe per test file, and one
 * subprocess per batch (a JSON description on stdin, one JSON result on stdout).
 */
import { spawnSync } from 'node:child_process';
import { requireDependency } from './dependency.js';

export const PYTHON = '/usr/bin/python3';

/** Whether `import <module>` works in PYTHON; skips locally / fails under CI=true when not. */
export function pythonHas(module: 'brian2' | 'numpy', install: string): boolean {
  const probe = spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' });
  const why = `${PYTHON} -c 'import ${module}' failed: ${probe.error?.message ?? ((probe.stderr || '').trim().split('\n').at(-1) || `exit ${probe.status}`)}; ${install}`;
  return requireDependency(module === 'brian2' ? 'Brian2' : 'numpy', probe.status === 0, why);
}

export const BRIAN2_INSTALL = 'install Brian2 (Debian: apt-get install -y python3-brian)';

/** Runs `script` with `input` as JSON on stdin and parses its stdout as JSON. */
export function runPythonJson<T>(script: string, input: unknown, timeoutMs: number): T {
  const res = spawnSync(PYTHON, [script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 512 * 2 ** 20, timeout: timeoutMs });
  if (res.status !== 0) throw new Error(`${script} failed (status ${res.status}, ${res.error?.message ?? ''}):\n${res.stderr}`);
  return JSON.parse(res.stdout) as T;
}
