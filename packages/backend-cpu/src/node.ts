/**
 * The Node entry of @spikeflow/backend-cpu (export condition `node`): everything of the main
 * entry, with threads as Node worker threads.
 */
import type { Backend } from '@spikeflow/core';
import { cpuBackend, type CpuBackendOptions, type StartWorkers } from './index.js';

export * from './index.js';

/** Loaded on first use: one-threaded runs (most) need neither it nor `node:worker_threads`. */
const startNodeWorkers: StartWorkers = async (inits) => (await import('./threads/node.js')).startNodeWorkers(inits);

/** {@link import('./index.js').createCpuBackend}, with `threads` > 1 as Node worker threads. */
export function createCpuBackend(options: CpuBackendOptions = {}): Backend {
  return cpuBackend(options, startNodeWorkers);
}
