import type { ModelInstance } from '@spikeflow/core/backend';
import type { InstanceNames } from '@spikeflow/core/plan';
import type { Uniforms } from './uniforms.js';

/** Resolves the roles every kernel shares; undefined for the roles a kernel resolves itself. */
export type SharedRoles = (name: string, role: string) => string | undefined;

/**
 * The references every WGSL kernel resolves alike, for one block (a neuron or synapse instance):
 * its parameters and derived values (a uniform constant when one value serves all, `F[offset + i]`
 * when per neuron, each array stored once per kernel), its temporaries by generated name, and the
 * kernel locals `dt`, `t`, `stepf` (the step as a float) and `w` (the weight). States, inputs and
 * the other side's variables (`_pre`, `_post`) are each kernel's own: for those this answers undefined.
 */
export function sharedRoles(instance: ModelInstance, names: InstanceNames | undefined, u: Uniforms, floats: (values: ArrayLike<number>) => number): SharedRoles {
  const values = new Map<string, string>();
  return (name, role) => {
    switch (role) {
      case 'parameter':
      case 'derived': {
        let code = values.get(name);
        if (code === undefined) {
          const v = instance.values.get(name);
          if (v === undefined) throw new Error(`internal: no value for ${role} ${name} of ${instance.model.name}`);
          values.set(name, (code = typeof v === 'number' ? u.f32(v) : `F[${u.u32(floats(v))} + i]`));
        }
        return code;
      }
      case 'temp':
        if (!names) throw new Error(`internal: a temporary '${name}' outside a block`);
        return names.temp(name);
      case 'dt':
        return 'dt';
      case 'time':
        return 't';
      case 'step':
        return 'stepf';
      case 'weight':
        return 'w';
      default:
        return undefined;
    }
  };
}
