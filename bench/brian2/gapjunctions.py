"""Brian2 reference for spikeflow's gap junctions (packages/backend-cpu/test/gap-junction-brian2.test.ts).

Brian2's example synapses/gapjunctions.py: N = 10 neurons `dv/dt = (v0 - v + Igap)/tau : 1` with
`Igap : 1`, threshold v > 1, reset v = 0, method 'exact', v initially i/(N-1); Synapses with
`w : 1` and `Igap_post = w * (v_pre - v_post) : 1 (summed)`, connected all to all, w = 0.02,
v0 = 1.05, tau = 10 ms. Arguments: duration in ms, dt in ms, then one or more values of w
(default: 500 0.1 0.02).

Prints one JSON line per w: {"w": w, "dt": ms, "steps": n, "i": [...], "step": [...]} — the
spikes in the order Brian2 recorded them, each as neuron index and step (round(t / dt)).
"""
import json
import sys
import warnings

warnings.simplefilter('ignore')  # numpy FutureWarnings on import; stdout stays JSON only

from brian2 import NeuronGroup, SpikeMonitor, Synapses, defaultclock, ms, prefs, run, start_scope  # noqa: E402

duration = float(sys.argv[1]) if len(sys.argv) > 1 else 500.0
dt = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
weights = [float(w) for w in sys.argv[3:]] or [0.02]
prefs.codegen.target = 'numpy'
n = 10
v0 = 1.05
tau = 10 * ms
eqs = '''
dv/dt = (v0 - v + Igap) / tau : 1
Igap : 1 # gap junction current
'''
for coupling in weights:
    start_scope()
    defaultclock.dt = dt * ms
    neurons = NeuronGroup(n, eqs, threshold='v > 1', reset='v = 0', method='exact')
    neurons.v = 'i * 1.0 / (n-1)'
    S = Synapses(neurons, neurons, '''
                 w : 1 # gap junction conductance
                 Igap_post = w * (v_pre - v_post) : 1 (summed)
                 ''')
    S.connect()
    S.w = coupling
    spikes = SpikeMonitor(neurons)
    run(duration * ms)
    steps = [int(round(float(t / ms) / dt)) for t in spikes.t]
    print(json.dumps({'w': coupling, 'dt': dt, 'steps': int(round(duration / dt)), 'i': [int(i) for i in spikes.i], 'step': steps}), flush=True)
