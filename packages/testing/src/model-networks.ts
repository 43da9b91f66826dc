import { compileModel } from '@spikeflow/core/backend';
import { walkExpr, type Expr } from '@spikeflow/core/ir';
import type { NeuronModel } from '@spikeflow/neurons';
import type { ReferenceNetwork } from './networks.js';
import { LIBRARY_MODELS, neuronNetwork } from './model-runs.js';

/** Functions whose WGSL results may differ from the CPU's by a few ulps (WGSL's accuracy bounds). */
const INEXACT = new Set(['exp', 'expm1', 'log', 'log1p', 'sqrt', 'sin', 'cos', 'tan', 'tanh']);

function callsInexact(e: Expr | undefined): boolean {
  let found = false;
  if (e) walkExpr(e, (n) => void (found ||= n.kind === 'call' && INEXACT.has(n.fn)));
  return found;
}

/**
 * True when the model's per-step code (after integration and hoisting) calls `exp`, `log` & co.:
 * float32 backends then agree with CPU f32 to a few ulps per step, not bit for bit, and a spike
 * can move by a step, so the suite compares such models by rate. (LIF's `exp(-dt/tau)` is
 * hoisted to the host, so LIF stays bit-exact.)
 */
export function stepCallsInexactFunctions(model: NeuronModel): boolean {
  const c = compileModel(model);
  return [...c.step.map((s) => s.value), ...c.reset.map((s) => s.value), c.threshold].some(callsInexact);
}

const SIZE = 50;

/** `SIZE` drives spread evenly over the model's drive range. */
const spread = (model: NeuronModel) => Array.from({ length: SIZE }, (_, k) => model.drive.range[0] + ((model.drive.range[1] - model.drive.range[0]) * k) / (SIZE - 1));

function modelNetwork(model: NeuronModel, noisy: boolean): ReferenceNetwork {
  const inexact = stepCallsInexactFunctions(model);
  const [lo, hi] = model.drive.range;
  const std = noisy ? 0.25 * (hi - lo) : 0;
  return {
    name: `${model.name}/${noisy ? 'noisy' : 'constant'}`,
    description: `${SIZE} uncoupled ${model.name} neurons, ${model.drive.input} spread over [${lo}, ${hi}]${noisy ? ` plus white noise (std ${std})` : ''}, dt 0.1 ms`,
    noisy,
    inexact,
    steps: 2000,
    seeds: noisy ? [1, 2] : [1],
    rateTolerance: 0.02,
    build(seed) {
      const { net, spikes } = neuronNetwork(model, { drive: spread(model), noiseStd: std, steps: 2000, dt: 0.1, seed });
      return { network: net, monitors: new Map([['p', spikes]]) };
    },
  };
}

/**
 * Two conformance networks for every neuron model `@spikeflow/neurons` exports — constant drive
 * across the model's range, and the same with white noise — so a new model file is covered
 * without editing any list. Noisy ones, and models whose step calls `exp`/`log` (see
 * {@link stepCallsInexactFunctions}), are compared by rate.
 */
export const MODEL_NETWORKS: readonly ReferenceNetwork[] = LIBRARY_MODELS.flatMap((m) => [modelNetwork(m, false), modelNetwork(m, true)]);
