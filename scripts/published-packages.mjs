// The packages this repository publishes to npm: every non-private package.json under packages/
// and apps/, with its folder. Used by the packaging tests and the local-registry test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** @returns {{ name: string, dir: string, relDir: string, manifest: Record<string, any> }[]} */
export function publishedPackages(root = REPO_ROOT) {
  const out = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group)).sort()) {
      const file = join(root, group, entry, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private) continue;
      out.push({ name: manifest.name, dir: join(root, group, entry), relDir: `${group}/${entry}`, manifest });
    }
  }
  return out;
}
