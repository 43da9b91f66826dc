// Benchmark (not a test): steps/s and synaptic events/s of a growing E/I network on the CPU
// backend (f32 and f64) and the WebGPU backend, as one table. Run through bench/gpu.sh.
//
// Network: N LIF neurons (80% E, 20% I), constant drive above threshold with heterogeneous
// initial voltages, exponential-current synapses, fixed in-degree k (0.8k from E, 0.2k from I),
// dt 0.1 ms. Only the step loop is timed (RunResult.seconds), after a warm-up run that compiles.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Network } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, fixedIndegreeConnect } from '@spikeflow/connectivity';
import { constantCurrent } from '@spikeflow/stimuli';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { createWebGpuBackend } from '@spikeflow/backend-webgpu';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    k: { type: 'string', default: '100' },
    steps: { type: 'string', default: '1000' },
    'cpu-steps': { type: 'string', default: '200' },
    'cpu-max-size': { type: 'string', default: '1000000' },
    backends: { type: 'string', default: 'cpu-f64,cpu-f32,webgpu' },
    'require-gpu': { type: 'boolean', default: false },
    out: { type: 'string', default: '' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const k = Number(values.k);
const gpuSteps = Number(values.steps);
const cpuSteps = Number(values['cpu-steps']);
const cpuMaxSize = Number(values['cpu-max-size']);
const wanted = values.backends.split(',');

function build(n, seed = 1) {
  const net = new Network({ dt: 0.1, seed });
  const lif = { R: 1, C: 20, u_rest: -60, u_reset: -60, threshold: -50, t_ref: 2 };
  const initial = { v: { uniform: { min: -60, max: -50 } } };
  const nE = Math.round(0.8 * n);
  const e = net.population('e', { model: LIF, size: nE, parameters: lif, initial });
  const i = net.population('i', { model: LIF, size: n - nE, sign: 'inhibitory', parameters: lif, initial });
  const kE = Math.round(0.8 * k);
  const kI = k - kE;
  // Weights scaled with k so activity stays in the same regime at every size.
  for (const post of [e, i]) {
    net.connect(e, post, { connector: fixedIndegreeConnect({ k: kE, weight: 130 / k }), synapse: ExpCurrent, parameters: { tau: 5 } });
    net.connect(i, post, { connector: fixedIndegreeConnect({ k: kI, weight: 720 / k }), synapse: ExpCurrent, parameters: { tau: 10 } });
  }
  net.stimulate(e, constantCurrent(11));
  net.stimulate(i, constantCurrent(11));
  return net;
}

/** Counts spikes per population (the CPU backend reports every step to sinks). */
const counter = (population) => ({ kind: 'spikes', population, count: 0, onSpikes(_s, _i, c) { this.count += c; } });

async function measure(backend, n, steps) {
  const t0 = performance.now();
  const net = build(n);
  const built = net.build();
  const buildSeconds = (performance.now() - t0) / 1000;
  const outPerNeuron = new Map();
  for (const c of built.connections) {
    const syn = c.table.format === 'csr' ? c.table.post.length : c.table.nPre * c.table.nPost;
    outPerNeuron.set(c.pre, (outPerNeuron.get(c.pre) ?? 0) + syn / c.table.nPre);
  }
  const synapses = built.connections.reduce((s, c) => s + (c.table.format === 'csr' ? c.table.post.length : 0), 0);
  const counters = backend.name === 'webgpu' ? [] : built.populations.map((p) => counter(p.name));
  const t1 = performance.now();
  const sim = await backend.compile({ ...built, monitors: counters });
  const compileSeconds = (performance.now() - t1) / 1000;
  await sim.run(Math.min(20, steps)); // warm-up: JIT, pipelines, first submissions
  const before = backend.name === 'webgpu' ? sim.spikeTotals() : Object.fromEntries(counters.map((c) => [c.population, c.count]));
  const result = await sim.run(steps);
  const after = backend.name === 'webgpu' ? sim.spikeTotals() : Object.fromEntries(counters.map((c) => [c.population, c.count]));
  sim.dispose();
  let spikes = 0;
  let events = 0;
  for (const p of built.populations) {
    const s = after[p.name] - before[p.name];
    spikes += s;
    events += s * (outPerNeuron.get(p.name) ?? 0);
  }
  const seconds = result.seconds;
  return {
    backend: backend.name,
    neurons: n,
    synapses,
    steps,
    seconds,
    stepsPerSecond: steps / seconds,
    eventsPerSecond: events / seconds,
    rateHz: spikes / n / (steps * 0.1e-3),
    buildSeconds,
    compileSeconds,
  };
}

const rows = [];
let gpu;
if (wanted.includes('webgpu')) {
  gpu = await createWebGpuBackend();
  const soft = /llvmpipe|swiftshader|lavapipe|softpipe/i.test(`${gpu.adapter.device} ${gpu.adapter.description} ${gpu.adapter.architecture}`);
  console.error(`WebGPU adapter: ${JSON.stringify(gpu.adapter)}${soft ? '  (a software rasterizer: these are not GPU timings)' : ''}`);
  if (soft && values['require-gpu']) {
    console.error('error: --require-gpu given but the adapter is a software implementation (see bench/gpu.sh for the driver setup)');
    process.exit(1);
  }
}
for (const n of sizes) {
  for (const name of wanted) {
    if (name.startsWith('cpu') && n > cpuMaxSize) continue;
    const backend = name === 'webgpu' ? gpu : createCpuBackend({ precision: name === 'cpu-f32' ? 'f32' : 'f64' });
    try {
      const row = await measure(backend, n, name === 'webgpu' ? gpuSteps : cpuSteps);
      rows.push(row);
      console.error(`  ${name} N=${n}: ${row.stepsPerSecond.toFixed(1)} steps/s`);
    } catch (e) {
      rows.push({ backend: backend.name, neurons: n, error: e.message.split('\n')[0] });
      console.error(`  ${name} N=${n}: ${e.message.split('\n')[0]}`);
    }
  }
}
gpu?.destroy();

const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(1));
const lines = [
  `| neurons | synapses | backend | steps | steps/s | synaptic events/s | rate (Hz) | build s | compile s |`,
  `|---:|---:|---|---:|---:|---:|---:|---:|---:|`,
  ...rows.map((r) => r.error ? `| ${fmt(r.neurons)} | | ${r.backend} | | error: ${r.error} | | | | |` : `| ${fmt(r.neurons)} | ${fmt(r.synapses)} | ${r.backend} | ${r.steps} | ${fmt(r.stepsPerSecond)} | ${fmt(r.eventsPerSecond)} | ${r.rateHz.toFixed(1)} | ${r.buildSeconds.toFixed(1)} | ${r.compileSeconds.toFixed(2)} |`),
];
console.log(`WebGPU: ${gpu ? `${gpu.adapter.source} ${gpu.adapter.device || gpu.adapter.architecture} ${gpu.adapter.description}` : 'not run'}; CPU: ${cpus()[0]?.model} (${cpus().length} cores), Node ${process.version}`);
console.log(lines.join('\n'));
const out = values.out || new URL(`./results/gpu-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, import.meta.url).pathname;
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(out, JSON.stringify({ adapter: gpu?.adapter, k, rows, date: new Date().toISOString() }, null, 2));
