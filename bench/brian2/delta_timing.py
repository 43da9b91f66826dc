"""Brian2 reference for spikeflow's voltage-jump synapse timing (packages/backend-cpu/test/delta-synapse.test.ts).

Reads {"dt": ms, "cases": [[at, d], ...]} as JSON on stdin: one SpikeGeneratorGroup spike at step
`at`, through Synapses(on_pre='v_post += w') with delay d*dt onto a neuron 'v : volt' without
dynamics. Prints, per case, the first StateMonitor index (default when='start': index k is the
value at the start of step k, i.e. after step k - 1) at which v differs from 0.
"""
import json
import sys

from brian2 import NeuronGroup, SpikeGeneratorGroup, StateMonitor, Synapses, defaultclock, mV, ms, prefs, run, start_scope

prefs.codegen.target = 'numpy'
spec = json.load(sys.stdin)
out = []
for at, d in spec['cases']:
    start_scope()
    defaultclock.dt = spec['dt'] * ms
    src = SpikeGeneratorGroup(1, [0], [at * spec['dt']] * ms)
    target = NeuronGroup(1, 'v : volt', method='exact')
    syn = Synapses(src, target, 'w : volt', on_pre='v_post += w')
    syn.connect(i=0, j=0)
    syn.w = 1 * mV
    syn.delay = d * defaultclock.dt
    mon = StateMonitor(target, 'v', record=0)
    run((at + d + 10) * defaultclock.dt)
    v = mon.v[0] / mV
    out.append(next(k for k in range(len(v)) if v[k] != 0))
print(json.dumps(out))
