import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { runDecision, scenarioByName } from '@spikeflow/experiments';
import type { RunDecisionFlags } from './program.js';
import { spikesCsv } from './spikes-csv.js';

/** `spikeflow run decision`: runs one scenario on the CPU backend and writes its data. */
export async function runDecisionCommand(flags: RunDecisionFlags): Promise<void> {
  scenarioByName(flags.scenario); // fail on a typo before doing any work
  const { decision, summary, result } = await runDecision(createCpuBackend(), {
    scenario: flags.scenario,
    seed: flags.seed,
    ...(flags.steps !== undefined ? { steps: flags.steps } : {}),
    ...(flags.size !== undefined ? { size: flags.size } : {}),
    ...(flags.dt !== undefined ? { dt: flags.dt } : {}),
  });
  await mkdir(flags.out, { recursive: true });
  const summaryPath = join(flags.out, 'summary.json');
  const spikesPath = join(flags.out, 'spikes.csv');
  await writeFile(summaryPath, `${JSON.stringify({ ...summary, simulationSeconds: result.seconds }, null, 2)}\n`);
  await writeFile(spikesPath, spikesCsv(decision.spikes, summary.dt));
  if (flags.quiet) return;
  const line = (k: number) => {
    const b = summary.bins[k]!;
    return `  ${String(b.startStep).padStart(6)}–${String(b.endStep).padEnd(6)} ${String(b.spikes.ep1).padStart(6)} ${String(b.spikes.ep2).padStart(6)} ${String(b.spikes.ip1).padStart(6)}  ${b.winner}`;
  };
  console.log(`decision network, scenario '${summary.scenario}' (${summary.title}), seed ${summary.seed}`);
  console.log(`  ${summary.steps} steps of ${summary.dt} ms, ${summary.size} neurons per population, simulated in ${(result.seconds * 1000).toFixed(1)} ms`);
  console.log('  steps          ep1    ep2    ip1  winner');
  summary.bins.forEach((_, k) => console.log(line(k)));
  console.log(`  total  ${String(summary.totals.ep1).padStart(12)} ${String(summary.totals.ep2).padStart(6)} ${String(summary.totals.ip1).padStart(6)}  ${summary.winner}`);
  console.log(`wrote ${summaryPath} and ${spikesPath}`);
}
