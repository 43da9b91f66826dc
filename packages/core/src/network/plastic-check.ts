import { ConfigError } from '../errors.js';
import type { BuiltConnection } from './types.js';

/** What differs between backends in {@link checkPlasticConnection}. */
export interface PlasticCheckOptions {
  /**
   * Whether a connection from an inhibitory population (negative sign) is allowed when its model
   * never assigns `w` (e.g. Tsodyks–Markram: the presynaptic sign stays on its fixed weights).
   * When false, every plastic connection with a negative sign is refused.
   */
  readonly inhibitoryWithoutW: boolean;
}

/**
 * Refuses what a backend's plastic connections do not support, as a `ConfigError` with code
 * `unsupported` naming the connection: several delay groups (`groups` > 1: a presynaptic trace
 * would be bumped once per group), a dense table (they need CSR), an inhibitory presynaptic
 * sign (use a conductance synapse; see {@link PlasticCheckOptions.inhibitoryWithoutW}).
 * `c` must be a plastic connection (its synapse model has `plasticity`).
 */
export function checkPlasticConnection(c: BuiltConnection, groups: number, options: PlasticCheckOptions): void {
  const where = `connection ${c.name}`;
  const model = c.synapse.model.name;
  const p = c.synapse.model.plasticity!;
  if (groups > 1) throw new ConfigError('unsupported', `${where}.delay`, `synapse model ${model} is plastic: plastic connections need one delay for all synapses (this one has ${groups} different delays)`);
  if (c.table.format !== 'csr') throw new ConfigError('unsupported', `${where}.connector`, `synapse model ${model} is plastic: plastic connections need a sparse (CSR) table, not a dense one`);
  const assignsW = () => [...c.synapse.model.onPre, ...p.onPost, ...(p.reward ?? [])].some((a) => a.target === 'w');
  if (c.sign < 0 && (!options.inhibitoryWithoutW || assignsW())) throw new ConfigError('unsupported', `${where}.synapse`, `synapse model ${model} is plastic: plastic connections from an inhibitory population need a conductance synapse (inhibition from E_rev)`);
}
