/** Fixed parts of `run_brian2.py`; the model code between them is printed from IR (see brian2.ts). */
export const BRIAN2_PRELUDE_PY = String.raw`"""An exported spikeflow network as a Brian2 script.

    python3 run_brian2.py                  # numpy target
    python3 run_brian2.py cpp_standalone   # C++ standalone; OpenMP threads from $SPIKEFLOW_THREADS

All variables are dimensionless numbers in spikeflow's units (ms, mV, nA, ...). Each step runs the
model's integrated update ('run_regularly' at 'start'), then threshold, synapses and reset; the
synaptic effect of a spike shows in the next step, as in spikeflow. Writes spikes, summary.json
and run.json in spikeflow's formats into this directory (or $SPIKEFLOW_OUT).
"""
import json
import os
import sys
import time

T_START = time.time()
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, TimedArray, Network, defaultclock, ms,  # noqa: E402
                    prefs, set_device, device)
from spikeflow_results import write_results  # noqa: E402

TARGET = sys.argv[1] if len(sys.argv) > 1 else 'numpy'
if TARGET == 'cpp_standalone':
    set_device('cpp_standalone', directory=os.path.join(HERE, 'brian2_standalone'), build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = int(os.environ.get('SPIKEFLOW_THREADS', '0'))
elif TARGET == 'numpy':
    prefs.codegen.target = 'numpy'
else:
    sys.exit('run_brian2.py: target must be numpy or cpp_standalone, got %r' % TARGET)
# Keep the printed operation order: no hoisting of loop invariants through sympy.
prefs.codegen.loop_invariant_optimisations = False

with open(os.path.join(HERE, 'data', 'network.json')) as f:
    NET = json.load(f)
DT, STEPS = NET['dt'], NET['steps']
defaultclock.dt = DT * ms
sf_dt = DT


def load(path):
    return np.load(os.path.join(HERE, path))


def set_values(group, pop):
    for name, v in pop['ranges'].items():
        setattr(group, name, load(v) if isinstance(v, str) else v)
    if hasattr(group, 'ref_until'):
        group.ref_until = -1
    group.stepc = 0`;

export const BRIAN2_RUN_PY = String.raw`MONITORS = [SpikeMonitor(g) for g in GROUPS]
net = Network(*GROUPS, *[v for k, v in sorted(globals().items()) if k.startswith('S') and k[1:].isdigit()], *MONITORS)
T_SETUP = time.time()
net.run(STEPS * DT * ms, namespace=dict(globals()))
if TARGET == 'cpp_standalone':
    device.build(run=True, compile=True, directory=os.path.join(HERE, 'brian2_standalone'))
T_LOOP = time.time()
spikes = [(np.rint(np.asarray(m.t / ms) / DT).astype(np.int64), np.asarray(m.i, dtype=np.int64)) for m in MONITORS]
out = os.environ.get('SPIKEFLOW_OUT', HERE)
os.makedirs(out, exist_ok=True)
write_results(out, NET, spikes, dict(engine='brian2', target=TARGET, setupSeconds=T_SETUP - T_START,
                                     simulationSeconds=T_LOOP - T_SETUP, totalSeconds=time.time() - T_START))
`;
