import { postVariable, preVariable } from '@spikeflow/core/ir';
import type { ConnectionPlan, KernelPlan } from '@spikeflow/core/plan';
import { noRandom, PRINTER_HELPERS, printWgslExpr, type WgslResolve } from './printer.js';
import { sharedRoles } from './roles.js';
import { Uniforms } from './uniforms.js';
import { constantPool, gridKernel, indent, PRODUCT_ROUNDING, type GpuKernel } from './wgsl.js';

/** The summed expression of one connection (a gap junction): one thread per postsynaptic neuron. */
export interface SummedProgram {
  /** The connection's name. */
  readonly name: string;
  /** Postsynaptic neurons (threads). */
  readonly size: number;
  /** Writes each postsynaptic neuron's sum into F at the connection's summed region. */
  readonly kernel: GpuKernel;
}

/** Where a summed kernel reads and writes. */
export interface SummedMemory {
  /** The plan's state buffer → its offset in F (every state a population kernel loads). */
  readonly stateOffsets: ReadonlyMap<number, number>;
  /** Allocates `values` in F (per-neuron parameters); returns the offset. */
  readonly floats: (values: ArrayLike<number>) => number;
  /** Allocates `values` in C; returns the offset. */
  readonly constants: (values: Uint32Array) => number;
  /** F offset of the connection's sums (one per postsynaptic neuron). */
  readonly out: number;
}

/**
 * Connection `c`'s summed phase as WGSL: thread i adds, for each synapse onto postsynaptic neuron
 * i in the plan's CSR order, the synapse model's summed expression — presynaptic states
 * (`<v>_pre`) at index j, postsynaptic states (`<v>_post`) and the synapse block's states and
 * per-neuron parameters at index i — and stores the sum in F. Dispatched before any population
 * kernel of the step, so it reads every state at the start of the step; each partial sum is a
 * float32 addition in the same order as the CPU's f32 mode (products rounded through `sf_r`), so
 * the sums are the same bits. No atomics: one thread owns each sum.
 */
export function summedProgram(plan: KernelPlan, c: ConnectionPlan, mem: SummedMemory): SummedProgram {
  const s = c.summed!;
  const u = new Uniforms();
  const n = s.colStart.length - 1;
  const stateOf = (block: (typeof plan.blocks)[number], v: string, index: string) => {
    const k = block.states.get(v);
    const at = k === undefined ? undefined : mem.stateOffsets.get(k);
    if (at === undefined) throw new Error(`internal: no F region for state ${v} of ${block.label}`);
    return `F[${u.u32(at)} + ${index}]`;
  };
  const pre = plan.populations[c.pre]!.neuron;
  const post = plan.populations[c.post]!.neuron;
  const { instance } = c.synapse;
  const shared = sharedRoles(instance, c.synapse.names, u, mem.floats);
  const resolve: WgslResolve = (name, role) => {
    switch (role) {
      case 'pre':
        return stateOf(pre, preVariable(name), 'j');
      case 'post':
        return stateOf(post, postVariable(name), 'i');
      case 'state':
        return stateOf(c.synapse, name, 'i');
      default: {
        const code = shared(name, role);
        if (code === undefined) throw new Error(`internal: cannot resolve role ${role} in a summed expression`);
        return code;
      }
    }
  };
  const term = printWgslExpr(instance.model.summed!, resolve, noRandom, { constant: constantPool(u), product: 'sf_r' });
  const col = u.u32(mem.constants(s.colStart));
  const preAt = u.u32(mem.constants(s.pre));
  const wAt = u.u32(mem.constants(new Uint32Array(Float32Array.from(s.weights).buffer)));
  const body = [
    'let i = (wid.x + wid.y * nwg.x) * 64u + lid;',
    `if (i < ${u.u32(n)}) {`,
    ...indent([
      'let step = S.step;',
      'let stepf = f32(step);',
      'let t = S.t;',
      'let dt = S.dt;',
      'var acc = 0.0f;',
      `let end = C[${col} + i + 1u];`,
      `for (var k = C[${col} + i]; k < end; k = k + 1u) {`,
      `  let j = C[${preAt} + k];`,
      `  let w = bitcast<f32>(C[${wAt} + k]);`,
      `  acc = acc + ${term};`,
      '}',
      `F[${u.u32(mem.out)} + i] = acc;`,
    ]),
    '}',
  ];
  const source = gridKernel(u, [PRINTER_HELPERS, PRODUCT_ROUNDING], body);
  return { name: c.name, size: n, kernel: { label: `summed ${c.name}`, source, uniforms: u, layout: 'main' } };
}
