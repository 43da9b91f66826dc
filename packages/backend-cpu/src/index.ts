import type { Backend, BuiltNetwork, Simulation } from '@spikeflow/core';
import { CpuSimulation } from './simulation.js';
import { F32, F64 } from './precision.js';

export { CpuSimulation } from './simulation.js';
export { printExpr, printStatements, literal } from './printer.js';
export { F32, F64, type Precision } from './precision.js';
export { kernelCacheSize } from './kernel-cache.js';
export { StepPopulation, StepConnection, type StepPopulationOptions, type StepConnectionOptions } from './stepping.js';
export { buildInstanceKernels, type InstanceKernels } from './instance-kernel.js';

/**
 * The reference backend: prints model IR to JavaScript loops, compiled once per model and layout.
 *
 * @example
 * const backend = createCpuBackend();
 * await network.run({ duration: 1000 }, backend);
 */
export function createCpuBackend(options: CpuBackendOptions = {}): Backend {
  const precision = options.precision === 'f32' ? F32 : F64;
  return {
    name: precision === F32 ? 'cpu-f32' : 'cpu',
    capabilities: { float64: precision === F64, float32: precision === F32, storage: ['dense', 'csr'], randomFunctions: true },
    compile: async (network: BuiltNetwork): Promise<Simulation> => new CpuSimulation(network, precision),
  };
}

export interface CpuBackendOptions {
  /** `f64` (default, the reference) or `f32`: single-precision arithmetic, as on a GPU. */
  readonly precision?: 'f64' | 'f32';
}
