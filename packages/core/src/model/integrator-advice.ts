import type { SpikeflowWarning } from '../errors.js';
import { mentions, walkExpr, type Expr } from '../expr/ir.js';
import type { IntegratorName } from './definition.js';
import { hasNoise } from './noise.js';

/**
 * The integrator of a model that names none (neither its definition nor the population): `exact`
 * (exponential Euler), or `euler` when an equation has white noise (`xi`), since Euler–Maruyama is
 * the only scheme spikeflow has for stochastic equations. Naming `exact`, `rk2` or `rk4` for a
 * model with noise is an error (`noise-needs-euler`), never silently replaced.
 */
export function defaultIntegrator(odes: readonly { rhs: Expr }[]): IntegratorName {
  return odes.some((o) => hasNoise(o.rhs)) ? 'euler' : 'exact';
}

/**
 * Warns when a multi-stage integrator meets an exponential spike term. rk2 and rk4 evaluate the
 * right-hand side at trial states `v + dt/2·k1` — and in an exponential integrate-and-fire model
 * near its spike k1 is huge, so the trial state lies far beyond the spike and `exp(...)` of it is
 * Infinity; v becomes NaN at the first spike. Forward Euler only evaluates at the current state
 * (below threshold), so it stays finite; Brian2 also integrates AdEx with Euler. A warning, not an
 * error: a bounded exponential of a state (e.g. `exp(-v/…)`) is fine with rk4, and the check cannot
 * tell the two apart for certain.
 */
export function integratorWarnings(model: string, method: IntegratorName, odes: readonly { state: string; rhs: Expr }[], spikes: boolean): SpikeflowWarning[] {
  if (!spikes || (method !== 'rk2' && method !== 'rk4')) return [];
  const out: SpikeflowWarning[] = [];
  for (const o of odes) {
    let selfExp = false;
    walkExpr(o.rhs, (n) => {
      if (n.kind === 'call' && (n.fn === 'exp' || n.fn === 'expm1') && mentions(n.args[0] as Expr, (r) => r.name === o.state)) selfExp = true;
    });
    if (selfExp) {
      out.push({
        code: 'integrator-overflow',
        path: `model ${model}, equation d${o.state}/dt`,
        message: `'${method}' evaluates exp(...) of ${o.state} at trial states beyond the spike, where it overflows to Infinity and ${o.state} becomes NaN (exponential integrate-and-fire); use integrator 'euler' with a small dt`,
      });
    }
  }
  return out;
}
