#!/usr/bin/python3
"""Brian2 reference for spikeflow's Poisson input (packages/testing/test/poisson-input-brian2.test.ts).

    /usr/bin/python3 bench/brian2/poisson_input.py '{"timing": {...}, "stats": {...}}'

Takes one JSON object as its argument, with either or both cases, and prints one JSON line per
case (timing first) and seed:

  "timing": {"dt": ms, "tau": ms, "theta": mV, "vr": mV, "refractory": ms, "n": N,
             "weight": mV, "steps": S, "unless_refractory": bool}
      One LIF neuron (dv/dt = -v/tau, threshold v >= theta, reset v = vr) driven by
      PoissonInput(G, 'v', N, rate = 1/dt, weight): rate·dt = 1, so every step adds exactly
      N·weight — a deterministic trace that shows where Brian2 applies the input (its default
      `when='synapses'`: after the integration and the threshold test, before the reset).
      Prints {"case": "timing", "v": [...], "spikes": [...]}: v recorded with when='end' (after the step, as
      spikeflow records) and the spike steps. Brian2 clamps refractory/dt − 1 steps after a
      spike, spikeflow's LIF round(t_ref/dt): the test passes Brian2 t_ref + dt. With
      unless_refractory (Brian2's usual `(unless refractory)` form), Brian2 2.5.1 drops the
      input that arrives while the neuron is refractory; the `int(not_refractory)` form keeps it,
      as spikeflow does (its clamp holds v, the input still lands).

  "stats": {"dt": ms, "duration": ms, "skip": ms, "seeds": [...], "passive": {...}, "lif": {...}}
      Per seed: a passive population (dv/dt = -v/tau, no threshold) driven by PoissonInput
      (n, rate, weight): mean and variance of v over neurons and samples every ms in
      [skip, duration); and a LIF population (dv/dt = -v/tau, threshold, reset, refractory)
      driven by PoissonInput: its mean firing rate over [skip, duration). v starts at 0.
      Prints {"case": "stats", "seed", "mean", "var", "rate_hz"}.

numpy target (np.random.binomial when n·p <= 5, else Brian2's normal approximation).
"""
import json
import sys
import warnings

warnings.simplefilter('ignore')

import numpy as np  # noqa: E402
from brian2 import Hz, NeuronGroup, PoissonInput, SpikeMonitor, StateMonitor, defaultclock, mV, ms, prefs, run, seed, start_scope  # noqa: E402

prefs.codegen.target = 'numpy'
spec = json.loads(sys.argv[1])


def timing(s):
    start_scope()
    defaultclock.dt = s['dt'] * ms
    eq = 'dv/dt = -v/tau : volt (unless refractory)' if s['unless_refractory'] else 'dv/dt = int(not_refractory) * -v/tau : volt'
    G = NeuronGroup(1, eq, threshold='v >= theta', reset='v = vr', refractory=s['refractory'] * ms, method='exact',
                    namespace={'tau': s['tau'] * ms, 'theta': s['theta'] * mV, 'vr': s['vr'] * mV})
    P = PoissonInput(G, 'v', s['n'], 1 / defaultclock.dt, weight=s['weight'] * mV)
    mon = StateMonitor(G, 'v', record=0, when='end')
    spk = SpikeMonitor(G)
    run(s['steps'] * defaultclock.dt)
    steps = np.round(np.asarray(spk.t / defaultclock.dt)).astype(int)
    print(json.dumps({'case': 'timing', 'v': [float(x) for x in mon.v[0] / mV], 'spikes': [int(x) for x in steps]}))


def stats(s):
    for sd in s['seeds']:
        start_scope()
        seed(sd)
        defaultclock.dt = s['dt'] * ms
        a, b = s['passive'], s['lif']
        passive = NeuronGroup(a['size'], 'dv/dt = -v/tau : volt', method='exact', namespace={'tau': a['tau'] * ms})
        pin = PoissonInput(passive, 'v', a['n'], a['rate'] * Hz, weight=a['weight'] * mV)
        lif = NeuronGroup(b['size'], 'dv/dt = int(not_refractory) * -v/tau : volt', threshold='v >= theta', reset='v = vr',
                          refractory=b['refractory'] * ms, method='exact',
                          namespace={'tau': b['tau'] * ms, 'theta': b['theta'] * mV, 'vr': b['vr'] * mV})
        lin = PoissonInput(lif, 'v', b['n'], b['rate'] * Hz, weight=b['weight'] * mV)
        every = int(round(1.0 / s['dt']))
        mon = StateMonitor(passive, 'v', record=True, dt=every * defaultclock.dt, when='end')
        spk = SpikeMonitor(lif)
        run(s['duration'] * ms)
        t = np.asarray(mon.t / ms)
        samples = np.asarray(mon.v / mV)[:, t >= s['skip'] - 1e-9]
        ts = np.asarray(spk.t / ms)
        count = int(np.sum(ts >= s['skip'] - 1e-9))
        rate = count / b['size'] / ((s['duration'] - s['skip']) / 1000.0)
        print(json.dumps({'case': 'stats', 'seed': sd, 'mean': float(samples.mean()), 'var': float(samples.var()), 'rate_hz': rate}))


if 'timing' in spec:
    timing(spec['timing'])
if 'stats' in spec:
    stats(spec['stats'])
