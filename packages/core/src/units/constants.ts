import type { Expr } from '../expr/ir.js';
import { tryParseUnit } from './parse.js';
import { mentionsTarget, toInternalFactor } from './unit.js';

/**
 * Unit names usable in expressions, as in Brian2: `140*mV/ms`, `(0.04/ms/mV)*v**2`, `exp(v/(4*mV))`.
 * A unit name is a number — its size in internal units (`mV` = 1, `nS` = 0.001 µS, `Hz` = 0.001 /ms)
 * — that carries its unit for the checker. Names declared by the model win; single letters (`m`,
 * `s`, `V`, `C`, …) are never units here, so a model's `C` or `m` cannot be mistaken for one.
 */
export function unitConstant(name: string): Expr | undefined {
  if ([...name].length < 2 || name === 'target') return undefined;
  const u = tryParseUnit(name);
  if (!u || mentionsTarget(u) || !/^[^\d*/^()·\s-]+$/.test(name)) return undefined;
  return { kind: 'num', value: toInternalFactor(u), unit: name };
}
