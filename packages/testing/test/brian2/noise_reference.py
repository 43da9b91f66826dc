#!/usr/bin/python3
"""Brian2 reference for white noise in equations: a population of identical noisy LIF neurons,

    dv/dt = (-(v - u_rest) + R*I)/tau_m + sigma*sqrt(2/tau_m)*xi : volt (unless refractory)

integrated with method='euler' (Euler-Maruyama, as spikeflow's `xi`), one run per seed. Brian2's
numpy target, so nothing is compiled. Reads one JSON description on stdin, prints one JSON result.

Input: common settings and a list of cases (one Python start-up for all of them):
  {"dt": 0.1, "size": 100, "seeds": [1, 2, 3, 4],
   "R": 1, "C": 10, "u_rest": -70, "u_reset": -65, "t_ref": 2,      # MΩ, nF, mV, ms as in spikeflow
   "cases": [{"steps": 3000, "threshold": -50, "sigma": 4, "I": 15, "v0": -60,   # mV, nA
              "record": "v" | "spikes",
              "burn_in": 500}]}                                      # steps left out of the v statistics

Output:
  {"brian2": "2.5.1", "seconds": 3.1,
   "cases": [[{"seed": 1, "mean": -60.0, "std": 3.0}, ...],         # record "v": pooled over neurons
                                                                     # and the steps from burn_in on
             [{"seed": 1, "i": [...], "step": [...]}, ...]]}         # record "spikes"

As in lif_reference.py: threshold `v >= threshold`; spikeflow clamps v for round(t_ref/dt) steps
after the spike step and Brian2 for refractory/dt - 1 steps, so Brian2's refractory is
(round(t_ref/dt) + 1)*dt; v is recorded after threshold and reset of each step (when='end').
"""
import json
import sys
import time

import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, StateMonitor, Mohm, defaultclock, mV, ms, nA, nF,
                    prefs, run, seed, start_scope, __version__)

prefs.codegen.target = 'numpy'


def run_case(common, case):
    cfg = {**common, **case}
    dt = cfg['dt']
    t_ref_steps = round(cfg['t_ref'] / dt)
    runs = []
    for s in cfg['seeds']:
        start_scope()
        seed(s)
        defaultclock.dt = dt * ms
        g = NeuronGroup(
            cfg['size'],
            '''dv/dt = (-(v - u_rest) + R*I)/tau_m + sigma*sqrt(2/tau_m)*xi : volt (unless refractory)
               u_rest : volt (constant)
               R : ohm (constant)
               I : amp (constant)
               tau_m : second (constant)
               sigma : volt (constant)''',
            threshold='v >= %r*mV' % cfg['threshold'],
            reset='v = %r*mV' % cfg['u_reset'],
            refractory=(t_ref_steps + 1) * dt * ms,
            method='euler',
        )
        g.u_rest = cfg['u_rest'] * mV
        g.R = cfg['R'] * Mohm
        g.I = cfg['I'] * nA
        g.tau_m = cfg['R'] * Mohm * cfg['C'] * nF
        g.sigma = cfg['sigma'] * mV
        g.v = cfg['v0'] * mV
        if cfg['record'] == 'v':
            m = StateMonitor(g, 'v', record=True, when='end')
            run(cfg['steps'] * dt * ms)
            v = np.asarray(m.v / mV)[:, cfg['burn_in']:]
            runs.append({'seed': s, 'mean': float(v.mean()), 'std': float(v.std())})
        else:
            m = SpikeMonitor(g)
            run(cfg['steps'] * dt * ms)
            steps = np.rint(np.asarray(m.t / ms) / dt).astype(int)
            runs.append({'seed': s, 'i': [int(x) for x in m.i], 'step': [int(x) for x in steps]})
    return runs


def main():
    cfg = json.load(sys.stdin)
    t0 = time.time()
    cases = [run_case(cfg, case) for case in cfg['cases']]
    json.dump({'brian2': __version__, 'seconds': time.time() - t0, 'cases': cases}, sys.stdout)


if __name__ == '__main__':
    main()
