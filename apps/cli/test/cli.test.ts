/**
 * End-to-end tests of the built `spikeflow` binary: the runs spawn `node apps/cli/dist/bin.js`
 * (build first: `npx turbo run build`) in a fresh temp directory and check exit codes, output
 * and the files they write. Help and usage errors, which end before anything runs, go through the
 * built CLI's `main` in this process (`cliInProcess`: the same code minus Node's start); the
 * binary's own start and exit codes are covered by the runs and by `missing experiment argument`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './helpers.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const POPULATIONS = ['ep1', 'ep2', 'ip1'] as const;
type Pop = (typeof POPULATIONS)[number];
const SCENARIO_NAMES = [
  'default',
  'zero-inhibitory-input',
  'random-noise',
  'uniform-connectivity',
  'full-connectivity',
  'same-current',
  'one-strong-current',
];
const CSV_HEADER = 'population,step,time_ms,neuron';
const STACK_LINE = /^\s+at /m;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface Summary {
  scenario: string;
  title: string;
  seed: number;
  steps: number;
  dt: number;
  size: number;
  binSteps: number;
  totals: Record<Pop, number>;
  rates: Record<Pop, number>;
  bins: { startStep: number; endStep: number; spikes: Record<Pop, number>; winner: string }[];
  winner: string;
  simulationSeconds: number;
}

interface Row {
  population: string;
  step: number;
  time: number;
  neuron: number;
}

let root: string;
const dirs: string[] = [];

/** A fresh, empty directory under the suite's temp root. */
function tempDir(): string {
  const d = mkdtempSync(join(root, 'case-'));
  dirs.push(d);
  return d;
}

/**
 * Runs the CLI (cwd: a fresh temp dir, so a default `--out results` never lands in the repo).
 * Asynchronous, so a slow run never blocks the test worker's RPC; no wall-clock limit.
 */
function cli(...args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd: tempDir(), encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ status: err ? (err.code as number) : 0, stdout, stderr });
    });
  });
}

const show = (r: Result) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** Runs `run decision ... --out <fresh dir>` and returns the result and the output dir. */
async function runDecision(...args: string[]): Promise<{ r: Result; out: string }> {
  const out = join(tempDir(), 'out');
  return { r: await cli('run', 'decision', ...args, '--out', out), out };
}

function readSummary(out: string): Summary {
  return JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
}

function parseCsv(text: string): { header: string; rows: Row[] } {
  expect(text.endsWith('\n')).toBe(true);
  const [header = '', ...lines] = text.slice(0, -1).split('\n');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    expect(cells, `row '${line}'`).toHaveLength(4);
    const [population = '', step = '', time = '', neuron = ''] = cells;
    for (const c of [step, time, neuron]) expect(c, `row '${line}'`).toMatch(/^-?\d+(\.\d+)?(e-?\d+)?$/);
    return { population, step: Number(step), time: Number(time), neuron: Number(neuron) };
  });
  return { header, rows };
}

/** Everything that must hold between summary.json and spikes.csv for a run. */
function checkRun(out: string, expected: { steps: number; size: number; dt: number; bins: number }): { summary: Summary; rows: Row[] } {
  expect(existsSync(join(out, 'summary.json'))).toBe(true);
  expect(existsSync(join(out, 'spikes.csv'))).toBe(true);
  const summary = readSummary(out);
  const { header, rows } = parseCsv(readFileSync(join(out, 'spikes.csv'), 'utf8'));

  expect(summary.steps).toBe(expected.steps);
  expect(summary.size).toBe(expected.size);
  expect(summary.dt).toBe(expected.dt);
  expect(summary.bins).toHaveLength(expected.bins);
  expect(summary.simulationSeconds).toBeGreaterThanOrEqual(0);

  // bins tile [0, steps) in order
  summary.bins.forEach((b, k) => {
    expect(b.startStep).toBe(k * summary.binSteps);
    expect(b.endStep).toBe(Math.min(summary.steps, (k + 1) * summary.binSteps));
  });
  expect(summary.bins.at(-1)!.endStep).toBe(summary.steps);

  // the CSV
  expect(header).toBe(CSV_HEADER);
  for (const row of rows) {
    const where = `row ${JSON.stringify(row)}`;
    expect(POPULATIONS as readonly string[], where).toContain(row.population);
    expect(Number.isInteger(row.step), where).toBe(true);
    expect(Number.isInteger(row.neuron), where).toBe(true);
    expect(row.neuron, where).toBeGreaterThanOrEqual(0);
    expect(row.neuron, where).toBeLessThan(expected.size);
    expect(row.step, where).toBeGreaterThanOrEqual(0);
    expect(row.step, where).toBeLessThan(expected.steps);
    expect(row.time, where).toBeCloseTo(row.step * expected.dt, 9);
  }

  for (const p of POPULATIONS) {
    const mine = rows.filter((r) => r.population === p);
    // totals = sum of bins = CSV rows of the population
    expect(summary.totals[p], `totals.${p} vs bins`).toBe(summary.bins.reduce((s, b) => s + b.spikes[p], 0));
    expect(summary.totals[p], `totals.${p} vs CSV rows`).toBe(mine.length);
    // each bin's count = the CSV rows in its step range
    for (const b of summary.bins) {
      expect(b.spikes[p], `bin ${b.startStep}-${b.endStep} ${p}`).toBe(mine.filter((r) => r.step >= b.startStep && r.step < b.endStep).length);
    }
    // sorted by step, and no neuron spikes twice in one step
    for (let k = 1; k < mine.length; k++) expect(mine[k]!.step, `${p} row ${k} out of order`).toBeGreaterThanOrEqual(mine[k - 1]!.step);
    expect(new Set(mine.map((r) => `${r.step}:${r.neuron}`)).size, `${p} has a duplicate (step, neuron)`).toBe(mine.length);
  }
  return { summary, rows };
}

