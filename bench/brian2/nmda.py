"""Brian2 reference for spikeflow's NMDA synapse (packages/backend-cpu/test/nmda-brian2.test.ts).

Brian2's example synapses/nonlinear.py ("NMDA synapses") onto LIF neurons: per-synapse g_syn and x,
clock-driven (integrated every step with `method`),
    dg_syn/dt = -g_syn/tau_decay + alpha*x*(1 - g_syn), dx/dt = -x/tau_rise;  on_pre: x += 1
    I_syn_post = w*g_syn*(E - v_post)/(1 + Mg/K_mg*exp(-beta_mg*v_post)) (summed)
onto LIF neurons dv/dt = (-(v - u_rest) + R*I_syn)/tau_m (exact), spike at v >= threshold, v = u_reset.

Reads JSON (each argument: one run): {"dt": ms, "steps": n, "method": "euler" | "rk4" | "exponential_euler",
"nPre": n, "nPost": n, "times": [ms], "indices": [pre], "weights": [[nS per (pre, post)], ...] (full
connectivity, rows by pre), "params": {tau_rise, tau_decay, alpha (1/ms), E (mV), Mg, K_mg, beta_mg (1/mV)},
"lif": {R (MOhm), C (nF), u_rest, u_reset, threshold (mV)}}.
Prints one JSON line per run: {"g": [[g_syn of each synapse (pre-major order)] per step], "x": same,
"v": [[v of each post neuron] per step], "spikes": [[step, neuron], ...]}; StateMonitors record at
the start of each step (when='start').
"""
import json
import sys

import numpy as np
from brian2 import (NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses, defaultclock, mV, ms,
                    Mohm, nF, nS, prefs, run, start_scope)

prefs.codegen.target = 'numpy'
def simulate(spec):
    start_scope()
    defaultclock.dt = spec['dt'] * ms
    p = spec['params']
    lif = spec['lif']
    src = SpikeGeneratorGroup(spec['nPre'], spec['indices'], spec['times'] * ms)
    R = lif['R'] * Mohm
    tau_m = lif['R'] * lif['C'] * ms
    u_rest = lif['u_rest'] * mV
    u_reset = lif['u_reset'] * mV
    threshold = lif['threshold'] * mV
    cells = NeuronGroup(spec['nPost'], '''dv/dt = (-(v - u_rest) + R*I_syn)/tau_m : volt
                                          I_syn : amp''', threshold='v >= threshold', reset='v = u_reset', method='exact')
    cells.v = u_rest
    tau_rise = p['tau_rise'] * ms
    tau_decay = p['tau_decay'] * ms
    alpha = p['alpha'] / ms
    E = p['E'] * mV
    Mg = p['Mg']
    K_mg = p['K_mg']
    beta_mg = p['beta_mg'] / mV
    syn = Synapses(src, cells, '''w : siemens
                                  dg_syn/dt = -g_syn/tau_decay + alpha*x*(1 - g_syn) : 1 (clock-driven)
                                  dx/dt = -x/tau_rise : 1 (clock-driven)
                                  I_syn_post = w*g_syn*(E - v_post)/(1 + Mg/K_mg*exp(-beta_mg*v_post)) : amp (summed)''',
                   on_pre='x += 1', method=spec['method'])
    syn.connect()  # every pair, ordered by pre then post
    weights = np.array(spec['weights'])
    syn.w = weights[syn.i[:], syn.j[:]] * nS
    gm = StateMonitor(syn, ['g_syn', 'x'], record=True)
    vm = StateMonitor(cells, 'v', record=True)
    sm = SpikeMonitor(cells)
    run(spec['steps'] * defaultclock.dt)
    order = np.lexsort((syn.j[:], syn.i[:]))
    return {
        'g': gm.g_syn[order].T.tolist(),
        'x': gm.x[order].T.tolist(),
        'v': (vm.v / mV).T.tolist(),
        'spikes': [[int(round(float(t / defaultclock.dt))), int(i)] for t, i in zip(sm.t, sm.i)],
    }


for arg in sys.argv[1:]:
    print(json.dumps(simulate(json.loads(arg))), flush=True)
