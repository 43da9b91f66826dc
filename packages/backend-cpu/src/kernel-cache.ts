/**
 * Compiles generated JavaScript kernel source. What is cached, and why not more: WebAssembly
 * modules are cached by content (model code + constants + memory layout; wasm/assembler.ts), so a
 * simulation of an already-seen network compiles no WebAssembly. JavaScript kernels are
 * deliberately compiled per simulation: every compiled kernel gets a source of its own (a numbered
 * header line), so V8 sees exactly one closure per function literal and specializes the optimized
 * code on that closure's context: the state arrays, their lengths and the scalar parameters become
 * constants of the machine code. Sharing one compiled function between simulations of equal models
 * (what this module did before) makes V8 drop that specialization as soon as a second closure
 * exists, and the same loop then runs 3–5× slower (measured: CUBA, bench/README.md).
 *
 * Parsing a kernel costs microseconds; V8's own compilation cache is keyed by source, which is why
 * the header must differ and not just the bindings.
 */
let compiled = 0;

export function compileKernel<F>(source: string, bindings: Record<string, unknown>): F {
  compiled++;
  // Safe by construction: `source` is printed from validated IR with generated names only.
  const factory = new Function('B', `// spikeflow kernel ${compiled}\n${source}`) as (B: Record<string, unknown>) => unknown;
  return factory(bindings) as F;
}

/** Number of kernels compiled in this process so far (each simulation compiles its own). */
export const kernelCacheSize = (): number => compiled;
