"""What bench/brian2/cuba.py and coba.py share: arguments, the code generation target, the timing
of the run and the JSON line each prints (one per seed).

Output fields: simulator, network, target, threads, n, p, duration_ms, seed, synapses, spikes,
mean_rate_hz (spikes per neuron per second), isi_cv (per-neuron ISI std/mean, population std,
averaged over neurons with >= 3 spikes — spikeflow's isiCv), loop_seconds (Brian2's own timing of
the simulation loop: `device._last_run_time`, measured by the compiled binary for cpp_standalone
and around the Python loop for numpy, code generation excluded in both), setup_seconds (imports,
network construction, code generation, compilation: everything in the process but the loop),
brian2 (version), plus what the script adds (coba.py: method; stdp.py: the final weights).
"""
import argparse
import json
import sys
import time
import warnings

STARTED = [time.perf_counter()]  # the process's start, then the end of each seed's run
warnings.simplefilter('ignore')  # numpy/pythran FutureWarnings on import; stdout stays JSON only

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import ms  # noqa: E402


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


def parser(description, duration=1000.0):
    """The arguments both scripts take; add a script's own before calling parse_args."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument('--target', choices=['numpy', 'cython', 'cpp_standalone'], default='numpy')
    ap.add_argument('--threads', type=int, default=0, help='OpenMP threads (cpp_standalone; 0 = no OpenMP)')
    ap.add_argument('--duration', type=float, default=duration, help='ms')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--seeds', default=None, help='runtime targets: comma-separated seeds, one network and one JSON line each, in this one process')
    ap.add_argument('--dir', default=None, help='cpp_standalone project directory (reused: make rebuilds what changed)')
    return ap


def seeds(ap, args):
    """The seeds to run: --seeds, else --seed; several only on a runtime target (one standalone build per process)."""
    out = [int(x) for x in args.seeds.split(',')] if args.seeds else [args.seed]
    if len(out) > 1 and args.target == 'cpp_standalone':
        ap.error('--seeds needs a runtime target (numpy or cython)')
    return out


def start(args, seed):
    """Selects the target and starts a fresh scope at dt = 0.1 ms with `seed`; call before building a network."""
    if args.target == 'cpp_standalone':
        b2.set_device('cpp_standalone', directory=args.dir, build_on_run=False)
        b2.prefs.devices.cpp_standalone.openmp_threads = args.threads
    else:
        b2.prefs.codegen.target = args.target
    b2.start_scope()
    b2.defaultclock.dt = 0.1 * ms
    b2.seed(seed)


def run_and_report(args, seed, net, spikes, synapses, n, p, network, extra=None):
    """Runs `net` for --duration (building and running the binary for cpp_standalone) and prints its JSON line.

    `extra`: fields to add, or a function returning them, called after the run (e.g. final weights).
    """
    net.run(args.duration * ms)
    if args.target == 'cpp_standalone':
        b2.device.build(directory=args.dir, compile=True, run=True, debug=False, with_output=False)
    loop = float(b2.device._last_run_time)
    i = np.asarray(spikes.i[:], dtype=np.int64)
    steps = np.rint(np.asarray(spikes.t[:] / ms) / 0.1).astype(np.int64)
    count = int(len(i))
    out = {
        'simulator': 'brian2',
        'network': network,
        'target': args.target,
        'threads': args.threads if args.target == 'cpp_standalone' else 1,
        'n': n,
        'p': p,
        'duration_ms': args.duration,
        'seed': seed,
        'synapses': int(sum(len(s) for s in synapses)),
        'spikes': count,
        'mean_rate_hz': count / n / (args.duration / 1000.0),
        'isi_cv': isi_cv(i, steps, n),
        'loop_seconds': loop,
        'setup_seconds': time.perf_counter() - STARTED[0] - loop,
        'brian2': b2.__version__,
        **((extra() if callable(extra) else extra) or {}),
    }
    json.dump(out, sys.stdout)
    sys.stdout.write('\n')
    sys.stdout.flush()
    STARTED[0] = time.perf_counter()
