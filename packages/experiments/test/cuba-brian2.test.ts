/**
 * CUBA in spikeflow against Brian2's own CUBA example (numpy target, run as a subprocess by
 * bench/brian2/cuba.py): mean firing rate and mean ISI CV over the same 8 seeds must agree within
 * 5 %. The two simulators draw different random connectivity and initial potentials, so single
 * runs differ (the rate varies by about 4 % from seed to seed in both); averages over seeds must
 * not. Remaining model differences are small by construction: spikeflow holds ge and gi constant
 * over a step (Brian2 integrates their decay, ~1 % larger PSPs in spikeflow), and its 5 ms
 * refractory period holds v for 50 steps where Brian2's holds it for 49.
 *
 * Skipped, with a message, where `/usr/bin/python3 -c 'import brian2'` fails; fails there under CI=true.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { runCuba } from '@spikeflow/experiments';
import { BRIAN2_INSTALL, pythonHas, runPythonLines } from '../../../test-support/python.js';

const SCRIPT = fileURLToPath(new URL('../../../bench/brian2/cuba.py', import.meta.url));
const HAVE_BRIAN2 = pythonHas('brian2', BRIAN2_INSTALL);

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const DURATION_MS = 1000;

interface Stats {
  seed: number;
  mean_rate_hz: number;
  isi_cv: number;
}

/** Brian2's CUBA for every seed, in one Python process (imports once), asynchronously. */
function brian2(seeds: number[]): Promise<Stats[]> {
  return runPythonLines<Stats>(SCRIPT, ['--target', 'numpy', '--n', '4000', '--p', '0.02', '--duration', String(DURATION_MS), '--seeds', seeds.join(',')]);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe.skipIf(!HAVE_BRIAN2)('CUBA against Brian2 (examples/CUBA.py, numpy target)', () => {
  it(`mean rate and ISI CV agree within 5 % over seeds ${SEEDS.join(', ')}`, async () => {
    // Two Python processes (half the seeds each) run beside spikeflow, on a 2-core machine.
    const half = Math.ceil(SEEDS.length / 2);
    const reference = Promise.all([brian2(SEEDS.slice(0, half)), brian2(SEEDS.slice(half))]).then((parts) => parts.flat());
    const ours: Stats[] = [];
    for (const seed of SEEDS) {
      const { summary } = await runCuba(createCpuBackend(), { seed, duration: DURATION_MS });
      ours.push({ seed, mean_rate_hz: summary.meanRate, isi_cv: summary.isiCv });
    }
    const theirs = await reference;
    expect(theirs.map((s) => s.seed)).toEqual(SEEDS);
    const rate = { spikeflow: mean(ours.map((s) => s.mean_rate_hz)), brian2: mean(theirs.map((s) => s.mean_rate_hz)) };
    const cv = { spikeflow: mean(ours.map((s) => s.isi_cv)), brian2: mean(theirs.map((s) => s.isi_cv)) };
    const detail = JSON.stringify({ rate, cv, spikeflow: ours, brian2: theirs });
    expect(Math.abs(rate.spikeflow / rate.brian2 - 1), `mean rate differs by more than 5 %: ${detail}`).toBeLessThan(0.05);
    expect(Math.abs(cv.spikeflow / cv.brian2 - 1), `ISI CV differs by more than 5 %: ${detail}`).toBeLessThan(0.05);
    // Sanity: CUBA's asynchronous irregular regime in both.
    expect(rate.brian2).toBeGreaterThan(3);
    expect(rate.brian2).toBeLessThan(15);
    expect(cv.brian2).toBeGreaterThan(0.3);
  });
});
