/**
 * A worker thread of the CPU backend: compiles its partition's kernels (emitted by the main
 * thread over shared memory), then runs steps whenever the main thread issues a command.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CounterRng } from '@spikeflow/core/rng';
import { CMD, CTL, fail, runSteps, ThreadFailure } from './step-loop.js';
import { partitionLoop, type PartitionInit } from './partition.js';

const init = workerData as PartitionInit;
const { ctl, cmd } = init;
const plan = partitionLoop(init, new CounterRng(init.seed));

parentPort!.postMessage('ready');

let seen = 0;
for (;;) {
  while (Atomics.load(ctl, CTL.SEQUENCE) === seen) Atomics.wait(ctl, CTL.SEQUENCE, seen);
  seen = Atomics.load(ctl, CTL.SEQUENCE);
  if (Atomics.load(ctl, CTL.FAILED) !== 0 || Atomics.load(ctl, CTL.COMMAND) === 2) break;
  try {
    runSteps(plan, cmd[CMD.STEP0]!, cmd[CMD.STEPS]!);
  } catch (e) {
    if (!(e instanceof ThreadFailure)) {
      fail(ctl);
      throw e;
    }
    break;
  }
}
