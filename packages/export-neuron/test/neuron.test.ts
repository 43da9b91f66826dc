/**
 * Networks exported to NEURON and run there (1 and 2 MPI ranks) against spikeflow's own run of the
 * same network and seed: the seven decision scenarios, CUBA and a network using every
 * export-supported feature. The step arithmetic is the same IEEE double arithmetic in the same
 * order (see README), so the spike trains must be identical, not merely statistically alike.
 * One NEURON build for the whole file: every export's mechanisms are compiled together once.
 *
 * Skipped, with a message, where nrniv (with Python), mpiexec or nrnivmodl is missing.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import type { Network } from '@spikeflow/core';
import { buildCubaNetwork, buildDecisionNetwork } from '@spikeflow/experiments';
import { EXPORT_SCENARIOS } from './helpers.js';
import type { SpikeMonitor } from '@spikeflow/monitors';
import { exportToNeuron } from '../src/index.js';
import { writeExport } from '../src/node.js';
import { CUBA_TEST, FEATURE_STEPS, NEURON_MISSING, featureNetwork, monitorSpikes, resultSpikes, run, runNeuron } from './helpers.js';

if (NEURON_MISSING) console.warn(`[export-neuron/neuron.test] SKIPPED: ${NEURON_MISSING}; install NEURON and MPI (Debian: neuron neuron-dev python3-neuron openmpi-bin)`);

const DECISION_STEPS = 400;
/**
 * Cases also run on 2 ranks: the network with every feature (dense random-normal and uniform
 * tables, sparse fixed-probability and fixed-indegree tables, one-to-one, noise, heterogeneous
 * parameters), which covers every code path that distributing cells over ranks touches; the other
 * cases differ from it in values or connectivity only, which the 1-rank runs check. Each 2-rank run
 * costs an MPI start.
 */
const TWO_RANKS = new Set(['features']);
const CLI = fileURLToPath(new URL('../../../apps/cli/dist/bin.js', import.meta.url));

interface Case {
  readonly name: string;
  readonly dir: string;
  /** spikeflow's own spikes per population. */
  readonly expected: Map<string, string[]>;
}

async function prepare(root: string, name: string, network: Network, monitors: Record<string, SpikeMonitor>, steps: number, format: 'csv' | 'npy'): Promise<Case> {
  const dir = join(root, name);
  writeExport(dir, exportToNeuron(network, { steps, format, title: name }));
  await network.run({ steps }, createCpuBackend());
  return { name, dir, expected: new Map(Object.entries(monitors).map(([pop, m]) => [pop, monitorSpikes(m)])) };
}

describe.skipIf(!!NEURON_MISSING)('NEURON export (nrniv, ParallelContext over MPI)', () => {
  const root = mkdtempSync(join(tmpdir(), 'spikeflow-neuron-'));
  const cases = new Map<string, Case>();

  beforeAll(async () => {
    for (const scenario of EXPORT_SCENARIOS) {
      const d = buildDecisionNetwork({ scenario, steps: DECISION_STEPS });
      cases.set(scenario, await prepare(root, scenario, d.network, d.spikes, DECISION_STEPS, 'csv'));
    }
    const cuba = buildCubaNetwork({ ...CUBA_TEST, seed: 2 });
    cases.set('cuba', await prepare(root, 'cuba', cuba.network, cuba.spikes, cuba.network.steps({ duration: CUBA_TEST.duration }), 'npy'));
    const features = featureNetwork();
    cases.set('features', await prepare(root, 'features', features.network, features.monitors, FEATURE_STEPS, 'npy'));
    // One build of every mechanism (names are content hashes, so shared ones appear once).
    const shared = join(root, 'shared');
    mkdirSync(join(shared, 'mod'), { recursive: true });
    for (const c of cases.values()) for (const f of readdirSync(join(c.dir, 'mod'))) copyFileSync(join(c.dir, 'mod', f), join(shared, 'mod', f));
    copyFileSync(join(root, 'default', 'build.sh'), join(shared, 'build.sh'));
    await run('sh', ['build.sh'], shared);
    const arch = readdirSync(shared).find((d) => existsSync(join(shared, d, 'libnrnmech.so')) || existsSync(join(shared, d, '.libs', 'libnrnmech.so')));
    expect(arch, 'build.sh produced <arch>/libnrnmech.so').toBeDefined();
    for (const c of cases.values()) symlinkSync(join(shared, arch!), join(c.dir, arch!));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const expectSame = (c: Case) => {
    const got = resultSpikes(c.dir);
    for (const [pop, spikes] of c.expected) {
      expect(got.get(pop)?.length, `${c.name}: spikes of ${pop}`).toBe(spikes.length);
      expect(got.get(pop), `${c.name}: spike train of ${pop}`).toEqual(spikes);
    }
  };

  for (const name of [...EXPORT_SCENARIOS, 'cuba', 'features']) {
    const ranks = TWO_RANKS.has(name) ? [1, 2] : [1];
    it(`${name}: identical spike trains on ${ranks.join(' and on ')} MPI rank${ranks.length > 1 ? 's' : ''}`, async () => {
      const c = cases.get(name)!;
      for (const n of ranks) {
        await runNeuron(c.dir, n);
        expectSame(c);
      }
      const summary = JSON.parse(readFileSync(join(c.dir, 'summary.json'), 'utf8')) as { ranks: number; engine: string; totals: Record<string, number> };
      expect(summary).toMatchObject({ engine: 'neuron', ranks: ranks.at(-1) });
      for (const [pop, spikes] of c.expected) expect(summary.totals[pop]).toBe(spikes.length);
    });
  }

  it.skipIf(!existsSync(CLI))('spikeflow plot draws the figure of an exported run', async () => {
    const c = cases.get('default')!;
    if (!existsSync(join(c.dir, 'run.json'))) await runNeuron(c.dir, 1);
    await run('node', [CLI, 'plot', c.dir, '--quiet'], c.dir);
    expect(readFileSync(join(c.dir, 'figure.svg'), 'utf8')).toContain('<svg');
  });
});
