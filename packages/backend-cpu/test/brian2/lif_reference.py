#!/usr/bin/python3
"""Brian2 reference for spikeflow's CPU backend: LIF populations, explicit current synapses.

Reads one JSON network description on stdin and prints one JSON result on stdout; or a JSON list
of descriptions, run one after another in this one process (Brian2 imported once), and a JSON list
of their results. Units as in spikeflow: ms, mV, MΩ, nF, nA. Brian2's numpy target, so nothing is
compiled.

Input:
  {
    "dt": 0.1,                      # ms
    "steps": 5000,                  # number of time steps to run
    "populations": [{
      "name": "exc", "size": 160,
      # each a number or a list of `size` numbers (spikeflow's LIF parameters):
      "R": 1, "C": 20, "u_rest": -70, "u_reset": -70, "threshold": -40, "t_ref": 2,
      "v0": -70,                    # initial v, number or list
      "I_const": 35,                # constant input current (nA), number or list; optional
      "I_array": [[...], ...],      # optional: [steps][size] current per step (nA), added to I_const
      "record_v": [0, 3]            # optional: neuron indices whose v is recorded every step
    }],
    "connections": [{
      "pre": "exc", "post": "inh",
      "i": [...], "j": [...],       # explicit synapse list (pre index, post index)
      "w": [...],                   # signed weights as delivered (nA): inhibitory ones negative
      "tau": 5                      # decay time constant of the exponential current (ms)
    }]
  }

Output:
  {"brian2": "2.5.1", "seconds": 1.2,
   "spikes": {"exc": {"i": [...], "step": [...]}},      # in step order, as Brian2 records them
   "v": {"exc": {"indices": [0, 3], "values": [[v_0, v_3] per step]}}}   # mV, after each step

How the model is written so that Brian2 does what spikeflow's CPU backend does, step for step
(packages/backend-cpu/src/simulation.ts and population-kernel.ts):

  * v uses Brian2's `exact` (linear) method with the input current a per-neuron *parameter*, i.e.
    held constant over the step, as spikeflow's exponential-Euler update does. (Writing I_syn as a
    differential equation coupled to v would let `exact` integrate the decaying current within the
    step, which spikeflow does not do.)
  * Each connection k has its own current I_syn_k on the postsynaptic group. Per step spikeflow
    reads I_syn (left by the previous step), integrates v with it, decays I_syn by exp(-dt/tau), and
    after threshold/reset adds w for this step's presynaptic spikes. Brian2's schedule is start,
    groups (state update of v), thresholds, synapses, resets, end; the decay is a
    `run_regularly(..., when='after_groups')`, i.e. after v has been integrated, and the synapses
    (`on_pre='I_syn_k_post += w'`, delay 0) add in the 'synapses' slot. So a spike in step s first
    acts on v in step s + 1: spikeflow's one step of transmission delay, with no Brian2 delay.
  * Threshold `v >= v_th` as in spikeflow (not `>`).
  * Refractoriness. spikeflow: a spike in step s sets REF_UNTIL = s + round(t_ref/dt) and a
    neuron is active (integrates and may spike) in steps > REF_UNTIL, so v is clamped for
    round(t_ref/dt) steps after the spike step. Brian2: a neuron is active in step k when
    timestep(t - lastspike) >= timestep(refractory), i.e. k - s >= refractory/dt, so v is clamped
    for refractory/dt - 1 steps. Both report the spike at t = s·dt. Hence
        Brian2 refractory = (round(t_ref/dt) + 1)·dt
    (for t_ref = 0 this is dt, which in Brian2 clamps nothing, as in spikeflow).
  * Input currents: I_const is a parameter; I_array goes through a TimedArray that a
    `run_regularly(when='start')` copies into the parameter I_arr at the start of every step, so it
    too is constant over the step (spikeflow reads row `step` of the array in step `step`).
  * v is recorded with StateMonitor(when='end'): after threshold and reset of the step, as
    spikeflow's state monitors record after the step.
"""
import json
import sys
import time
import warnings

warnings.simplefilter('ignore')  # numpy/pythran FutureWarnings on import; stdout stays JSON only

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import mV, ms, nA, nF, Mohm  # noqa: E402


def per_neuron(value, size, name):
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 0:
        return np.full(size, float(arr))
    if arr.shape != (size,):
        raise ValueError(f'{name}: expected a number or {size} values, got shape {arr.shape}')
    return arr


def js_round(x):
    """Math.round of JavaScript (halves go up), which spikeflow uses for refractory steps."""
    return np.floor(x + 0.5)


