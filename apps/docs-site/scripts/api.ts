/**
 * API reference: typedoc HTML for every published package (`packages/*` whose package.json is not
 * `private`), merged into one site under `<base>api/`. Entry points come from each package's
 * `exports` (typedoc maps `dist/*.d.ts` back to `src/*.ts` through the package's tsconfig).
 *
 * Missing doc comments do not fail the build: they are listed in
 * `.vitepress/reports/undocumented.txt` (and counted on the console).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Application, EntryPointStrategy, LogLevel, ReflectionKind, type DeclarationReflection, type ProjectReflection, type Reflection, type TypeDocOptions } from 'typedoc';
import { API_DIR, DOCS_DIR, GENERATED_DIR, REPO_ROOT, REPORT_DIR } from './paths.js';

/** Where "Defined in" links point: the line in the repository on GitHub. */
const SOURCE_LINK = 'https://github.com/spikeflow/spikeflow/blob/{gitRevision}/{path}#L{line}';

export interface PublishedPackage {
  readonly name: string;
  readonly dir: string;
  readonly description: string;
}

/** The packages typedoc documents: every non-private `packages/*` with a source entry point. */
export function publishedPackages(root = REPO_ROOT): PublishedPackage[] {
  const dir = resolve(root, 'packages');
  const out: PublishedPackage[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const pkgFile = join(dir, entry, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { name: string; private?: boolean; description?: string };
    if (pkg.private) continue;
    // A package being written may not have its entry point yet; it cannot be documented.
    if (!existsSync(join(dir, entry, 'src/index.ts'))) {
      console.warn(`api: skipping ${pkg.name}: no src/index.ts yet`);
      continue;
    }
    out.push({ name: pkg.name, dir: join(dir, entry), description: pkg.description ?? '' });
  }
  return out;
}

const DOCUMENTABLE =
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.Function |
  ReflectionKind.TypeAlias |
  ReflectionKind.Variable |
  ReflectionKind.Enum |
  ReflectionKind.Namespace;

function hasDoc(r: Reflection): boolean {
  if (r.hasComment()) return true;
  const d = r as DeclarationReflection;
  // Functions carry their comments on signatures; classes may on the constructor.
  return (d.signatures ?? []).some((s) => s.hasComment()) || (d.type?.type === 'reflection' && (d.type.declaration.signatures ?? []).some((s) => s.hasComment()));
}

/** A source path as typedoc recorded it (absolute, or relative to a package or its src/), from the repository root. */
function repoPath(fileName: string, fullFileName: string, pkgDir: string | undefined): string {
  const candidates = [fullFileName, ...(pkgDir ? [join(pkgDir, 'src', fileName), join(pkgDir, fileName)] : []), resolve(REPO_ROOT, 'packages', fileName), resolve(REPO_ROOT, fileName)];
  const found = candidates.find((c) => isAbsolute(c) && existsSync(c));
  return found ? relative(REPO_ROOT, found) : fileName;
}

/** Exported top-level symbols without a doc comment, as `package: Kind name (file:line)`. */
export function undocumentedExports(project: ProjectReflection, packages: readonly PublishedPackage[] = publishedPackages()): string[] {
  const out: string[] = [];
  const visit = (module: DeclarationReflection | ProjectReflection, label: string) => {
    for (const child of module.children ?? []) {
      if (child.kindOf(ReflectionKind.Module)) {
        visit(child, `${label}/${child.name}`);
        continue;
      }
      if (!child.kindOf(DOCUMENTABLE) || hasDoc(child)) continue;
      const source = child.sources?.[0];
      const pkgDir = packages.find((p) => p.name === label.split('/').slice(0, 2).join('/'))?.dir;
      const where = source ? ` (${repoPath(source.fileName, source.fullFileName, pkgDir)}:${source.line})` : '';
      out.push(`${label}: ${ReflectionKind.singularString(child.kind)} ${child.name}${where}`);
    }
  };
  for (const pkg of project.children ?? []) visit(pkg, pkg.name);
  return out;
}

/** Exports of a package by kind, e.g. `12 functions, 3 classes`. */
function exportCounts(pkg: DeclarationReflection): string {
  const kinds: [ReflectionKind, string, string][] = [
    [ReflectionKind.Function, 'function', 'functions'],
    [ReflectionKind.Class, 'class', 'classes'],
    [ReflectionKind.Interface, 'interface', 'interfaces'],
    [ReflectionKind.TypeAlias, 'type', 'types'],
    [ReflectionKind.Variable, 'constant', 'constants'],
  ];
  const all: DeclarationReflection[] = [];
  const collect = (m: DeclarationReflection) => (m.children ?? []).forEach((c) => (c.kindOf(ReflectionKind.Module) ? collect(c) : all.push(c)));
  collect(pkg);
  return kinds
    .map(([kind, one, many]) => [all.filter((c) => c.kindOf(kind)).length, one, many] as const)
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}

/** The id VitePress gives a `### @spikeflow/core` heading: `spikeflow-core`. */
export const packageAnchor = (name: string): string => name.replace(/^@/, '').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();

/** `docs/_generated/api-packages.md`: one section per package, linking to its API pages. */
function packageIndex(project: ProjectReflection, packages: readonly PublishedPackage[], urlOf: (r: DeclarationReflection) => string): string {
  const lines = ['<!-- generated by apps/docs-site/scripts/api.ts from the typedoc project; do not edit -->', ''];
  for (const pkg of project.children ?? []) {
    const info = packages.find((p) => p.name === pkg.name);
    lines.push(`### ${pkg.name} {#${packageAnchor(pkg.name)}}`, '');
    if (info?.description) lines.push(info.description, '');
    lines.push(`[API pages of \`${pkg.name}\`](/api/${urlOf(pkg)}) — ${exportCounts(pkg)}.`, '');
  }
  return lines.join('\n');
}

/** Removes terminal colour codes from a log message. */
const stripAnsi = (text: string): string => text.split(String.fromCharCode(27)).map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, ''))).join('');

