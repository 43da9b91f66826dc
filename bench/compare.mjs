// Side-by-side benchmark (not a test): the CUBA network (Brette et al. 2007 benchmark 2, as in
// Brian2's examples/CUBA.py) at 4000 and 40 000 neurons and the COBA network (benchmark 1,
// conductance synapses, examples/coba.yaml) at 4000 neurons and STDP (Song, Miller & Abbott 2000:
// 1000 Poisson inputs onto one neuron through plastic StdpAdditive synapses, examples/stdp.yaml,
// 10 s simulated), in spikeflow (1 and 2 threads) and in
// Brian2 (cpp_standalone, one thread and 2 OpenMP threads, and numpy), every configuration run as
// its own process, alternating between configurations, several times in one session. The networks
// are in bench/networks.mjs (spikeflow) and bench/brian2/{cuba,coba,stdp}.py. Reports medians of
//   (a) the simulation loop alone, as each simulator times it (spikeflow: RunResult.seconds;
//       Brian2: device._last_run_time, measured by the compiled binary or around the numpy loop),
//   (b) the whole process, timed from outside (spawn to exit: start-up, imports, network
//       construction, code generation, C++ compilation for cpp_standalone, the run, results),
// with spike count, mean rate and ISI CV of each as a correctness check (STDP: also the final
// weights' mean and fractions near the bounds, and bytes per synapse with the plastic state); plus spikeflow's build time
// and bytes per synapse, the kernels that ran in WebAssembly (the simulation's description), the
// decision network's steps/s (bench/decision.mjs), AdEx (bench/adex.mjs) and NEURON (bench/neuron.mjs).
//
//   pnpm bench                 # about 5–8 minutes on 2 idle cores
//   pnpm bench --quick         # a few minutes: fewer repeats, no numpy at 40 000
//   node bench/compare.mjs --repeats 7 --sizes 4000 --networks coba --no-neuron
//
// Writes bench/results/compare-latest.json and the table between the markers in bench/README.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    repeats: { type: 'string' },
    sizes: { type: 'string', default: '4000,40000' },
    networks: { type: 'string', default: 'cuba,coba,stdp' },
    'no-neuron': { type: 'boolean', default: false },
    'no-brian2': { type: 'boolean', default: false },
    'no-readme': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const sizes = values.sizes.split(',').map(Number);
const networks = values.networks.split(',');
// What is compared: CUBA at every --sizes, COBA at its one size (examples/coba.yaml: 4000 neurons),
// STDP at its one size (examples/stdp.yaml: 1000 inputs onto one neuron; `n` counts the inputs)
// for 10 s simulated, so that its loop (one neuron, 1000 synapses) is long enough to time.
const durations = { cuba: 1000, coba: 1000, stdp: 10_000 };
for (const name of networks) if (!(name in durations)) throw new Error(`--networks: unknown network '${name}' (expected cuba, coba or stdp)`);
const benches = [...(networks.includes('cuba') ? sizes.map((n) => ({ network: 'cuba', n })) : []), ...(networks.includes('coba') ? [{ network: 'coba', n: 4000 }] : []), ...(networks.includes('stdp') ? [{ network: 'stdp', n: 1000 }] : [])].map((b) => ({ ...b, id: `${b.network}-${b.n}`, durationMs: durations[b.network] }));
const repeatsFor = (n) => Number(values.repeats ?? (quick ? (n > 10_000 ? 1 : 2) : n > 10_000 ? 3 : 5));
const PYTHON = '/usr/bin/python3';

const probe = values['no-brian2'] ? { status: 1, stderr: 'disabled by --no-brian2' } : spawnSync(PYTHON, ['-c', 'import brian2'], { encoding: 'utf8' });
const haveBrian2 = probe.status === 0;
const brian2Note = haveBrian2 ? '' : `Brian2 not run: ${PYTHON} -c 'import brian2' failed (${(probe.stderr || probe.error?.message || '').trim().split('\n').at(-1)}).`;
if (!haveBrian2) console.warn(`[bench] ${brian2Note}`);

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The configurations compared for network `network` at size n. */
function configsFor({ network, n }) {
  const p = network === 'coba' ? 0.02 : network === 'stdp' ? 1 : 80 / n;
  const list = [
    { key: 'sf1', label: 'spikeflow', simulator: 'spikeflow', threads: 1 },
    { key: 'sf2', label: 'spikeflow, 2 threads', simulator: 'spikeflow', threads: 2 },
  ];
  if (haveBrian2) {
    list.push(
      { key: 'sa1', label: 'Brian2 cpp_standalone', simulator: 'brian2', target: 'cpp_standalone', threads: 0 },
      { key: 'sa2', label: 'Brian2 cpp_standalone, 2 OpenMP threads', simulator: 'brian2', target: 'cpp_standalone', threads: 2 },
    );
    if (n <= 10_000 || !quick) list.push({ key: 'np', label: 'Brian2 numpy', simulator: 'brian2', target: 'numpy', threads: 1 });
  }
  return list.map((c) => ({ ...c, network, n, p, durationMs: durations[network], dir: c.target === 'cpp_standalone' ? join(tmpdir(), 'spikeflow-bench-brian2', `${network}-${n}-t${c.threads}`) : undefined }));
}

