import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts'],
    // No wall-clock limit decides a test's outcome: on a busy machine a slow test is still a
    // passing test (0 disables vitest's test and hook timeouts). A hang is found by
    // the fuzz script's hang detector and by CI's own job limit, not by a flaky per-test clock.
    testTimeout: 0,
    hookTimeout: 0,
    pool: 'forks',
    // The workspace packages' built output (packages/*/dist) is loaded by Node itself, like any
    // installed dependency, instead of through vite's transform: the bundled modules (22 for a CUBA
    // network: scripts/bundle.mjs) and their npm dependencies, once per test file. Tests exercise
    // the same JavaScript a user's program imports.
    server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } },
    // Each file in a fresh module environment (vitest's default). Sharing one module cache per fork
    // (isolate: false) saved CPU, but under load a fork holding earlier files' WebGPU devices and
    // worker threads failed to terminate at shutdown ("Failed to terminate worker").
    isolate: true,
    // Vitest's default is one fork fewer than the CPUs: one fork on a 2-core machine, and most
    // test files wait on child processes (the CLI, Python, MPI, Chromium). Two keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
