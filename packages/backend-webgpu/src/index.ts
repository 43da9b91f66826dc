import type { Backend, BackendCapabilities } from '@spikeflow/core';
import type { BuiltNetwork } from '@spikeflow/core/backend';
import { acquireDevice, type AcquireOptions, type AdapterDescription } from './device.js';
import { WebGpuSimulation } from './simulation.js';

export { NoWebGpuAdapterError, NO_ADAPTER_HELP, acquireDevice, type AdapterDescription, type AcquireOptions, type AcquiredDevice } from './device.js';
export { WebGpuSimulation, type SpikeTotals } from './simulation.js';
export { printWgslExpr, printWgslCondition, printWgslStatements, f32Literal, WGSL_FUNCTIONS, type WgslResolve, type WgslRandomCall } from './printer.js';
export { PHILOX_WGSL } from './philox.js';
export { buildProgram, type Program, type ProgramOptions, type PopulationProgram, type ConnectionProgram, type PlasticProgram, type StateMonitorProgram, type ArrayStimulusProgram, type ExternalStimulusProgram } from './program.js';
export type { GpuKernel } from './wgsl.js';
export type { PlasticLayout, TraceLayout } from './plastic.js';
export { pipelineCacheSize, pipelineCache } from './pipelines.js';
export { philoxOnDevice } from './philox-check.js';

/**
 * Options of {@link createWebGpuBackend}: where the device comes from, and how many steps go to
 * the GPU at once.
 *
 * @example
 * const backend = await createWebGpuBackend({ powerPreference: 'low-power', maxChunk: 200 });
 */
export interface WebGpuBackendOptions extends AcquireOptions {
  /** Largest number of steps encoded into one queue submission (default 1000). */
  readonly maxChunk?: number;
  /**
   * Bound in bytes on each chunk-sized GPU region — a population's spike stream for monitors
   * (steps × neurons), an array stimulus's rows, a state monitor's rows; chunks shrink to fit
   * (default 64 MiB).
   */
  readonly regionBytes?: number;
}

/** A WebGPU backend: the device it runs on, and the `Backend` interface. */
export interface WebGpuBackend extends Backend {
  /** `webgpu`. */
  readonly name: string;
  /** float32 only (no float64 on GPUs); dense and CSR synapse tables; random functions. */
  readonly capabilities: BackendCapabilities;
  /** The GPU device simulations run on. */
  readonly device: GPUDevice;
  /** Where the device came from (vendor, architecture, Dawn backend), for reports. */
  readonly adapter: AdapterDescription;
  /** Builds the GPU program of `network`, uploads it and compiles its pipelines. */
  compile(network: BuiltNetwork): Promise<WebGpuSimulation>;
  /** Releases the device when this backend created it (simulations made on it stop working). */
  destroy(): void;
}

/**
 * Creates the WebGPU backend: float32 on the GPU, the same model definitions as the CPU backend
 * (printed to WGSL from the same IR), the same random numbers (Philox4x32-10 in WGSL).
 *
 * Finds a device unless one is given: `navigator.gpu` in browsers, the npm package `webgpu`
 * (Dawn) in Node — Vulkan/Metal/D3D12 when there is a GPU, else OpenGL ES in compatibility mode
 * (Mesa's llvmpipe, no GPU needed). Throws `NoWebGpuAdapterError`, with how to fix it, when none
 * is found. Nothing is registered by importing this package.
 *
 * @example
 * const backend = await createWebGpuBackend();
 * await network.run({ duration: 1000 }, backend);
 * backend.destroy();
 */
export async function createWebGpuBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  const acquired = await acquireDevice(options);
  const { device } = acquired;
  const settings = {
    maxChunk: Math.max(1, Math.floor(options.maxChunk ?? 1000)),
    regionWords: Math.max(1, Math.floor((options.regionBytes ?? 64 * 2 ** 20) / 4)),
  };
  return {
    name: 'webgpu',
    capabilities: { float64: false, float32: true, storage: ['dense', 'csr'], randomFunctions: true },
    device,
    adapter: acquired.adapter,
    compile: (network: BuiltNetwork) => WebGpuSimulation.create(device, network, settings),
    destroy: () => {
      if (acquired.owned) device.destroy();
    },
  };
}
