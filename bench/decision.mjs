// Benchmark (not a test): simulated steps per second of the seed's decision network on the CPU
// backend. Median of several runs; each run builds, compiles and simulates a fresh network, and
// only the step loop is timed (RunResult.seconds). Usage: pnpm bench [-- --steps N --repeats R]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { runDecision, SCENARIO_NAMES } from '@spikeflow/experiments';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '1000' }, repeats: { type: 'string', default: '21' }, scenario: { type: 'string', default: 'default' } } });
const steps = Number(values.steps);
const repeats = Number(values.repeats);
if (!SCENARIO_NAMES.includes(values.scenario)) throw new Error(`unknown scenario ${values.scenario}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const backend = createCpuBackend();
await runDecision(backend, { scenario: values.scenario, steps: 2000, seed: 99 }); // warm-up: JIT and kernel cache

const runs = [];
for (let r = 0; r < repeats; r++) {
  const started = performance.now();
  const { result, summary } = await runDecision(backend, { scenario: values.scenario, steps, seed: r + 1 });
  const total = (performance.now() - started) / 1000;
  const spikes = summary.totals.ep1 + summary.totals.ep2 + summary.totals.ip1;
  runs.push({ seed: r + 1, loopSeconds: result.seconds, totalSeconds: total, stepsPerSecond: steps / result.seconds, spikes });
}
const report = {
  benchmark: 'decision network (3 × 100 LIF, 6 dense connections, dt = 1 ms), CPU backend',
  scenario: values.scenario,
  steps,
  repeats,
  medianStepsPerSecond: median(runs.map((r) => r.stepsPerSecond)),
  medianLoopSeconds: median(runs.map((r) => r.loopSeconds)),
  medianTotalSeconds: median(runs.map((r) => r.totalSeconds)),
  medianSpikes: median(runs.map((r) => r.spikes)),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  date: new Date().toISOString(),
  runs,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/decision-latest.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
console.log(`decision network (${values.scenario}), ${steps} steps × ${repeats} runs on ${report.machine.cpu} (${report.machine.cores} cores), Node ${process.version}`);
console.log(`  median ${Math.round(report.medianStepsPerSecond).toLocaleString('en')} simulated steps/s (loop ${report.medianLoopSeconds.toFixed(3)} s, whole run incl. build ${report.medianTotalSeconds.toFixed(3)} s, ${report.medianSpikes} spikes)`);
console.log('  wrote bench/results/decision-latest.json');
