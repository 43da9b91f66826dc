import { SpikeflowError } from '@spikeflow/core';
import { crossCheck } from './cross-check.js';
import { formatPath } from './describe.js';
import { errorMap, formatIssue, fromZod, mergeIssues, type ExperimentIssue, type RawIssue } from './issues.js';
import { DEFAULT_REGISTRY, type ModelRegistry } from './registry.js';
import { anyPopulationSchema, buildSchema, type ExperimentSchema } from './schema.js';
import { parseJsonText, parseYamlText, type ParsedText } from './source-text.js';
import type { Experiment } from './types.js';

/** Largest experiment file read by `loadExperimentFile` (`@spikeflow/experiment-file/node`): 16 MiB. */
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

/** The text formats of experiment files (see {@link formatOf} for the file extensions). */
export type ExperimentFormat = 'json' | 'yaml';

/** Options of {@link parseExperiment}. */
export interface ParseOptions {
  /** Syntax of the text: `json`, or `yaml` (YAML 1.2 core schema: plain data, no tags). */
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
): {
  /** The data typed as an experiment; absent when there is any issue. */
  experiment?: Experiment;
  /** Every problem found (field path and message), in file order where known; empty when valid. */
  issues: ExperimentIssue[];
} {
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

/** The extension of a path's last segment, dot included (`''` when none), as `path.extname` gives it. */
export function extensionOf(filePath: string): string {
  const base = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

/** `json` for `.json`, `yaml` for `.yaml` / `.yml`, undefined otherwise. */
export function formatOf(filePath: string): ExperimentFormat | undefined {
  const ext = extensionOf(filePath).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined;
}
