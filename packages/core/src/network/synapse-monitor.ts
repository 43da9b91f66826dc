import { ConfigError } from '../errors.js';
import { toInternalFactor, type Unit } from '../units/unit.js';
import type { SynapseTable } from './synapse-table.js';
import type { BuiltConnection, MonitorSink, SynapseLayout, SynapseSink } from './types.js';

/**
 * The per-synapse variables a connection can be monitored by, by name: the weight `w` of every
 * synapse model, then the model's declared per-synapse variables (`plasticity.synapseState`);
 * backends map each name to its storage in their `synapseValues`.
 *
 * @example
 * synapseVariables(built.connections[0]); // ['w'], or ['w', 'u', 'x'] for TsodyksMarkram
 */
export function synapseVariables(connection: BuiltConnection): readonly string[] {
  return ['w', ...(connection.synapse.model.plasticity?.synapseState.map((v) => v.name) ?? [])];
}

/**
 * The layout of a table's synapses in synapse order (CSR order; a dense table's non-zero entries,
 * row-major).
 *
 * @example
 * synapseLayout('a->b', { format: 'dense', nPre: 2, nPost: 2, weights: Float64Array.of(0, 1, 2, 0) });
 * // { connection: 'a->b', count: 2, nPre: 2, nPost: 2, pre: [0, 1], post: [1, 0] }
 */
export function synapseLayout(connection: string, t: SynapseTable): SynapseLayout {
  if (t.format === 'csr') {
    const pre = new Int32Array(t.post.length);
    for (let i = 0; i < t.nPre; i++) pre.fill(i, t.rowStart[i]!, t.rowStart[i + 1]!);
    return { connection, count: t.post.length, nPre: t.nPre, nPost: t.nPost, pre, post: Int32Array.from(t.post) };
  }
  const at = denseSynapses(t);
  return { connection, count: at.length, nPre: t.nPre, nPost: t.nPost, pre: at.map((k) => Math.floor(k / t.nPost)), post: at.map((k) => k % t.nPost) };
}

/**
 * Positions of a dense table's synapses, computed once per table (a table's non-zero pattern does
 * not change after the build): a selected read looks its synapses up here.
 */
const densePositions = new WeakMap<Extract<SynapseTable, { format: 'dense' }>, Int32Array>();

/** `denseSynapses(t)`, remembered per table. */
function densePositionsOf(t: Extract<SynapseTable, { format: 'dense' }>): Int32Array {
  let at = densePositions.get(t);
  if (!at) densePositions.set(t, (at = denseSynapses(t)));
  return at;
}

/** Positions (pre · nPost + post) of a dense table's synapses: its non-zero entries, row-major. */
function denseSynapses(t: Extract<SynapseTable, { format: 'dense' }>): Int32Array {
  let n = 0;
  for (let k = 0; k < t.weights.length; k++) if (t.weights[k] !== 0) n++;
  const at = new Int32Array(n);
  n = 0;
  for (let k = 0; k < t.weights.length; k++) if (t.weights[k] !== 0) at[n++] = k;
  return at;
}

/**
 * A connection's weights in the synapse model's weight unit (e.g. nS), one per synapse in synapse
 * order — what the `w` of synapse monitors and `synapseValues` reads on every backend: the table's
 * weights as built, or `current` (one per table entry, internal units: a backend's plastic weights
 * now); a dense table's non-zero entries as built. With `indices` (synapse indices, checked by the
 * caller), one weight per selected synapse in the order given, the same numbers as the same
 * entries of the whole read, and work proportional to the selection (a dense table's synapse
 * positions are found once per table). Reads only the weights (no copy of the table's indices):
 * monitors call it at every recorded step.
 *
 * @example
 * synapseWeights(built.connections[0]); // Float64Array, nS for a conductance synapse
 * synapseWeights(built.connections[0], undefined, [5, 0]); // the weights of synapses 5 and 0
 */
