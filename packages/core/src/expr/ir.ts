/**
 * The typed intermediate representation every backend prints from. It is produced only by
 * `parseExpression`/`parseStatement` after validation, so printers never see a user's string.
 */
export type BinaryOp = '+' | '-' | '*' | '/' | '**' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';
export type UnaryOp = '-' | '!';

/** What a name refers to; printers choose storage (scalar, per-neuron array, temporary) from this. */
export type RefRole =
  | 'parameter'
  | 'state'
  | 'input'
  | 'derived'
  | 'temp'
  | 'weight'
  | 'time'
  | 'dt'
  | 'step';

export type Expr =
  /** `unit`: the unit name when the number was written as one (`mV`, `nS`), for the unit checker. */
  | { readonly kind: 'num'; readonly value: number; readonly unit?: string }
  | { readonly kind: 'ref'; readonly name: string; readonly role: RefRole }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly site?: number }
  | { readonly kind: 'cond'; readonly test: Expr; readonly then: Expr; readonly else: Expr };

/** `target = value`; compound assignments are expanded at parse time. */
export interface Assign {
  readonly target: string;
  readonly role: 'state' | 'temp';
  readonly value: Expr;
}

export const num = (value: number): Expr => ({ kind: 'num', value });
export const ref = (name: string, role: RefRole): Expr => ({ kind: 'ref', name, role });
export const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const call = (fn: string, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });

/** Rebuilds an expression bottom-up; `visit` may replace any node (return undefined to keep it). */
export function mapExpr(e: Expr, visit: (e: Expr) => Expr | undefined): Expr {
  const replaced = visit(e);
  if (replaced) return replaced;
  switch (e.kind) {
    case 'num':
    case 'ref':
      return e;
    case 'unary':
      return { ...e, arg: mapExpr(e.arg, visit) };
    case 'binary':
      return { ...e, left: mapExpr(e.left, visit), right: mapExpr(e.right, visit) };
    case 'call':
      return { ...e, args: e.args.map((a) => mapExpr(a, visit)) };
    case 'cond':
      return { ...e, test: mapExpr(e.test, visit), then: mapExpr(e.then, visit), else: mapExpr(e.else, visit) };
  }
}

/** Calls `fn` on every node, parents first. */
export function walkExpr(e: Expr, fn: (e: Expr) => void): void {
  fn(e);
  switch (e.kind) {
    case 'unary':
      walkExpr(e.arg, fn);
      break;
    case 'binary':
      walkExpr(e.left, fn);
      walkExpr(e.right, fn);
      break;
    case 'call':
      e.args.forEach((a) => walkExpr(a, fn));
      break;
    case 'cond':
      walkExpr(e.test, fn);
      walkExpr(e.then, fn);
      walkExpr(e.else, fn);
      break;
    default:
  }
}

/** Replaces references to the given names (any role) by expressions. */
export function substitute(e: Expr, replacements: ReadonlyMap<string, Expr>): Expr {
  return mapExpr(e, (n) => (n.kind === 'ref' ? replacements.get(n.name) : undefined));
}

/** True if `e` mentions any reference for which `pred` holds. */
export function mentions(e: Expr, pred: (r: Extract<Expr, { kind: 'ref' }>) => boolean): boolean {
  let found = false;
  walkExpr(e, (n) => {
    if (n.kind === 'ref' && pred(n)) found = true;
  });
  return found;
}
