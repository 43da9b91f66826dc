/**
 * Experiment files from the file system (Node only: `node:fs`, `node:path`): reading a file,
 * reading the CSV currents it names, and building an experiment whose CSV currents are still
 * paths. The rest of the package works on text and data and runs anywhere.
 */
import { readFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { StateSink } from '@spikeflow/core';
import type { StateMonitor } from '@spikeflow/monitors';
import { buildExperiment as buildInlined, type BuildOptions, type BuiltExperiment } from './build.js';
import { durationSteps } from './cross-check.js';
import { parseCsv } from './csv.js';
import type { ExperimentIssue } from './issues.js';
import { ExperimentFileError, extensionOf, formatOf, MAX_CSV_BYTES, MAX_EXPERIMENT_BYTES, parseExperiment } from './parse.js';
import type { ModelRegistry } from './registry.js';
import type { Experiment } from './types.js';

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
    throw new ExperimentFileError([{ path: '(file)', message: `unknown file extension '${extensionOf(filePath)}'; expected .json, .yaml or .yml` }], filePath, 'experiment-syntax');
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

/** Options of the file-reading {@link buildExperiment}: those of the package's, plus where CSV currents are. */
export interface FileBuildOptions<S extends StateSink = StateMonitor> extends BuildOptions<S> {
  /** Folder that CSV currents not yet inlined are read from (default: the working directory). */
  readonly baseDir?: string;
}

/**
 * `buildExperiment` of `@spikeflow/experiment-file` for experiments whose CSV currents are still
 * paths (as `parseExperiment` leaves them): reads them synchronously from `baseDir`, inlines them,
 * then builds. Experiments from {@link loadExperimentFile} are already inlined.
 *
 * @example
 * const experiment = parseExperiment(readFileSync('net.yaml', 'utf8'), { format: 'yaml' });
 * const { network, steps } = buildExperiment(experiment, { baseDir: '.' });
 */
export function buildExperiment<S extends StateSink = StateMonitor>(experiment: Experiment, options: FileBuildOptions<S> = {}): BuiltExperiment<S> {
  const { baseDir, ...rest } = options;
  const stimuli = experiment.stimuli?.map((s, i) => {
    if (s.source.type !== 'array' || s.source.csv === undefined || s.source.rows !== undefined) return s;
    const { csv, ...source } = s.source;
    const target = experiment.populations[s.target];
    return { ...s, source: { ...source, rows: csvRows(csv, target?.size ?? 0, `stimuli[${i}].source.csv`, baseDir) } };
  });
  return buildInlined(stimuli ? { ...experiment, stimuli } : experiment, rest);
}

/** One CSV current, read synchronously from `baseDir`. */
function csvRows(csv: string, size: number, path: string, baseDir: string | undefined): number[][] {
  const parsed = parseCsv(readFileSync(resolve(baseDir ?? process.cwd(), csv), 'utf8'));
  if ('error' in parsed) throw new ExperimentFileError([{ path, message: `${csv} line ${parsed.line}, value ${parsed.value}: ${parsed.error}` }]);
  const bad = parsed.rows.findIndex((r) => r.length !== size);
  if (bad >= 0) throw new ExperimentFileError([{ path, message: `${csv} line ${parsed.lines[bad]}: expected ${size} values per row, found ${parsed.rows[bad]!.length}` }]);
  return parsed.rows;
}
