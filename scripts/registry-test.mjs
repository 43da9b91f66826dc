#!/usr/bin/env node
// The release path, end to end, against a local registry: verdaccio on 127.0.0.1 (temporary
// config and storage; other packages proxied from npmjs.org), every package published with
// `changeset publish` (pnpm publish: prepack builds, workspace:^ becomes a version), then, in a
// fresh folder outside the repository, what a user does: getting started's shell commands run
// literally with plain npm, its examples and the README's example run with tsx and print what the
// pages show, `tsc` checks them all (strict, skipLibCheck: false), and `npm i -g @spikeflow/cli`
// gives a working `spikeflow`.
//
//     node scripts/registry-test.mjs          (after `pnpm build`; .ci/run runs it)
//
// Exits non-zero, naming the step, on the first failure. Keeps the temp folder with
// SPIKEFLOW_KEEP_REGISTRY_TMP=1.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishedPackages, REPO_ROOT } from './published-packages.mjs';
import { readmeExamples } from './readme-examples.mjs';

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const log = (message) => console.log(`registry-test [${elapsed()}]: ${message}`);
const SNIPPETS = join(REPO_ROOT, 'apps/docs-site/snippets');
const GUIDE = join(REPO_ROOT, 'docs/guide/getting-started.md');
const PNPM_VERSION = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Runs a command; on failure throws with the step's name and the command's output. */
function sh(step, command, args, options) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...options });
  } catch (error) {
    const out = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${step} failed: ${command} ${args.join(' ')}\n${out}`, { cause: error });
  }
}

/** Runs a command in the background; resolves with its stdout, rejects naming the step. */
function shAsync(step, command, args, options) {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    let all = '';
    child.stdout.on('data', (d) => ((out += d), (all += d)));
    child.stderr.on('data', (d) => (all += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`${step} failed (${code}): ${command} ${args.join(' ')}\n${all.trim().split('\n').slice(-40).join('\n')}`))));
  });
}

/** The ```sh blocks of a Markdown text, in order. */
function shellBlocks(markdown) {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

async function startVerdaccio(dir, port) {
  const config = join(dir, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      `auth:`,
      `  htpasswd:`,
      `    file: ${join(dir, 'htpasswd')}`,
      `uplinks:`,
      `  npmjs:`,
      `    url: https://registry.npmjs.org/`,
      `    timeout: 60s`,
      `packages:`,
      // Never fetched from npmjs.org: what the test installs of ours is what it published.
      `  '@spikeflow/*':`,
      `    access: $all`,
      `    publish: $authenticated`,
      `  '**':`,
      `    access: $all`,
      `    publish: $authenticated`,
      `    proxy: npmjs`,
      // JWT tokens: the default (legacy) tokens are checked with bcrypt on every request.
      `security:`,
      `  api:`,
      `    jwt:`,
      `      sign:`,
      `        expiresIn: 1h`,
      `log: { type: file, path: ${join(dir, 'verdaccio.log')}, level: warn }`,
      `publish:`,
      `  allow_offline: true`,
      '',
    ].join('\n'),
  );
  const bin = join(REPO_ROOT, 'node_modules/verdaccio/bin/verdaccio');
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  // Started when it answers; it exits on a bad config, which ends the wait.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url };
}

/** fetch, tried again on a connection error (a kept-alive socket the server has since closed). */
async function get(url, init) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt === 3) throw new Error(`GET ${url}: ${error.cause?.message ?? error.message}`, { cause: error });
    }
  }
}

