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
    // One module cache per fork, shared by the files it runs: re-importing the packages for each
    // of ~120 files cost more CPU than many tests (core, connectivity and monitors: 41 s → 10 s of
    // CPU). Tests therefore leave no global state behind (spies restored, env unstubbed), and
    // core's parser configures its shared jsep instance once however often it is loaded.
    isolate: false,
    // Vitest's default is one fork fewer than the CPUs: one fork on a 2-core machine, and most
    // test files wait on child processes (the CLI, Python, MPI, Chromium). Two keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