/** Runs one configuration as a process; returns its JSON line plus the whole-process time. */
function runOnce(c, seed, { measureMemory = false } = {}) {
  const args =
    c.simulator === 'spikeflow'
      ? [process.execPath, [...(measureMemory ? ['--expose-gc'] : []), here('./spikeflow-run.mjs'), '--network', c.network, '--size', String(c.n), '--seed', String(seed), '--threads', String(c.threads), '--duration', String(c.durationMs)]]
      : // bench/brian2/stdp.py takes its duration in seconds (as Brian2's example), the others in ms.
        [PYTHON, [here(`./brian2/${c.network}.py`), '--target', c.target, '--threads', String(c.threads), ...(c.network === 'cuba' ? ['--n', String(c.n), '--p', String(c.p)] : []), '--duration', String(c.network === 'stdp' ? c.durationMs / 1000 : c.durationMs), '--seed', String(seed), ...(c.dir ? ['--dir', c.dir] : [])]];
  const started = performance.now();
  const res = spawnSync(args[0], args[1], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const wholeSeconds = (performance.now() - started) / 1000;
  if (res.status !== 0) throw new Error(`${c.label} (${c.network}, n = ${c.n}, seed ${seed}) failed with status ${res.status}:\n${res.stderr}`);
  const line = res.stdout.trim().split('\n').at(-1);
  return { config: c.key, label: c.label, seed, whole_seconds: wholeSeconds, ...JSON.parse(line) };
}

/** Seconds of a process that only starts Node (`node -e 0`): the floor of every whole-process time. */
function nodeStart() {
  const started = performance.now();
  const res = spawnSync(process.execPath, ['-e', '0']);
  if (res.status !== 0) throw new Error(`node -e 0 failed with status ${res.status}`);
  return (performance.now() - started) / 1000;
}
const nodeAlone = {};

const machine = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  python: spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout?.trim(),
  gxx: (() => {
    try {
      return execFileSync('g++', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    } catch {
      return 'not found';
    }
  })(),
  loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
};
console.log(`[bench] ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}${haveBrian2 ? `, ${machine.python}, ${machine.gxx}` : ''}; load average ${machine.loadAverageAtStart.join(' ')}`);

const runs = [];
const freshCompile = {};
for (const b of benches) {
  const configs = configsFor(b);
  // cpp_standalone: a first, untimed build in a fresh project directory compiles everything;
  // the timed runs then recompile what changed (the seed), as re-running a script does.
  for (const c of configs.filter((x) => x.dir)) {
    rmSync(c.dir, { recursive: true, force: true });
    mkdirSync(c.dir, { recursive: true });
    const r = runOnce(c, 1000);
    freshCompile[`${c.key}-${b.id}`] = r.whole_seconds;
    console.log(`[bench] ${b.network} ${c.label}, n = ${b.n}: first build in a fresh directory ${r.whole_seconds.toFixed(1)} s (not counted)`);
  }
  const repeats = repeatsFor(b.n);
  for (let r = 0; r < repeats; r++) {
    (nodeAlone[b.id] ??= []).push(nodeStart());
    for (const c of configs) {
      const run = runOnce(c, r + 1, { measureMemory: r === 0 });
      runs.push(run);
      console.log(
        `[bench] ${b.network} n = ${b.n} run ${r + 1}/${repeats} ${c.label.padEnd(40)} loop ${run.loop_seconds.toFixed(3)} s, whole ${run.whole_seconds.toFixed(2)} s, ${run.spikes} spikes, ${run.mean_rate_hz.toFixed(2)} Hz, CV ${run.isi_cv.toFixed(3)}`,
      );
    }
  }
}

// Decision network steps/s, from its own benchmark (a child process, median of its runs).
const decisionArgs = [here('./decision.mjs'), '--repeats', quick ? '7' : '21'];
const dec = spawnSync(process.execPath, decisionArgs, { encoding: 'utf8' });
if (dec.status !== 0) throw new Error(`bench/decision.mjs failed:\n${dec.stderr}`);
const decision = JSON.parse(readFileSync(here('./results/decision-latest.json'), 'utf8'));
// AdEx (exp in every step): steps/s and whether it runs in WebAssembly, from bench/adex.mjs.
const adexRun = spawnSync(process.execPath, [here('./adex.mjs'), '--repeats', quick ? '3' : '5'], { encoding: 'utf8' });
if (adexRun.status !== 0) throw new Error(`bench/adex.mjs failed:\n${adexRun.stderr}`);
const adex = JSON.parse(readFileSync(here('./results/adex-latest.json'), 'utf8'));
machine.loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));

