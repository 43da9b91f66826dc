import { ConfigError, type Backend, type Simulation } from '@spikeflow/core';
import type { BuiltNetwork } from '@spikeflow/core/backend';
import { CpuSimulation, type StartWorkers } from './simulation.js';
import { F32, F64 } from './precision.js';
import type { WeightStorage } from './synapse-storage.js';

export { CpuSimulation, type CpuSimulationOptions, type SynapseMemory, type StartWorkers, type PartitionWorkers } from './simulation.js';
export { printExpr, printStatements, literal } from './js/printer.js';
export { F32, F64, type Precision } from './precision.js';
export { kernelCacheSize } from './kernel-cache.js';
export { wasmModuleCache } from './wasm/assembler.js';
export { StepPopulation, StepConnection, type StepPopulationOptions, type StepConnectionOptions } from './stepping.js';
export { buildInstanceKernels, type InstanceKernels } from './js/instance.js';
export type { WeightStorage } from './synapse-storage.js';

/**
 * The reference backend: a kernel plan per simulation, emitted as WebAssembly (f64, where the plan
 * allows) and JavaScript. This entry runs in browsers; threads (`threads` > 1) need the Node
 * entry, which the package's `node` export condition selects automatically.
 *
 * @example
 * const backend = createCpuBackend();
 * await network.run({ duration: 1000 }, backend);
 * // Large networks on two cores (Node), same spikes as one thread:
 * await big.run({ duration: 1000 }, createCpuBackend({ threads: 2 }));
 */
export function createCpuBackend(options: CpuBackendOptions = {}): Backend {
  return cpuBackend(options);
}

/** {@link createCpuBackend} with a way to start worker threads (the Node entry passes Node's). */
export function cpuBackend(options: CpuBackendOptions, startWorkers?: StartWorkers): Backend {
  const precision = options.precision === 'f32' ? F32 : F64;
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new ConfigError('bad-threads', 'cpu backend.threads', `expected a whole number of threads from 1 to 256, got ${threads}`);
  const weights = options.weights ?? 'auto';
  const wasm = options.wasm ?? true;
  if (weights !== 'auto' && weights !== 'f32') throw new ConfigError('bad-value', 'cpu backend.weights', `expected 'auto' or 'f32', got ${String(weights)}`);
  return {
    name: `${precision === F32 ? 'cpu-f32' : 'cpu'}${threads > 1 ? `-x${threads}` : ''}`,
    capabilities: { float64: precision === F64, float32: precision === F32, storage: ['dense', 'csr'], randomFunctions: true },
    compile: async (network: BuiltNetwork): Promise<Simulation> => CpuSimulation.start(network, precision, threads, { weights, wasm }, startWorkers),
  };
}

/**
 * Options of {@link createCpuBackend}.
 *
 * @example
 * createCpuBackend({ precision: 'f32', weights: 'f32' }); // what a GPU computes, in less memory
 */
export interface CpuBackendOptions {
  /** `f64` (default, the reference) or `f32`: single-precision arithmetic, as on a GPU. */
  readonly precision?: 'f64' | 'f32';
  /**
   * Threads to simulate with (default 1; Node only). With 2 or more, worker threads each own a
   * slice of every population over shared memory, with one barrier per step; results are
   * identical to one thread. Pays off for large networks; not for the stepping API.
   */
  readonly threads?: number;
  /**
   * Synapse weight storage: `auto` (default) keeps weights losslessly in the smallest form (one
   * number when all are equal, float32 when all are float32 numbers, else float64); `f32` always
   * stores float32 (8 bytes per synapse), rounding weights that are not float32 numbers.
   */
  readonly weights?: WeightStorage;
  /**
   * Kernels as WebAssembly (population kernels SIMD, two neurons per instruction; sparse
   * propagation scalar) in the f64 mode, for every model: IR functions without an instruction
   * (exp, log, pow, …) and random draws call the same JavaScript functions the JavaScript
   * kernels call. User array and external stimuli and dense tables stay JavaScript (the
   * simulation's `description` says so). Default true; results are identical, bit for bit.
   */
  readonly wasm?: boolean;
}