/** A user mistake: exit 2, one `error:` line (the first on stderr) matching `names`, nothing on stdout, no stack. */
function expectUsageError(r: Result, names: RegExp): string {
  expect(r.status, show(r)).toBe(2);
  expect(r.stdout, show(r)).toBe('');
  expect(r.stderr, show(r)).not.toMatch(STACK_LINE);
  const errorLines = r.stderr.split('\n').filter((l) => /^error:/.test(l));
  expect(errorLines, show(r)).toHaveLength(1);
  expect(r.stderr.split('\n')[0], show(r)).toBe(errorLines[0]);
  expect(errorLines[0], show(r)).toMatch(names);
  return errorLines[0]!;
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} not found: build first (npx turbo run build)`);
  root = mkdtempSync(join(tmpdir(), 'spikeflow-cli-test-'));
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('spikeflow run decision', () => {
  let base: { r: Result; out: string };
  beforeAll(async () => {
    base = await runDecision('--scenario', 'one-strong-current', '--seed', '3');
  });

  it('--scenario one-strong-current --seed 3 exits 0 and writes a consistent summary.json and spikes.csv', async () => {
    expect(base.r.status, show(base.r)).toBe(0);
    expect(base.r.stderr).toBe('');
    const { summary, rows } = checkRun(base.out, { steps: 1000, size: 100, dt: 1, bins: 10 });
    expect(summary.scenario).toBe('one-strong-current');
    expect(summary.title).toBe('One strong current');
    expect(summary.seed).toBe(3);
    expect(summary.binSteps).toBe(100);
    expect(rows.length).toBeGreaterThan(0);
    // the console report names the files it wrote
    expect(base.r.stdout).toContain(`wrote ${join(base.out, 'summary.json')}, ${join(base.out, 'run.json')}, ${join(base.out, 'spikes.csv')}, ${join(base.out, 'figure.svg')}, ${join(base.out, 'figure.png')}`);
  });

  it('is deterministic: the same command gives a byte-identical spikes.csv; another seed a different one', async () => {
    // Spikes only: the figure of this run is checked above.
    const again = await runDecision('--scenario', 'one-strong-current', '--seed', '3', '--no-figure');
    expect(again.r.status, show(again.r)).toBe(0);
    const csv = readFileSync(join(base.out, 'spikes.csv'));
    expect(readFileSync(join(again.out, 'spikes.csv')).equals(csv)).toBe(true);

    const other = await runDecision('--scenario', 'one-strong-current', '--seed', '4', '--no-figure');
    expect(other.r.status, show(other.r)).toBe(0);
    expect(readSummary(other.out).seed).toBe(4);
    expect(readFileSync(join(other.out, 'spikes.csv')).equals(csv)).toBe(false);
  });

  it('--threads 2 gives a byte-identical spikes.csv (threads are partitions of one plan)', async () => {
    const threaded = await runDecision('--scenario', 'one-strong-current', '--seed', '3', '--threads', '2', '--no-figure');
    expect(threaded.r.status, show(threaded.r)).toBe(0);
    expect(readSummary(threaded.out)).toMatchObject({ backend: 'cpu-x2' });
    expect(readFileSync(join(threaded.out, 'spikes.csv')).equals(readFileSync(join(base.out, 'spikes.csv')))).toBe(true);
    const bad = await cliInProcess('run', 'decision', '--threads', '0', '--out', join(tempDir(), 'out'));
    expect(bad.status, show(bad)).toBe(2);
    expect(bad.stderr).toMatch(/^error: .*--threads must be an integer >= 1, got '0'/);
  });

  it('honours --steps 200 --size 20 --dt 0.5', async () => {
    const { r, out } = await runDecision('--scenario', 'one-strong-current', '--seed', '3', '--steps', '200', '--size', '20', '--dt', '0.5');
    expect(r.status, show(r)).toBe(0);
    const { summary, rows } = checkRun(out, { steps: 200, size: 20, dt: 0.5, bins: 2 });
    expect(summary.binSteps).toBe(100);
    expect(rows.length).toBeGreaterThan(0);
    expect(Math.max(...rows.map((x) => x.neuron))).toBeLessThan(20);
    expect(Math.max(...rows.map((x) => x.step))).toBeLessThan(200);
  });

  it('--quiet prints nothing on stdout and still writes the files', async () => {
    const { r, out } = await runDecision('--scenario', 'one-strong-current', '--seed', '3', '--steps', '200', '--quiet');
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    checkRun(out, { steps: 200, size: 100, dt: 1, bins: 2 });
  });
});

describe('help', () => {
  it.each([[['run', '--help']], [['run', 'decision', '--help']], [['help', 'run']]])('%j exits 0 and lists all seven scenarios', async (args) => {
    const r = await cliInProcess(...args);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toMatch(/Usage: spikeflow run/);
    for (const name of SCENARIO_NAMES) expect(r.stdout, `scenario '${name}'`).toMatch(new RegExp(`^\\s+${name}\\s`, 'm'));
    for (const flag of ['--scenario', '--seed', '--out', '--steps', '--size', '--dt', '--quiet']) expect(r.stdout).toContain(flag);
  });

  it('spikeflow --help exits 0 and lists the run command', async () => {
    const r = await cliInProcess('--help');
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toMatch(/Usage: spikeflow/);
    expect(r.stdout).toMatch(/^\s+run\b/m);
  });
});

describe('user mistakes exit 2 with one error: line naming the thing, no stack trace', () => {
  it('unknown scenario lists the known scenarios and writes nothing', async () => {
    const out = join(tempDir(), 'out');
    const r = await cliInProcess('run', 'decision', '--scenario', 'nope', '--out', out);
    const line = expectUsageError(r, /unknown scenario 'nope'/);
    for (const name of SCENARIO_NAMES) expect(line).toContain(name);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['--seed', '-1', /--seed.*'-1'/],
    ['--seed', 'abc', /--seed.*'abc'/],
    ['--seed', '1.5', /--seed.*'1\.5'/],
    ['--steps', '0', /--steps.*'0'/],
    ['--size', '0', /--size.*'0'/],
    ['--dt', '0', /--dt.*'0'/],
    ['--dt', '-1', /--dt.*'-1'/],
  ])('%s %s', async (flag, value, names) => {
    // Flag parsing fails before anything runs: the CLI's main in this process (no Node start each).
    const out = join(tempDir(), 'out');
    const r = await cliInProcess('run', 'decision', flag, value, '--out', out);
    expectUsageError(r, names);
    expect(existsSync(out)).toBe(false);
  });

  it("unknown experiment 'run foo'", async () => {
    const out = join(tempDir(), 'out');
    expectUsageError(await cliInProcess('run', 'foo', '--out', out), /unknown experiment 'foo'.*decision/);
    expect(existsSync(out)).toBe(false);
  });

  it('unknown option --sceanrio', async () => {
    expectUsageError(await cliInProcess('run', 'decision', '--sceanrio', 'one-strong-current'), /unknown option '--sceanrio'/);
  });

  it('missing experiment argument', async () => {
    expectUsageError(await cli('run'), /missing required argument 'experiment'/);
  });

  it('validate and run refuse a population of 10^9 neurons from its estimate, before allocating anything', async () => {
    const file = join(tempDir(), 'huge.yaml');
    writeFileSync(file, 'dt: 1\nseed: 1\nduration: 100\npopulations:\n  a: { model: LIF, size: 1000000000 }\nmonitors: { spikes: all }\n');
    const out = join(tempDir(), 'out');
    for (const args of [['validate', file], ['run', file, '--out', out]]) {
      expectUsageError(await cliInProcess(...args), /^error: population a\.size: needs an estimated 104 GiB, more than the memory limit of 4\.00 GiB; .*--max-memory/);
    }
    expectUsageError(await cliInProcess('validate', file, '--max-memory', '20'), /memory limit of 20\.0 GiB/);
  });

  it('unknown command', async () => {
    expectUsageError(await cliInProcess('bogus'), /unknown command 'bogus'/);
  });
});

describe('runtime failures', () => {
  it('an --out that cannot be created exits 1', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a directory\n');
    const r = await cli('run', 'decision', '--steps', '10', '--size', '5', '--quiet', '--out', join(file, 'out'));
    expect(r.status, show(r)).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/ENOTDIR|EEXIST|not a directory/);
  });
});
