import { describeValue } from './describe.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/**
 * Per-synapse variables a synapse monitor in a file may record: the weight `w` of every synapse
 * model, plus the model's own per-synapse variables (`plasticity.synapseState`, e.g. `u` and `x` of
 * `TsodyksMarkram`), given by the caller (core's `synapseVariables` is the source of truth at
 * build time; keep the two together).
 */
export const SYNAPSE_VARIABLES: readonly string[] = ['w'];

/**
 * Cross-checks `monitors.synapses` (as parsed, any shape): each `connection` names a connection
 * of the file (its `name`, else `<pre>-><post>`), the variable is known, `indices` and `pairs` are
 * not both given, and each pair's neurons are inside the populations. Synapse indices are checked
 * against the built connection (`bad-synapse-index`), since random connectors decide the count.
 */
export function checkSynapseMonitors(
  monitors: unknown,
  connections: unknown,
  pops: ReadonlyMap<string, { readonly size?: number }>,
  add: (path: readonly PropertyKey[], message: string) => void,
  /** The declared per-synapse variables of a connection's synapse model (as parsed), besides `w`. */
  variablesOf: (connection: Obj) => readonly string[] = () => [],
): void {
  if (!Array.isArray(monitors)) return;
  const byName = new Map<string, { pre: unknown; post: unknown; variables: readonly string[] }>();
  if (Array.isArray(connections)) {
    for (const c of connections) {
      if (!isObj(c)) continue;
      const [pre, post, name] = [own(c, 'pre'), own(c, 'post'), own(c, 'name')];
      const key = typeof name === 'string' ? name : typeof pre === 'string' && typeof post === 'string' ? `${pre}->${post}` : undefined;
      if (key !== undefined && !byName.has(key)) byName.set(key, { pre, post, variables: [...SYNAPSE_VARIABLES, ...variablesOf(c)] });
    }
  }
  monitors.forEach((m: unknown, j) => {
    if (!isObj(m)) return;
    const path = ['monitors', 'synapses', j];
    const name = own(m, 'connection');
    const c = typeof name === 'string' ? byName.get(name) : undefined;
    if (typeof name === 'string' && !c) add([...path, 'connection'], `unknown connection ${describeValue(name)}; known: ${[...byName.keys()].join(', ') || '(none)'}`);
    const variable = own(m, 'variable');
    const known = c?.variables ?? SYNAPSE_VARIABLES;
    if (typeof variable === 'string' && !known.includes(variable)) add([...path, 'variable'], `unknown per-synapse variable ${describeValue(variable)}; known: ${known.join(', ')}`);
    if (own(m, 'indices') !== undefined && own(m, 'pairs') !== undefined) add([...path, 'pairs'], 'give indices or pairs, not both');
    const pairs = own(m, 'pairs');
    if (!c || !Array.isArray(pairs)) return;
    const sizes = [typeof c.pre === 'string' ? pops.get(c.pre)?.size : undefined, typeof c.post === 'string' ? pops.get(c.post)?.size : undefined];
    pairs.forEach((pair: unknown, k) => {
      if (!Array.isArray(pair)) return;
      pair.forEach((index: unknown, side) => {
        const size = sizes[side];
        if (typeof index === 'number' && Number.isInteger(index) && size !== undefined && index >= size) {
          add([...path, 'pairs', k, side], `expected a ${side === 0 ? 'presynaptic' : 'postsynaptic'} neuron index below ${size} (the size of ${String(side === 0 ? c.pre : c.post)}), found ${index}`);
        }
      });
    });
  });
}
