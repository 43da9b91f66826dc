/**
 * The Node entry of @spikeflow/backend-cpu (export condition `node`): everything of the main
 * entry, with threads as Node worker threads.
 */
import type { Backend } from '@spikeflow/core';
import { cpuBackend, type CpuBackendOptions } from './index.js';
import { startNodeWorkers } from './threads/node.js';

export * from './index.js';

/** {@link import('./index.js').createCpuBackend}, with `threads` > 1 as Node worker threads. */
export function createCpuBackend(options: CpuBackendOptions = {}): Backend {
  return cpuBackend(options, startNodeWorkers);
}
