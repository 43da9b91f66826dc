#!/usr/bin/env node
/**
 * Bundles the JavaScript of the package in the current directory (run by each library package's
 * `build` after `tsc -b`, which emits only the per-file `.d.ts` types into dist/).
 *
 *     node ../../scripts/bundle.mjs [src/extra-entry.ts ...]
 *
 * Every JavaScript target of the package's `exports` (all conditions), `main` and `bin` is an entry
 * point, built from the matching source file (`./dist/x.js` from `src/x.ts`); the arguments name
 * further entries that are loaded by URL rather than imported by name (the backend-cpu worker).
 * esbuild writes one ES module per entry plus shared chunks, all side by side in dist/ (one flat
 * folder, so a `new URL('./other.js', import.meta.url)` in any of them names a file of the bundle,
 * and `../package.json` the package's own). With `splitting`, code that several entries import
 * lands in a shared chunk, so each class (ConfigError and the like) exists once per package, and
 * `instanceof` holds across its subpaths. Other packages (the workspace's and npm's) and Node's
 * built-ins stay imports. Source maps point at src/, which every package publishes.
 *
 * Stale per-file JavaScript from an earlier `tsc -b` that emitted it (and old chunks) are removed
 * first, so dist/ holds only the bundle's modules next to the types.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Every string leaf of an `exports` value (conditions nested to any depth). */
function targets(value) {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(targets);
}

const published = [
  ...targets(pkg.exports ?? {}),
  ...(typeof pkg.main === 'string' ? [pkg.main] : []),
  ...(typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {})),
].filter((t) => t.endsWith('.js'));

/** dist/name.js → { name: src/name.ts }; an entry in a sub-folder of dist/ is not supported (flat output). */
const entryPoints = {};
for (const target of published) {
  const m = /^(?:\.\/)?dist\/([^/]+)\.js$/.exec(target);
  if (!m) throw new Error(`${pkg.name}: bundle entry ${target} is not a file directly in dist/`);
  entryPoints[m[1]] = `src/${m[1]}.ts`;
}
for (const extra of process.argv.slice(2)) {
  const m = /^(?:\.\/)?src\/([^/]+)\.ts$/.exec(extra);
  if (!m) throw new Error(`${pkg.name}: extra entry ${extra} is not a file directly in src/`);
  entryPoints[m[1]] = `src/${m[1]}.ts`;
}
for (const src of Object.values(entryPoints)) {
  if (!existsSync(join(dir, src))) throw new Error(`${pkg.name}: entry source ${src} does not exist`);
}

// tsc -b ran first: the types every export names must be there. (tsc -b trusts its build info in
// tsconfig.tsbuildinfo, next to tsconfig.json, and writes nothing when dist/ alone was deleted.)
const types = [...targets(pkg.exports ?? {}), ...(typeof pkg.types === 'string' ? [pkg.types] : [])].filter((t) => t.endsWith('.d.ts'));
const missing = types.filter((t) => !existsSync(join(dir, t)));
if (missing.length > 0) {
  throw new Error(`${pkg.name}: tsc -b wrote no ${missing.join(', ')}; if dist/ was deleted by hand, delete tsconfig.tsbuildinfo too (or run tsc -b --clean) and build again`);
}

/** Removes every .js and .js.map under dist/ (types, their maps and tsc's build info stay). */
function clean(folder) {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) clean(path);
    else if (entry.name.endsWith('.js') || entry.name.endsWith('.js.map')) rmSync(path);
  }
}
clean(join(dir, 'dist'));

const result = await build({
  absWorkingDir: dir,
  entryPoints,
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  // Neither Node nor the browser: the packages run in both (docs-site bundles them with vite), and
  // Node's built-ins are imports (`node:` specifiers) that `packages: 'external'` keeps as they are.
  platform: 'neutral',
  packages: 'external',
  target: 'es2022',
  tsconfig: 'tsconfig.json',
  sourcemap: true,
  sourcesContent: false,
  // Class and function names as in the source (error names, stack traces), even where two files of
  // a bundle declare the same name.
  keepNames: true,
  logLevel: 'warning',
  metafile: true,
});
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
// One module instance per source file: each input is in exactly one output (what `splitting`
// guarantees; a copy in two outputs would be two classes, and `instanceof` would fail across them).
const homes = new Map();
for (const out of outputs) {
  for (const input of Object.keys(result.metafile.outputs[out].inputs)) homes.set(input, [...(homes.get(input) ?? []), out]);
}
const copied = [...homes].filter(([, outs]) => outs.length > 1);
if (copied.length > 0) throw new Error(`${pkg.name}: bundled more than once: ${copied.map(([i, o]) => `${i} (${o.join(', ')})`).join('; ')}`);
console.log(`${pkg.name}: ${Object.keys(entryPoints).length} entries, ${outputs.length} modules in ${relative(process.cwd(), join(dir, 'dist')) || 'dist'}/`);
