import { ConfigError } from '@spikeflow/core';
import type { SynapseLayout } from '@spikeflow/core';

/**
 * Which synapses a synapse monitor or writer records: all (neither field), synapse indices in
 * synapse order (`weightCsr`'s order), or (pre, post) pairs, each naming every synapse between
 * the two neurons.
 *
 * @example
 * const s: SynapseSelection = { pairs: [[0, 0], [7, 0]] };
 */
export interface SynapseSelection {
  /** Synapse indices, in column order (checked against the connection when the network is built). */
  readonly indices?: readonly number[];
  /** (presynaptic, postsynaptic) neuron pairs; a pair without a synapse is a `ConfigError` (`no-synapse`). */
  readonly pairs?: readonly (readonly [number, number])[];
}

/**
 * Checks a selection on its own (before the connection is known): not both fields, not empty,
 * whole numbers ≥ 0. Throws `ConfigError` `bad-option`, or `bad-synapse-index` for an index < 0.
 *
 * @example
 * checkSelection({ indices: [0, 5] }, 'monitor synapses a->b.w'); // Int32Array [0, 5]
 */
export function checkSelection(s: SynapseSelection, path: string): Int32Array | undefined {
  if (s.indices !== undefined && s.pairs !== undefined) throw new ConfigError('bad-option', path, 'give indices or pairs, not both');
  if (s.indices !== undefined) {
    if (s.indices.length === 0) throw new ConfigError('bad-option', `${path}.indices`, 'expected at least one synapse index; leave indices out to record all');
    for (const i of s.indices) if (!Number.isSafeInteger(i) || i < 0) throw new ConfigError('bad-synapse-index', `${path}.indices`, `expected synapse indices >= 0, got ${i}`);
    return Int32Array.from(s.indices);
  }
  if (s.pairs !== undefined) {
    if (s.pairs.length === 0) throw new ConfigError('bad-option', `${path}.pairs`, 'expected at least one (pre, post) pair; leave pairs out to record all');
    for (const p of s.pairs) {
      if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => Number.isSafeInteger(x) && x >= 0)) throw new ConfigError('bad-option', `${path}.pairs`, `expected [pre, post] neuron indices, got ${JSON.stringify(p)}`);
    }
  }
  return undefined;
}

/**
 * The synapse indices of `pairs` in `layout`, in the order given (every synapse of a pair, in
 * synapse order). Throws `ConfigError` `no-synapse` for a pair the connection does not connect.
 *
 * @example
 * pairIndices([[0, 0]], layout, 'monitor synapses in->out.w'); // Int32Array [0]
 */
export function pairIndices(pairs: readonly (readonly [number, number])[], layout: SynapseLayout, path: string): Int32Array {
  const byPair = new Map<number, number[]>();
  for (let k = 0; k < layout.count; k++) {
    const key = layout.pre[k]! * layout.nPost + layout.post[k]!;
    const list = byPair.get(key);
    if (list) list.push(k);
    else byPair.set(key, [k]);
  }
  const out: number[] = [];
  for (const [pre, post] of pairs) {
    const found = pre < layout.nPre && post < layout.nPost ? byPair.get(pre * layout.nPost + post) : undefined;
    if (!found) throw new ConfigError('no-synapse', `${path}.pairs`, `connection ${layout.connection} has no synapse from presynaptic neuron ${pre} to postsynaptic neuron ${post} (sizes ${layout.nPre} × ${layout.nPost})`);
    out.push(...found);
  }
  return Int32Array.from(out);
}
