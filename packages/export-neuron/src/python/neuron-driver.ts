/**
 * `run.py`: the NEURON driver of an exported network. Fixed text: the network it builds is read
 * from data/network.json and the data files next to it; the model code is in mod/ (printed from IR).
 */
export const NEURON_DRIVER_PY = String.raw`"""Runs an exported spikeflow network on NEURON, on one or many MPI ranks.

    ./build.sh                                              # once: compile mod/ (see README.md)
    nrniv -python run.py                                    # one process
    mpiexec -n 4 nrniv -mpi -python run.py                  # 4 ranks; on a cluster as your scheduler says

Cells are ARTIFICIAL_CELLs, one per neuron, spread over ranks by gid (gid % ranks). Each advances
once per spikeflow step (at (k + 1/2)·dt; fixed step, exact event times); spikes travel through NetCons with a
delay of one step, as in spikeflow. Rank 0 gathers the spikes and writes spikes, summary.json and
run.json into this directory (or $SPIKEFLOW_OUT), ready for 'spikeflow plot'.
"""
import json
import os
import sys
import time

T_START = time.time()
HERE = os.path.dirname(os.path.abspath(__file__)) if '__file__' in globals() else os.getcwd()
sys.path.insert(0, HERE)

from neuron import h  # noqa: E402
import numpy as np  # noqa: E402
from spikeflow_results import write_results  # noqa: E402

h.nrnmpi_init()
pc = h.ParallelContext()
RANK, NHOST = int(pc.id()), int(pc.nhost())


def load(path):
    return np.load(os.path.join(HERE, path))


with open(os.path.join(HERE, 'data', 'network.json')) as f:
    NET = json.load(f)
DT, STEPS = NET['dt'], NET['steps']

if not all(hasattr(h, p['mechanism']) for p in NET['populations']):
    libs = [os.path.join(HERE, d, sub, 'libnrnmech.so') for d in sorted(os.listdir(HERE)) for sub in ('.libs', '')]
    libs = [lib for lib in libs if os.path.isfile(lib)]
    if not libs:
        sys.exit('run.py: mechanisms not compiled; run ./build.sh in %s first' % HERE)
    h.nrn_load_dll(libs[0])

cells = {}
for p in NET['populations']:
    make = getattr(h, p['mechanism'])
    ranges = {k: (load(v) if isinstance(v, str) else v) for k, v in p['ranges'].items()}
    stims = [np.load(os.path.join(HERE, s['file']), mmap_mode='r') for s in p['stimuli']]
    for i in range(p['size']):
        gid = p['gid0'] + i
        if gid % NHOST != RANK:
            continue
        cell = make()
        cell.sf_dt = DT
        for name, v in ranges.items():
            setattr(cell, name, float(v[i]) if isinstance(v, np.ndarray) else v)
        cell.sf_setup()
        vectors = []
        for k, s in enumerate(stims):
            vec = h.Vector(np.ascontiguousarray(s[:, i], dtype=np.float64))
            getattr(cell, 'sf_set_stim%d' % k)(vec)
            vectors.append(vec)
        pc.set_gid2node(gid, RANK)
        pc.cell(gid, h.NetCon(cell, None))
        cells[gid] = (cell, vectors)

netcons = []
for c in NET['connections']:
    pre_gid0 = NET['populations'][c['pre']]['gid0']
    post_gid0 = NET['populations'][c['post']]['gid0']
    pre, post, weight = load(c['preFile']), load(c['postFile']), load(c['weightFile'])
    for k in np.nonzero((post_gid0 + post) % NHOST == RANK)[0]:
        nc = pc.gid_connect(int(pre_gid0 + pre[k]), cells[int(post_gid0 + post[k])][0])
        nc.delay = DT
        nc.weight[0] = float(weight[k])
        nc.weight[1] = c['slot']
        # Spikes that arrive together are applied in spikeflow's order: by slot, then this index.
        nc.weight[2] = float(k)
        netcons.append(nc)

spike_t, spike_gid = h.Vector(), h.Vector()
pc.spike_record(-1, spike_t, spike_gid)
h.CVode().active(0)
# NEURON's own step is half of spikeflow's: ParallelContext needs a spike delay (one spikeflow
# step) longer than its step. Cells have no membrane to integrate; they advance by events.
h.dt = DT / 2
pc.set_maxstep(10)
h.finitialize()
T_SETUP = time.time()
pc.psolve(STEPS * DT)
T_LOOP = time.time()

errors = pc.allreduce(max([c.err for c, _ in cells.values()] or [0]), 2)
gathered = pc.py_gather((np.array(spike_t.to_python(), dtype=float), np.array(spike_gid.to_python(), dtype=float)), 0)
if RANK == 0:
    if errors:
        sys.exit('run.py: a spike arrived after the step it belongs to was computed (err %d); the results would differ from spikeflow' % errors)
    t = np.concatenate([g[0] for g in gathered])
    gid = np.concatenate([g[1] for g in gathered]).astype(np.int64)
    step = np.rint(t / DT - 0.5).astype(np.int64)
    spikes = []
    for p in NET['populations']:
        mine = (gid >= p['gid0']) & (gid < p['gid0'] + p['size'])
        spikes.append((step[mine], gid[mine] - p['gid0']))
    out = os.environ.get('SPIKEFLOW_OUT', HERE)
    os.makedirs(out, exist_ok=True)
    write_results(out, NET, spikes, dict(engine='neuron', ranks=NHOST, setupSeconds=T_SETUP - T_START,
                                          simulationSeconds=T_LOOP - T_SETUP, totalSeconds=time.time() - T_START))
pc.barrier()
pc.done()
h.quit()
`;
