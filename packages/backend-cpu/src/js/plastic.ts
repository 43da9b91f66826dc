import type { Bindings } from './bindings.js';
import type { Resolve } from './printer.js';
import type { PartitionPlasticity } from '../plastic.js';

/**
 * Names of a plastic connection's kernels: `w` (the synapse's weight, a local loaded from and
 * stored back to `W[j]`) and every trace, read as its value decayed to `step` — the trace of the
 * spiking side was already brought up to date, so its factor is exp(0) = 1. `preIndex` and
 * `postIndex` are the kernel's locals for the synapse's two neurons.
 */
export function plasticResolver(b: Bindings, plastic: PartitionPlasticity, base: Resolve, preIndex: string, postIndex: string): Resolve {
  const traces = new Map(
    plastic.traces.map((tr, k) => {
      const values = b.bind(`TR${k}`, tr.values);
      const last = b.bind(`TL${k}`, tr.last);
      const rate = b.bind(`TK${k}`, tr.rate);
      const at = tr.side === 'pre' ? preIndex : postIndex;
      return [tr.name, `(${values}[${at}] * Math.exp((${last}[${at}] - step) * ${rate}))`];
    }),
  );
  return (name, role) => (name === 'w' && (role === 'weight' || role === 'state') ? 'w' : (traces.get(name) ?? base(name, role)));
}

/** Brings the traces of one side up to date for a spike of neuron `index` at `step` and adds their jumps. */
export function traceJumps(b: Bindings, plastic: PartitionPlasticity, side: 'pre' | 'post', index: string): string[] {
  return plastic.traces.flatMap((tr, k) => {
    if (tr.side !== side) return [];
    const [v, l] = [b.bind(`TR${k}`, tr.values), b.bind(`TL${k}`, tr.last)];
    const rate = b.bind(`TK${k}`, tr.rate);
    const jump = b.bind(`TJ${k}`, tr.jump);
    return [`${v}[${index}] = ${v}[${index}] * Math.exp((${l}[${index}] - step) * ${rate}) + ${jump};`, `${l}[${index}] = step;`];
  });
}
