/**
 * Vitest as Stryker runs it: only the tests of the area being mutated (MUTATION_TESTS, set by
 * run.mjs), and every @spikeflow package resolved to its TypeScript sources, so mutated files are
 * the ones the tests execute (normal test runs use each package's dist).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Every export of every package (`@spikeflow/core/ir` too), each to the source its dist file is built from. */
const alias = readdirSync(`${root}packages`).flatMap((dir) => {
  const pkg = JSON.parse(readFileSync(`${root}packages/${dir}/package.json`, 'utf8'));
  return Object.entries(pkg.exports ?? { '.': { import: './dist/index.js' } }).map(([sub, target]) => ({
    find: new RegExp(`^${pkg.name}${sub === '.' ? '' : sub.slice(1)}$`),
    replacement: `${root}packages/${dir}/${String(target.import ?? target.default).replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')}`,
  }));
});

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    include: (process.env.MUTATION_TESTS ?? 'packages/core/test/**/*.test.ts').split(','),
    testTimeout: 60_000,
    pool: 'forks',
    // Worker threads load the built worker file, not these sources: they cannot see a mutant.
    testNamePattern: /^(?!.*\bthreads?\b)/i,
  },
});
