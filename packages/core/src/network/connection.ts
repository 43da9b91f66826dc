import { ConfigError, type WarningHandler } from '../errors.js';
import { compileModel, type CompiledModel, type PostTarget, type PreSource } from '../model/compile.js';
import { instantiate } from '../model/instance.js';
import { hostRng, type HostRng } from '../rng/host.js';
import { DIMENSIONLESS, toInternalFactor, type Unit } from '../units/unit.js';
import { denseToCsr, synapseCount, type SynapseTable } from './synapse-table.js';
import type { BuiltConnection, BuiltPopulation, ConnectionOptions } from './types.js';
import { buildDelays } from './delays.js';
import { isPerNeuron } from '../rng/distributions.js';

/** A connection as `Network.connect` recorded it. */
export type ConnectionSpec = ConnectionOptions & { readonly pre: string; readonly post: string; readonly name: string };

type PopulationModel = BuiltPopulation | { readonly name: string; readonly model: CompiledModel };

/**
 * The synapse model of connection `c` compiled for its target population's neuron model: its
 * `<variable>_post` reads must name states of that model and are unit-checked against them; the
 * `<variable>_pre` reads of a `summed` expression likewise against the source population's model
 * (`pre`; without it they are not checked).
 */
export function compileSynapse(c: ConnectionSpec, post: PopulationModel, pre?: PopulationModel): CompiledModel {
  const neuron = 'instance' in post ? post.instance.model : post.model;
  const from = pre ? ('instance' in pre ? pre.instance.model : pre.model) : undefined;
  const source: PreSource | undefined = from && {
    states: new Map(from.states.map((s) => [s, from.units.of.get(s) as Unit])),
    missing: (v) =>
      new ConfigError(
        'unknown-pre-variable',
        `connection ${c.name}`,
        `synapse model ${c.synapse.name} reads ${v}_pre, but neuron model ${from.name} of population ${pre!.name} has no state ${v}; its states: ${from.states.join(', ') || '(none)'}`,
      ),
  };
  const target: PostTarget = {
    states: new Map(neuron.states.map((s) => [s, neuron.units.of.get(s) as Unit])),
    missing: (v, writes) =>
      new ConfigError(
        'unknown-post-variable',
        `connection ${c.name}`,
        `synapse model ${c.synapse.name} ${writes ? 'writes' : 'reads'} ${v}_post, but neuron model ${neuron.name} of population ${post.name} has no state ${v}; its states: ${neuron.states.join(', ') || '(none)'}`,
      ),
  };
  const model = compileModel(c.synapse, undefined, target, source);
  if (model.definition.kind !== 'synapse') throw new ConfigError('bad-model', `connection ${c.name}.synapse`, `model ${model.name} is a ${model.definition.kind} model, not a synapse model`);
  return model;
}

/** What {@link buildConnection} needs from the network being built. */
export interface ConnectionContext {
  readonly dt: number;
  readonly seed: number;
  readonly warn: WarningHandler;
  /** Host random stream of one field of the connection (`initial:g`, …). */
  readonly rng: (field: string) => HostRng;
  /** The fed input of `post` (checked) for the connection's `input` option. */
  readonly inputOf: (pop: BuiltPopulation, given: string | undefined, path: string) => string;
  /** The fed input's unit, after checking what `feeder` delivers into it. */
  readonly targetUnit: (pop: BuiltPopulation, input: string, feeder: CompiledModel, path: string) => Unit;
}

/**
 * Builds one connection: compiles its synapse model for the target, draws its synapse state
 * (`initial`) and its table, converts the weights from the model's weight unit, and applies the
 * sign rule: current synapses take the presynaptic population's sign; conductance synapses
 * (`weight.conductance`) take non-negative weights and no sign.
 */
export function buildConnection(c: ConnectionSpec, pre: BuiltPopulation, post: BuiltPopulation, ctx: ConnectionContext): BuiltConnection {
  const path = `connection ${c.name}`;
  const model = compileSynapse(c, post, pre);
  const delivers = model.output !== undefined || model.summed !== undefined;
  // A voltage-jump synapse (no output; onPre writes `v_post`) feeds no input.
  if (!delivers && c.input !== undefined) {
    throw new ConfigError('bad-input', `${path}.input`, `synapse model ${model.name} has no output (its onPre writes ${model.postWrites.map((v) => `${v}_post`).join(', ')}): it feeds no input; remove input`);
  }
  const feeds = delivers || post.instance.model.inputs.length > 0;
  const input = feeds ? ctx.inputOf(post, c.input, path) : '';
  const target = feeds ? ctx.targetUnit(post, input, model, path) : DIMENSIONLESS;
  const synapse = instantiate(model, { size: post.instance.size, dt: ctx.dt, parameters: c.parameters, initial: c.initial, path, rng: ctx.rng, warn: ctx.warn, target });
  let table = c.connector.build(pre.instance.size, post.instance.size, hostRng(ctx.seed, `${path}/connectivity`), `${path}.connector`);
  const storage = c.storage ?? 'auto';
  // Per-synapse delays live in the CSR order, so `auto` storage becomes sparse for them.
  const perSynapseDelays = c.delay !== undefined && isPerNeuron(c.delay);
  if (table.format === 'dense' && (storage === 'csr' || (storage === 'auto' && (perSynapseDelays || synapseCount(table) < table.weights.length / 4)))) table = denseToCsr(table);
  if (table.format === 'csr' && storage === 'dense') throw new ConfigError('bad-storage', `${path}.storage`, `connector ${c.connector.kind} builds sparse tables; use storage 'csr' or 'auto'`);
  const conductance = model.definition.weight?.conductance === true;
  if (conductance) checkNonNegative(table, c, model.name, path);
  table = scaleWeights(table, toInternalFactor(model.units.of.get('w') as Unit));
  const sign = conductance || pre.sign !== 'inhibitory' ? 1 : -1;
  const delay = buildDelays(c.delay, table, ctx.dt, `${path}.delay`, () => hostRng(ctx.seed, `${path}/delay`), ctx.warn);
  return { name: c.name, pre: c.pre, post: c.post, table, sign, synapse, input, delay };
}

function checkNonNegative(table: SynapseTable, c: ConnectionSpec, model: string, path: string): void {
  const w = table.weights;
  for (let k = 0; k < w.length; k++) {
    if (!((w[k] as number) >= 0)) {
      const at = table.format === 'dense' ? `pre ${Math.floor(k / table.nPost)}, post ${k % table.nPost}` : `synapse ${k}`;
      throw new ConfigError(
        'negative-conductance',
        `${path}.connector.weight`,
        `synapse model ${model} is a conductance synapse: weights must be >= 0 (inhibition comes from its reversal potential, not from a sign), got ${w[k]} at ${at}`,
      );
    }
  }
}

/** The table with its weights multiplied by `factor` (a unit conversion), or itself when it is 1. */
function scaleWeights(table: SynapseTable, factor: number): SynapseTable {
  if (factor === 1) return table;
  // A loop: Float64Array.from with a mapping function takes the generic iterator path, several times slower.
  const weights = new Float64Array(table.weights.length);
  for (let k = 0; k < weights.length; k++) weights[k] = table.weights[k]! * factor;
  return { ...table, weights };
}
