/**
 * Runs that are stopped from outside: SIGINT/SIGTERM/SIGHUP (stop at a step boundary, complete
 * files, exit 128 + n), SIGKILL (files hold exactly what was flushed), and two runs into one
 * output directory (the lock). No wall clock decides anything: the tests wait for run.json to
 * report flushed steps, then signal.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readSpikes, readState, type DataFormat } from '@spikeflow/monitors';
import { pythonHas } from '../../../test-support/python.js';
import { cliInProcess } from './helpers.js';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'spikeflow-cli-int-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let dirs = 0;
const fresh = () => join(work, `out${dirs++}`);
// Skips locally without numpy; under CI=true a missing numpy fails the run.
const hasNumpy = pythonHas('numpy', 'install numpy (Debian: apt-get install -y python3-numpy)');
const FLUSH = 500;
const EVERY = 2;

/** A small network with stimuli that do not depend on the run's length, so a shorter run is a prefix of a longer one. */
function experiment(steps: number): string {
  const file = join(work, `net-${steps}.yaml`);
  writeFileSync(
    file,
    `name: interrupted
dt: 0.1
duration: ${steps / 10}
seed: 3
populations:
  exc:
    model: LIF
    size: 40
    parameters: { R: 10, C: 1, u_rest: -65, u_reset: -65, threshold: -50, t_ref: 2 }
stimuli:
  - { name: drive, target: exc, source: { type: step-noise, I_value: 1.6, std: 0.5 } }
monitors:
  spikes: all
  state:
    - { population: exc, variable: v, indices: [0, 7, 39], every: ${EVERY} }
`,
  );
  return file;
}
const LONG = experiment(1_000_000_000);

