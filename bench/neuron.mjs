// CUBA exported to NEURON (@spikeflow/export-neuron) on 1 and 2 MPI ranks, side by side with
// spikeflow on 1 and 2 threads for the same network, seed and duration (not a test). Per
// configuration: medians of (a) the simulation loop (NEURON: pc.psolve, timed by run.py;
// spikeflow: RunResult.seconds) and (b) the whole process from outside (start-up, reading the
// data, creating cells and NetCons, the run, writing results; for NEURON the one-time export and
// mechanism build are reported apart). Spike counts must agree exactly: the export reproduces
// spikeflow's spike trains.
//
//   node bench/neuron.mjs                      # 4 000 and 40 000 neurons, 100 ms simulated (~15 min on 2 busy cores)
//   node bench/neuron.mjs --sizes 4000 --duration 1000 --repeats 3
//
// Writes bench/results/neuron-latest.json and neuron-latest.md (the table compare.mjs appends).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCubaNetwork } from '@spikeflow/experiments';
import { exportToNeuron } from '@spikeflow/export-neuron';
import { writeExport } from '@spikeflow/export-neuron/node';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '4000,40000' },
    duration: { type: 'string', default: '100' },
    repeats: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const durationMs = Number(values.duration);
// NEURON's set-up at 40 000 neurons (3.2 million NetCons made from Python) takes minutes: one run there.
const repeatsFor = (n) => Number(values.repeats ?? (values.quick || n > 10_000 ? 1 : 3));
const env = { ...process.env, OMPI_MCA_mpi_yield_when_idle: '1', PYTHONPATH: ['/usr/lib/python3/dist-packages', process.env.PYTHONPATH].filter(Boolean).join(':') };
const md = here('./results/neuron-latest.md');
mkdirSync(here('./results/'), { recursive: true });

const probe = spawnSync('nrniv', ['-nobanner', '-python', '-c', 'from neuron import h; h.quit()'], { encoding: 'utf8', env });
if (probe.status !== 0 || spawnSync('mpiexec', ['--version']).status !== 0) {
  const note = `NEURON not run: nrniv with Python or mpiexec is missing (${(probe.stderr || probe.error?.message || '').trim().split('\n').at(-1)}).`;
  console.warn(`[bench/neuron] ${note}`);
  writeFileSync(md, `### CUBA on NEURON (MPI)\n\n**${note}**\n`);
  process.exit(0);
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const timed = (cmd, args, cwd) => {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stderr || r.stdout).slice(-3000)}`);
  return { whole: (performance.now() - started) / 1000, stdout: r.stdout };
};

const results = [];
const setup = {};
for (const n of sizes) {
  const dir = join(tmpdir(), 'spikeflow-bench-neuron', `cuba-${n}`);
  rmSync(dir, { recursive: true, force: true });
  const cuba = buildCubaNetwork({ size: n, seed: 1, duration: durationMs });
  let started = performance.now();
  writeExport(dir, exportToNeuron(cuba.network, { steps: cuba.network.steps({ duration: durationMs }), format: 'npy', title: `CUBA ${n}` }));
  const exportSeconds = (performance.now() - started) / 1000;
  const build = timed('sh', ['build.sh'], dir);
  setup[n] = { exportSeconds, buildSeconds: build.whole };
  console.log(`[bench/neuron] n = ${n}: export ${exportSeconds.toFixed(1)} s, mechanism build ${build.whole.toFixed(1)} s (once, not counted)`);
  const configs = [
    { key: 'sf1', label: 'spikeflow', run: () => timed(process.execPath, [here('./spikeflow-run.mjs'), '--network', 'cuba', '--size', String(n), '--seed', '1', '--threads', '1', '--duration', String(durationMs)]) },
    { key: 'sf2', label: 'spikeflow, 2 threads', run: () => timed(process.execPath, [here('./spikeflow-run.mjs'), '--network', 'cuba', '--size', String(n), '--seed', '1', '--threads', '2', '--duration', String(durationMs)]) },
    { key: 'nrn1', label: 'NEURON, 1 rank', run: () => timed('nrniv', ['-nobanner', '-python', 'run.py'], dir) },
    { key: 'nrn2', label: 'NEURON, 2 MPI ranks', run: () => timed('mpiexec', ['--allow-run-as-root', '--oversubscribe', '-n', '2', 'nrniv', '-nobanner', '-mpi', '-python', 'run.py'], dir) },
  ];
  const repeats = repeatsFor(n);
  for (let r = 0; r < repeats; r++) {
    for (const c of configs) {
      const { whole, stdout } = c.run();
      let loop, spikes;
      if (c.key.startsWith('sf')) {
        const line = JSON.parse(stdout.trim().split('\n').at(-1));
        loop = line.loop_seconds;
        spikes = line.spikes;
      } else {
        const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
        loop = s.simulationSeconds;
        spikes = Object.values(s.totals).reduce((a, b) => a + b, 0);
      }
      results.push({ n, config: c.key, label: c.label, run: r + 1, loop_seconds: loop, whole_seconds: whole, spikes });
      console.log(`[bench/neuron] n = ${n} run ${r + 1}/${repeats} ${c.label.padEnd(22)} loop ${loop.toFixed(3)} s, whole ${whole.toFixed(2)} s, ${spikes} spikes`);
    }
  }
}

const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const lines = [`### CUBA on NEURON over MPI (exported with \`spikeflow export\`; ${durationMs} ms simulated, dt = 0.1 ms, seed 1)`, ''];
const keys = ['sf1', 'sf2', 'nrn1', 'nrn2'];
for (const n of sizes) {
  const m = (k, f) => median(results.filter((r) => r.n === n && r.config === k).map(f));
  lines.push(`**${n.toLocaleString('en')} neurons**, medians of ${repeatsFor(n)} run(s) (export ${fmt(setup[n].exportSeconds, 1)} s and mechanism build ${fmt(setup[n].buildSeconds, 1)} s, once):`, '');
  lines.push(`| | ${keys.map((k) => results.find((r) => r.config === k).label).join(' | ')} |`, `|---|${keys.map(() => '---:').join('|')}|`);
  lines.push(`| simulation loop (s) | ${keys.map((k) => fmt(m(k, (r) => r.loop_seconds), 3)).join(' | ')} |`);
  lines.push(`| spikeflow (1 thread) / this, loop | ${keys.map((k) => fmt(m('sf1', (r) => r.loop_seconds) / m(k, (r) => r.loop_seconds))).join(' | ')} |`);
  lines.push(`| whole process (s) | ${keys.map((k) => fmt(m(k, (r) => r.whole_seconds))).join(' | ')} |`);
  lines.push(`| spikes | ${keys.map((k) => String(m(k, (r) => r.spikes))).join(' | ')} |`, '');
}
lines.push(`Load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' / ')}. On one machine the export is a way out, not a speed-up: it pays when the network no longer fits one machine, or when more cores than one machine has are at hand (\`mpiexec -n N\` over a cluster).`);
writeFileSync(md, `${lines.join('\n')}\n`);
writeFileSync(here('./results/neuron-latest.json'), `${JSON.stringify({ benchmark: 'CUBA on NEURON (bench/neuron.mjs)', date: new Date().toISOString(), durationMs, setup, results }, null, 2)}\n`);
console.log(`\n${lines.join('\n')}`);
