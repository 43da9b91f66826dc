/**
 * @spikeflow/core/ir — the model language's typed IR, for authors of backends and tools: node
 * constructors and walkers, the parser (jsep → checked IR), the function table, the host
 * evaluator, simplification, linearity analysis and the integrators (IR rewrites).
 *
 * @example
 * import { parseExpression } from '@spikeflow/core/ir';
 */
export * from './expr/ir.js';
export { FUNCTIONS, CONSTANTS, isRandomFunction, type FunctionSpec } from './expr/functions.js';
export { parseExpression, parseStatement, type Scope, type ParseContext } from './expr/parse.js';
export { evaluate, MATH, type EvalEnv } from './expr/evaluate.js';
export { linearIn, type LinearForm } from './expr/linear.js';
export { simplify } from './expr/simplify.js';
export { integrate, type Ode } from './model/integrators.js';
export { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from './expr/limits.js';
