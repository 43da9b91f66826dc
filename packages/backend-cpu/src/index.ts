import { ConfigError, type Backend, type Simulation } from '@spikeflow/core';
import type { BuiltNetwork } from '@spikeflow/core/backend';
import { CpuSimulation } from './simulation.js';
import { ParallelCpuSimulation } from './parallel.js';
import { F32, F64 } from './precision.js';
import type { WeightStorage } from './synapse-storage.js';

export { CpuSimulation, type CpuSimulationOptions, type SynapseMemory } from './simulation.js';
export { ParallelCpuSimulation } from './parallel.js';
export { printExpr, printStatements, literal } from './printer.js';
export { F32, F64, type Precision } from './precision.js';
export { kernelCacheSize } from './kernel-cache.js';
export { StepPopulation, StepConnection, type StepPopulationOptions, type StepConnectionOptions } from './stepping.js';
export { buildInstanceKernels, type InstanceKernels } from './instance-kernel.js';
export type { WeightStorage } from './synapse-storage.js';

/**
 * The reference backend: prints model IR to JavaScript loops, compiled for each simulation.
 *
 * @example
 * const backend = createCpuBackend();
 * await network.run({ duration: 1000 }, backend);
 * // Large networks on two cores, same spikes as one thread:
 * await big.run({ duration: 1000 }, createCpuBackend({ threads: 2 }));
 */
export function createCpuBackend(options: CpuBackendOptions = {}): Backend {
  const precision = options.precision === 'f32' ? F32 : F64;
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new ConfigError('bad-threads', 'cpu backend.threads', `expected a whole number of threads from 1 to 256, got ${threads}`);
  const weights = options.weights ?? 'auto';
  const wasm = options.wasm ?? true;
  if (weights !== 'auto' && weights !== 'f32') throw new ConfigError('bad-value', 'cpu backend.weights', `expected 'auto' or 'f32', got ${String(weights)}`);
  return {
    name: `${precision === F32 ? 'cpu-f32' : 'cpu'}${threads > 1 ? `-x${threads}` : ''}`,
    capabilities: { float64: precision === F64, float32: precision === F32, storage: ['dense', 'csr'], randomFunctions: true },
    compile: async (network: BuiltNetwork): Promise<Simulation> =>
      threads > 1 ? ParallelCpuSimulation.create(network, precision, threads, { weights, wasm }) : new CpuSimulation(network, precision, { weights, wasm }),
  };
}

export interface CpuBackendOptions {
  /** `f64` (default, the reference) or `f32`: single-precision arithmetic, as on a GPU. */
  readonly precision?: 'f64' | 'f32';
  /**
   * Threads to simulate with (default 1). With 2 or more, worker threads each own a slice of every
   * population over shared memory, with one barrier per step; results are identical to one
   * thread. Pays off for large networks (tens of thousands of neurons); not for the stepping API.
   */
  readonly threads?: number;
  /**
   * Synapse weight storage: `auto` (default) keeps weights losslessly in the smallest form (one
   * number when all are equal, float32 when all are float32 numbers, else float64); `f32` always
   * stores float32 (8 bytes per synapse), rounding weights that are not float32 numbers.
   */
  readonly weights?: WeightStorage;
  /**
   * Population kernels as WebAssembly SIMD (two neurons per instruction) where the model's
   * per-neuron code allows — arithmetic, comparisons, conditions, floor/ceil/sqrt/abs/min/max/clip/
   * sign; no random draws or exp/log — in the f64 mode. Default true; results are identical to the
   * JavaScript kernels, bit for bit.
   */
  readonly wasm?: boolean;
}
