import { existsSync } from 'node:fs';
import { SpikeflowError } from '@spikeflow/core';
import { checkFingerprint, networkFingerprint } from '@spikeflow/core/backend';
import { prepareRun } from '../prepare.js';
import { loadResume } from '../output/checkpoints.js';
import { runCommand, type RunFlags } from './run.js';

/**
 * `spikeflow resume <dir>`: continues a run started with `--checkpoint-every` into `dir` (killed,
 * stopped by a signal, or crashed) from its last checkpoint to its full length. The data files are
 * cut back to what they held at the checkpoint and continued, so afterwards they equal those of
 * an uninterrupted run; the experiment is rebuilt from the same file and flags, and a file changed
 * since (another network) is a named error.
 */
export async function resumeCommand(dir: string, opts: { quiet?: boolean }): Promise<number> {
  const { record, checkpoint } = loadResume<Omit<RunFlags, 'out'>>(dir);
  if (record.experiment !== 'decision' && !existsSync(record.experiment)) {
    throw new SpikeflowError('bad-resume', `${dir}: the run's experiment file ${record.experiment} no longer exists`);
  }
  const flags: RunFlags = { ...record.flags, out: dir, ...(opts.quiet !== undefined ? { quiet: opts.quiet } : {}) };
  // Check the checkpoint against the network as now built before any data file is touched: a
  // refused resume leaves the directory as it was.
  const probe = await prepareRun(record.experiment, flags, (r) => ({ kind: 'state', population: r.population.name, variable: r.variable, every: r.every, onState: () => {} }));
  checkFingerprint(checkpoint, networkFingerprint(probe.network.build()));
  if (!flags.quiet) console.error(`resuming ${record.experiment} in ${dir} at step ${record.step} of ${record.steps}`);
  return runCommand(record.experiment, flags, { record: { ...record, flags }, checkpoint });
}
