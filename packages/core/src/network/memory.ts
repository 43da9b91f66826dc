import { ConfigError } from '../errors.js';
import type { ModelDefinition } from '../model/definition.js';
import type { Connector } from './types.js';

/** Default limit on a network's estimated memory: 4 GiB (raise it with `NetworkOptions.memoryLimit`). */
export const DEFAULT_MEMORY_LIMIT = 4 * 2 ** 30;

/** One item of a memory estimate: what it is (a field path) and its bytes. */
export interface MemoryItem {
  /** The field that causes it, e.g. `population exc.size` or `connection exc->inh.connector`. */
  readonly path: string;
  /** Estimated bytes. */
  readonly bytes: number;
}

/** Arrays per element beyond the model's own variables (spike flags, refractory, outputs, staging). */
const OVERHEAD_ARRAYS = 6;

/** Bytes of one instance of a model over `size` elements: every variable per element, float64. */
export function modelBytes(model: ModelDefinition, size: number): number {
  const vars = Object.keys(model.parameters).length + Object.keys(model.state).length + Object.keys(model.inputs ?? {}).length;
  return size * 8 * (vars + OVERHEAD_ARRAYS);
}

/**
 * Synapses a connector will make: its own estimate, or every pair for connectors without one
 * (the dense worst case).
 */
export function estimatedSynapses(connector: Connector, nPre: number, nPost: number): number {
  return connector.estimateSynapses ? connector.estimateSynapses(nPre, nPost) : nPre * nPost;
}

/** Bytes of a synapse table: dense float64 weights, or CSR (float64 weight + int32 target, row starts). */
export function tableBytes(synapses: number, nPre: number, nPost: number, sparse: boolean): number {
  return sparse ? synapses * 12 + (nPre + 1) * 4 : nPre * nPost * 8;
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toPrecision(3)} GiB`;

/**
 * Refuses a network whose estimate exceeds `limit`, before anything is allocated, naming the
 * largest items, the estimate and the limit.
 */
export function checkMemory(items: readonly MemoryItem[], limit: number): void {
  const total = items.reduce((n, i) => n + i.bytes, 0);
  if (total <= limit) return;
  const largest = [...items].sort((a, b) => b.bytes - a.bytes)[0]!;
  const others = items.length > 1 ? ` (all items together: ${gib(total)})` : '';
  throw new ConfigError(
    'too-large',
    largest.path,
    `needs an estimated ${gib(largest.bytes)}${others}, more than the memory limit of ${gib(limit)}; make it smaller or raise the limit (Network option memoryLimit, CLI --max-memory)`,
  );
}
