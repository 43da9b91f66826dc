import type { ModelInstance } from '@spikeflow/core/backend';
import { postVariable } from '@spikeflow/core/ir';
import type { InstanceNames } from '@spikeflow/core/plan';
import type { Precision } from '../precision.js';
import type { Values } from '../buffers.js';

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

/** A model instance as a JavaScript kernel sees it: its generated names and its state arrays. */
export interface JsBlock {
  readonly names: InstanceNames;
  readonly instance: ModelInstance;
  readonly states: ReadonlyMap<string, Values>;
}

/**
 * Resolves names of one model instance inside a per-element loop with index `i`: parameters and
 * derived values (bound scalars or per-element arrays), states (locals, or array elements with
 * `array`), temporaries, the summed inputs (`inputs`), and a synapse's `<variable>_post` reads as
 * the target neuron block's state locals (`post`). Every identifier is generated (names.ts).
 */
export function instanceResolver(b: Bindings, block: JsBlock, stateAccess: 'local' | 'array', fmt: Precision, inputs?: ReadonlyMap<string, string>, post?: InstanceNames) {
  const { names, instance } = block;
  return (name: string, role: string): string => {
    switch (role) {
      case 'parameter':
      case 'derived': {
        const v = instance.values.get(name)!;
        const bound = b.bind(names.value(name), typeof v === 'number' ? fmt.value(v) : fmt.convert(v));
        return typeof v === 'number' ? bound : `${bound}[i]`;
      }
      case 'state':
        return stateAccess === 'local' ? names.state(name) : `${b.bind(names.stateArray(name), block.states.get(name))}[i]`;
      case 'temp':
        return names.temp(name);
      case 'dt':
        return 'dt';
      case 'time':
        return 't';
      case 'step':
        return 'step';
      case 'weight':
        return 'w';
      case 'post':
        if (!post) throw new Error(`internal: no postsynaptic neuron for '${name}' in this kernel`);
        return post.state(postVariable(name));
      case 'input': {
        const id = inputs?.get(name);
        if (!id) throw new Error(`internal: no input '${name}' in this kernel`);
        return id;
      }
      default:
        throw new Error(`internal: cannot resolve ${role} '${name}'`);
    }
  };
}

/** `let <local> = <array>[i];` for every state of the block. */
export const loadStates = (b: Bindings, block: JsBlock): string[] =>
  [...block.states].map(([name, arr]) => `let ${block.names.state(name)} = ${b.bind(block.names.stateArray(name), arr)}[i];`);

/** `<array>[i] = <local>;` for every state of the block. */
export const storeStates = (block: JsBlock): string[] => [...block.states.keys()].map((name) => `${block.names.stateArray(name)}[i] = ${block.names.state(name)};`);
