#!/usr/bin/python3
"""COBA (Brette et al. 2007, benchmark 1) in Brian2, as examples/coba.yaml describes it.

Prints one JSON line per seed on stdout. Used by the vitest cross-check
(packages/experiment-file/test/coba-brian2.test.ts) for firing statistics.

    /usr/bin/python3 bench/brian2/coba.py --target numpy --duration 500 --seeds 1,2,3

4000 neurons (the first 3200 excitatory), p = 0.02, dt = 0.1 ms:

    dv/dt  = (ge*(Ee-v) + gi*(Ei-v) - gl*(v-El))/Cm : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    gl = 10 nS, Cm = 200 pF (taum 20 ms), El = -60 mV, Ee = 0 mV, Ei = -80 mV
    threshold v > -50 mV, reset v = -60 mV, refractory 5 ms, method --method (default euler,
    what Brian2 picks for these equations)
    we = 6 nS onto ge, wi = 67 nS onto gi, taue 5 ms, taui 10 ms
    v0 = El + (randn()*5 - 5) mV, ge0 = (randn()*1.5 + 4)*10 nS, gi0 = (randn()*12 + 20)*10 nS

Output fields: as bench/brian2/cuba.py (seed, spikes, mean_rate_hz, isi_cv — spikeflow's isiCv —,
loop_seconds, brian2).
"""
import argparse
import json
import sys
import warnings

warnings.simplefilter('ignore')  # numpy/pythran FutureWarnings on import; stdout stays JSON only

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import ms, mV, nS, pF  # noqa: E402


def isi_cv(i, steps, n, min_spikes=3):
    """spikeflow's isiCv: mean over neurons (>= min_spikes spikes) of std(ISI)/mean(ISI)."""
    order = np.lexsort((steps, i))
    i = i[order]
    steps = steps[order]
    cvs = []
    bounds = np.searchsorted(i, np.arange(n + 1))
    for k in range(n):
        s = steps[bounds[k]:bounds[k + 1]]
        if len(s) < max(min_spikes, 2):
            continue
        isi = np.diff(s).astype(np.float64)
        m = isi.mean()
        if m > 0:
            cvs.append(isi.std() / m)
    return float(np.mean(cvs)) if cvs else float('nan')


def run(args, seed):
    b2.prefs.codegen.target = args.target
    b2.start_scope()
    b2.defaultclock.dt = 0.1 * ms
    b2.seed(seed)
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
    net.run(args.duration * ms)
    i = np.asarray(s_mon.i[:], dtype=np.int64)
    steps = np.rint(np.asarray(s_mon.t[:] / ms) / 0.1).astype(np.int64)
    count = int(len(i))
    out = {
        'simulator': 'brian2',
        'target': args.target,
        'method': args.method,
        'duration_ms': args.duration,
        'seed': seed,
        'spikes': count,
        'mean_rate_hz': count / n / (args.duration / 1000.0),
        'isi_cv': isi_cv(i, steps, n),
        'loop_seconds': float(b2.device._last_run_time),
        'brian2': b2.__version__,
    }
    json.dump(out, sys.stdout)
    sys.stdout.write('\n')
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--target', choices=['numpy', 'cython'], default='numpy')
    ap.add_argument('--method', default='euler')
    ap.add_argument('--duration', type=float, default=500.0, help='ms')
    ap.add_argument('--seeds', default='1', help='comma-separated seeds, one network and one JSON line each')
    args = ap.parse_args()
    for seed in (int(x) for x in args.seeds.split(',')):
        run(args, seed)


if __name__ == '__main__':
    main()
