import type { ExportPlan } from './plan.js';

const size = (plan: ExportPlan) => plan.populations.reduce((n, p) => n + p.size, 0);
const synapses = (plan: ExportPlan) => plan.connections.reduce((n, c) => n + c.weight.length, 0);

const header = (plan: ExportPlan, engine: string) => `# ${plan.title} — exported from spikeflow to ${engine}

${size(plan)} neurons in ${plan.populations.length} population(s) (${plan.populations.map((p) => `${p.name}: ${p.size}`).join(', ')}),
${synapses(plan)} synapses, dt = ${plan.dt} ms, ${plan.steps} steps, seed ${plan.seed}.
The network is the instance spikeflow builds for this seed: connectivity, weights, per-neuron
parameters and initial values are data in \`data/\` (NPY, described by \`data/network.json\`), and
every stimulus is its exact per-step current for ${plan.steps} steps (\`data/p*_stim*.npy\`).
`;

const outputs = `## Results

The run writes, next to this file (or into \`$SPIKEFLOW_OUT\`), what \`spikeflow run\` writes: the
spikes (\`spikes.csv\` or \`spikes_<population>.npy\`), \`summary.json\` (spikes per population and
bin, timings) and \`run.json\`; the stimulus currents for the figure are already here. Then

    spikeflow plot .

draws the figure (raster, activity and input current per population).
`;

/** README.md of a NEURON export. */
export function neuronReadme(plan: ExportPlan): string {
  return `${header(plan, 'NEURON')}
## Run it on one machine

Needs NEURON (8.2 or later, with Python and MPI for more than one process) and numpy.

    ./build.sh                                 # compiles mod/*.mod once (nrnivmodl)
    nrniv -python run.py                       # one process
    mpiexec -n 4 nrniv -mpi -python run.py     # 4 MPI ranks on this machine

(Debian/Ubuntu: \`apt-get install neuron neuron-dev python3-neuron openmpi-bin\`; if \`from neuron
import h\` fails inside nrniv, set \`PYTHONPATH=/usr/lib/python3/dist-packages\`.)

## Run it on a cluster

Copy this directory to the cluster, run \`./build.sh\` once on a node of the target architecture,
then start as many ranks as you like through your MPI launcher, e.g. in a Slurm batch script:

    srun nrniv -mpi -python run.py            # or: mpiexec -n 128 nrniv -mpi -python run.py

Cells are given to ranks round-robin by gid; every rank reads \`data/\` (a shared file system, or a
copy per node) and builds only its own cells and their incoming synapses. Rank 0 gathers the spikes
and writes the results.

${outputs}
## How it matches spikeflow

Each neuron is an ARTIFICIAL_CELL (\`mod/\`) printed from spikeflow's compiled model IR: once per
step (fixed step, cvode off, dt = ${plan.dt} ms) it applies the spikes that arrived, then reads its
stimuli and synaptic outputs, decays the synapses, integrates, checks the threshold, resets and
handles refractoriness — spikeflow's order. Spikes travel through NetCons with a delay of one step.
Spikes that arrive in the same step are applied in spikeflow's order (by connection, then by
synapse index), so the result does not depend on the number of ranks. The arithmetic is the same
IEEE double arithmetic in the same order, so the spike trains are identical to spikeflow's for
models whose step uses + − × ÷ only (LIF, CubaLIF, exponential and alpha currents); models that call
exp/log/… per step use the C library's functions, which may differ from JavaScript's in the last
bit, and a chaotic network then agrees in rates and ISI statistics rather than spike by spike.
`;
}

/** README.md of a Brian2 export. */
export function brian2Readme(plan: ExportPlan): string {
  return `${header(plan, 'Brian2')}
## Run it

Needs Brian2 (2.5 or later) and numpy.

    python3 run_brian2.py                       # Brian2's numpy target
    python3 run_brian2.py cpp_standalone        # C++ standalone (OpenMP threads: SPIKEFLOW_THREADS=4)

${outputs}
## How it matches spikeflow

The equations in \`run_brian2.py\` are printed from spikeflow's compiled model IR as one explicit
update per step (\`run_regularly\`, already integrated by spikeflow's integrator), followed by
Brian2's threshold, synapses (\`on_pre\`, no delay: the effect shows in the next step, as in
spikeflow) and reset. Connectivity, parameters, initial values and stimuli are the data in
\`data/\`, so this is the same network spikeflow built for seed ${plan.seed}.
`;
}
