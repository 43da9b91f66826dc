/**
 * A neuron and a synapse whose names once collided with names a backend generated (a state
 * `p_tau` beside a parameter `tau`; states `S_v` and `t_new_v`), written with the names `rename`
 * maps. Every emitter must give exactly what the same models with harmless names give
 * ({@link harmlessName}): generated identifiers come from indices, never from user names.
 *
 * @param rename maps each of `p_tau`, `S_v`, `t_new_v` to the name to use (identity: the colliding names)
 * (Shared by the CPU and WebGPU tests; plain objects, as test-support resolves no workspace package.)
 *
 * @example
 * const clashing = collisionModels((n) => n);
 * const harmless = collisionModels(harmlessName);
 */
export function collisionModels(rename: (name: string) => string) {
  const r = rename;
  const neuron = {
    name: 'Clash',
    kind: 'neuron' as const,
    parameters: { tau: { unit: 'ms', default: 10 } },
    state: { v: { unit: 'mV', initial: 0 }, [r('p_tau')]: { unit: 'mV', initial: 4 }, [r('S_v')]: { unit: 'mV', initial: 0 }, [r('t_new_v')]: { unit: 'mV', initial: 0 } },
    inputs: { I: { unit: 'mV' } },
    equations: { v: `(-v + I + ${r('p_tau')}) / tau` },
    // S_v counts steps (a model state, not a generated array); t_new_v and p_tau are read back.
    update: [`${r('S_v')} = ${r('S_v')} + 1`, `${r('t_new_v')} = v * 0.5 + ${r('S_v')} * 0.001`, `${r('p_tau')} = ${r('p_tau')} * 0.999`],
    threshold: 'v > 12',
    reset: ['v = 0'],
  };
  const synapse = {
    name: 'ClashSynapse',
    kind: 'synapse' as const,
    parameters: { tau: { unit: 'ms', default: 5 } },
    state: { [r('p_tau')]: { unit: 'target', initial: 0 } },
    equations: { [r('p_tau')]: `-${r('p_tau')} / tau` },
    onPre: [`${r('p_tau')} += w`],
    output: r('p_tau'),
  };
  return { neuron, synapse };
}

/** The harmless twin of each colliding name of {@link collisionModels} (`p_tau` → `q`, `S_v` → `sv`, `t_new_v` → `tnv`). */
export const harmlessName = (name: string): string => ({ p_tau: 'q', S_v: 'sv', t_new_v: 'tnv' })[name] ?? name;
