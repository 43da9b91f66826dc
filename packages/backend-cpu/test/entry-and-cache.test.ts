/**
 * The main entry is browser-clean (no Node built-ins in its import graph; threads come from the
 * `node` export condition), and compiled WebAssembly kernels are cached by content: model code,
 * constants and memory layout, so a second simulation of the same network compiles nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Network } from '@spikeflow/core';
import { CubaLIF } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect } from '@spikeflow/connectivity';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend, wasmModuleCache } from '@spikeflow/backend-cpu';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** Every module specifier imported (statically or dynamically) by `file` and the local modules it reaches. */
function importGraph(file: string, seen = new Set<string>(), bare = new Set<string>()): { files: Set<string>; bare: Set<string> } {
  if (seen.has(file)) return { files: seen, bare };
  seen.add(file);
  // Doc comments hold @example imports: only code counts.
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) importGraph(resolve(dirname(file), spec), seen, bare);
    else bare.add(spec);
  }
  return { files: seen, bare };
}

describe('entries', () => {
  it('the main entry imports no Node built-in; the node entry adds worker threads', () => {
    const main = importGraph(join(dist, 'index.js'));
    // The walk followed the entry's imports (dist/ is a bundle: the entry and its shared chunks).
    expect(main.files.size).toBeGreaterThan(1);
    expect([...main.bare].filter((s) => s.startsWith('node:') || s === 'worker_threads')).toEqual([]);
    expect([...main.bare].filter((s) => !s.startsWith('@spikeflow/core/')).sort()).toEqual(['@spikeflow/core']); // and core's browser-clean subpaths
    const node = importGraph(join(dist, 'node.js'));
    expect(node.bare.has('node:worker_threads')).toBe(true);
    const pkg = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>> };
    expect(pkg.exports['.']).toMatchObject({ node: './dist/node.js', default: './dist/index.js' });
  });
});

describe('kernel cache (WebAssembly, by model and layout)', () => {
  const build = (low: number, size: number) => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const e = net.population('e', { model: CubaLIF, size, initial: { v: { uniform: { min: low, max: -50 } } } });
    net.connect(e, e, { connector: fixedProbabilityConnect({ p: 0.05, weight: 1.62 }), synapse: ExpCurrent, parameters: { tau: 5 }, input: 'ge' });
    return { net, spikes: net.monitor(new SpikeMonitor(e)) };
  };
  const run = async (low: number, size: number) => {
    const { net, spikes } = build(low, size);
    await net.run({ steps: 300 }, createCpuBackend());
    net.compiled!.dispose();
    return spikes.steps.length;
  };

  it('a second simulation of the same network (other initial values) reuses every compiled module; another layout compiles new ones', async () => {
    await run(-60, 300);
    const first = wasmModuleCache();
    const spikes = await run(-55, 300);
    const second = wasmModuleCache();
    // One module per simulation (its population and propagation kernels and the step loop), reused; nothing new compiled.
    // Compilations, not held modules: other test files in this process may have filled the cache.
    expect(second.hits - first.hits).toBe(1);
    expect(second.compilations).toBe(first.compilations);
    expect(spikes).toBeGreaterThan(0);
    await run(-60, 302);
    const third = wasmModuleCache();
    expect(third.compilations).toBe(second.compilations + 1);
    expect(third.hits).toBe(second.hits);
  });
});
