#!/usr/bin/python3
"""Brian2's CUBA example (Brette et al. 2007, as in brian2/examples/CUBA.py), sized by arguments.

One run per process; prints one JSON line on stdout. Used by `pnpm bench` (bench/cuba.mjs) for the
side-by-side timings and by the vitest cross-check (packages/experiments/test/cuba-brian2.test.ts)
for firing statistics.

    /usr/bin/python3 bench/brian2/cuba.py --target numpy --n 4000 --p 0.02 --duration 1000 --seed 1
    /usr/bin/python3 bench/brian2/cuba.py --target cpp_standalone --threads 2 --dir /tmp/cuba-build

The network is Brian2's example, unchanged except for its size (N neurons, the first 80 %
excitatory) and connection probability p; 4000 neurons and p = 0.02 is the example itself:

    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    threshold v > -50 mV, reset v = -60 mV, refractory 5 ms, method 'exact', dt = 0.1 ms
    v0 = Vr + rand()*(Vt - Vr); we = 60*0.27/10 mV onto ge, wi = -20*4.5/10 mV onto gi

Output fields: target, threads, n, p, duration_ms, seed, synapses, spikes, mean_rate_hz (spikes
per neuron per second), isi_cv (per-neuron ISI std/mean, population std, averaged over neurons with
>= 3 spikes — spikeflow's isiCv), loop_seconds (Brian2's own timing of the simulation loop:
`device._last_run_time`, measured by the compiled binary for cpp_standalone and around the Python
loop for numpy, code generation excluded in both), setup_seconds (imports, network construction,
code generation, compilation, everything in the process but the loop), brian2 (version).
"""
import argparse
import json
import sys
import time
import warnings

_started = time.perf_counter()
warnings.simplefilter('ignore')  # numpy/pythran FutureWarnings on import; stdout stays JSON only

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import ms, mV, second  # noqa: E402


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--target', choices=['numpy', 'cpp_standalone'], default='numpy')
    ap.add_argument('--threads', type=int, default=0, help='OpenMP threads (cpp_standalone; 0 = no OpenMP)')
    ap.add_argument('--n', type=int, default=4000)
    ap.add_argument('--p', type=float, default=0.02)
    ap.add_argument('--duration', type=float, default=1000.0, help='ms')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--seeds', default=None, help='numpy target: comma-separated seeds, one network and one JSON line each, in this one process')
    ap.add_argument('--dir', default=None, help='cpp_standalone project directory (reused: make rebuilds what changed)')
    args = ap.parse_args()
    seeds = [int(x) for x in args.seeds.split(',')] if args.seeds else [args.seed]
    if len(seeds) > 1 and args.target != 'numpy':
        ap.error('--seeds needs --target numpy')
    for seed in seeds:
        args.seed = seed
        run(args)
        _started_run[0] = time.perf_counter()


_started_run = [_started]


def run(args):
    if args.target == 'cpp_standalone':
        b2.set_device('cpp_standalone', directory=args.dir, build_on_run=False)
        b2.prefs.devices.cpp_standalone.openmp_threads = args.threads
    else:
        b2.prefs.codegen.target = 'numpy'
    b2.start_scope()
    b2.defaultclock.dt = 0.1 * ms
    b2.seed(args.seed)

    n = args.n
    n_exc = int(round(0.8 * n))
    taum = 20 * ms
    taue = 5 * ms
    taui = 10 * ms
    Vt = -50 * mV
    Vr = -60 * mV
    El = -49 * mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = b2.NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    Ce = b2.Synapses(P, P, on_pre='ge += we')
    Ci = b2.Synapses(P, P, on_pre='gi += wi')
    Ce.connect(f'i<{n_exc}', p=args.p)
    Ci.connect(f'i>={n_exc}', p=args.p)
    s_mon = b2.SpikeMonitor(P)
    net = b2.Network(P, Ce, Ci, s_mon)
    net.run(args.duration * ms, namespace={'taum': taum, 'taue': taue, 'taui': taui, 'Vt': Vt, 'Vr': Vr, 'El': El, 'we': we, 'wi': wi})
    if args.target == 'cpp_standalone':
        b2.device.build(directory=args.dir, compile=True, run=True, debug=False, with_output=False)
    loop = float(b2.device._last_run_time)

    i = np.asarray(s_mon.i[:], dtype=np.int64)
    steps = np.rint(np.asarray(s_mon.t[:] / ms) / 0.1).astype(np.int64)
    synapses = int(len(Ce)) + int(len(Ci))
    count = int(len(i))
    out = {
        'simulator': 'brian2',
        'target': args.target,
        'threads': args.threads if args.target == 'cpp_standalone' else 1,
        'n': n,
        'p': args.p,
        'duration_ms': args.duration,
        'seed': args.seed,
        'synapses': synapses,
        'spikes': count,
        'mean_rate_hz': count / n / (args.duration / 1000.0),
        'isi_cv': isi_cv(i, steps, n),
        'loop_seconds': loop,
        'setup_seconds': time.perf_counter() - _started_run[0] - loop,
        'brian2': b2.__version__,
    }
    json.dump(out, sys.stdout)
    sys.stdout.write('\n')
    sys.stdout.flush()


if __name__ == '__main__':
    main()
