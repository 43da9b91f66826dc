import { Worker } from 'node:worker_threads';
import type { PartitionWorkers, StartWorkers } from '../simulation.js';

/**
 * Node worker threads for partitions 1.. of a simulation (the main thread runs partition 0).
 * Only the Node entry (node.ts) imports this module, so the main entry stays browser-clean.
 */
export const startNodeWorkers: StartWorkers = async (inits) => {
  const workers: Worker[] = [];
  let error: Error | undefined;
  const handle: PartitionWorkers = {
    get error() {
      return error;
    },
    terminate() {
      for (const w of workers) void w.terminate();
      workers.length = 0;
    },
  };
  const ready = inits.map((init) => {
    // The published JavaScript is one flat folder (dist/: entries and chunks side by side, see
    // scripts/bundle.mjs), so the worker entry sits next to whichever module this code lands in.
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init });
    workers.push(worker);
    worker.on('error', (e) => (error ??= e));
    return new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
  });
  try {
    await Promise.all(ready);
  } catch (e) {
    handle.terminate();
    throw e;
  }
  // Idle workers wait on shared memory; they must not keep the process alive.
  for (const w of workers) w.unref();
  return handle;
};
