import { ExpressionError } from '../errors.js';

/**
 * Bounds on expressions, so a stranger's model cannot exhaust the stack or the clock: every later
 * pass (simplify, integrators, printers) recurses over the IR, and depth bounds that recursion.
 */
export const MAX_EXPRESSION_LENGTH = 10_000;
/** Deepest nesting of operators, calls and parentheses (a sum of n terms is n deep). */
export const MAX_EXPRESSION_DEPTH = 256;

interface Node {
  readonly [key: string]: unknown;
}

/** Refuses an over-long or too deeply parenthesised source before it reaches the parser (whose time grows with nesting). */
export function checkExpressionSource(source: string, where: string): void {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError('expression-too-long', where, `${source.slice(0, 40)}…`, undefined, `expression of ${source.length} characters; at most ${MAX_EXPRESSION_LENGTH} are accepted`);
  }
  let depth = 0;
  for (let k = 0; k < source.length; k++) {
    const c = source[k];
    if (c === '(' || c === '[') {
      if (++depth > MAX_EXPRESSION_DEPTH) throw tooDeep(source, where);
    } else if (c === ')' || c === ']') depth--;
  }
}

/** Depth of a parser AST, walked with an explicit stack (so the check itself cannot overflow). */
export function checkExpressionDepth(ast: unknown, source: string, where: string): void {
  const stack: [unknown, number][] = [[ast, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_EXPRESSION_DEPTH) throw tooDeep(source, where);
    if (typeof node !== 'object' || node === null) continue;
    for (const value of Object.values(node as Node)) {
      if (Array.isArray(value)) for (const v of value) stack.push([v, depth + 1]);
      else if (typeof value === 'object' && value !== null) stack.push([value, depth + 1]);
    }
  }
}

/** The error for an expression nested too deeply (also when the parser itself ran out of stack). */
export function tooDeep(source: string, where: string): ExpressionError {
  const shown = source.length > 60 ? `${source.slice(0, 60)}…` : source;
  return new ExpressionError('expression-too-deep', where, shown, undefined, `expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep (operators, calls and parentheses); split it into derived values`);
}
