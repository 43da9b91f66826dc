// @ts-check
/**
 * Stryker for `pnpm mutation` (not part of CI), for one area of areas.mjs named by MUTATION_AREA
 * (run.mjs sets it). Reports go to mutation/reports/<area>.{html,json}.
 */
import { AREAS } from './areas.mjs';

const area = process.env.MUTATION_AREA ?? 'core-expr';
const spec = AREAS[area];
if (!spec) throw new Error(`MUTATION_AREA=${area} is not an area of mutation/areas.mjs (${Object.keys(AREAS).join(', ')})`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: spec.mutate,
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Reruns test only mutants in changed code or covered by changed tests.
  incremental: true,
  incrementalFile: `mutation/reports/${area}.incremental.json`,
  // Two shared cores: one test process by default keeps the machine usable.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  // Past the tests' normal time by this much a mutant counts as a timeout (an endless loop: killed).
  timeoutMS: Number(process.env.MUTATION_TIMEOUT_MS ?? 30_000),
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `mutation/reports/${area}.html` },
  jsonReporter: { fileName: `mutation/reports/${area}.json` },
  thresholds: { high: 90, low: 85, break: null },
  // Other areas' sandboxes and reports are not copied into this one (areas can run side by side).
  ignorePatterns: ['mutation/.stryker-tmp-*', 'mutation/reports'],
  // One sandbox folder per area, so areas can run side by side.
  tempDirName: `mutation/.stryker-tmp-${area}`,
  cleanTempDir: 'always',
};
