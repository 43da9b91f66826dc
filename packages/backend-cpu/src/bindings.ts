import type { ModelInstance } from '@spikeflow/core/backend';
import type { Precision } from './precision.js';

/** Generated kernel source and the values it closes over (`B.<name>`). */
export interface KernelSource {
  readonly source: string;
  readonly bindings: Record<string, unknown>;
}

/**
 * The values a generated kernel closes over. Kernel source refers to them by generated names
 * only, so the same source (and its compiled function) serves any parameter values.
 */
export class Bindings {
  private readonly values = new Map<string, unknown>();

  bind(name: string, value: unknown): string {
    this.values.set(name, value);
    return name;
  }

  /** `const x = B.x;` for every bound value, in insertion order. */
  prelude(): string {
    return [...this.values.keys()].map((k) => `const ${k} = B.${k};`).join('\n');
  }

  get object(): Record<string, unknown> {
    return Object.fromEntries(this.values);
  }
}

/**
 * Resolves names of one model instance inside a per-neuron loop with index `i`: parameters and
 * derived values (scalar or per-neuron), states (as locals named `<prefix><name>`), temporaries.
 */
export function instanceResolver(b: Bindings, prefix: string, inst: ModelInstance, stateAccess: 'local' | 'array', fmt: Precision) {
  return (name: string, role: string): string => {
    switch (role) {
      case 'parameter':
      case 'derived': {
        const v = inst.values.get(name)!;
        const bound = b.bind(`${prefix}p_${name}`, typeof v === 'number' ? fmt.value(v) : fmt.convert(v));
        return typeof v === 'number' ? bound : `${bound}[i]`;
      }
      case 'state':
        return stateAccess === 'local' ? `${prefix}${name}` : `${prefix}S_${name}[i]`;
      case 'temp':
        return `${prefix}t${name}`;
      case 'dt':
        return 'dt';
      case 'time':
        return 't';
      case 'step':
        return 'step';
      case 'weight':
        return 'w';
      case 'input':
        return `in_${name}`;
      default:
        throw new Error(`internal: cannot resolve ${role} '${name}'`);
    }
  };
}
