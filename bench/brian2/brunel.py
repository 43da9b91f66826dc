#!/usr/bin/python3
"""Brunel (2000) network B in Brian2, as examples/brunel.yaml describes it (scaled by --ne).

Prints one JSON line per seed on stdout. Used by the vitest cross-check
(packages/experiment-file/test/brunel-brian2.test.ts).

    /usr/bin/python3 bench/brian2/brunel.py --g 5 --eta 2 --ne 2000 --duration 400 --seeds 1,2,3

--states g:eta,g:eta,... instead of --g and --eta runs every seed of each state in turn in this one
process (Brian2 imported once), one JSON line per state and seed, each with its g and eta.

N_E = --ne excitatory and N_I = N_E/4 inhibitory LIF neurons, dt = 0.1 ms:

    dv/dt = int(not_refractory) * -v/tau : volt,  tau = 20 ms, threshold v >= 20 mV, reset v = 10 mV,
    refractory 2 ms, v0 uniform in [0, 20) mV, method exact
    (not `(unless refractory)`: with that flag Brian2 2.5.1 drops the jumps that arrive while the
    neuron is refractory; spikeflow applies them and its clamp holds them, which this form does.
    --unless-refractory runs Brian2's usual form instead)
    every neuron: C_E = N_E/10 excitatory inputs (on_pre v_post += J, J = 0.1 mV) and C_I = N_I/10
    inhibitory inputs (v_post += -g*J), fixed in-degree without repeated pairs, delay --delay
    external drive: a PoissonGroup of N_ext = N_E neurons at nu_ext = eta * nu_thr,
    nu_thr = theta / (J * C_E * tau); every neuron draws C_ext = C_E of them (fixed in-degree),
    v_post += J, delay 0; with --poisson-input instead PoissonInput(G, 'v', C_E, nu_ext, J),
    independent inputs per neuron (examples/brunel-poisson-input.yaml).

Timing. Brian2 applies on_pre after the step's integration and threshold (here after the resets,
as spikeflow's propagation comes after them: `when='after_resets'`); spikeflow applies a
jump of delay d steps before the integration of step s + d. The same dynamics therefore take
Brian2 delays one step shorter than spikeflow's: --delay defaults to 1.4 ms for spikeflow's
1.5 ms, and the external synapses have delay 0 here for spikeflow's one step.

Output fields: seed, rate_hz (mean over all N_E + N_I neurons, in the window), sync_cv (the
coefficient of variation, std/mean, of the population spike count in 1 ms bins), both over
[--skip, --duration) ms, and loop_seconds.
"""
import argparse
import json
import time
import warnings

warnings.simplefilter('ignore')  # numpy/pythran FutureWarnings on import; stdout stays JSON only

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import ms, mV, Hz  # noqa: E402


def fixed_indegree(rng, n_pre, n_post, k):
    """k distinct presynaptic indices per postsynaptic neuron."""
    i = np.concatenate([rng.choice(n_pre, size=k, replace=False) for _ in range(n_post)])
    j = np.repeat(np.arange(n_post), k)
    return i, j


def run(seed, a):
    b2.start_scope()
    b2.defaultclock.dt = 0.1 * ms
    b2.seed(seed)
    rng = np.random.default_rng(seed)
    ne = a.ne
    ni = ne // 4
    n = ne + ni
    ce, ci = ne // 10, ni // 10
    tau, theta, vr, J = 20 * ms, 20 * mV, 10 * mV, 0.1 * mV
    nu_thr = theta / (J * ce * tau)
    eq = 'dv/dt = -v/tau : volt (unless refractory)' if a.unless_refractory else 'dv/dt = int(not_refractory) * -v/tau : volt'
    G = b2.NeuronGroup(n, eq, threshold='v >= theta', reset='v = vr',
                       refractory=2 * ms, method='exact', namespace={'tau': tau, 'theta': theta, 'vr': vr})
    G.v = rng.uniform(0, 20, n) * mV
    E = b2.Synapses(G[:ne], G, on_pre='v_post += J', delay=a.delay * ms, namespace={'J': J})
    I = b2.Synapses(G[ne:], G, on_pre='v_post += -g * J', delay=a.delay * ms, namespace={'J': J, 'g': a.g})
    if a.poisson_input:
        # examples/brunel-poisson-input.yaml: independent inputs per neuron, applied in PoissonInput's
        # default slot (when='synapses': after the threshold test, before the reset), as spikeflow does.
        X = b2.PoissonInput(G, 'v', ce, a.eta * nu_thr, weight=J)
        P = None
    else:
        P = b2.PoissonGroup(ne, rates=a.eta * nu_thr)
        X = b2.Synapses(P, G, on_pre='v_post += J', namespace={'J': J})
    for S, n_pre, k in ((E, ne, ce), (I, ni, ci)) + (() if a.poisson_input else ((X, ne, ce),)):
        i, j = fixed_indegree(rng, n_pre, n, k)
        S.connect(i=i, j=j)
        # spikeflow propagates after the step's resets: a jump in a neuron's spike step is kept.
        S.pre.when = 'after_resets'
    M = b2.SpikeMonitor(G)
    net = b2.Network(G, E, I, X, M, *([P] if P is not None else []))
    t0 = time.time()
    net.run(a.duration * ms)
    loop = time.time() - t0
    t = np.asarray(M.t / ms)
    t = t[t >= a.skip]
    counts = np.histogram(t, bins=np.arange(a.skip, a.duration + 1e-9, 1.0))[0]
    return {'seed': seed, 'rate_hz': len(t) / n / ((a.duration - a.skip) / 1000), 'sync_cv': float(counts.std() / counts.mean()), 'loop_seconds': loop}


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--g', type=float)
    p.add_argument('--eta', type=float)
    p.add_argument('--states', default=None, help='comma-separated g:eta pairs, each run for every seed, instead of --g and --eta')
    p.add_argument('--ne', type=int, default=2000)
    p.add_argument('--duration', type=float, default=400)
    p.add_argument('--skip', type=float, default=100)
    p.add_argument('--delay', type=float, default=1.4)
    p.add_argument('--seeds', default='1')
    p.add_argument('--unless-refractory', action='store_true', help="Brian2's usual (unless refractory) form: jumps onto refractory neurons dropped")
    p.add_argument('--target', default='numpy', choices=['numpy', 'cython'])
    p.add_argument('--poisson-input', action='store_true', help='external drive as PoissonInput(G, v, C_E, eta*nu_thr, J) (examples/brunel-poisson-input.yaml) instead of a PoissonGroup pool')
    a = p.parse_args()
    if a.states:
        states = [tuple(float(x) for x in pair.split(':')) for pair in a.states.split(',')]
    elif a.g is None or a.eta is None:
        p.error('--g and --eta, or --states, are required')
    else:
        states = [(a.g, a.eta)]
    b2.prefs.codegen.target = a.target
    for g, eta in states:
        state = argparse.Namespace(**{**vars(a), 'g': g, 'eta': eta})
        for s in a.seeds.split(','):
            out = run(int(s), state)
            if a.states:
                out = {**out, 'g': g, 'eta': eta}
            print(json.dumps(out), flush=True)


if __name__ == '__main__':
    main()
