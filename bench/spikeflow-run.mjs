// One spikeflow run of a benchmark network (bench/networks.mjs: cuba, coba or stdp) in this process, for
// the side-by-side harness (bench/compare.mjs), which times the whole process from outside. Prints
// one JSON line. Run with --expose-gc so the memory figures are measured after a collection.
//   node --expose-gc bench/spikeflow-run.mjs --network cuba --size 4000 --seed 1 --threads 1 --duration 1000
//   node bench/spikeflow-run.mjs --network coba --threads 2
//   node bench/spikeflow-run.mjs --network stdp --size 1000 --duration 10000
import { parseArgs } from 'node:util';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildBenchNetwork } from './networks.mjs';

// performance.now() counts from the process's start, and this module's body runs after every
// static import: this is Node's start plus the imports.
const startupSeconds = performance.now() / 1000;
const { values } = parseArgs({
  options: {
    network: { type: 'string', default: 'cuba' },
    size: { type: 'string', default: '4000' },
    seed: { type: 'string', default: '1' },
    threads: { type: 'string', default: '1' },
    duration: { type: 'string', default: '1000' },
    weights: { type: 'string', default: 'auto' },
    wasm: { type: 'string', default: 'true' },
  },
});
const gc = globalThis.gc ?? (() => {});
/** Resident memory of the process after full collections (array buffers and WebAssembly memory included). */
const rss = () => {
  gc();
  gc();
  return process.memoryUsage().rss;
};

const bench = await buildBenchNetwork(values.network, { size: Number(values.size), seed: Number(values.seed), duration: Number(values.duration) });
const before = rss();
// Build and compile in a function, so the built network (its float64 weight tables) can be
// collected: the simulation keeps only its compacted synapse storage.
async function compile() {
  const started = performance.now();
  const built = bench.network.build();
  const connectivitySeconds = (performance.now() - started) / 1000;
  const simulation = await createCpuBackend({ threads: Number(values.threads), weights: values.weights, wasm: values.wasm !== 'false' }).compile(built);
  return { simulation, connectivitySeconds, buildSeconds: (performance.now() - started) / 1000 };
}
const { simulation, connectivitySeconds, buildSeconds } = await compile();
const after = rss();
const { synapses, bytes, plasticBytes, totalBytes } = simulation.synapseMemory;

const cpu0 = process.cpuUsage();
const result = await simulation.run(bench.steps);
const cpu = process.cpuUsage(cpu0);
const { description } = simulation;
const plasticity = bench.plasticity?.(simulation);
simulation.dispose();
const summary = bench.summarize(result.steps);
console.log(
  JSON.stringify({
    simulator: 'spikeflow',
    network: values.network,
    threads: Number(values.threads),
    n: bench.options.size,
    p: bench.options.p,
    duration_ms: bench.options.duration,
    seed: bench.options.seed,
    description,
    synapses,
    spikes: summary.spikes,
    mean_rate_hz: summary.meanRate,
    isi_cv: summary.isiCv,
    loop_seconds: result.seconds,
    loop_cpu_seconds: (cpu.user + cpu.system) / 1e6,
    startup_seconds: startupSeconds,
    build_seconds: buildSeconds,
    connectivity_seconds: connectivitySeconds,
    synapse_bytes: bytes,
    bytes_per_synapse: bytes / synapses,
    plastic_bytes_per_synapse: plasticBytes / synapses,
    simulation_bytes_per_synapse: totalBytes / synapses,
    ...(globalThis.gc ? { rss_bytes_per_synapse: (after - before) / synapses } : {}),
    ...plasticity,
  }),
);