export interface ApiResult {
  readonly packages: readonly PublishedPackage[];
  readonly undocumented: readonly string[];
  /** typedoc's warnings and errors (validation: symbols referenced but not exported, bad links). */
  readonly messages: readonly string[];
}

/** What a package's main entry is called where it has subpaths too (typedoc leaves its name empty). */
const MAIN_ENTRY = 'main entry';

/** Every Markdown file under `dir`. */
const markdownFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));

/**
 * A package with subpaths (`@spikeflow/core/ir`, …) is a typedoc module per entry, and its main
 * entry's module has an empty name: its page is titled `# `, links to it read `[](…)` (nothing
 * to click), and the sidebar leaves it out. Name it, link it, and list it first in the sidebar.
 * (Renaming the reflection instead would change the names the undocumented report uses.)
 */
function nameMainEntries(project: ProjectReflection): void {
  for (const file of markdownFiles(API_DIR)) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replaceAll('[](', `[${MAIN_ENTRY}](`).replace(/^(\[.*\) \/ )$/m, `$1${MAIN_ENTRY}`).replace(/^# $/m, `# ${MAIN_ENTRY}`);
    if (fixed !== text) writeFileSync(file, fixed);
  }
  const sidebarFile = join(API_DIR, 'typedoc-sidebar.json');
  if (!existsSync(sidebarFile)) return;
  type Item = { text: string; link?: string; items?: Item[] };
  const sidebar = JSON.parse(readFileSync(sidebarFile, 'utf8')) as Item[];
  for (const pkg of project.children ?? []) {
    const hasMain = (pkg.children ?? []).some((m) => m.kindOf(ReflectionKind.Module) && m.name === '');
    const item = sidebar.find((i) => i.text === pkg.name);
    if (!hasMain || !item?.link) continue;
    item.items = [{ text: MAIN_ENTRY, link: `${item.link}README` }, ...(item.items ?? [])];
  }
  writeFileSync(sidebarFile, JSON.stringify(sidebar));
}

