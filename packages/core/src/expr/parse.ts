import jsepModule from 'jsep';
import assignmentModule from '@jsep-plugin/assignment';
import { ExpressionError } from '../errors.js';
import type { Assign, BinaryOp, Expr, RefRole, UnaryOp } from './ir.js';
import { CONSTANTS, FUNCTIONS, isNoiseName } from './functions.js';
import { checkExpressionDepth, checkExpressionSource, tooDeep } from './limits.js';
import { unitConstant } from '../units/constants.js';

type JsepNode = jsepModule.Expression;

// jsep is a small, well-kept expression parser (no evaluation): it gives an AST we validate node by node.
const jsep = jsepModule;

// jsep is one shared instance per installed copy, but this module can be loaded twice beside it
// (a bundle holding two builds of core, a test runner loading source and dist): it configures
// jsep once and every copy shares the record of parenthesized groups.
const CONFIGURED = Symbol.for('@spikeflow/core: jsep groups');
const shared = jsep as unknown as { [CONFIGURED]?: WeakSet<object> };

// jsep binds unary minus tighter than `**` and keeps no parentheses, so `-x**2` and `(-x)**2` give
// the same tree. The model language follows Brian2 (Python): `-x**2` is `-(x**2)`. Groups are
// parsed here so that toIR can tell the two apart.
const parenthesized = shared[CONFIGURED] ?? configureJsep();

interface GroupParser {
  code: number;
  gobbleGroup(): JsepNode | false;
  gobbleTokenProperty(n: JsepNode): JsepNode;
  throwError(m: string): never;
}

function configureJsep(): WeakSet<object> {
  const groups = new WeakSet<object>();
  shared[CONFIGURED] = groups;
  jsep.plugins.register(assignmentModule as unknown as jsepModule.IPlugin);
  // Only numeric expressions: drop operators we do not give a meaning to.
  for (const op of ['|', '^', '&', '<<', '>>', '>>>', '===', '!==', '%', '??']) jsep.removeBinaryOp(op);
  for (const op of ['~', '+', 'typeof', 'void']) jsep.removeUnaryOp(op);
  jsep.hooks.add('gobble-token', function gobbleGroup(env) {
    const parser = (env as unknown as { context: GroupParser }).context;
    if (parser.code !== 40 /* ( */) return;
    const group = parser.gobbleGroup();
    if (!group) parser.throwError('empty parentheses');
    groups.add(group as JsepNode);
    env.node = parser.gobbleTokenProperty(group as JsepNode);
  });
  return groups;
}

const BINARY: ReadonlySet<string> = new Set<BinaryOp>(['+', '-', '*', '/', '**', '<', '<=', '>', '>=', '==', '!=', '&&', '||']);
const UNARY: ReadonlySet<string> = new Set<UnaryOp>(['-', '!']);
const COMPOUND: Readonly<Record<string, BinaryOp>> = { '+=': '+', '-=': '-', '*=': '*', '/=': '/' };

/** Names visible to an expression, and what they are. A Map, so `constructor` & co. never resolve. */
export type Scope = ReadonlyMap<string, RefRole>;

/** Where an expression lives, for error messages: e.g. `model LIF, equation dv/dt`. */
export interface ParseContext {
  /** Where the expression lives, put in front of every error, e.g. `model LIF, equation dv/dt`. */
  readonly where: string;
  /** The names the expression may use; any other name is an `ExpressionError`. */
  readonly scope: Scope;
  /** Random functions allowed here? ODE right-hand sides must be deterministic. */
  readonly allowRandom: boolean;
  /**
   * Why random functions are not allowed here, for the `random-not-allowed` error (e.g. a synapse
   * model's `onPre`, which runs per synapse event); default: the message for ODE right-hand sides.
   */
  readonly randomRefusal?: string;
  /**
   * White noise (`xi`, `xi_<suffix>`) allowed here? Only in equations (ODE right-hand sides), where
   * it becomes a reference of role `noise`; elsewhere such a name is an `ExpressionError`
   * (`noise-not-allowed`). Default false.
   */
  readonly allowNoise?: boolean;
  /**
   * Synapse models: names `<variable>_post` not in `scope` read the postsynaptic neuron's state
   * variable (role `post`); whether the target has it is checked when the network is built.
   * A string instead of `true` says why they are not allowed here (for the error message).
   */
  readonly post?: true | string;
  /**
   * Synapse models' `summed` expression: names `<variable>_pre` not in `scope` read the
   * presynaptic neuron's state variable (role `pre`); checked against the source model when the
   * network is built. A string instead of `true` says why they are not allowed here.
   */
  readonly pre?: true | string;
  /**
   * Statements only (synapse `onPre`): with `post: true`, a `<variable>_post` target assigns the
   * postsynaptic neuron's state variable (an `Assign` of role `post`), e.g. `v_post += w`.
   */
  readonly writePost?: boolean;
}

