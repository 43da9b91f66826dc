/** The backends the playground can run on, chosen explicitly (nothing registers itself). */
import type { Backend } from '@spikeflow/core';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import type { BackendChoice } from './settings.js';

/** Whether this browser (or worker) exposes WebGPU at all; an adapter may still be refused. */
export const hasWebGpu = (): boolean => !!(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu;

/**
 * Creates the chosen backend. WebGPU is loaded only when asked for (its module is a separate
 * chunk) and fails with the backend's own message where no adapter is found.
 */
export async function createBackend(choice: BackendChoice): Promise<Backend> {
  if (choice === 'cpu') return createCpuBackend();
  if (!hasWebGpu()) throw new Error('this browser has no WebGPU (navigator.gpu); choose the CPU backend');
  const { createWebGpuBackend } = await import('@spikeflow/backend-webgpu');
  return createWebGpuBackend();
}
