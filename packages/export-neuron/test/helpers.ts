/** Shared by the export tests: the networks exported, running engines, reading results back. */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Network } from '@spikeflow/core';
import { LIF, CubaLIF } from '@spikeflow/neurons';
import {
  AlphaCurrent,
  ExpCurrent,
  fixedIndegreeConnect,
  fixedProbabilityConnect,
  fullConnect,
  oneToOneConnect,
  randomNormalConnect,
  randomUniformConnect,
} from '@spikeflow/connectivity';
import { arrayCurrent, constantCurrent, incrementalStepNoise, randomWalkNoise, stepCurrent, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, readSpikes } from '@spikeflow/monitors';

export const PYTHON = '/usr/bin/python3';
/** NEURON's Python module lives in Debian's dist-packages, which nrniv's embedded Python may not search. */
// Yield instead of busy-waiting in MPI calls: the ranks share a small, busy machine here.
export const NEURON_ENV = { ...process.env, OMPI_MCA_mpi_yield_when_idle: '1', PYTHONPATH: ['/usr/lib/python3/dist-packages', process.env.PYTHONPATH].filter(Boolean).join(':') };

function probe(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  return r.status === 0 ? undefined : `${cmd} ${args.join(' ')} failed (${r.error?.message ?? (r.stderr || '').trim().split('\n').at(-1) ?? `exit ${r.status}`})`;
}

/** Why NEURON with MPI cannot run here, or undefined when it can. */
export const NEURON_MISSING =
  probe('nrniv', ['-nobanner', '-python', '-c', 'from neuron import h; h.quit()'], NEURON_ENV) ?? probe('mpiexec', ['--version']) ?? probe('sh', ['-c', 'command -v nrnivmodl']);
// Finds Brian2 without importing it (seconds of CPU); the scripts import it anyway.
export const BRIAN2_MISSING = probe(PYTHON, ['-c', "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('brian2') else 1)"]);

/** Runs a command asynchronously (keeps the test worker responsive); rejects with its output on failure. */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${status}:\n${out.slice(-4000)}`))));
  });
}

/** `mpiexec -n <ranks> nrniv -mpi -python run.py` in an export directory. */
export function runNeuron(dir: string, ranks: number): Promise<string> {
  return ranks === 1
    ? run('nrniv', ['-nobanner', '-python', 'run.py'], dir, NEURON_ENV)
    : run('mpiexec', ['--allow-run-as-root', '--oversubscribe', '-n', String(ranks), 'nrniv', '-nobanner', '-mpi', '-python', 'run.py'], dir, NEURON_ENV);
}

/** Spikes per population as sorted `step:neuron` strings, from a results directory (via run.json). */
export function resultSpikes(dir: string): Map<string, string[]> {
  const manifest = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { format: 'csv' | 'npy'; files: { spikes: Record<string, string> } };
  const out = new Map<string, string[]>();
  for (const [pop, file] of Object.entries(manifest.files.spikes)) {
    const bytes = readFileSync(join(dir, file));
    if (manifest.format === 'csv') {
      const rows = bytes.toString('utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
      out.set(pop, sortKeys(rows.filter((r) => r[0] === pop).map((r) => [Number(r[1]), Number(r[3])])));
    } else {
      const s = readSpikes(bytes, 'npy', file);
      out.set(pop, sortKeys(Array.from(s.steps, (step, k) => [step, s.neurons[k]!])));
    }
  }
  return out;
}

const sortKeys = (pairs: number[][]) => pairs.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!).map(([s, n]) => `${s}:${n}`);

/** A spikeflow monitor's spikes in the same form. */
export const monitorSpikes = (m: SpikeMonitor) => sortKeys(Array.from(m.steps, (s, k) => [s, m.neurons[k]!]));

export const FEATURE_STEPS = 300;

/**
 * The decision scenarios the export tests run: one per connectivity (random-normal, full,
 * uniform), the noisy one and the step current. `same-current` and `zero-inhibitory-input` differ
 * from `default` only in their currents' values, which changes no exported code path.
 */
export const EXPORT_SCENARIOS = ['default', 'full-connectivity', 'uniform-connectivity', 'random-noise', 'one-strong-current'] as const;

/**
 * A network using every feature the exports support: heterogeneous parameters and initial
 * values, every connector, exponential and alpha currents onto two inputs, an inhibitory
 * population, and every stimulus (constant, step, pulse, step noise, incremental step noise,
 * random walk, a shared stream, an array).
 */
export function featureNetwork(seed = 3): { network: Network; monitors: Record<string, SpikeMonitor> } {
  const net = new Network({ dt: 0.5, seed });
  const a = net.population('a', { model: LIF, size: 40, parameters: { R: 1, C: { uniform: { min: 15, max: 25 } }, threshold: { normal: { mean: -45, std: 2 } }, t_ref: 2 }, initial: { v: { uniform: { min: -70, max: -50 } } } });
  const b = net.population('b', { model: LIF, size: 30, sign: 'inhibitory', parameters: { R: 1, C: 10, threshold: -50, t_ref: 1 } });
  const c = net.population('c', { model: CubaLIF, size: 30, initial: { v: { uniform: { min: -60, max: -50 } } } });
  net.connect(a, b, { connector: randomNormalConnect({ wmean: 20, wstd: 5 }), synapse: ExpCurrent, parameters: { tau: 5 } });
  net.connect(b, a, { connector: randomUniformConnect({ wmin: 5, wmax: 20 }), synapse: AlphaCurrent, parameters: { tau: 3 } });
  net.connect(a, a, { connector: fullConnect({ J: 10 }), synapse: ExpCurrent, parameters: { tau: 10 } });
  net.connect(a, c, { connector: fixedProbabilityConnect({ p: 0.2, weight: { normal: { mean: 2, std: 0.5 } } }), synapse: AlphaCurrent, parameters: { tau: 2 }, input: 'ge' });
  net.connect(b, c, { connector: fixedIndegreeConnect({ k: 5, weight: 3 }), synapse: ExpCurrent, parameters: { tau: 8 }, input: 'gi' });
  net.connect(c, b, { connector: oneToOneConnect({ weight: 4 }), synapse: ExpCurrent, parameters: { tau: 4 }, name: 'c->b one-to-one' });
  net.stimulate(a, incrementalStepNoise({ I_value: 12, scale: 50, gap: 2, stream: 'ramp' }));
  net.stimulate(a, stepCurrent({ amplitude: 5, start: 60 }));
  net.stimulate(b, stepNoise({ I_value: 15, stream: 'ramp' }));
  net.stimulate(b, stepCurrent({ amplitude: 10, start: 20, stop: 40 }));
  net.stimulate(c, randomWalkNoise({ start: 2 }), { input: 'ge' });
  net.stimulate(c, constantCurrent({ normal: { mean: 1, std: 0.5 } }), { input: 'ge' });
  const ramp = Float64Array.from({ length: FEATURE_STEPS * 30 }, (_, k) => (k % 30) * 0.2 + Math.floor(k / 30) * 0.01);
  net.stimulate(b, arrayCurrent({ data: ramp, steps: FEATURE_STEPS, size: 30 }));
  const monitors = { a: net.monitor(new SpikeMonitor(a)), b: net.monitor(new SpikeMonitor(b)), c: net.monitor(new SpikeMonitor(c)) };
  return { network: net, monitors };
}

/** CUBA sizes for the tests (small, p = 80/size as in the benchmark). */
export const CUBA_TEST = { size: 400, duration: 100 } as const;
