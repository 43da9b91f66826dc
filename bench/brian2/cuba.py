#!/usr/bin/python3
"""Brian2's CUBA example (Brette et al. 2007, as in brian2/examples/CUBA.py), sized by arguments.

One JSON line per seed on stdout (fields: bench/brian2/common.py). Used by `pnpm bench`
(bench/compare.mjs) for the side-by-side timings and by the vitest cross-check
(packages/experiments/test/cuba-brian2.test.ts) for firing statistics.

    /usr/bin/python3 bench/brian2/cuba.py --target numpy --n 4000 --p 0.02 --duration 1000 --seed 1
    /usr/bin/python3 bench/brian2/cuba.py --target cpp_standalone --threads 2 --dir /tmp/cuba-build

The network is Brian2's example, unchanged except for its size (N neurons, the first 80 %
excitatory) and connection probability p; 4000 neurons and p = 0.02 is the example itself:

    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    threshold v > -50 mV, reset v = -60 mV, refractory 5 ms, method 'exact', dt = 0.1 ms
    v0 = Vr + rand()*(Vt - Vr); we = 60*0.27/10 mV onto ge, wi = -20*4.5/10 mV onto gi
"""
import common
import brian2 as b2
from brian2 import ms, mV


def run(args, seed):
    common.start(args, seed)
    n = args.n
    n_exc = int(round(0.8 * n))
    namespace = {
        'taum': 20 * ms, 'taue': 5 * ms, 'taui': 10 * ms, 'Vt': -50 * mV, 'Vr': -60 * mV, 'El': -49 * mV,
        'we': (60 * 0.27 / 10) * mV, 'wi': (-20 * 4.5 / 10) * mV,
    }
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = b2.NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact', namespace=namespace)
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    Ce = b2.Synapses(P, P, on_pre='ge += we', namespace=namespace)
    Ci = b2.Synapses(P, P, on_pre='gi += wi', namespace=namespace)
    Ce.connect(f'i<{n_exc}', p=args.p)
    Ci.connect(f'i>={n_exc}', p=args.p)
    s_mon = b2.SpikeMonitor(P)
    net = b2.Network(P, Ce, Ci, s_mon)
    common.run_and_report(args, seed, net, s_mon, [Ce, Ci], n, args.p, 'cuba')


def main():
    ap = common.parser(__doc__)
    ap.add_argument('--n', type=int, default=4000)
    ap.add_argument('--p', type=float, default=0.02)
    args = ap.parse_args()
    for seed in common.seeds(ap, args):
        run(args, seed)


if __name__ == '__main__':
    main()