export function synapseWeights(c: BuiltConnection, current?: ArrayLike<number>, indices?: ArrayLike<number>): Float64Array {
  const weights = current ?? c.table.weights;
  if (indices) {
    const factor = weightFactor(c);
    const at = c.table.format === 'csr' ? undefined : densePositionsOf(c.table);
    const out = new Float64Array(indices.length);
    for (let k = 0; k < indices.length; k++) out[k] = weights[at ? at[indices[k]!]! : indices[k]!]! / factor;
    return out;
  }
  const scaled = scaledWeights(c, weights);
  if (c.table.format === 'csr') return scaled;
  const at = densePositionsOf(c.table);
  const out = new Float64Array(at.length);
  for (let k = 0; k < at.length; k++) out[k] = scaled[at[k]!]!;
  return out;
}

/**
 * The factor of a connection's weight unit (the synapse model's unit of `w`): a weight stored in
 * internal units divided by it is in that unit, as {@link synapseWeights} and `weightTable` give it.
 *
 * @example
 * weightFactor(built.connections[0]); // 1e-3 for nS, whose internal unit is µS
 */
export function weightFactor(c: BuiltConnection): number {
  return toInternalFactor(c.synapse.model.units.of.get('w') as Unit);
}

/** `weights` divided by the internal factor of the model's weight unit (a loop: `Float64Array.from` with a mapping function is ~50× slower). */
function scaledWeights(c: BuiltConnection, weights: ArrayLike<number>): Float64Array {
  const factor = weightFactor(c);
  const out = new Float64Array(weights.length);
  for (let k = 0; k < weights.length; k++) out[k] = weights[k]! / factor;
  return out;
}

/** Number of synapses of a table: a CSR table's entries, a dense table's non-zero entries. */
function synapseCountOf(t: SynapseTable): number {
  return t.format === 'csr' ? t.post.length : densePositionsOf(t).length;
}

/**
 * The built connection named `name`, or `ConfigError` `unknown-connection` at `where` listing the
 * known names.
 *
 * @example
 * findConnection(net.connections, 'a->b', 'weights(a->b)');
 */
export function findConnection(connections: readonly BuiltConnection[], name: string, where: string): BuiltConnection {
  const c = connections.find((x) => x.name === name);
  if (!c) throw new ConfigError('unknown-connection', where, `no connection named '${name}'; known: ${connections.map((x) => x.name).join(', ') || '(none)'}`);
  return c;
}

/**
 * A copy of a connection's weights in the synapse model's weight unit (e.g. nS), what
 * `Simulation.weights` returns on every backend: the table as built, with `current` (one weight per
 * synapse in table order, internal units: a backend's plastic weights now) in place of the built
 * weights when given.
 *
 * @example
 * weightTable(built.connections[0]).weights; // nS for a conductance synapse, as built
 */
export function weightTable(c: BuiltConnection, current?: ArrayLike<number>): SynapseTable {
  const t = c.table;
  const weights = scaledWeights(c, current ?? t.weights);
  return t.format === 'csr' ? { format: 'csr', nPre: t.nPre, nPost: t.nPost, rowStart: t.rowStart.slice(), post: t.post.slice(), weights } : { format: 'dense', nPre: t.nPre, nPost: t.nPost, weights };
}

/** `monitor synapses <connection>.<variable>`: the name of a synapse monitor in messages. */
export function synapseMonitorPath(sink: Pick<SynapseSink, 'connection' | 'variable'>): string {
  return `monitor synapses ${sink.connection}.${sink.variable}`;
}

/**
 * Checks a synapse sink against the built connections and attaches it to its connection's layout.
 * Named errors: `bad-every` (every not a whole number ≥ 1), `unknown-connection`,
 * `unknown-variable`, `bad-synapse-index` (an index outside 0..count − 1).
 */
