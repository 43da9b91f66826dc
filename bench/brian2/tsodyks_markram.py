"""Brian2 reference for spikeflow's Tsodyks–Markram synapse (packages/backend-cpu/test/tsodyks-markram-brian2.test.ts).

As Brian2's example synapses/short_term_plasticity.py: per-synapse u and x, event-driven,
    du/dt = (U - u)/tau_f, dx/dt = (1 - x)/tau_d;  on_pre: I_post += w*u*x; x *= (1 - u); u += U*(1 - u)
with u = U and x = 1 at the start, onto a neuron whose current decays with tau (dI/dt = -I/tau, exact).

Reads {"dt": ms, "times": [ms, ...], "tau": ms, "w": nA, "steps": n, "cases": [{"U", "tau_f", "tau_d"}, ...]}
as JSON (the first argument, or stdin) (one SpikeGeneratorGroup neuron spiking at `times`). Prints one JSON line per case:
{"i": [nA per step, StateMonitor default when='start'], "u": final u, "x": final x}.
"""
import json
import sys

from brian2 import NeuronGroup, SpikeGeneratorGroup, StateMonitor, Synapses, defaultclock, ms, nA, prefs, run, start_scope

prefs.codegen.target = 'numpy'
spec = json.loads(sys.argv[1]) if len(sys.argv) > 1 else json.load(sys.stdin)
for case in spec['cases']:
    start_scope()
    defaultclock.dt = spec['dt'] * ms
    src = SpikeGeneratorGroup(1, [0] * len(spec['times']), spec['times'] * ms)
    tau = spec['tau'] * ms
    target = NeuronGroup(1, 'dI/dt = -I/tau : amp', method='exact')
    U = case['U']
    tau_f = case['tau_f'] * ms
    tau_d = case['tau_d'] * ms
    syn = Synapses(src, target,
                   '''w : amp
                      du/dt = (U - u)/tau_f : 1 (event-driven)
                      dx/dt = (1 - x)/tau_d : 1 (event-driven)''',
                   on_pre='''I_post += w*u*x
                             x *= (1 - u)
                             u += U*(1 - u)''')
    syn.connect(i=0, j=0)
    syn.w = spec['w'] * nA
    syn.u = U
    syn.x = 1
    mon = StateMonitor(target, 'I', record=0)
    run(spec['steps'] * defaultclock.dt)
    print(json.dumps({'i': [float(v) for v in mon.I[0] / nA], 'u': float(syn.u[0]), 'x': float(syn.x[0])}))