def simulate(cfg):
    """Runs one network description; returns its result (the output format above)."""
    started = time.perf_counter()
    b2.prefs.codegen.target = 'numpy'
    b2.start_scope()
    dt = float(cfg['dt'])
    steps = int(cfg['steps'])
    b2.defaultclock.dt = dt * ms

    pops = cfg['populations']
    conns = cfg.get('connections', [])
    incoming = {p['name']: [k for k, c in enumerate(conns) if c['post'] == p['name']] for p in pops}

    objects = []
    groups = {}
    spike_mons = {}
    state_mons = {}
    for p in pops:
        name, n = p['name'], int(p['size'])
        syn_names = [f'I_syn_{k}' for k in incoming[name]]
        has_array = 'I_array' in p
        current = ' + '.join(['I_const'] + (['I_arr'] if has_array else []) + syn_names)
        eqs = '\n'.join(
            [
                f'dv/dt = (-(v - u_rest) + R * ({current})) / (R * C) : volt (unless refractory)',
                'R : ohm (constant)',
                'C : farad (constant)',
                'u_rest : volt (constant)',
                'u_reset : volt (constant)',
                'v_th : volt (constant)',
                't_ref_brian : second (constant)',
                'I_const : amp',
            ]
            + (['I_arr : amp'] if has_array else [])
            + [f'{s} : amp' for s in syn_names]
        )
        namespace = {}
        if has_array:
            data = np.asarray(p['I_array'], dtype=np.float64)
            if data.shape != (steps, n):
                raise ValueError(f'{name}.I_array: expected shape ({steps}, {n}), got {data.shape}')
            namespace['I_table'] = b2.TimedArray(data * nA, dt=dt * ms, name=f'I_array_{name}')
        g = b2.NeuronGroup(n, eqs, threshold='v >= v_th', reset='v = u_reset', refractory='t_ref_brian', method='exact', namespace=namespace, name=f'pop_{name}')
        g.R = per_neuron(p.get('R', 1), n, 'R') * Mohm
        g.C = per_neuron(p.get('C', 20), n, 'C') * nF
        g.u_rest = per_neuron(p.get('u_rest', -70), n, 'u_rest') * mV
        g.u_reset = per_neuron(p.get('u_reset', -70), n, 'u_reset') * mV
        g.v_th = per_neuron(p.get('threshold', -40), n, 'threshold') * mV
        ref_steps = js_round(per_neuron(p.get('t_ref', 0), n, 't_ref') / dt)
        g.t_ref_brian = (ref_steps + 1) * dt * ms
        g.I_const = per_neuron(p.get('I_const', 0), n, 'I_const') * nA
        g.v = per_neuron(p.get('v0', p.get('u_rest', -70)), n, 'v0') * mV
        # run_regularly objects belong to the group (contained objects): the Network picks them up.
        if has_array:
            g.run_regularly('I_arr = I_table(t, i)', when='start', name=f'load_array_{name}')
        for k in incoming[name]:
            tau = float(conns[k]['tau'])
            g.run_regularly(f'I_syn_{k} = I_syn_{k} * exp(-dt / ({tau!r} * ms))', when='after_groups', name=f'decay_{name}_{k}')
        groups[name] = g
        objects.append(g)
        spike_mons[name] = b2.SpikeMonitor(g, name=f'spikes_{name}')
        objects.append(spike_mons[name])
        rec = p.get('record_v')
        if rec:
            state_mons[name] = b2.StateMonitor(g, 'v', record=list(map(int, rec)), when='end', name=f'v_{name}')
            objects.append(state_mons[name])

    for k, c in enumerate(conns):
        i = np.asarray(c['i'], dtype=np.int64)
        j = np.asarray(c['j'], dtype=np.int64)
        w = np.asarray(c['w'], dtype=np.float64)
        if not (len(i) == len(j) == len(w)):
            raise ValueError(f'connection {k}: i, j and w differ in length')
        s = b2.Synapses(groups[c['pre']], groups[c['post']], 'w : amp (constant)', on_pre=f'I_syn_{k}_post += w', name=f'syn_{k}')
        if len(i):
            s.connect(i=i, j=j)
            s.w = w * nA
        objects.append(s)

    net = b2.Network(objects)
    net.run(steps * dt * ms, namespace={})  # no implicit names from this frame

    out = {'brian2': b2.__version__, 'spikes': {}, 'v': {}}
    for name, m in spike_mons.items():
        order = np.lexsort((np.asarray(m.i), np.asarray(m.t / b2.second)))
        out['spikes'][name] = {
            'i': np.asarray(m.i)[order].astype(int).tolist(),
            'step': np.rint(np.asarray(m.t / ms)[order] / dt).astype(int).tolist(),
        }
    for name, m in state_mons.items():
        out['v'][name] = {'indices': [int(x) for x in m.record], 'values': (np.asarray(m.v / mV).T).tolist()}
    out['seconds'] = time.perf_counter() - started
    return out


def main():
    cfg = json.load(sys.stdin)
    json.dump([simulate(c) for c in cfg] if isinstance(cfg, list) else simulate(cfg), sys.stdout)


if __name__ == '__main__':
    main()
