import { ConfigError, type WarningHandler } from '../errors.js';
import type { HostRng } from '../rng/host.js';
import { isPerNeuron, sampleValues, type ValueSpec } from '../rng/distributions.js';
import { parseUnit } from '../units/parse.js';
import { toInternal } from '../units/values.js';
import type { SynapseTable } from './synapse-table.js';

/**
 * Longest transmission delay, in steps. Backends keep the spikes of the last `delay` steps of every
 * population (4 bytes per neuron and step), so this bounds that memory; at dt = 0.1 ms it is 6.5 s.
 */
export const MAX_DELAY_STEPS = 65_536;

const MS = parseUnit('ms', 'delay');

/**
 * A connection's transmission delays in whole steps: one number for the whole connection, or one
 * per synapse in the table's order (CSR tables only). A delay in ms is rounded to the nearest
 * step, as Brian2 and NEST do; the default is one step (the seed's delay: a spike at step s acts
 * on the target from step s + 1). `path` names the field in errors (`connection a->b.delay`).
 *
 * @throws ConfigError for a delay that rounds to less than one step or to more than
 * {@link MAX_DELAY_STEPS}, that is not finite, or per-synapse delays on a dense table.
 */
export function buildDelays(spec: ValueSpec | undefined, table: SynapseTable, dt: number, path: string, rng: () => HostRng, warn: WarningHandler): number | Int32Array {
  if (spec === undefined) return 1;
  const toMs = (q: number | string, at: string) => toInternal(q, MS, 'ms', at);
  if (!isPerNeuron(spec)) {
    const ms = toMs(spec as number | string, path);
    const steps = toSteps(ms, dt, path);
    if (Math.abs(steps * dt - ms) > 1e-9 * Math.max(1, ms)) warn({ code: 'delay-rounded', path, message: `${ms} ms is not a whole number of steps of dt = ${dt} ms; rounded to ${steps} steps (${steps * dt} ms), as Brian2 and NEST round` });
    return steps;
  }
  if (table.format !== 'csr') throw new ConfigError('bad-storage', path, "per-synapse delays need a sparse table: leave storage at 'auto' or set it to 'csr'");
  const ms = sampleValues(spec, table.post.length, rng, path, toMs);
  const steps = new Int32Array(ms.length);
  for (let k = 0; k < ms.length; k++) steps[k] = toSteps(ms[k]!, dt, `${path}[${k}]`);
  return steps.every((d) => d === steps[0]) && steps.length > 0 ? steps[0]! : steps;
}

function toSteps(ms: number, dt: number, path: string): number {
  if (!Number.isFinite(ms)) throw new ConfigError('not-finite', path, `expected a finite delay in ms, got ${ms}`);
  const steps = Math.round(ms / dt);
  if (steps < 1) throw new ConfigError('bad-delay', path, `a delay of ${ms} ms is less than one step (dt = ${dt} ms); the shortest delay is one step`);
  if (steps > MAX_DELAY_STEPS) throw new ConfigError('bad-delay', path, `a delay of ${ms} ms is ${steps} steps, more than the ${MAX_DELAY_STEPS} steps a spike can be held`);
  return steps;
}
