/**
 * The same networks as the NEURON test, exported as Brian2 scripts (numpy target) and run in one
 * Python process: identical spike trains to spikeflow's own run (the script holds the integrated
 * IR step, so Brian2 does the same double arithmetic in the same order).
 *
 * Skipped, with a message, where `/usr/bin/python3 -c 'import brian2'` fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildCubaNetwork, buildDecisionNetwork } from '@spikeflow/experiments';
import { EXPORT_SCENARIOS } from './helpers.js';
import { exportToBrian2 } from '../src/index.js';
import { writeExport } from '../src/node.js';
import { BRIAN2_MISSING, CUBA_TEST, FEATURE_STEPS, PYTHON, featureNetwork, monitorSpikes, resultSpikes, run } from './helpers.js';
import { pythonArgs } from '../../../test-support/python.js';

if (BRIAN2_MISSING) console.warn(`[export-neuron/brian2.test] SKIPPED: ${BRIAN2_MISSING}; install Brian2 (Debian: python3-brian)`);

/** Runs every exported script in one interpreter (Brian2 is imported once). */
const RUN_ALL = `import os, runpy, sys
for d in sys.argv[1:]:
    os.chdir(d)
    sys.argv = [os.path.join(d, 'run_brian2.py')]
    runpy.run_path(sys.argv[0], run_name='__main__')
`;

describe.skipIf(!!BRIAN2_MISSING)('Brian2 export (numpy target)', () => {
  const root = mkdtempSync(join(tmpdir(), 'spikeflow-brian2-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('decision scenarios, CUBA and every supported feature: identical spike trains', async () => {
    const cases: { name: string; dir: string; expected: Map<string, string[]> }[] = [];
    const add = async (name: string, network: import('@spikeflow/core').Network, monitors: Record<string, import('@spikeflow/monitors').SpikeMonitor>, steps: number) => {
      const dir = join(root, name);
      writeExport(dir, exportToBrian2(network, { steps, format: name === 'cuba' ? 'npy' : 'csv', title: name }));
      await network.run({ steps }, createCpuBackend());
      cases.push({ name, dir, expected: new Map(Object.entries(monitors).map(([p, m]) => [p, monitorSpikes(m)])) });
    };
    for (const scenario of EXPORT_SCENARIOS) {
      const d = buildDecisionNetwork({ scenario, steps: 300 });
      await add(scenario, d.network, d.spikes, 300);
    }
    const cuba = buildCubaNetwork({ ...CUBA_TEST, seed: 2 });
    await add('cuba', cuba.network, cuba.spikes, cuba.network.steps({ duration: CUBA_TEST.duration }));
    const features = featureNetwork();
    await add('features', features.network, features.monitors, FEATURE_STEPS);
    writeFileSync(join(root, 'run_all.py'), RUN_ALL);
    // Through test-support's start-up prelude (the same script, less of Brian2's import cost).
    await run(PYTHON, pythonArgs(join(root, 'run_all.py'), cases.map((c) => c.dir)), root);
    for (const c of cases) {
      const got = resultSpikes(c.dir);
      for (const [pop, spikes] of c.expected) {
        expect(got.get(pop)?.length, `${c.name}: spikes of ${pop}`).toBe(spikes.length);
        expect(got.get(pop), `${c.name}: spike train of ${pop}`).toEqual(spikes);
      }
    }
  });
});
