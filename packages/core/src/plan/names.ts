import type { ModelInstance } from '../model/instance.js';

/**
 * Generated identifiers. Every name a kernel declares for a model's value comes from here:
 * `_<block><kind><index>`, where the block is the instance's index in the plan and the index is
 * the position of the name in the model (states, parameters and derived values) or its first use
 * (temporaries). User names never appear in generated code, so no model, however its names are
 * chosen, can make two identifiers collide or shadow a fixed one: every generated identifier
 * starts with `_` and a digit, every fixed one (`i`, `step`, `t`, `dt`, `w`, `count`, the
 * upper-case bindings) with a letter.
 */
export class InstanceNames {
  private readonly states: Map<string, number>;
  private readonly values: Map<string, number>;
  private readonly temps = new Map<string, number>();

  /**
   * @param block The instance's index in the plan (`BlockPlan.index`).
   * @param inst The instance whose states and values are named.
   */
  constructor(
    /** The instance's index in the plan: the `<block>` of every name. */
    readonly block: number,
    inst: ModelInstance,
  ) {
    this.states = new Map(inst.model.states.map((s, k) => [s, k]));
    this.values = new Map([...inst.values.keys()].map((v, k) => [v, k]));
  }

  /** The local holding state `name` of the current element. */
  state(name: string): string {
    return `_${this.block}s${this.index(this.states, name, 'state')}`;
  }

  /** The array holding state `name` (JavaScript bindings). */
  stateArray(name: string): string {
    return `_${this.block}S${this.index(this.states, name, 'state')}`;
  }

  /** A parameter or derived value (a scalar constant or a per-element array). */
  value(name: string): string {
    return `_${this.block}p${this.index(this.values, name, 'value')}`;
  }

  /** A temporary of the model's statements (assigned on first use). */
  temp(name: string): string {
    let k = this.temps.get(name);
    if (k === undefined) this.temps.set(name, (k = this.temps.size));
    return `_${this.block}t${k}`;
  }

  /** The block's output value (stimulus or synapse output) for the current element. */
  get output(): string {
    return `_${this.block}o`;
  }

  private index(map: Map<string, number>, name: string, what: string): number {
    const k = map.get(name);
    if (k === undefined) throw new Error(`internal: no ${what} '${name}' in block ${this.block}`);
    return k;
  }
}

/** The summed input `k` of a population's neuron model. */
export const inputName = (k: number): string => `_in${k}`;

/**
 * The value of a shared random draw (`rand_shared()`, `randn_shared()`): drawn once per step for
 * every element, so kernels compute it once, under this name, from the stream and the call site.
 */
export const sharedDrawName = (stream: number, site: number): string => `_r${stream}_${site}`;
