#!/usr/bin/python3
"""COBA (Brette et al. 2007, benchmark 1) in Brian2, as examples/coba.yaml describes it.

One JSON line per seed on stdout (fields: bench/brian2/common.py, plus method). Used by `pnpm
bench` (bench/compare.mjs) for the side-by-side timings and by the vitest cross-check
(packages/experiment-file/test/coba-brian2.test.ts) for firing statistics.

    /usr/bin/python3 bench/brian2/coba.py --target numpy --duration 500 --seeds 1,2,3
    /usr/bin/python3 bench/brian2/coba.py --target cpp_standalone --threads 2 --dir /tmp/coba-build

4000 neurons (the first 3200 excitatory), p = 0.02, dt = 0.1 ms:

    dv/dt  = (ge*(Ee-v) + gi*(Ei-v) - gl*(v-El))/Cm : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    gl = 10 nS, Cm = 200 pF (taum 20 ms), El = -60 mV, Ee = 0 mV, Ei = -80 mV
    threshold v > -50 mV, reset v = -60 mV, refractory 5 ms, method --method (default euler,
    what Brian2 picks for these equations)
    we = 6 nS onto ge, wi = 67 nS onto gi, taue 5 ms, taui 10 ms
    v0 = El + (randn()*5 - 5) mV, ge0 = (randn()*1.5 + 4)*10 nS, gi0 = (randn()*12 + 20)*10 nS
"""
import common
import brian2 as b2
from brian2 import ms, mV, nS, pF


def run(args, seed):
    common.start(args, seed)
    n = 4000
    n_exc = 3200
    namespace = {
        'gl': 10 * nS, 'Cm': 200 * pF, 'El': -60 * mV, 'Ee': 0 * mV, 'Ei': -80 * mV,
        'taue': 5 * ms, 'taui': 10 * ms, 'Vt': -50 * mV, 'Vr': -60 * mV, 'we': 6 * nS, 'wi': 67 * nS,
    }
    eqs = '''
    dv/dt  = (ge*(Ee-v) + gi*(Ei-v) - gl*(v-El))/Cm : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    '''
    P = b2.NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method=args.method, namespace=namespace)
    P.v = 'El + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10.*nS'
    P.gi = '(randn() * 12 + 20) * 10.*nS'
    Ce = b2.Synapses(P, P, on_pre='ge += we', namespace=namespace)
    Ci = b2.Synapses(P, P, on_pre='gi += wi', namespace=namespace)
    Ce.connect(f'i<{n_exc}', p=0.02)
    Ci.connect(f'i>={n_exc}', p=0.02)
    s_mon = b2.SpikeMonitor(P)
    net = b2.Network(P, Ce, Ci, s_mon)
    common.run_and_report(args, seed, net, s_mon, [Ce, Ci], n, 0.02, 'coba', extra={'method': args.method})


def main():
    ap = common.parser(__doc__, duration=500.0)
    ap.add_argument('--method', default='euler')
    args = ap.parse_args()
    for seed in common.seeds(ap, args):
        run(args, seed)


if __name__ == '__main__':
    main()
