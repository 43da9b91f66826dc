import { createWebGpuBackend, NoWebGpuAdapterError, type WebGpuBackend, type WebGpuBackendOptions } from '@spikeflow/backend-webgpu';
import { requireDependency } from '../../../test-support/dependency.js';

/**
 * A WebGPU backend for these tests, or undefined (the tests skip, saying why) where no adapter
 * exists: Node/Dawn needs a GPU with Vulkan, or Mesa's EGL/GLES (see the package README).
 * Under CI=true a missing adapter is an error.
 */
export async function gpuBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend | undefined> {
  try {
    return await createWebGpuBackend(options);
  } catch (e) {
    if (e instanceof NoWebGpuAdapterError) {
      requireDependency('a WebGPU adapter (Dawn on a GPU or on Mesa)', false, e.message);
      return undefined;
    }
    throw e;
  }
}
