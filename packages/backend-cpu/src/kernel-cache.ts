/**
 * Compiled kernels keyed by their source. Source is a pure function of model IR and layout
 * (never of parameter values), so equal models in equal layouts share one compiled function.
 */
const cache = new Map<string, (B: Record<string, unknown>) => unknown>();

export function compileKernel<F>(source: string, bindings: Record<string, unknown>): F {
  let factory = cache.get(source);
  if (!factory) {
    // Safe by construction: `source` is printed from validated IR with generated names only.
    factory = new Function('B', source) as (B: Record<string, unknown>) => unknown;
    cache.set(source, factory);
  }
  return factory(bindings) as F;
}

export const kernelCacheSize = (): number => cache.size;