const POST_NAME = /^[A-Za-z][A-Za-z0-9_]*_post$/;
const PRE_NAME = /^[A-Za-z][A-Za-z0-9_]*_pre$/;

interface Site {
  next: number;
}

/** Parses one expression into validated IR. Throws `ExpressionError` naming the offending token. */
export function parseExpression(source: string, ctx: ParseContext, site: Site = { next: 0 }): Expr {
  const ast = parseRaw(source, ctx);
  return toIR(ast, source, ctx, site);
}

/**
 * Parses an assignment statement (`v = v_reset`, `x += 1`) whose target must be one of
 * `assignable`. Compound assignments are expanded (`x += 1` → `x = x + 1`).
 */
export function parseStatement(
  source: string,
  ctx: ParseContext,
  assignable: ReadonlySet<string>,
  site: Site = { next: 0 },
): Assign {
  const ast = parseRaw(source, ctx);
  if (ast.type !== 'AssignmentExpression') {
    throw new ExpressionError('not-a-statement', ctx.where, source, undefined, "expected an assignment such as 'v = v_reset' or 'x += 1'");
  }
  const left = ast.left as JsepNode;
  const op = ast.operator as string;
  if (left.type !== 'Identifier') {
    throw new ExpressionError('bad-assignment-target', ctx.where, source, nodeText(left), 'the left side must be a state variable name');
  }
  const target = left.name as string;
  const post = ctx.writePost === true && ctx.post === true && !assignable.has(target) && POST_NAME.test(target);
  if (!assignable.has(target) && !post) {
    throw new ExpressionError(
      'bad-assignment-target',
      ctx.where,
      source,
      target,
      `cannot assign to '${target}'; assignable here: ${[...assignable].join(', ') || '(nothing)'}`,
    );
  }
  let value = toIR(ast.right as JsepNode, source, ctx, site);
  const compound = COMPOUND[op];
  const role = post ? 'post' : 'state';
  if (compound) value = { kind: 'binary', op: compound, left: { kind: 'ref', name: target, role }, right: value };
  else if (op !== '=') throw new ExpressionError('bad-operator', ctx.where, source, op, 'unsupported assignment operator');
  return { target, role, value };
}

function parseRaw(source: string, ctx: ParseContext): JsepNode {
  if (typeof source !== 'string' || source.trim() === '') {
    throw new ExpressionError('empty-expression', ctx.where, String(source), undefined, 'expected a non-empty expression');
  }
  checkExpressionSource(source, ctx.where);
  let ast: JsepNode;
  try {
    ast = jsep(source);
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(source, ctx.where); // the parser's own recursion
    const e = err as Error & { index?: number; description?: string };
    const token = e.index !== undefined ? source.slice(e.index, e.index + 1) || '<end>' : undefined;
    throw new ExpressionError('syntax-error', ctx.where, source, token, `syntax error: ${e.description ?? e.message}`);
  }
  checkExpressionDepth(ast, source, ctx.where);
  return ast;
}

function nodeText(n: JsepNode): string {
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'Literal') return String(n.raw);
  if (n.type === 'MemberExpression') return `${nodeText(n.object as JsepNode)}.${nodeText(n.property as JsepNode)}`;
  return n.type;
}

