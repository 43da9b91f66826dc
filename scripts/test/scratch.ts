/** A scratch folder outside the repository whose node_modules/@spikeflow/<name> link to the workspace packages, as an install would. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishedPackages } from '../published-packages.mjs';

/** The published libraries (not the CLI): what users import, in a browser too. */
export const LIBRARIES = publishedPackages().filter((p) => p.relDir.startsWith('packages/'));

export interface Scratch {
  readonly dir: string;
  remove(): void;
}

export function scratchWithPackages(prefix: string): Scratch {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'node_modules/@spikeflow'), { recursive: true });
  for (const p of LIBRARIES) symlinkSync(p.dir, join(dir, 'node_modules', p.name), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

