#!/usr/bin/env node
/** Lists surviving and uncovered mutants of the areas' last reports: `node mutation/survivors.mjs [area ...]`. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AREAS } from './areas.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const area of process.argv.length > 2 ? process.argv.slice(2) : Object.keys(AREAS)) {
  const path = `${root}mutation/reports/${area}.json`;
  if (!existsSync(path)) continue;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  console.log(`== ${area}`);
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split('\n');
    for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage').sort((a, b) => a.location.start.line - b.location.start.line)) {
      const { start, end } = m.location;
      const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)}…`;
      console.log(`${file.replace(/^.*packages\//, '')}:${start.line}:${start.column} ${m.status} ${m.mutatorName}: ${JSON.stringify(original.slice(0, 70))} → ${JSON.stringify((m.replacement ?? '').slice(0, 70))}`);
    }
  }
}
