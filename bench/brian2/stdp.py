#!/usr/bin/python3
"""Song, Miller & Abbott (2000) as in Brian2's example examples/synapses/STDP.py: N Poisson inputs
at F onto one conductance-based LIF neuron through additive STDP synapses (w in [0, gmax],
dApre = 0.01 gmax, dApost = -dApre * taupre / taupost * 1.05), initial weights uniform in
[0, gmax] — examples/stdp.yaml. `--scale` multiplies dApre and dApost (a shorter run with a
faster learning rate), `--duration` is in SECONDS here (ms in cuba.py and coba.py).

Prints one JSON line per seed: the fields of bench/brian2/common.py (loop_seconds, spikes,
mean_rate_hz and isi_cv of the output neuron, synapses, …; `n` is the number of inputs), plus
the final weights / gmax: low and high (fractions below 0.1 and above 0.9), mean, and rate_hz
(the output rate), also as frac_low, frac_high and mean_weight (the names bench/spikeflow-run.mjs
prints).

Used by packages/backend-cpu/test/stdp-brian2.test.ts (numpy target: no compiler needed) and by
`pnpm bench` (bench/compare.mjs: cpp_standalone with 1 and 2 OpenMP threads, and numpy).

    /usr/bin/python3 bench/brian2/stdp.py --target numpy --duration 4 --scale 10 --seeds 1,2
    /usr/bin/python3 bench/brian2/stdp.py --target cpp_standalone --threads 2 --dir /tmp/stdp-build --duration 10
"""
import argparse

import common
from brian2 import NeuronGroup, Network, PoissonGroup, SpikeMonitor, Synapses, Hz, ms, mV


def run(args, seed):
    # common.py's run and report take the duration in ms.
    margs = argparse.Namespace(**{**vars(args), 'duration': args.duration * 1000.0})
    common.start(margs, seed)
    N = args.inputs
    gmax = .01
    dApre = .01
    namespace = {
        'taum': 10 * ms, 'taupre': 20 * ms, 'taupost': 20 * ms, 'Ee': 0 * mV, 'vt': -54 * mV,
        'vr': -60 * mV, 'El': -74 * mV, 'taue': 5 * ms, 'gmax': gmax,
        'dApre': dApre * gmax * args.scale,
        'dApost': -dApre * 1.05 * gmax * args.scale,  # taupre / taupost = 1
    }
    eqs_neurons = '''
    dv/dt = (ge * (Ee-v) + El - v) / taum : volt
    dge/dt = -ge / taue : 1
    '''
    poisson_input = PoissonGroup(N, rates=15 * Hz)
    neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler', namespace=namespace)
    neurons.v = namespace['vr']
    S = Synapses(poisson_input, neurons,
                 '''w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)''',
                 on_pre='''ge += w
                        Apre += dApre
                        w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
                         w = clip(w + Apre, 0, gmax)''', namespace=namespace)
    S.connect()
    S.w = 'rand() * gmax'
    mon = SpikeMonitor(neurons)
    net = Network(poisson_input, neurons, S, mon)

    def weights():
        w = S.w[:] / gmax
        low, high, mean = float((w < 0.1).mean()), float((w > 0.9).mean()), float(w.mean())
        return {'n': N, 'low': low, 'high': high, 'mean': mean, 'rate_hz': int(mon.num_spikes) / args.duration,
                'frac_low': low, 'frac_high': high, 'mean_weight': mean}

    # n = 1 for the output neuron's rate and ISI CV; the line's `n` is then the number of inputs.
    common.run_and_report(margs, seed, net, mon, [S], 1, 1.0, 'stdp', extra=weights)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--target', choices=['numpy', 'cython', 'cpp_standalone'], default='numpy')
    ap.add_argument('--threads', type=int, default=0, help='OpenMP threads (cpp_standalone; 0 = no OpenMP)')
    ap.add_argument('--duration', type=float, default=100.0, help='seconds')
    ap.add_argument('--scale', type=float, default=1.0)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--seeds', default=None, help='runtime targets: comma-separated seeds, one network and one JSON line each')
    ap.add_argument('--inputs', type=int, default=1000)
    ap.add_argument('--dir', default=None, help='cpp_standalone project directory (reused: make rebuilds what changed)')
    args = ap.parse_args()
    for seed in common.seeds(ap, args):
        run(args, seed)


if __name__ == '__main__':
    main()
