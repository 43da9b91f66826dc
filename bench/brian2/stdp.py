"""Song, Miller & Abbott (2000) as in Brian2's example examples/synapses/STDP.py: N Poisson inputs
at F onto one conductance-based LIF neuron through additive STDP synapses (w in [0, gmax],
dApre = 0.01 gmax, dApost = -dApre * taupre / taupost * 1.05), initial weights uniform in
[0, gmax]. `--scale` multiplies dApre and dApost (a shorter run with a faster learning rate),
`--duration` is in seconds. Prints one JSON line per seed: the fraction of weights below
0.1 gmax and above 0.9 gmax, the mean weight / gmax and the output rate (Hz).

Used by packages/backend-cpu/test/stdp-brian2.test.ts (numpy target: no compiler needed).
"""
import argparse
import json

from brian2 import (NeuronGroup, Network, PoissonGroup, SpikeMonitor, Synapses, defaultclock,
                    prefs, seed as set_seed, Hz, ms, mV, second)

parser = argparse.ArgumentParser()
parser.add_argument('--target', default='numpy')
parser.add_argument('--duration', type=float, default=100.0)
parser.add_argument('--scale', type=float, default=1.0)
parser.add_argument('--seeds', default='1')
parser.add_argument('--inputs', type=int, default=1000)
args = parser.parse_args()
prefs.codegen.target = args.target

N = args.inputs
taum = 10 * ms
taupre = 20 * ms
taupost = taupre
Ee = 0 * mV
vt = -54 * mV
vr = -60 * mV
El = -74 * mV
taue = 5 * ms
F = 15 * Hz
gmax = .01
dApre = .01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax * args.scale
dApre *= gmax * args.scale

eqs_neurons = '''
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
'''

for s in [int(x) for x in args.seeds.split(',')]:
    set_seed(s)
    defaultclock.dt = 0.1 * ms
    poisson_input = PoissonGroup(N, rates=F)
    neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler')
    neurons.v = vr
    S = Synapses(poisson_input, neurons,
                 '''w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)''',
                 on_pre='''ge += w
                        Apre += dApre
                        w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
                         w = clip(w + Apre, 0, gmax)''')
    S.connect()
    S.w = 'rand() * gmax'
    mon = SpikeMonitor(neurons)
    net = Network(poisson_input, neurons, S, mon)
    net.run(args.duration * second)
    w = S.w[:] / gmax
    print(json.dumps({
        'seed': s,
        'low': float((w < 0.1).mean()),
        'high': float((w > 0.9).mean()),
        'mean': float(w.mean()),
        'rate_hz': mon.num_spikes / args.duration,
    }), flush=True)
