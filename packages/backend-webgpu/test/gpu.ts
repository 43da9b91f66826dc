import { createWebGpuBackend, NoWebGpuAdapterError, type WebGpuBackend, type WebGpuBackendOptions } from '@spikeflow/backend-webgpu';

/**
 * A WebGPU backend for these tests, or undefined (the tests skip, saying why) where no adapter
 * exists: Node/Dawn needs a GPU with Vulkan, or Mesa's EGL/GLES (see the package README).
 */
export async function gpuBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend | undefined> {
  try {
    return await createWebGpuBackend(options);
  } catch (e) {
    if (e instanceof NoWebGpuAdapterError) {
      console.warn(`skipping WebGPU tests: ${e.message}`);
      return undefined;
    }
    throw e;
  }
}
