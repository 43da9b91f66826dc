import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, relative, resolve, sep, isAbsolute } from 'node:path';
import { SpikeflowError } from '@spikeflow/core';
import { crossCheck, durationSteps } from './cross-check.js';
import { formatPath } from './describe.js';
import { errorMap, formatIssue, fromZod, mergeIssues, type ExperimentIssue, type RawIssue } from './issues.js';
import { DEFAULT_REGISTRY, type ModelRegistry } from './registry.js';
import { anyPopulationSchema, buildSchema, type ExperimentSchema } from './schema.js';
import { parseJsonText, parseYamlText, type ParsedText } from './source-text.js';
import { parseCsv } from './csv.js';
import type { Experiment } from './types.js';

/** Largest experiment file read by {@link loadExperimentFile}: 16 MiB. */
export const MAX_EXPERIMENT_BYTES = 16 * 1024 * 1024;
/** Largest CSV current file read: 256 MiB. */
export const MAX_CSV_BYTES = 256 * 1024 * 1024;

/**
 * An experiment file that cannot be used: bad syntax, or any number of validation errors, all
 * reported at once. `message` lists every issue, one per line, each with its field path (and
 * line:column when parsed from text).
 *
 * @example
 * try { parseExperiment(text, { format: 'yaml' }); }
 * catch (e) { if (e instanceof ExperimentFileError) for (const i of e.issues) console.log(i.path, i.message); }
 */
export class ExperimentFileError extends SpikeflowError {
  /** Every problem found, in file order where known. */
  readonly issues: readonly ExperimentIssue[];
  /** The file, when known. */
  readonly file: string | undefined;

  constructor(issues: readonly ExperimentIssue[], file?: string, code = 'invalid-experiment') {
    const n = issues.length;
    const head = `${file ? `experiment file ${file}` : 'experiment'}: ${n} error${n === 1 ? '' : 's'}`;
    super(code, [head, ...issues.map((i) => `  ${formatIssue(i, file)}`)].join('\n'));
    this.name = 'ExperimentFileError';
    this.issues = issues;
    this.file = file;
  }
}

export type ExperimentFormat = 'json' | 'yaml';

export interface ParseOptions {
  readonly format: ExperimentFormat;
  /** File name used in messages. */
  readonly path?: string;
  /** Models files may name (default: the models of `@spikeflow/neurons` and `@spikeflow/connectivity`). */
  readonly registry?: ModelRegistry;
}

const schemas = new WeakMap<ModelRegistry, ExperimentSchema>();

/**
 * The zod schema of experiment files for a registry (structure only: cross-field checks are in
 * {@link validateExperiment}).
 *
 * @example
 * experimentSchema().safeParse(data).success;
 */
export function experimentSchema(registry: ModelRegistry = DEFAULT_REGISTRY): ExperimentSchema {
  let schema = schemas.get(registry);
  if (!schema) {
    schema = buildSchema(registry);
    schemas.set(registry, schema);
  }
  return schema;
}

/**
 * Validates parsed data (from JSON, YAML or code) against the schema and the cross-field checks,
 * returning every issue (empty when valid) and the typed experiment when valid.
 *
 * @example
 * const { experiment, issues } = validateExperiment(JSON.parse(text));
 */
export function validateExperiment(
  data: unknown,
  options: { registry?: ModelRegistry; locate?: ParsedText['locate'] } = {},
): { experiment?: Experiment; issues: ExperimentIssue[] } {
  const registry = options.registry ?? DEFAULT_REGISTRY;
  const cross = crossCheck(data, registry);
  // Cyclic data (a recursive YAML alias) cannot be walked by the schema.
  const cyclic = cross.some((i) => i.fatal);
  const result = cyclic ? undefined : experimentSchema(registry).safeParse(data, { error: errorMap, reportInput: true });
  const structural: RawIssue[] = result && !result.success ? fromZod(result.error.issues) : [];
  if (result && !result.success) structural.push(...unknownModelPopulations(data, registry));
  const raw = mergeIssues(structural, cross);
  const issues = locateIssues(raw, options.locate);
  if (issues.length > 0 || !result?.success) return { issues };
  return { experiment: result.data as Experiment, issues };
}

/** The other fields of populations whose model is unknown (the discriminated union stops at the model). */
function unknownModelPopulations(data: unknown, registry: ModelRegistry): RawIssue[] {
  const pops = typeof data === 'object' && data !== null && Object.hasOwn(data, 'populations') ? (data as { populations: unknown }).populations : undefined;
  if (typeof pops !== 'object' || pops === null || Array.isArray(pops)) return [];
  const out: RawIssue[] = [];
  for (const [name, p] of Object.entries(pops)) {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) continue;
    const model: unknown = Object.hasOwn(p, 'model') ? (p as { model: unknown }).model : undefined;
    if (typeof model === 'string' && registry.neurons.has(model)) continue;
    const r = anyPopulationSchema.safeParse(p, { error: errorMap, reportInput: true });
    if (!r.success) out.push(...fromZod(r.error.issues, ['populations', name]).filter((i) => i.path[2] !== 'model'));
  }
  return out;
}

function locateIssues(raw: readonly RawIssue[], locate: ParsedText['locate'] | undefined): ExperimentIssue[] {
  const issues = raw.map((i) => ({ path: formatPath(i.path), message: i.message, ...(locate?.(i.path) ?? {}) }));
  if (issues.every((i) => i.line !== undefined)) {
    return issues.map((i, k) => ({ i, k })).sort((a, b) => a.i.line! - b.i.line! || a.i.column! - b.i.column! || a.k - b.k).map(({ i }) => i);
  }
  return issues;
}