// Summary: medians per (network and size, configuration).
const summary = {};
for (const b of benches) {
  summary[b.id] = {};
  for (const c of configsFor(b)) {
    const rs = runs.filter((r) => r.network === b.network && r.n === b.n && r.config === c.key);
    if (rs.length === 0) continue;
    const m = (f) => median(rs.map(f));
    summary[b.id][c.key] = {
      label: c.label,
      runs: rs.length,
      loop_seconds: m((r) => r.loop_seconds),
      whole_seconds: m((r) => r.whole_seconds),
      spikes: m((r) => r.spikes),
      mean_rate_hz: m((r) => r.mean_rate_hz),
      isi_cv: m((r) => r.isi_cv),
      synapses: m((r) => r.synapses),
      ...(b.network === 'stdp' ? { mean_weight: m((r) => r.mean_weight), frac_low: m((r) => r.frac_low), frac_high: m((r) => r.frac_high) } : {}),
      ...(c.simulator === 'spikeflow'
        ? {
            description: rs[0].description,
            loop_cpu_seconds: m((r) => r.loop_cpu_seconds),
            startup_seconds: m((r) => r.startup_seconds),
            build_seconds: m((r) => r.build_seconds),
            connectivity_seconds: m((r) => r.connectivity_seconds),
            bytes_per_synapse: m((r) => r.bytes_per_synapse),
            plastic_bytes_per_synapse: m((r) => r.plastic_bytes_per_synapse ?? 0),
            simulation_bytes_per_synapse: m((r) => r.simulation_bytes_per_synapse),
            rss_bytes_per_synapse: median(rs.filter((r) => r.rss_bytes_per_synapse !== undefined).map((r) => r.rss_bytes_per_synapse)),
          }
        : {}),
      ...(c.dir ? { fresh_compile_whole_seconds: freshCompile[`${c.key}-${b.id}`] } : {}),
    };
  }
}