/** Adds a user (as `npm adduser` does) and returns its token. */
async function addUser(url) {
  const name = 'spikeflow-test';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'local-registry-only', email: 'test@example.com' }),
  });
  const body = await response.json();
  if (!body.token) throw new Error(`adding a user to verdaccio failed: ${JSON.stringify(body)}`);
  return body.token;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'spikeflow-registry-'));
  const port = await freePort();
  const { child, url } = await startVerdaccio(dir, port);
  log(`verdaccio at ${url} (storage in ${dir})`);
  try {
    const token = await addUser(url);
    const npmrc = join(dir, 'npmrc');
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\nfund=false\naudit=false\nupdate-notifier=false\n`);
    // pnpm on PATH for changesets (it publishes with `pnpm publish` in a pnpm workspace), fetched
    // by npx from the usual registry before the environment points at the local one.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const pnpm = sh('find pnpm', 'npx', ['-y', '-p', `pnpm@${PNPM_VERSION}`, '-c', 'command -v pnpm'], { cwd: dir }).trim();
    symlinkSync(pnpm, join(bin, 'pnpm'));
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      npm_config_userconfig: npmrc,
      npm_config_registry: url,
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_store_dir: join(dir, 'pnpm-store'),
      CI: 'true',
    };

    // 1. Publish: changesets' own publish command, without git tags.
    const packages = publishedPackages();
    log('changeset publish …');
    const out = sh('changeset publish', process.execPath, [join(REPO_ROOT, 'node_modules/@changesets/cli/bin.js'), 'publish', '--no-git-tag'], { cwd: REPO_ROOT, env });
    for (const p of packages) {
      const response = await get(`${url}${p.name.replace('/', '%2f')}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`publish: ${p.name}: the registry answered ${response.status}\n${out}`);
      const meta = await response.json();
      const published = meta.versions?.[p.manifest.version];
      if (!published) throw new Error(`publish: ${p.name}@${p.manifest.version} is not on the registry\n${out}`);
      const ranges = Object.entries({ ...published.dependencies, ...published.optionalDependencies, ...published.peerDependencies });
      const bad = ranges.filter(([, range]) => range.startsWith('workspace:'));
      if (bad.length > 0) throw new Error(`publish: ${p.name} was published with ${bad.map(([n, r]) => `${n}@${r}`).join(', ')}`);
      const ours = ranges.filter(([n]) => n.startsWith('@spikeflow/')).map(([n, r]) => `${n}@${r}`);
      if (ours.some((dep) => !/@\^\d+\.\d+\.\d+$/.test(dep))) throw new Error(`publish: ${p.name} depends on ${ours.join(', ')}`);
    }
    log(`published ${packages.length} packages: ${packages.map((p) => `${p.name}@${p.manifest.version}`).join(', ')}`);

    // 3 (in the background, as it mostly waits on the network). The command line, installed
    // globally into a temporary prefix.
    const prefix = join(dir, 'global');
    const globalInstall = shAsync('npm i -g @spikeflow/cli', 'npm', ['install', '-g', '--prefix', prefix, '@spikeflow/cli'], { cwd: dir, env });
    globalInstall.catch(() => {}); // awaited below

    // 2. Getting started, literally: its first shell block makes the project and installs.
    const guide = readFileSync(GUIDE, 'utf8');
    const [setup, ...runs] = shellBlocks(guide);
    const home = join(dir, 'user');
    mkdirSync(home);
    sh('getting started: install', 'bash', ['-euo', 'pipefail', '-c', setup], { cwd: home, env });
    const project = join(home, 'my-network');
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    if (manifest.type !== 'module') throw new Error(`getting started: package.json has type ${manifest.type}`);
    log(`getting started: installed ${Object.keys(manifest.dependencies).join(', ')}; dev ${Object.keys(manifest.devDependencies).join(', ')}`);

    // The files the guide shows (included from apps/docs-site/snippets), saved as it says.
    const included = [...guide.matchAll(/^<<< \.\.\/\.\.\/apps\/docs-site\/snippets\/(\S+)$/gm)].map((m) => m[1]);
    for (const name of included) copyFileSync(join(SNIPPETS, name), join(project, name));
    // The README's install line and example, in the same project.
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const install = readme.match(/^npm install @spikeflow\/[^\n]+$/m);
    if (!install) throw new Error('README: no `npm install @spikeflow/…` line');
    sh('README: install', 'bash', ['-euo', 'pipefail', '-c', install[0]], { cwd: project, env });
    const examples = readmeExamples(readme);
    examples.forEach((ex, k) => writeFileSync(join(project, `readme-${k + 1}.ts`), ex.code));
    // Not `any`: a user's code sees the types of recorded values.
    writeFileSync(
      join(project, 'types-are-not-any.ts'),
      [
        `import type { StateMonitor } from '@spikeflow/monitors';`,
        `type IsAny<T> = 0 extends 1 & T ? true : false;`,
        `export const values: IsAny<ReturnType<StateMonitor['values']>> = false;`,
        `export const element: IsAny<ReturnType<ReturnType<StateMonitor['values']>['get']>> = false;`,
        '',
      ].join('\n'),
    );

    // Its remaining shell blocks run in the project, and print what the page shows.
    const outputs = { 'first-network.ts': 'first-network.out.txt', 'first-figure.ts': 'first-figure.out.txt' };
    for (const block of runs) {
      for (const line of block.split('\n').filter((l) => l.trim() !== '')) {
        const stdout = sh(`getting started: ${line}`, 'bash', ['-euo', 'pipefail', '-c', line], { cwd: project, env });
        const file = Object.keys(outputs).find((f) => line === `npx tsx ${f}`);
        if (file && stdout !== readFileSync(join(SNIPPETS, outputs[file]), 'utf8')) throw new Error(`getting started: ${line} printed\n${stdout}`);
        log(`getting started: ${line} ✓`);
      }
    }
    for (const [k, ex] of examples.entries()) {
      const stdout = sh(`README example ${k + 1}`, 'npx', ['tsx', `readme-${k + 1}.ts`], { cwd: project, env });
      if (ex.expected !== undefined && stdout !== ex.expected) throw new Error(`README example ${k + 1} printed\n${stdout}`);
    }
    log(`README: ${examples.length} example(s) ran`);
    // tsc after everything is saved: the guide's tsconfig includes every .ts file of the project.
    sh('type check (strict, skipLibCheck: false)', 'npx', ['tsc', '-p', 'tsconfig.json'], { cwd: project, env });
    const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8'));
    if (tsconfig.compilerOptions.strict !== true || tsconfig.compilerOptions.skipLibCheck !== false) throw new Error('tsconfig: not strict with skipLibCheck false');
    log('tsc: the guide, the README example and the types check strictly with skipLibCheck: false');

    // Every installed package of ours has its licence and README, and real version ranges.
    for (const p of packages.filter((q) => manifest.dependencies[q.name])) {
      const installed = join(project, 'node_modules', p.name);
      for (const file of ['LICENSE', 'README.md', 'dist/index.js', 'dist/index.d.ts']) readFileSync(join(installed, file));
      if (readFileSync(join(installed, 'package.json'), 'utf8').includes('workspace:')) throw new Error(`${p.name}: installed package.json has workspace: ranges`);
    }

    // 3 (continued).
    await globalInstall;
    const spikeflow = join(prefix, 'bin/spikeflow');
    const version = sh('spikeflow --version', spikeflow, ['--version'], { cwd: home, env }).trim();
    const cliVersion = packages.find((p) => p.name === '@spikeflow/cli').manifest.version;
    if (version !== cliVersion) throw new Error(`spikeflow --version printed ${version}, expected ${cliVersion}`);
    sh('spikeflow run', spikeflow, ['run', 'decision', '--scenario', 'one-strong-current', '--seed', '3', '--out', 'results'], { cwd: home, env });
    const summary = JSON.parse(readFileSync(join(home, 'results/summary.json'), 'utf8'));
    log(`spikeflow ${version} (npm i -g): run decision wrote summary.json (winner ${summary.winner})`);
    log('passed');
  } finally {
    child.kill();
    if (process.env.SPIKEFLOW_KEEP_REGISTRY_TMP === '1') log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`registry-test [${elapsed()}]: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
