/**
 * The typed intermediate representation every backend prints from. It is produced only by
 * `parseExpression`/`parseStatement` after validation, so printers never see a user's string.
 */
export type BinaryOp = '+' | '-' | '*' | '/' | '**' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';
/** Unary operators: negation `-` and logical not `!`. */
export type UnaryOp = '-' | '!';

/**
 * What a name refers to; printers choose storage (scalar, per-neuron array, temporary) from this.
 * `noise` is white noise (`xi`, `xi_<suffix>`) in an equation's right-hand side: the integrators
 * rewrite it into random draws, so compiled models — what printers see — never contain it.
 * `post`: a synapse model's read of its postsynaptic neuron's state variable, written
 * `<variable>_post` (e.g. `v_post`; see {@link postVariable}). `pre`: a read of the presynaptic
 * neuron's state variable, `<variable>_pre`, allowed only in a synapse model's `summed`
 * expression (see {@link preVariable}).
 */
export type RefRole =
  | 'parameter'
  | 'state'
  | 'input'
  | 'derived'
  | 'temp'
  | 'weight'
  | 'post'
  | 'pre'
  | 'time'
  | 'dt'
  | 'step'
  | 'noise';

/**
 * A node of the IR: a number, a reference to a name, an operator, a function call or a
 * conditional. Comparisons and logical operators give 1 or 0.
 *
 * @example
 * // v + 2 * I
 * const e: Expr = bin('+', ref('v', 'state'), bin('*', num(2), ref('I', 'input')));
 */
export type Expr =
  | {
      /** A numeric literal. */
      readonly kind: 'num';
      /** Its value (already in internal units when it was written with a unit constant). */
      readonly value: number;
      /** The unit name when the number was written as one (`mV`, `nS`), for the unit checker. */
      readonly unit?: string;
    }
  | {
      /** A reference to a name in scope. */
      readonly kind: 'ref';
      /** The name as written, e.g. `v`, `tau_m`, `dt`. */
      readonly name: string;
      /** What the name is: a parameter, a state variable, an input, … */
      readonly role: RefRole;
    }
  | {
      /** A unary operation. */
      readonly kind: 'unary';
      /** The operator. */
      readonly op: UnaryOp;
      /** The operand. */
      readonly arg: Expr;
    }
  | {
      /** A binary operation. */
      readonly kind: 'binary';
      /** The operator (`**` is power; comparisons and `&&`/`||` give 1 or 0). */
      readonly op: BinaryOp;
      /** The left operand. */
      readonly left: Expr;
      /** The right operand. */
      readonly right: Expr;
    }
  | {
      /** A call of a function of {@link FUNCTIONS}. */
      readonly kind: 'call';
      /** The function's name, a key of {@link FUNCTIONS}. */
      readonly fn: string;
      /** Arguments, as many as the function's arity. */
      readonly args: readonly Expr[];
      /** Random functions only: the call site's index, which selects its own random stream. */
      readonly site?: number;
    }
  | {
      /** `test ? then : else`. */
      readonly kind: 'cond';
      /** The condition (non-zero is true). */
      readonly test: Expr;
      /** Value when the condition holds. */
      readonly then: Expr;
      /** Value otherwise. */
      readonly else: Expr;
    };

/** `target = value`; compound assignments are expanded at parse time. */
export interface Assign {
  /** The name assigned. */
  readonly target: string;
  /**
   * `state`: a state variable (stored per neuron); `temp`: a temporary local to the step (e.g. an RK
   * stage); `post`: the postsynaptic neuron's state variable written by a synapse model's `onPre`
   * (`v_post += w`, target `v_post`; see {@link postVariable}).
   */
  readonly role: 'state' | 'temp' | 'post';
  /** The value assigned, computed from values before this statement. */
  readonly value: Expr;
}

/**
 * A numeric literal node.
 *
 * @example
 * num(0.5); // { kind: 'num', value: 0.5 }
 */
export const num = (value: number): Expr => ({ kind: 'num', value });
/**
 * A reference node: `name` with its role.
 *
 * @example
 * ref('v', 'state'); // { kind: 'ref', name: 'v', role: 'state' }
 */
export const ref = (name: string, role: RefRole): Expr => ({ kind: 'ref', name, role });
/**
 * A binary operation node.
 *
 * @example
 * bin('*', ref('R', 'parameter'), ref('I', 'input')); // R * I
 */
export const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
/**
 * A function call node (no site: not for random functions, whose sites the parser numbers).
 *
 * @example
 * call('exp', bin('/', ref('dt', 'dt'), ref('tau', 'parameter'))); // exp(dt / tau)
 */
export const call = (fn: string, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });

/** Suffix of a synapse model's reads of its postsynaptic neuron's state (`v_post`), as in Brian2. */
export const POST_SUFFIX = '_post';

/**
 * The postsynaptic variable a `post` reference reads: `v` for `v_post`.
 *
 * @example
 * postVariable('v_post'); // 'v'
 */
export const postVariable = (name: string): string => name.slice(0, -POST_SUFFIX.length);

/** Suffix of a synapse model's reads of its presynaptic neuron's state (`v_pre`), as in Brian2. */
export const PRE_SUFFIX = '_pre';

/**
 * The presynaptic variable a `pre` reference reads: `v` for `v_pre`.
 *
 * @example
 * preVariable('v_pre'); // 'v'
 */
export const preVariable = (name: string): string => name.slice(0, -PRE_SUFFIX.length);

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