/**
 * Parses and validates an experiment file's text. Throws {@link ExperimentFileError} listing every
 * problem (syntax errors with line and column; validation errors with field path, value found and
 * what was expected). Nothing in the file is evaluated: YAML is read with the core schema (plain
 * data, no tags), models are looked up by name in the registry.
 *
 * @example
 * const experiment = parseExperiment(readFileSync('net.yaml', 'utf8'), { format: 'yaml', path: 'net.yaml' });
 */
export function parseExperiment(text: string, options: ParseOptions): Experiment {
  if (typeof text !== 'string') throw new ExperimentFileError([{ path: '(file)', message: `expected the text of a file, found a ${typeof text}` }], options.path);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { parsed, errors } = options.format === 'json' ? parseJsonText(source) : options.format === 'yaml' ? parseYamlText(source) : { errors: [{ path: '(file)', message: `unknown format ${String(options.format)}; expected 'json' or 'yaml'` }] };
  if (!parsed || errors.length > 0) throw new ExperimentFileError(errors, options.path, 'experiment-syntax');
  const { experiment, issues } = validateExperiment(parsed.data, { ...(options.registry ? { registry: options.registry } : {}), locate: parsed.locate });
  if (!experiment) throw new ExperimentFileError(issues, options.path);
  return experiment;
}

/** `json` for `.json`, `yaml` for `.yaml` / `.yml`, undefined otherwise. */
export function formatOf(filePath: string): ExperimentFormat | undefined {
  const ext = extname(filePath).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined;
}

/**
 * Reads, parses and validates an experiment file (format by extension: `.json`, `.yaml`, `.yml`),
 * then reads the CSV currents it names — relative to the file, inside its folder — checks their
 * shape and returns them inlined as `rows` (so the experiment builds without further file access).
 *
 * @example
 * const experiment = await loadExperimentFile('examples/decision-default.json');
 * const { network, steps } = buildExperiment(experiment);
 */
export async function loadExperimentFile(filePath: string, options: { registry?: ModelRegistry } = {}): Promise<Experiment> {
  const format = formatOf(filePath);
  if (!format) {
    throw new ExperimentFileError([{ path: '(file)', message: `unknown file extension '${extname(filePath)}'; expected .json, .yaml or .yml` }], filePath, 'experiment-syntax');
  }
  let text: string;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (info.size > MAX_EXPERIMENT_BYTES) {
      throw new ExperimentFileError([{ path: '(file)', message: `file is ${info.size} bytes; expected at most ${MAX_EXPERIMENT_BYTES}` }], filePath, 'experiment-syntax');
    }
    text = await readFile(filePath, 'utf8');
  } catch (err) {
    if (err instanceof ExperimentFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ExperimentFileError([{ path: '(file)', message: `cannot read the file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'not a file' : code})` }], filePath, 'experiment-read');
  }
  const experiment = parseExperiment(text, { format, path: filePath, ...options });
  return resolveCsvCurrents(experiment, dirname(filePath), filePath);
}

/**
 * Reads the CSV currents of an experiment (paths relative to `baseDir`, which they may not leave,
 * symbolic links included), checks each against its target's size and the run length, and
 * returns the experiment with them inlined as `rows`.
 *
 * @example
 * const inlined = await resolveCsvCurrents(experiment, 'examples');
 */
export async function resolveCsvCurrents(experiment: Experiment, baseDir: string, file?: string): Promise<Experiment> {
  const stimuli = experiment.stimuli;
  if (!stimuli?.some((s) => s.source.type === 'array' && s.source.csv !== undefined)) return experiment;
  const issues: ExperimentIssue[] = [];
  const root = await realpath(baseDir);
  const steps = experiment.steps ?? durationSteps(experiment.duration ?? 0, experiment.dt) ?? 0;
  const out = await Promise.all(
    stimuli.map(async (s, i) => {
      if (s.source.type !== 'array' || s.source.csv === undefined) return s;
      const path = `stimuli[${i}].source.csv`;
      const csvPath = s.source.csv;
      const fail = (message: string) => {
        issues.push({ path, message });
        return s;
      };
      let real: string;
      try {
        real = await realpath(resolve(root, csvPath));
      } catch {
        return fail(`cannot read ${JSON.stringify(csvPath)}: no such file (relative to ${baseDir})`);
      }
      const rel = relative(root, real);
      if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return fail(`${JSON.stringify(csvPath)} leads outside the experiment's folder; expected a file inside it`);
      const info = await stat(real);
      if (!info.isFile()) return fail(`${JSON.stringify(csvPath)} is not a file`);
      if (info.size > MAX_CSV_BYTES) return fail(`${JSON.stringify(csvPath)} is ${info.size} bytes; expected at most ${MAX_CSV_BYTES}`);
      const size = experiment.populations[s.target]!.size;
      const parsed = parseCsv(await readFile(real, 'utf8'));
      if ('error' in parsed) return fail(`${csvPath} line ${parsed.line}, value ${parsed.value}: ${parsed.error}`);
      const bad = parsed.rows.findIndex((r) => r.length !== size);
      if (bad >= 0) return fail(`${csvPath} line ${parsed.lines[bad]}: expected ${size} values (one per neuron of ${s.target}), found ${parsed.rows[bad]!.length}`);
      if (parsed.rows.length < steps) return fail(`${csvPath}: expected at least ${steps} rows (one per step of the run), found ${parsed.rows.length}`);
      const { csv: _csv, ...rest } = s.source;
      return { ...s, source: { ...rest, rows: parsed.rows } };
    }),
  );
  if (issues.length > 0) throw new ExperimentFileError(issues, file);
  return { ...experiment, stimuli: out };
}