export function checkSynapseSink(sink: SynapseSink, connections: readonly BuiltConnection[]): void {
  const path = synapseMonitorPath(sink);
  if (!Number.isSafeInteger(sink.every) || sink.every < 1) throw new ConfigError('bad-every', `${path}.every`, `expected a whole number of steps >= 1, got ${sink.every}`);
  const c = findConnection(connections, sink.connection, `${path}.connection`);
  const known = synapseVariables(c);
  if (!known.includes(sink.variable)) throw new ConfigError('unknown-variable', `${path}.variable`, `connection ${c.name} (model ${c.synapse.model.name}) has no per-synapse variable '${sink.variable}'; known: ${known.join(', ')}`);
  const layout = synapseLayout(c.name, c.table);
  sink.attach?.(layout);
  for (const i of sink.indices ?? []) {
    if (!(Number.isInteger(i) && i >= 0 && i < layout.count)) throw new ConfigError('bad-synapse-index', `${path}.indices`, `synapse index ${i} is outside 0..${layout.count - 1} (connection ${c.name} has ${layout.count} synapses)`);
  }
}

/**
 * Reads a per-synapse variable of a connection now: with `indices` (synapse indices), one value
 * per selected synapse in the order given; without, one value per synapse in synapse order. The
 * simulation's `synapseValues`.
 */
export type SynapseReader = (connection: string, variable: string, indices?: ArrayLike<number>) => Float64Array;

/**
 * Serves the synapse sinks among `monitors` in the shared run loop: `limit(step, n)` shortens a
 * chunk so that it ends right after the next recorded step, `after(stepNow)` records when the step
 * just done is one. A sink with `indices` has only those synapses read (work proportional to the
 * selection, not to the connection). Without synapse sinks both are no-ops (chunks stay as they were).
 */
export function synapseSampler(monitors: readonly MonitorSink[], read: SynapseReader | undefined) {
  const sinks = monitors.filter((m): m is SynapseSink => m.kind === 'synapses');
  if (sinks.length > 0 && !read) {
    throw new ConfigError('unsupported', synapseMonitorPath(sinks[0]!), 'this backend cannot read per-synapse values (its simulation has no synapseValues)');
  }
  return {
    /** `n` or fewer steps from `step` (the next step to run), ending right after the next recorded step. */
    limit(step: number, n: number): number {
      for (const sink of sinks) n = Math.min(n, Math.ceil(step / sink.every) * sink.every + 1 - step);
      return Math.max(1, n);
    },
    /** Records, for every sink, if the step just done (`stepNow − 1`) is a multiple of its `every`. */
    after(stepNow: number): void {
      const step = stepNow - 1;
      for (const sink of sinks) {
        if (step < 0 || step % sink.every !== 0) continue;
        sink.onSynapses(step, read!(sink.connection, sink.variable, sink.indices));
      }
    },
  };
}

/**
 * Where a per-synapse variable's name meets a backend's storage: `readers` maps each name (today
 * `w` and a model's per-synapse variables) to a function giving one value per synapse in synapse
 * order, or, given synapse indices, one value per selected synapse in their order (the same
 * numbers as the same entries of the whole read); a backend adds a per-synapse variable by adding
 * its reader. `indices` are checked here (integers in 0..count − 1) before a reader sees them.
 * `ConfigError`s: `unknown-connection` (no connection `name`), `unknown-variable`,
 * `bad-synapse-index`.
 *
 * @example
 * readSynapseVariable(net.connections, 'a->b', 'w', (c) => ({ w: (indices) => synapseWeights(c, undefined, indices) }), Int32Array.of(5, 0));
 */
export function readSynapseVariable(
  connections: readonly BuiltConnection[],
  name: string,
  variable: string,
  readers: (c: BuiltConnection) => Readonly<Record<string, (indices?: ArrayLike<number>) => Float64Array>>,
  indices?: ArrayLike<number>,
): Float64Array {
  const where = `synapseValues(${name}, ${variable})`;
  const c = findConnection(connections, name, where);
  const of = readers(c);
  const read = Object.hasOwn(of, variable) ? of[variable] : undefined;
  if (!read) throw new ConfigError('unknown-variable', where, `connection ${name} (model ${c.synapse.model.name}) has no per-synapse variable '${variable}'; known: ${Object.keys(of).join(', ')}`);
  if (indices) {
    const count = synapseCountOf(c.table);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (!(Number.isInteger(i) && i >= 0 && i < count)) throw new ConfigError('bad-synapse-index', `${where}.indices`, `synapse index ${i} is outside 0..${count - 1} (connection ${name} has ${count} synapses)`);
    }
  }
  return read(indices);
}
