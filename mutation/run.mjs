#!/usr/bin/env node
/**
 * `pnpm mutation [area ...]`: Stryker over core's expr and model and the JS, WebAssembly and WGSL
 * printers, one area at a time (areas.mjs), incremental, so a rerun only tests changed code.
 * Reports: mutation/reports/<area>.html and .json; scores are printed at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AREAS } from './areas.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(a in AREAS));
if (unknown.length) {
  console.error(`unknown area(s): ${unknown.join(', ')}; known: ${Object.keys(AREAS).join(', ')}`);
  process.exit(2);
}
mkdirSync(`${root}mutation/reports`, { recursive: true });
const scores = [];
for (const area of asked.length ? asked : Object.keys(AREAS)) {
  const { mutate, tests } = AREAS[area];
  console.log(`\n== ${area}: ${mutate.join(', ')}`);
  const env = { ...process.env, MUTATION_AREA: area, MUTATION_TESTS: tests.join(',') };
  const res = spawnSync('npx', ['stryker', 'run', 'mutation/stryker.config.mjs'], { cwd: root, env, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`stryker failed for ${area} (exit ${res.status})`);
    process.exit(res.status ?? 1);
  }
  scores.push([area, score(JSON.parse(readFileSync(`${root}mutation/reports/${area}.json`, 'utf8')))]);
}
console.log('\nmutation score (killed + timeout) / (all − ignored), per area:');
for (const [area, s] of scores) console.log(`  ${area.padEnd(14)} ${s.score.toFixed(1)}%  (${s.killed} killed, ${s.survived} survived, ${s.noCoverage} without coverage)`);

function score(report) {
  let killed = 0, survived = 0, noCoverage = 0;
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === 'Killed' || m.status === 'Timeout') killed++;
      else if (m.status === 'Survived') survived++;
      else if (m.status === 'NoCoverage') noCoverage++;
    }
  }
  return { killed, survived, noCoverage, score: (100 * killed) / Math.max(1, killed + survived + noCoverage) };
}