const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '–');
const order = ['sf1', 'sf2', 'sa1', 'sa2', 'np'];
/** The heading of a network's table. */
const titles = {
  cuba: (n) => `CUBA, ${n.toLocaleString('en')} neurons, p = ${+(80 / n).toFixed(4)} (≈ 80 inputs per neuron), current synapses`,
  coba: (n) => `COBA, ${n.toLocaleString('en')} neurons, p = 0.02, conductance synapses (ExpConductance, we = 6 nS, wi = 67 nS; examples/coba.yaml)`,
  stdp: (n) => `STDP (Song, Miller & Abbott 2000), ${n.toLocaleString('en')} Poisson inputs (15 Hz) onto one LIF neuron, plastic synapses (StdpAdditive, wmax = 10 nS; examples/stdp.yaml)`,
};
/** What a network's synapse storage holds (the text after its bytes per synapse). */
const storage = {
  cuba: 'row offsets, postsynaptic indices, weights: CUBA\'s weights are one number per connection',
  coba: 'row offsets, postsynaptic indices, weights: a single number for each connection, as all its synapses share it',
  stdp: 'row offsets, postsynaptic indices and float64 weights (written by the plasticity kernels), plus the plastic state: the transposed index (a synapse index and a presynaptic index per synapse, column offsets) and the traces (a value and a last-update step per presynaptic and per postsynaptic neuron, in float64; each thread keeps its own copy of the presynaptic trace)',
};
const lines = [];
lines.push(`Measured ${new Date().toISOString().slice(0, 10)} with \`${process.argv.slice(2).length ? `node bench/compare.mjs ${process.argv.slice(2).join(' ')}` : 'pnpm bench'}\` on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}${haveBrian2 ? `; Brian2 ${runs.find((r) => r.simulator === 'brian2')?.brian2 ?? '?'} (${machine.python}, ${machine.gxx})` : ''}. Load average ${machine.loadAverageAtStart.join(' / ')} at the start, ${machine.loadAverageAtEnd.join(' / ')} at the end (1 / 5 / 15 min; other work on the machine makes every number noisier).`);
if (brian2Note) lines.push('', `**${brian2Note}**`);
for (const b of benches) {
  const s = summary[b.id];
  const keys = order.filter((k) => s[k]);
  const sf = s.sf1;
  lines.push('', `### ${titles[b.network](b.n)}, ${b.durationMs / 1000} s simulated at dt = 0.1 ms — medians of ${sf.runs} run${sf.runs > 1 ? 's' : ''} each`, '');
  lines.push(`| | ${keys.map((k) => s[k].label).join(' | ')} |`);
  lines.push(`|---|${keys.map(() => '---:').join('|')}|`);
  const row = (name, f) => lines.push(`| ${name} | ${keys.map((k) => f(s[k], k)).join(' | ')} |`);
  row('simulation loop, wall clock (s)', (x, k) => (k === 'sa1' ? '–' : fmt(x.loop_seconds)));
  row('simulation loop, CPU time (s)', (x, k) => (k === 'sa1' ? fmt(x.loop_seconds) : k.startsWith('sf') ? fmt(x.loop_cpu_seconds) : '–'));
  // Like with like: Brian2's one-threaded standalone reports CPU time (std::clock), the others wall-clock time.
  row('**spikeflow (1 thread) / this**, loop', (x, k) => (k === 'sf1' ? '1.00' : k === 'sa1' ? `**${ratio(sf.loop_cpu_seconds, x.loop_seconds)}** (CPU)` : ratio(sf.loop_seconds, x.loop_seconds)));
  row('whole process (s)', (x) => fmt(x.whole_seconds, 2));
  row('spikeflow (1 thread) / this, whole process', (x, k) => (k === 'sf1' ? '1.00' : ratio(sf.whole_seconds, x.whole_seconds)));
  row('spikes', (x) => String(Math.round(x.spikes)));
  row('mean rate (Hz)', (x) => fmt(x.mean_rate_hz, 2));
  row('ISI CV', (x) => fmt(x.isi_cv, 3));
  row('synapses', (x) => String(Math.round(x.synapses)));
  if (b.network === 'stdp') {
    // The correctness check of a plastic run: where the weights went (weights / wmax, 1000 synapses).
    row('final mean weight / wmax', (x) => fmt(x.mean_weight, 3));
    row('fraction of weights < 0.1 wmax', (x) => fmt(x.frac_low, 3));
    row('fraction of weights > 0.9 wmax', (x) => fmt(x.frac_high, 3));
  }
  row('synapse storage (bytes per synapse)', (x, k) => (k.startsWith('sf') ? fmt(x.bytes_per_synapse, 2) : '–'));
  if (b.network === 'stdp') row('of which plastic state (bytes per synapse)', (x, k) => (k.startsWith('sf') ? fmt(x.plastic_bytes_per_synapse, 2) : '–'));
  row('kernels (the simulation\'s description)', (x, k) => (k.startsWith('sf') ? x.description.replace(/^CPU f64, \d threads?; /, '') : '–'));
  if (b.network === 'stdp') lines.push('', 'The STDP network has one postsynaptic neuron, and spikeflow partitions a connection\'s synapses by postsynaptic neuron: with 2 threads the second thread holds no synapses (only its copy of the presynaptic trace) and the first updates every synapse. What the threads do share is the populations: the 1000 Poisson inputs\' random draws (one per input and step), which take most of the loop. The weight rows are the correctness check: after 10 s the weights have only started to move towards the bounds (the example runs 100 s); spikeflow and Brian2 draw different inputs and initial weights, so compare the rows\' values, not runs spike for spike (packages/backend-cpu/test/stdp-brian2.test.ts compares seed means).');
  if (s.sf2 && s.sa2) lines.push('', `Two threads: spikeflow (2 threads) / Brian2 cpp_standalone (2 OpenMP threads), simulation loop: **${ratio(s.sf2.loop_seconds, s.sa2.loop_seconds)}**; spikeflow 2 threads / 1 thread: ${ratio(s.sf2.loop_seconds, sf.loop_seconds)}.`);
  if (s.sa1) lines.push('', `Loop times: Brian2's one-threaded cpp_standalone measures its loop in CPU time (std::clock), so it is compared with spikeflow's loop CPU time (process CPU time over the run, background compiler and GC threads included); the OpenMP build, numpy and spikeflow wall-clock times are compared with each other. cpp_standalone whole process: the timed runs recompile only what the seed changes (make reuses the rest, as when a script is run again); the first build in a fresh directory took ${fmt(s.sa1.fresh_compile_whole_seconds, 1)} s (1 thread) and ${fmt(s.sa2?.fresh_compile_whole_seconds, 1)} s (OpenMP).`);
  lines.push('', `spikeflow whole process, ${fmt(sf.whole_seconds, 2)} s: Node's start and the imports ${fmt(sf.startup_seconds, 3)} s (Node alone, \`node -e 0\` in the same loop: ${fmt(median(nodeAlone[b.id]), 3)} s, median of ${nodeAlone[b.id].length}), then building, running and summarizing.`);
  lines.push('', `spikeflow build (connectivity, parameters, compiling the kernels): ${fmt(sf.build_seconds)} s, of which connectivity ${fmt(sf.connectivity_seconds)} s. Memory: synapse storage ${fmt(sf.bytes_per_synapse, 2)} bytes per synapse with 1 thread, ${fmt(s.sf2?.bytes_per_synapse, 2)} with 2 (${storage[b.network]}${b.network === 'stdp' ? `; the plastic state alone ${fmt(sf.plastic_bytes_per_synapse, 2)} and ${fmt(s.sf2?.plastic_bytes_per_synapse, 2)}` : ''}); every array of the simulation (states, spike buffers, synapse storage: its WebAssembly memory) ${fmt(sf.simulation_bytes_per_synapse, 2)} bytes per synapse.`);
}
lines.push('', `### Decision network (3 × 100 LIF, 6 dense connections, dt = 1 ms, 1000 steps)`, '', `${Math.round(decision.medianStepsPerSecond).toLocaleString('en')} simulated steps/s (median of ${decision.repeats} runs; loop ${fmt(decision.medianLoopSeconds)} s, whole run with build ${fmt(decision.medianTotalSeconds)} s; bench/decision.mjs).`);
lines.push('', `### ${adex.benchmark}`, '', '| threads | simulated steps/s | kernels (the simulation\'s description) |', '|---:|---:|---|', ...adex.rows.map((r) => `| ${r.threads} | ${Math.round(r.medianStepsPerSecond).toLocaleString('en')} | ${r.description} |`), '', 'bench/adex.mjs; AdEx calls exp() every step: WebAssembly calls the same Math.exp as JavaScript, so results are bit-identical to the JavaScript kernels (packages/backend-cpu/test/wasm.test.ts).');
// CUBA exported to NEURON over MPI: its own benchmark (bench/neuron.mjs) appends its table.
const cubaSizes = benches.filter((b) => b.network === 'cuba').map((b) => b.n);
const neuron = values['no-neuron'] || cubaSizes.length === 0 ? { status: 1 } : spawnSync(process.execPath, [here('./neuron.mjs'), '--sizes', cubaSizes.join(','), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
if (neuron.status === 0) lines.push('', readFileSync(here('./results/neuron-latest.md'), 'utf8').trim());
else lines.push('', `NEURON (bench/neuron.mjs) ${values['no-neuron'] ? 'not run in this session (--no-neuron)' : `not run: it exited with status ${neuron.status}`}; its last table is in the section below.`);
const table = lines.join('\n');

mkdirSync(here('./results/'), { recursive: true });
writeFileSync(here('./results/compare-latest.json'), `${JSON.stringify({ benchmark: 'CUBA, COBA and STDP side by side (bench/compare.mjs)', date: new Date().toISOString(), quick, durationMs: durations, machine, summary, nodeAloneSeconds: nodeAlone, decision: { medianStepsPerSecond: decision.medianStepsPerSecond, repeats: decision.repeats }, runs }, null, 2)}\n`);
if (!values['no-readme']) {
  const readmePath = here('./README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- bench-table:start -->';
  const end = '<!-- bench-table:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a >= 0 && b > a) writeFileSync(readmePath, `${readme.slice(0, a + start.length)}\n${table}\n${readme.slice(b)}`);
}
console.log(`\n${table}\n\n[bench] wrote bench/results/compare-latest.json${values['no-readme'] ? '' : ' and the table in bench/README.md'}`);
