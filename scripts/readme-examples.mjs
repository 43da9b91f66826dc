// The runnable examples of a README: every ```ts block is an ES module a reader can paste into a
// file and run; a ```text block right after it (blank lines allowed between) is what it prints.
// Used by scripts/test/readme-examples.test.ts (against the workspace) and scripts/registry-test.mjs
// (against packages installed from a registry).
import ts from 'typescript';

/**
 * The ```ts blocks of a Markdown text, each with the ```text block that follows it, if any.
 * @param {string} markdown
 * @returns {{ code: string, expected: string | undefined, line: number }[]}
 */
export function readmeExamples(markdown) {
  const fence = /^```(\w*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  const blocks = [];
  for (let m; (m = fence.exec(markdown)); ) {
    blocks.push({ lang: m[1], body: m[2], start: m.index, end: fence.lastIndex });
  }
  const out = [];
  blocks.forEach((b, k) => {
    if (b.lang !== 'ts') return;
    const next = blocks[k + 1];
    const between = next ? markdown.slice(b.end, next.start) : '';
    const expected = next && next.lang === 'text' && between.trim() === '' ? next.body : undefined;
    out.push({ code: b.body, expected, line: markdown.slice(0, b.start).split('\n').length });
  });
  return out;
}

/**
 * A TypeScript example as the JavaScript module Node runs (types stripped, imports kept).
 * @param {string} code
 */
export function toJavaScript(code) {
  return ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true } }).outputText;
}
