import type { Backend, BuiltNetwork, Simulation } from '@spikeflow/core';
import { CpuSimulation } from './simulation.js';

export { CpuSimulation } from './simulation.js';
export { printExpr, printStatements, literal } from './printer.js';
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
export function createCpuBackend(): Backend {
  return {
    name: 'cpu',
    capabilities: { float64: true, float32: false, storage: ['dense', 'csr'], randomFunctions: true },
    compile: async (network: BuiltNetwork): Promise<Simulation> => new CpuSimulation(network),
  };
}