/** Generates the API pages (Markdown, with a sidebar) into `docs/api`. */
export async function buildApi(options: { quiet?: boolean } = {}): Promise<ApiResult> {
  const packages = publishedPackages();
  if (packages.length === 0) throw new Error('api: no published packages found under packages/');
  rmSync(API_DIR, { recursive: true, force: true });
  const app = await Application.bootstrapWithPlugins({
    name: 'spikeflow API',
    entryPoints: packages.map((p) => p.dir),
    entryPointStrategy: EntryPointStrategy.Packages,
    packageOptions: {
      excludePrivate: true,
      excludeInternal: true,
      // Every package's "Defined in" links to its line on GitHub.
      disableGit: true,
      sourceLinkTemplate: SOURCE_LINK,
      gitRevision: 'main',
      basePath: REPO_ROOT,
      // typedoc's link {path} is relative to this (else to the package's common source folder).
      displayBasePath: REPO_ROOT,
    },
    // Markdown pages inside the VitePress site (one navigation, one search), with a sidebar.
    plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
    out: API_DIR,
    docsRoot: DOCS_DIR,
    sidebar: { autoConfiguration: true, format: 'vitepress', pretty: false, collapsed: true },
    entryFileName: 'index',
    // Paths without the @scope: VitePress's client router mishandles '@' in page paths.
    excludeScopesInPaths: true,
    readme: 'none',
    includeVersion: false,
    hidePageHeader: true,
    hideBreadcrumbs: false,
    useCodeBlocks: true,
    parametersFormat: 'table',
    // Members as sections (name, type, comment, source link): five-column tables squeezed the
    // comments into a sliver of the content column and hid the source links off its edge.
    interfacePropertiesFormat: 'list',
    classPropertiesFormat: 'list',
    expandObjects: true,
    cleanOutputDir: true,
    logLevel: options.quiet ? LogLevel.Error : LogLevel.Warn,
    treatWarningsAsErrors: false,
    // Undocumented symbols and members are collected below and fail the build.
    validation: { notExported: true, invalidLink: true, notDocumented: true },
    packagesRequiringDocumentation: packages.map((p) => p.name),
  } as Partial<TypeDocOptions>);
  // Keep typedoc's warnings for the report as well as printing them.
  const messages: string[] = [];
  const log = app.logger.log.bind(app.logger);
  app.logger.log = (message: string, level: Exclude<LogLevel, LogLevel.None>) => {
    // Without a usable git remote typedoc says "Defined in" without links, which is what we want.
    if (/git remote/.test(message)) return;
    if (level >= LogLevel.Warn) messages.push(`${LogLevel[level].toLowerCase()}: ${stripAnsi(message)}`);
    log(message, level);
  };
  const project = await app.convert();
  if (!project) throw new Error('api: typedoc could not convert the packages (see the messages above)');
  app.validate(project);
  await app.generateOutputs(project);
  nameMainEntries(project);
  const router = app.renderer.router;
  const urlOf = (r: DeclarationReflection) => (router?.hasUrl(r) ? router.getFullUrl(r) : `${r.name.replace(/^@[^/]+\//, "")}/index.md`);
  mkdirSync(GENERATED_DIR, { recursive: true });
  writeFileSync(join(GENERATED_DIR, 'api-packages.md'), packageIndex(project, packages, urlOf));
  // typedoc's notDocumented validation: every exported symbol and member without a comment, as
  // `@spikeflow/core.ModelDefinition.name (Property)`.
  const undocumented = messages.flatMap((m) => m.match(/(\S+ \([A-Za-z]+\)), defined in .* does not have any documentation/)?.[1] ?? []);
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(
    join(REPORT_DIR, 'undocumented.txt'),
    `# Exported symbols and members without a doc comment (${undocumented.length}), from typedoc's notDocumented validation\n${[...undocumented].sort().join('\n')}\n`,
  );
  writeFileSync(join(REPORT_DIR, 'typedoc-warnings.txt'), `# typedoc warnings and errors (${messages.length})\n${messages.join('\n')}\n`);
  return { packages, undocumented, messages };
}
