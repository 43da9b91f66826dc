import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExportFiles } from './data.js';

/**
 * Writes an export's files under `dir` (created if needed); shell scripts become executable.
 * `mod/` and `data/` are replaced as a whole, so no mechanism or data file of an earlier export stays.
 */
export function writeExport(dir: string, files: ExportFiles): string[] {
  for (const sub of ['mod', 'data']) rmSync(join(dir, sub), { recursive: true, force: true });
  const written: string[] = [];
  for (const [path, contents] of files) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, contents);
    if (path.endsWith('.sh')) chmodSync(full, 0o755);
    written.push(full);
  }
  return written;
}