function start(out: string, ...args: string[]): { child: ChildProcess; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [bin, 'run', LONG, '--out', out, '--flush-every', String(FLUSH), '--no-figure', '--quiet', ...args], { env: { ...process.env, CI: 'true' } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  const exit = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return { child, exit, stderr: () => stderr };
}

/** Waits (polling, no deadline) until run.json says at least `steps` steps are flushed to disk. */
async function flushed(out: string, steps: number): Promise<void> {
  for (;;) {
    try {
      if (JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).stepsRun >= steps) return;
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exec = (args: string[]): Promise<{ status: number | null; stderr: string }> =>
  new Promise((resolve) => execFile(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true' } }, (err, _o, stderr) => resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stderr })));

const numpy = (script: string) => JSON.parse(spawnSync('/usr/bin/python3', ['-c', `import numpy as np, json\n${script}`], { encoding: 'utf8' }).stdout);

describe('SIGINT, SIGTERM and SIGHUP stop the run at a step boundary and keep everything', () => {
  it.skipIf(!hasNumpy).each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s: exit %i, summary and run.json say aborted, NPY files load whole in numpy', async (signal, code) => {
    const out = fresh();
    const run = start(out, '--format', 'npy');
    await flushed(out, FLUSH);
    run.child.kill(signal);
    expect(await run.exit, run.stderr()).toBe(code);
    expect(run.stderr()).toMatch(new RegExp(`interrupted by ${signal} at step \\d+ of 1000000000`));
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(manifest).toMatchObject({ aborted: true, complete: true });
    expect(summary.aborted).toBe(true);
    expect(manifest.stepsRun).toBeGreaterThanOrEqual(FLUSH);
    const info = numpy(`s = np.load(${JSON.stringify(join(out, 'spikes_exc.npy'))})\nv = np.load(${JSON.stringify(join(out, 'state_exc_v.npy'))})\nprint(json.dumps([list(s.shape), int(s[:, 0].max()), list(v.shape)]))`);
    expect(info[0]).toEqual([summary.populations.exc.total, 2]);
    expect(info[1]).toBeLessThan(manifest.stepsRun);
    expect(info[2]).toEqual([Math.ceil(manifest.stepsRun / EVERY), 3]);
    expect(existsSync(join(out, '.spikeflow.lock'))).toBe(false);
  });
});

/** Spikes and state rows from a run's files; NPY through numpy (what a user would do). */
function load(out: string, format: DataFormat): { spikes: [number, number][]; state: number[][] } {
  const spikesFile = join(out, format === 'csv' ? 'spikes.csv' : `spikes_exc.${format}`);
  const stateFile = join(out, `state_exc_v.${format}`);
  if (format === 'npy') return numpy(`print(json.dumps({"spikes": np.load(${JSON.stringify(spikesFile)}).tolist(), "state": np.load(${JSON.stringify(stateFile)}).tolist()}))`);
  const s = readSpikes(readFileSync(spikesFile), format);
  const v = readState(readFileSync(stateFile), format, EVERY);
  return { spikes: Array.from(s.steps, (st, k) => [st, s.neurons[k]!]), state: Array.from({ length: v.steps.length }, (_, r) => Array.from(v.values.subarray(r * v.width, (r + 1) * v.width))) };
}

describe('SIGKILL', () => {
  it.skipIf(!hasNumpy).each(['npy', 'json', 'csv'] as const)('%s: every file loads and holds exactly the steps of an uninterrupted run up to a flush', async (format) => {
    const out = fresh();
    const run = start(out, '--format', format);
    await flushed(out, 2 * FLUSH);
    run.child.kill('SIGKILL');
    await run.exit;
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(manifest.complete).toBe(false);
    const killed = load(out, format);
    // At least every step run.json says was flushed; NPY (row count in its header) exactly up to a flush,
    // CSV and JSON rows as they were written.
    const stateSteps = killed.state.length * EVERY;
    expect(stateSteps).toBeGreaterThanOrEqual(manifest.stepsRun);
    if (format === 'npy') expect(stateSteps % FLUSH).toBe(0);

    const ref = fresh();
    // The uninterrupted reference run: through the CLI's main in this process (no Node start).
    const r = await cliInProcess('run', experiment(stateSteps + 2 * FLUSH), '--out', ref, '--format', format, '--no-figure', '--quiet');
    expect(r.status, r.stderr).toBe(0);
    const full = load(ref, format);
    expect(killed.state).toEqual(full.state.slice(0, killed.state.length));
    // Spikes: every spike before run.json's step is there, in order, and nothing that did not happen.
    const before = full.spikes.filter(([st]) => st < manifest.stepsRun);
    expect(killed.spikes.slice(0, before.length)).toEqual(before);
    expect(killed.spikes).toEqual(full.spikes.slice(0, killed.spikes.length));
    if (format === 'npy') {
      // NPY's header holds exactly the spikes of whole flushed steps.
      const last = killed.spikes.length ? killed.spikes.at(-1)![0] : -1;
      expect(full.spikes.filter(([st]) => st <= last)).toHaveLength(killed.spikes.length);
    }
  });
});

describe('one run per output directory', () => {
  it('a second run into a busy --out fails naming the owner; after a SIGKILL the stale lock is taken over', async () => {
    const out = fresh();
    const first = start(out, '--format', 'csv');
    await flushed(out, FLUSH);
    const second = await exec(['run', experiment(100), '--out', out, '--quiet', '--no-figure']);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`^error: --out ${out}: another spikeflow run \\(pid ${first.child.pid}\\) is writing to this directory`));
    expect(second.stderr).not.toMatch(/^\s+at /m);
    first.child.kill('SIGKILL');
    await first.exit;
    expect(readFileSync(join(out, '.spikeflow.lock'), 'utf8').trim()).toBe(String(first.child.pid));
    const third = await exec(['run', experiment(100), '--out', out, '--quiet', '--no-figure']);
    expect(third.status, third.stderr).toBe(0);
    expect(third.stderr).toContain(`taking over a stale lock of pid ${first.child.pid}`);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'))).toMatchObject({ stepsRun: 100, complete: true });
    expect(existsSync(join(out, '.spikeflow.lock'))).toBe(false);
  });
});
