/**
 * `spikeflow run --checkpoint-every` and `spikeflow resume`: a run killed with SIGKILL after a
 * checkpoint and then resumed ends with the same files, byte for byte (spikes, recorded state,
 * currents, run.json; summary.json but its wall-clock seconds), as an uninterrupted run with the
 * same flags; a resumed run whose experiment file changed since is a named error. No wall clock
 * decides anything: the test waits for resume.json to name a checkpoint, then kills.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'spikeflow-cli-resume-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** Long enough that the run is still going well after its first checkpoints, short enough to run whole. */
const STEPS = 20_000;

/** A small noisy network with two populations, a connection, spikes and state recorded. */
function experiment(name: string, weight = 2): string {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    `name: resumable
dt: 0.1
duration: ${STEPS / 10}
seed: 5
populations:
  exc: { model: LIF, size: 40, parameters: { R: 10, C: 1, u_rest: -65, u_reset: -65, threshold: -50, t_ref: 2 } }
  inh: { model: LIF, size: 10, sign: inhibitory, parameters: { R: 10, C: 1, u_rest: -65, u_reset: -65, threshold: -50, t_ref: 2 } }
connections:
  - { pre: exc, post: inh, connector: { type: fixed-probability, p: 0.3, weight: ${weight} }, synapse: { model: ExpCurrent } }
  - { pre: inh, post: exc, connector: { type: fixed-probability, p: 0.3, weight: 3 }, synapse: { model: ExpCurrent } }
stimuli:
  - { name: drive, target: exc, source: { type: step-noise, I_value: 1.6, std: 0.5 } }
  - { name: drive2, target: inh, source: { type: step-noise, I_value: 1.2, std: 0.5 } }
monitors:
  spikes: all
  state:
    - { population: exc, variable: v, indices: [0, 7, 39], every: 3 }
`,
  );
  return file;
}

const exec = (args: string[]): Promise<{ status: number | null; stderr: string }> =>
  new Promise((resolve) => execFile(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true' } }, (err, _o, stderr) => resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stderr })));

/** Waits (polling, no deadline) until resume.json names a checkpoint at or after `step`, or the run ends. */
async function checkpointed(out: string, step: number, child: ChildProcess): Promise<number> {
  while (child.exitCode === null && child.signalCode === null) {
    try {
      const record = JSON.parse(readFileSync(join(out, 'resume.json'), 'utf8'));
      if (record.step >= step) return record.step;
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return -1;
}

/** Every file of a results directory but the wall-clock seconds in summary.json. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => !f.startsWith('.'))
      .sort()
      .map((f) => {
        const text = readFileSync(join(dir, f), f.endsWith('.npy') ? 'base64' : 'utf8');
        return [f, f === 'summary.json' ? JSON.stringify({ ...JSON.parse(text), simulationSeconds: 0 }) : text];
      }),
  );
}

describe('spikeflow run --checkpoint-every, then resume', () => {
  it.each(['npy', 'csv', 'json'] as const)('%s: killed (SIGKILL) after a checkpoint and resumed, the files equal an uninterrupted run', async (format) => {
    const file = experiment(`net-${format}`);
    const flags = ['--format', format, '--checkpoint-every', '100ms', '--flush-every', '250', '--no-figure', '--quiet'];
    const whole = join(work, `whole-${format}`);
    const r = await exec(['run', file, '--out', whole, ...flags]);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(whole, 'resume.json'))).toBe(false);

    const out = join(work, `killed-${format}`);
    const child = spawn(process.execPath, [bin, 'run', file, '--out', out, ...flags], { env: { ...process.env, CI: 'true' }, stdio: 'ignore' });
    const exit = new Promise<number | null>((res) => child.on('exit', (_c, signal) => res(signal === 'SIGKILL' ? 137 : _c)));
    const step = await checkpointed(out, 1000, child);
    child.kill('SIGKILL');
    const code = await exit;
    expect(code).toBe(137);
    expect(step).toBeGreaterThanOrEqual(1000);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).complete).toBe(false);
    const resumed = await exec(['resume', out, '--quiet']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(contents(out)).toEqual(contents(whole));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.aborted).toBe(false);
    expect(summary.populations.exc.total).toBeGreaterThan(50);
  });

  it('a resumed run whose experiment file changed since is a named error, and the checkpoint stays', async () => {
    const file = experiment('changed');
    const out = join(work, 'changed');
    const child = spawn(process.execPath, [bin, 'run', file, '--out', out, '--checkpoint-every', '500', '--no-figure', '--quiet'], { env: { ...process.env, CI: 'true' }, stdio: 'ignore' });
    const exit = new Promise((res) => child.on('exit', res));
    expect(await checkpointed(out, 500, child)).toBeGreaterThanOrEqual(500);
    child.kill('SIGKILL');
    await exit;
    experiment('changed', 2.5);
    const before = contents(out);
    const r = await exec(['resume', out, '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: checkpoint: it was taken of another network \(fingerprint [0-9a-f]{16}, this one is [0-9a-f]{16}\)/);
    // Refused before anything is touched: every file (data past the checkpoint included) is as the kill left it.
    expect(contents(out)).toEqual(before);
    expect(existsSync(join(out, 'resume.json'))).toBe(true);
  });

  it('a directory without a checkpoint and a bad --checkpoint-every are named errors', async () => {
    const none = await exec(['resume', join(work, 'nothing-here')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^error: .*nothing-here: no such directory/);
    const bad = await exec(['run', experiment('bad'), '--out', join(work, 'bad'), '--checkpoint-every', '0.05ms', '--quiet', '--no-figure']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--checkpoint-every must be a whole number of steps >= 1, or a duration .* dt = 0.1 ms; got '0.05ms'/);
  });
});
