import { isMap, isScalar, isSeq, visit, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ExperimentIssue } from './issues.js';
import { jsonSyntaxError } from './json-error.js';

/** Maximum number of alias expansions when converting YAML to data (bounds "billion laughs" files). */
export const MAX_ALIAS_COUNT = 100;

/** Data parsed from text, with a way to find where a field path is in that text. */
export interface ParsedText {
  readonly data: unknown;
  /** 1-based line and column of a path (of the deepest part that exists), or undefined. */
  locate(path: readonly PropertyKey[]): { line: number; column: number } | undefined;
}

/** A syntax error (bad JSON or YAML, a forbidden tag) at a place in the text. */
export type SyntaxIssue = ExperimentIssue;

const lineColumn = (text: string, offset: number) => {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last };
};

function yamlDocument(text: string): { doc: Document.Parsed; lines: LineCounter } {
  const lines = new LineCounter();
  // The core schema (YAML 1.2 JSON-compatible types) and no known or custom tags: plain data only.
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    customTags: [],
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
    lineCounter: lines,
  });
  return { doc, lines };
}

function locator(doc: Document.Parsed, lines: LineCounter) {
  return (path: readonly PropertyKey[]) => {
    let node: unknown = doc.contents;
    let offset = (node as Node | null)?.range?.[0];
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key));
        if (!pair) break;
        offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
        node = node.items[key];
        offset = (node as Node).range?.[0] ?? offset;
      } else {
        break;
      }
    }
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
}

/**
 * Parses YAML as plain data: the core schema only, so no tag can construct anything — any
 * explicit tag (`!!js/function`, `!!binary`, `!foo`, …) is an error, as are duplicate keys, several
 * documents and more than {@link MAX_ALIAS_COUNT} alias expansions.
 */
export function parseYamlText(text: string): { parsed?: ParsedText; errors: SyntaxIssue[] } {
  const { doc, lines } = yamlDocument(text);
  const errors: SyntaxIssue[] = [];
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const tagMessage = (tag: string) => `YAML tags are not allowed (found ${shortTag(tag)}); experiment files hold plain data only`;
  const unresolved = new Set<string>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    const tag = e.code === 'TAG_RESOLVE_FAILED' ? /Unresolved tag: (.*)$/m.exec(e.message)?.[1] : undefined;
    if (tag !== undefined) unresolved.add(tag);
    const message = tag !== undefined ? tagMessage(tag) : `YAML ${e.name === 'YAMLWarning' ? 'error' : 'syntax error'}: ${e.message.split('\n')[0]}`;
    errors.push({ path: '(file)', message, ...at(e.pos[0]) });
  }
  // Tags the core schema knows (!!str, !!int, !!map, …) resolve silently; they are refused too.
  visit(doc, (_key, node) => {
    if (node !== null && typeof node === 'object' && 'tag' in node && typeof node.tag === 'string' && node.tag !== '' && !unresolved.has(node.tag)) {
      // The node's range starts after its tag: point at the tag itself when it is on the same line.
      const start = (node as Node).range?.[0];
      let bang = start === undefined ? -1 : text.lastIndexOf('!', start);
      while (bang > 0 && text[bang - 1] === '!') bang--; // `!!str`: the first `!`
      const onLine = start !== undefined && bang >= 0 && !text.slice(bang, start).includes('\n');
      errors.push({ path: '(file)', message: tagMessage(node.tag), ...at(onLine ? bang : start) });
    }
  });
  if (errors.length > 0) return { errors };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { errors: [{ path: '(file)', message: `YAML error: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  return { parsed: { data, locate: locator(doc, lines) }, errors };
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/**
 * Parses JSON with `JSON.parse` (plain data by construction), reporting syntax errors with line
 * and column. Field locations come from reading the same text as YAML (JSON is YAML 1.2).
 */
export function parseJsonText(text: string): { parsed?: ParsedText; errors: SyntaxIssue[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const found = jsonSyntaxError(text);
    if (found) return { errors: [{ path: '(file)', message: `JSON syntax error: ${found.message}`, ...lineColumn(text, found.offset) }] };
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return { errors: [{ path: '(file)', message: `JSON syntax error: ${message.slice(0, 200)}` }] };
  }
  const { doc, lines } = yamlDocument(text);
  const duplicate = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
  if (duplicate) {
    const { line, col } = lines.linePos(duplicate.pos[0]);
    return { errors: [{ path: '(file)', message: 'JSON error: duplicate key (keys of an object must be unique)', line, column: col }] };
  }
  const locate = doc.errors.length === 0 ? locator(doc, lines) : () => undefined;
  return { parsed: { data, locate }, errors: [] };
}
