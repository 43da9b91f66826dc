/**
 * What npm users get in each package: licence, links, engines, a README, export conditions that
 * work for `import` and for `require()` (Node ≥ 20.19 loads synchronous ES modules), and the
 * dependencies their code and types actually use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, REPO_ROOT } from '../published-packages.mjs';

const packages = publishedPackages();
const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, suffix) : full.endsWith(suffix) ? [full] : [];
  });
}

/** Bare module specifiers a file imports (`from 'x'`, `import('x')`), reduced to package names. */
function importedPackages(file: string): Set<string> {
  // Comments (doc examples) are not imports.
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'".][^'"]*)['"]/g)) {
    const spec = m[1]!;
    if (spec.startsWith('node:')) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return names;
}

it('the repository has an MIT licence', () => {
  expect(license).toMatch(/^MIT License\n/);
  expect(packages.length).toBeGreaterThanOrEqual(12);
});

describe.each(packages.map((p) => [p.name, p] as const))('%s', (_name, pkg) => {
  const m = pkg.manifest;

  it('ships the licence and a README, and says where it comes from', () => {
    expect(m.license).toBe('MIT');
    expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toBe(license);
    expect(existsSync(join(pkg.dir, 'README.md'))).toBe(true);
    expect(m.files).toEqual(expect.arrayContaining(['dist', 'LICENSE', 'README.md']));
    expect(m.repository).toEqual({ type: 'git', url: 'git+https://github.com/spikeflow/spikeflow.git', directory: pkg.relDir });
    expect(m.homepage).toMatch(/^https:\/\//);
    expect(m.bugs.url).toMatch(/^https:\/\/.*\/issues$/);
    expect(m.keywords.length).toBeGreaterThan(0);
    expect(m.engines).toEqual({ node: '>=20' });
    expect(m.description.length).toBeGreaterThan(20);
  });

  it('every export has types, import and default conditions, pointing at files the build wrote', () => {
    for (const [subpath, target] of Object.entries(m.exports as Record<string, Record<string, string>>)) {
      // A `node` condition (Node-only additions such as worker threads) may come before import.
      expect(Object.keys(target).filter((c) => c !== 'node'), subpath).toEqual(['types', 'import', 'default']);
      expect(target.default, subpath).toBe(target.import);
      for (const file of Object.values(target)) expect(existsSync(join(pkg.dir, file)), `${subpath}: ${file}`).toBe(true);
    }
  });

  it('require() loads its main entry (Node ≥ 20.19 requires synchronous ES modules)', () => {
    const out = execFileSync(process.execPath, ['-e', `const m = require(${JSON.stringify(pkg.name)}); process.stdout.write(String(Object.keys(m).length))`], {
      cwd: pkg.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(Number(out)).toBeGreaterThan(0);
  });

  it('declares the packages its code imports, and no others', () => {
    const deps = Object.keys(m.dependencies ?? {});
    const optional = Object.keys({ ...m.peerDependencies, ...m.optionalDependencies });
    const used = new Set<string>();
    for (const file of filesUnder(join(pkg.dir, 'src'), '.ts')) for (const name of importedPackages(file)) used.add(name);
    for (const name of used) if (name !== pkg.name) expect([...deps, ...optional], `${name} is imported`).toContain(name);
    for (const name of deps.filter((d) => !d.startsWith('@types/'))) expect([...used], `${name} is declared`).toContain(name);
  });

  it('the types it publishes resolve for its users (third-party types are dependencies, not devDependencies)', () => {
    const deps = Object.keys(m.dependencies ?? {});
    for (const file of filesUnder(join(pkg.dir, 'dist'), '.d.ts')) {
      for (const name of importedPackages(file)) {
        if (name.startsWith('@spikeflow/')) continue;
        expect(deps, `${file} imports ${name}`).toContain(name);
        const home = join(pkg.dir, 'node_modules', name);
        const own = JSON.parse(readFileSync(join(home, 'package.json'), 'utf8')) as { types?: string; typings?: string; exports?: unknown };
        const typed = own.types !== undefined || own.typings !== undefined || JSON.stringify(own.exports ?? '').includes('"types"') || existsSync(join(home, 'index.d.ts'));
        if (!typed) expect(deps, `${file} needs the types of ${name}`).toContain(`@types/${name}`);
      }
    }
  });
});
