import type { z } from 'zod';
import { describeValue, formatPath, oneOf } from './describe.js';

/** One problem in an experiment file: where (field path, and line/column when parsed from text) and what. */
export interface ExperimentIssue {
  /** Field path, e.g. `connections[2].connector.p`; `(file)` for the file as a whole. */
  readonly path: string;
  /** What was found and what was expected. */
  readonly message: string;
  /** 1-based line of the field in the file, when known. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly column?: number;
}

/** An issue before its path is formatted and located. */
export interface RawIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** Set by checks that must win over a structural issue at the same path. */
  readonly replaces?: boolean;
  /** The data cannot be walked (cyclic or too deep): structural validation is skipped. */
  readonly fatal?: boolean;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
  record: 'an object',
  null: 'null',
};

/**
 * zod error map giving every message the form "expected …, found …". Schema-level messages (unknown
 * model, unknown parameter, …) take precedence over it.
 */
export const errorMap: z.core.$ZodErrorMap = (iss) => {
  const found = describeValue(iss.input);
  switch (iss.code) {
    case 'invalid_type': {
      const expected = EXPECTED[iss.expected] ?? iss.expected;
      if (iss.input === undefined) return `missing required field; expected ${expected}`;
      if (typeof iss.input === 'number' && (iss.expected === 'number' || iss.expected === 'int') && !Number.isFinite(iss.input)) {
        return `expected a finite number, found ${found}`;
      }
      return `expected ${expected}, found ${found}`;
    }
    case 'too_small': {
      const min = String(iss.minimum);
      if (iss.origin === 'array' || iss.origin === 'set') return `expected at least ${min} item${min === '1' ? '' : 's'}, found ${Array.isArray(iss.input) ? iss.input.length : found}`;
      if (iss.origin === 'string') return iss.minimum === 1 ? 'expected a non-empty string' : `expected at least ${min} characters, found ${found}`;
      return `expected a number ${iss.inclusive ? '>=' : '>'} ${min}, found ${found}`;
    }
    case 'too_big': {
      const max = String(iss.maximum);
      if (iss.origin === 'array' || iss.origin === 'set') return `expected at most ${max} item${max === '1' ? '' : 's'}, found ${Array.isArray(iss.input) ? iss.input.length : found}`;
      if (iss.origin === 'string') return `expected at most ${max} characters, found ${typeof iss.input === 'string' ? iss.input.length : found}`;
      return `expected a number ${iss.inclusive ? '<=' : '<'} ${max}, found ${found}`;
    }
    case 'invalid_value':
      return `expected ${oneOf(iss.values)}, found ${found}`;
    case 'invalid_format':
      return `expected a string of format ${iss.format}${'pattern' in iss && iss.pattern ? ` ${String(iss.pattern)}` : ''}, found ${found}`;
    case 'invalid_key':
      return iss.issues[0]?.message ?? `invalid key ${found}`;
    case 'unrecognized_keys':
      return 'unknown field {key}';
    case 'invalid_union':
      return `expected one of several forms, found ${found}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(iss.divisor)}, found ${found}`;
    case 'custom':
      return typeof iss.message === 'string' ? iss.message : `invalid value ${found}`;
    default:
      return `invalid value ${found}`;
  }
};

/**
 * zod's issues as one issue per problem: an unknown-keys issue becomes one issue per key, with the
 * key in its path.
 */
export function fromZod(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): RawIssue[] {
  const out: RawIssue[] = [];
  for (const iss of issues) {
    const path = [...prefix, ...iss.path];
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) out.push({ path: [...path, key], message: iss.message.replace('{key}', describeValue(key)) });
      continue;
    }
    if (iss.code === 'invalid_union' && iss.errors.length > 0) {
      // When exactly one form of a union matches the value's shape (its issues are all inside
      // the value), report that form's issues: `threshold.uniform.max: missing …` rather than
      // "expected one of several forms".
      const matching = iss.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
      if (matching.length === 1) {
        out.push(...fromZod(matching[0]!, path));
        continue;
      }
    }
    out.push({ path, message: iss.message });
  }
  return out;
}

/** Drops exact duplicates and structural issues superseded by a `replaces` issue at the same path. */
export function mergeIssues(structural: readonly RawIssue[], cross: readonly RawIssue[]): RawIssue[] {
  const replaced = new Set(cross.filter((i) => i.replaces).map((i) => formatPath(i.path)));
  const seen = new Set<string>();
  const out: RawIssue[] = [];
  for (const i of [...structural.filter((s) => !replaced.has(formatPath(s.path))), ...cross]) {
    const key = `${formatPath(i.path)}\0${i.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return out;
}

/**
 * Formats an issue as one line: `file:line:column: path: message` (compiler style).
 *
 * @example
 * formatIssue({ path: 'dt', message: 'expected a number > 0, found -1', line: 3, column: 5 }, 'a.yaml');
 * // 'a.yaml:3:5: dt: expected a number > 0, found -1'
 */
export function formatIssue(issue: ExperimentIssue, source?: string): string {
  const at = issue.line !== undefined ? { line: issue.line, column: issue.column ?? 1 } : undefined;
  const where = source ? (at ? `${source}:${at.line}:${at.column}: ` : `${source}: `) : at ? `line ${at.line}, column ${at.column}: ` : '';
  return `${where}${issue.path === '(file)' ? '' : `${issue.path}: `}${issue.message}`;
}