function toIR(n: JsepNode, source: string, ctx: ParseContext, site: Site): Expr {
  const fail = (code: string, token: string | undefined, detail: string): never => {
    throw new ExpressionError(code, ctx.where, source, token, detail);
  };
  switch (n.type) {
    case 'Literal': {
      const v = n.value;
      if (typeof v === 'number' && Number.isFinite(v)) return { kind: 'num', value: v };
      if (typeof v === 'boolean') return { kind: 'num', value: v ? 1 : 0 };
      return fail('bad-literal', String(n.raw), 'only finite numbers are allowed');
    }
    case 'Identifier': {
      const name = n.name as string;
      const role = ctx.scope.get(name);
      if (role) return { kind: 'ref', name, role };
      if (isNoiseName(name)) {
        if (ctx.allowNoise) return { kind: 'ref', name, role: 'noise' };
        return fail('noise-not-allowed', name, `white noise '${name}' is only allowed in equations (d<state>/dt = … + sigma*${name}); for a random number per step use randn() in an update statement`);
      }
      if (ctx.post !== undefined && POST_NAME.test(name)) {
        if (ctx.post === true) return { kind: 'ref', name, role: 'post' };
        return fail('post-not-allowed', name, ctx.post);
      }
      if (ctx.pre !== undefined && PRE_NAME.test(name)) {
        if (ctx.pre === true) return { kind: 'ref', name, role: 'pre' };
        return fail('pre-not-allowed', name, ctx.pre);
      }
      if (Object.hasOwn(CONSTANTS, name)) return { kind: 'num', value: CONSTANTS[name] as number };
      if (Object.hasOwn(FUNCTIONS, name)) return fail('function-not-called', name, `'${name}' is a function; call it as ${name}(...)`);
      const unit = unitConstant(name);
      if (unit) return unit;
      return fail('unknown-identifier', name, `unknown identifier; known names: ${[...ctx.scope.keys()].sort().join(', ')}`);
    }
    case 'UnaryExpression': {
      const op = n.operator as string;
      if (!UNARY.has(op)) return fail('bad-operator', op, 'unsupported operator');
      const arg = toIR(n.argument as JsepNode, source, ctx, site);
      if (op === '-' && arg.kind === 'num') return { ...arg, value: -arg.value };
      return { kind: 'unary', op: op as UnaryOp, arg };
    }
    case 'BinaryExpression': {
      const op = n.operator as string;
      if (!BINARY.has(op)) return fail('bad-operator', op, 'unsupported operator');
      if (op === '**') return power(n, source, ctx, site);
      return {
        kind: 'binary',
        op: op as BinaryOp,
        left: toIR(n.left as JsepNode, source, ctx, site),
        right: toIR(n.right as JsepNode, source, ctx, site),
      };
    }
    case 'ConditionalExpression':
      return {
        kind: 'cond',
        test: toIR(n.test as JsepNode, source, ctx, site),
        then: toIR(n.consequent as JsepNode, source, ctx, site),
        else: toIR(n.alternate as JsepNode, source, ctx, site),
      };
    case 'CallExpression': {
      const callee = n.callee as JsepNode;
      if (callee.type !== 'Identifier') return fail('bad-call', nodeText(callee), 'only named functions can be called');
      const fn = callee.name as string;
      const spec = Object.hasOwn(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
      if (!spec) return fail('unknown-function', fn, `unknown function; available: ${Object.keys(FUNCTIONS).join(', ')}`);
      const args = (n.arguments as JsepNode[]).map((a) => toIR(a, source, ctx, site));
      if (args.length !== spec.arity) return fail('bad-arity', fn, `expects ${spec.arity} argument(s), got ${args.length}`);
      if (spec.random) {
        if (!ctx.allowRandom) return fail('random-not-allowed', fn, ctx.randomRefusal ?? 'random functions are not allowed here (ODE right-hand sides must be deterministic: write xi for white noise in an equation; use rand() and randn() in update statements or outputs)');
        return { kind: 'call', fn, args, site: site.next++ };
      }
      return { kind: 'call', fn, args };
    }
    case 'MemberExpression':
      return fail('member-access', nodeText(n), 'property access is not part of the model language');
    case 'AssignmentExpression':
      return fail('unexpected-assignment', String(n.operator), 'assignment is only allowed in statements (reset, update, on_pre)');
    default:
      return fail('unsupported-syntax', n.type, 'unsupported syntax');
  }
}

/** `a ** b` where an unparenthesized leading minus of `a` applies to the power (Python's rule). */
function power(n: JsepNode, source: string, ctx: ParseContext, site: Site): Expr {
  let base = n.left as JsepNode;
  let negations = 0;
  while (base.type === 'UnaryExpression' && base.operator === '-' && !parenthesized.has(base)) {
    base = base.argument as JsepNode;
    negations++;
  }
  let e: Expr = { kind: 'binary', op: '**', left: toIR(base, source, ctx, site), right: toIR(n.right as JsepNode, source, ctx, site) };
  for (let k = 0; k < negations; k++) e = { kind: 'unary', op: '-', arg: e };
  return e;
}
