/**
 * Vitest as Stryker runs it: only the tests of the area being mutated (MUTATION_TESTS, set by
 * run.mjs), and every @spikeflow package resolved to its TypeScript sources, so mutated files are
 * the ones the tests execute (normal test runs use each package's dist).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
const alias = Object.fromEntries(readdirSync(`${root}packages`).map((dir) => [`@spikeflow/${dir}`, `${root}packages/${dir}/src/index.ts`]));

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    include: (process.env.MUTATION_TESTS ?? 'packages/core/test/**/*.test.ts').split(','),
    testTimeout: 60_000,
    pool: 'forks',
  },
});
