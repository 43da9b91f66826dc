#!/usr/bin/python3
"""Brian2 references for spikeflow's neuron library (packages/neurons), numpy target.

Each model is written here again, in Brian2's own notation with physical units, from its paper or
Brian2's example (not generated from spikeflow's strings), so a wrong equation, unit or sign on
either side shows up as a difference. Same protocol as packages/backend-cpu/test/brian2/
lif_reference.py: one JSON request on stdin, one JSON answer on stdout, every case in one process.

Input:  {"cases": [{"model": "AdEx", "dt": 0.1, "steps": 3000,
                    "drive": [...],                 # per neuron, spikeflow units of the drive input
                    "params": {"a": [...], ...},    # per neuron, spikeflow units (ms, mV, nA, nF, µS, Hz)
                    "record_v": true}]}
Output: {"brian2": "2.5.1", "seconds": ..., "cases": [{"steps": [[spike steps of neuron 0], ...],
                                                        "v": [[v of neuron 0 per step], ...] | null}]}

Conventions matched to spikeflow (see lif_reference.py for why): the drive is a per-neuron
parameter, so it is constant over a step; thresholds are checked in the same form; a refractory
period of t_ref maps to Brian2's (round(t_ref/dt) + 1)·dt; v is recorded after reset (when='end').
"""
import json
import sys
import time
import warnings

warnings.simplefilter('ignore')

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import mV, ms, nA, nF, uS, Mohm, Hz  # noqa: E402

# spikeflow unit of each parameter kind, as a Brian2 quantity
U = {'ms': ms, 'mV': mV, 'nA': nA, 'nF': nF, 'uS': uS, 'Mohm': Mohm, 'Hz': Hz, '1/ms': 1 / ms,
     '1/mV': 1 / mV, '1/(mV*ms)': 1 / (mV * ms), 'mV/ms': mV / ms, '1': 1}
# ... and its SI unit as written in Brian2 equations
SI = {'ms': 'second', 'mV': 'volt', 'nA': 'amp', 'nF': 'farad', 'uS': 'siemens', 'Mohm': 'ohm', 'Hz': 'hertz',
      '1/ms': 'second**-1', '1/mV': 'volt**-1', '1/(mV*ms)': 'volt**-1*second**-1', 'mV/ms': 'volt/second', '1': '1'}

LIF_LIKE = dict(R='Mohm', C='nF', u_rest='mV', u_reset='mV', threshold='mV', t_ref='ms')

MODELS = {
    # Gerstner et al., Neuronal Dynamics, eq. 1.5 (the seed's LIF)
    'LIF': dict(
        eqs='dv/dt = (-(v - u_rest) + R*I)/(R*C) : volt (unless refractory)',
        params=LIF_LIKE, drive=('I', 'nA'), threshold='v >= threshold', reset='v = u_reset',
        refractory='t_ref', method='exact', init={'v': 'u_rest'}),
    # Brian2's CUBA.py neuron, inputs in volts
    'CubaLIF': dict(
        eqs='dv/dt = (ge + gi - (v - v_rest))/tau_m : volt (unless refractory)\ngi : volt',
        params=dict(tau_m='ms', v_rest='mV', v_reset='mV', v_th='mV', t_ref='ms'), drive=('ge', 'mV'),
        threshold='v > v_th', reset='v = v_reset', refractory='t_ref', method='exact', init={'v': 'v_reset'}),
    # Fourcaud-Trocmé et al. 2003 / Neuronal Dynamics eq. 5.6
    'ELIF': dict(
        eqs='dv/dt = (-(v - u_rest) + delta_T*exp((v - theta_rh)/delta_T) + R*I)/(R*C) : volt (unless refractory)',
        params=dict(LIF_LIKE, theta_rh='mV', delta_T='mV'), drive=('I', 'nA'), threshold='v >= threshold',
        reset='v = u_reset', refractory='t_ref', method='euler', init={'v': 'u_rest'}),
    # Neuronal Dynamics eqs. 6.3-6.4
    'AdaptiveELIF': dict(
        eqs='''dv/dt = (-(v - u_rest) + delta_T*exp((v - theta_rh)/delta_T) - R*w + R*I)/(R*C) : volt (unless refractory)
               dw/dt = (a*(v - u_rest) - w)/tau_w : amp''',
        params=dict(LIF_LIKE, theta_rh='mV', delta_T='mV', a='uS', b='nA', tau_w='ms'), drive=('I', 'nA'),
        threshold='v >= threshold', reset='v = u_reset; w += b', refractory='t_ref', method='euler', init={'v': 'u_rest'}),
    # Brette & Gerstner 2005 (Brian2's Brette_Gerstner_2005.py and Naud_et_al_2008 example)
    'AdEx': dict(
        eqs='''dv/dt = (g_L*(E_L - v) + g_L*delta_T*exp((v - V_T)/delta_T) + I - w)/C : volt
               dw/dt = (a*(v - E_L) - w)/tau_w : amp''',
        params=dict(C='nF', g_L='uS', E_L='mV', V_T='mV', delta_T='mV', a='uS', tau_w='ms', b='nA', V_r='mV', V_peak='mV'),
        drive=('I', 'nA'), threshold='v > V_peak', reset='v = V_r; w += b', refractory=None, method='euler', init={'v': 'E_L'}),
    # Izhikevich 2003, with the paper's constants carrying units
    'Izhikevich': dict(
        eqs='''dv/dt = k2*v**2 + k1*v + k0 - u + I : volt
               du/dt = a*(b*v - u) : volt/second''',
        params=dict(a='1/ms', b='1/ms', c='mV', d='mV/ms', k2='1/(mV*ms)', k1='1/ms', k0='mV/ms', v_peak='mV', v0='mV'),
        drive=('I', 'mV/ms'), threshold='v >= v_peak', reset='v = c; u += d', refractory=None, method='euler',
        init={'v': 'v0', 'u': 'b*v0'}),
    # Hodgkin & Huxley 1952 (Brian2's HH examples), 1e-4 cm2 patch
    'HodgkinHuxley': dict(
        eqs='''dv/dt = (g_Na*m**3*h*(E_Na - v) + g_K*n**4*(E_K - v) + g_L*(E_L - v) + I)/C : volt
               dm/dt = 0.1/mV*(v + 40*mV)/(1 - exp(-(v + 40*mV)/(10*mV)))/ms*(1 - m) - 4*exp(-(v + 65*mV)/(18*mV))/ms*m : 1
               dh/dt = 0.07*exp(-(v + 65*mV)/(20*mV))/ms*(1 - h) - 1/(1 + exp(-(v + 35*mV)/(10*mV)))/ms*h : 1
               dn/dt = 0.01/mV*(v + 55*mV)/(1 - exp(-(v + 55*mV)/(10*mV)))/ms*(1 - n) - 0.125*exp(-(v + 65*mV)/(80*mV))/ms*n : 1''',
        params=dict(C='nF', g_Na='uS', g_K='uS', g_L='uS', E_Na='mV', E_K='mV', E_L='mV', v0='mV', v_spike='mV', t_ref='ms'),
        drive=('I', 'nA'), threshold='v > v_spike', reset='', refractory='t_ref', method='exponential_euler',
        init={'v': 'v0', 'm': 'am/(am + bm)', 'h': 'ah/(ah + bh)', 'n': 'an/(an + bn)'},
        init_ns=lambda v: dict(
            am=0.1 * (v + 40) / (1 - np.exp(-(v + 40) / 10)), bm=4 * np.exp(-(v + 65) / 18),
            ah=0.07 * np.exp(-(v + 65) / 20), bh=1 / (1 + np.exp(-(v + 35) / 10)),
            an=0.01 * (v + 55) / (1 - np.exp(-(v + 55) / 10)), bn=0.125 * np.exp(-(v + 65) / 80))),
    # Brian2's COBAHH.py (Brette et al. 2007), conductances as inputs held over the step
    'TraubMiles': dict(
        eqs='''dv/dt = (g_L*(E_L - v) + ge*(E_e - v) + gi*(E_i - v) - g_Na*(m*m*m)*h*(v - E_Na) - g_K*(n*n*n*n)*(v - E_K) + I)/C : volt
               dm/dt = 0.32*(mV**-1)*(13.*mV - v + V_T)/(exp((13.*mV - v + V_T)/(4.*mV)) - 1.)/ms*(1 - m) - 0.28*(mV**-1)*(v - V_T - 40.*mV)/(exp((v - V_T - 40.*mV)/(5.*mV)) - 1.)/ms*m : 1
               dn/dt = 0.032*(mV**-1)*(15.*mV - v + V_T)/(exp((15.*mV - v + V_T)/(5.*mV)) - 1.)/ms*(1. - n) - .5*exp((10.*mV - v + V_T)/(40.*mV))/ms*n : 1
               dh/dt = 0.128*exp((17.*mV - v + V_T)/(18.*mV))/ms*(1. - h) - 4./(1 + exp((40.*mV - v + V_T)/(5.*mV)))/ms*h : 1
               ge : siemens
               gi : siemens''',
        params=dict(C='nF', g_L='uS', g_Na='uS', g_K='uS', E_L='mV', E_K='mV', E_Na='mV', E_e='mV', E_i='mV', V_T='mV', v_spike='mV', t_ref='ms'),
        drive=('I', 'nA'), threshold='v > v_spike', reset='', refractory='t_ref', method='exponential_euler',
        init={'v': 'E_L', 'm': 'am/(am + bm)', 'h': 'ah/(ah + bh)', 'n': 'an/(an + bn)'},
        init_ns=lambda v, VT=-63: dict(
            am=0.32 * (13 - v + VT) / (np.exp((13 - v + VT) / 4) - 1), bm=0.28 * (v - VT - 40) / (np.exp((v - VT - 40) / 5) - 1),
            ah=0.128 * np.exp((17 - v + VT) / 18), bh=4 / (1 + np.exp((40 - v + VT) / 5)),
            an=0.032 * (15 - v + VT) / (np.exp((15 - v + VT) / 5) - 1), bn=0.5 * np.exp((10 - v + VT) / 40))),
    # Latham et al. 2000 / Neuronal Dynamics eq. 5.16
    'QIF': dict(
        eqs='dv/dt = (a0*(v - u_rest)*(v - u_c) + R*I)/tau_m : volt',
        params=dict(tau_m='ms', R='Mohm', a0='1/mV', u_rest='mV', u_c='mV', u_reset='mV', v_peak='mV'),
        drive=('I', 'nA'), threshold='v >= v_peak', reset='v = u_reset', refractory=None, method='rk2', init={'v': 'u_rest'}),
    # LIF with a spike-triggered adaptation current (Benda & Herz 2003)
    'AdaptiveLIF': dict(
        eqs='''dv/dt = (-(v - u_rest) + R*(I - w))/(R*C) : volt (unless refractory)
               dw/dt = -w/tau_w : amp''',
        params=dict(LIF_LIKE, tau_w='ms', b='nA'), drive=('I', 'nA'), threshold='v >= threshold',
        reset='v = u_reset; w += b', refractory='t_ref', method='exponential_euler', init={'v': 'u_rest'}),
    # Ermentrout & Kopell 1986
    'ThetaNeuron': dict(
        eqs='dtheta/dt = ((1 - cos(theta)) + (1 + cos(theta))*I)/tau : 1',
        params=dict(tau='ms'), drive=('I', '1'), threshold='theta >= pi', reset='theta -= 2*pi',
        refractory=None, method='rk4', init={'theta': '0'}),
    # Brian2's COBA.py neuron (Vogels & Abbott 2005), conductances as inputs
    'CobaLIF': dict(
        eqs='''dv/dt = (g_L*(E_L - v) + ge*(E_e - v) + gi*(E_i - v) + I)/C : volt (unless refractory)
               ge : siemens
               gi : siemens''',
        params=dict(C='nF', g_L='uS', E_L='mV', E_e='mV', E_i='mV', v_th='mV', v_reset='mV', t_ref='ms'),
        drive=('I', 'nA'), threshold='v > v_th', reset='v = v_reset', refractory='t_ref', method='exact', init={'v': 'E_L'}),
}


def run_case(case):
    dt = float(case['dt'])
    steps = int(case['steps'])
    n = len(case['drive'])
    b2.start_scope()
    b2.defaultclock.dt = dt * ms
    if case['model'] == 'PoissonNeuron':
        # rate in Hz (the parameter's declared unit); the drive r in spikeflow's internal 1/ms
        rates = (np.asarray(case['params']['rate'], dtype=float) + 1000 * np.asarray(case['drive'], dtype=float)) * Hz
        g = b2.PoissonGroup(n, rates=rates)
        g.namespace = {}
        mon = b2.SpikeMonitor(g)
        b2.seed(int(case.get('seed', 1)))
        net = b2.Network(g, mon)
        net.run(steps * dt * ms, namespace={})
        return {'steps': spikes_per_neuron(mon, n, dt), 'v': None}
    spec = MODELS[case['model']]
    drive_name, drive_unit = spec['drive']
    lines = [spec['eqs']] + [f'{p} : {SI[u]} (constant)' for p, u in spec['params'].items()]
    lines.append(f'{drive_name} : {SI[drive_unit]}')
    kw = dict(threshold=spec['threshold'], method=spec['method'])
    if spec['reset']:
        kw['reset'] = spec['reset']
    if spec['refractory']:
        lines.append('t_ref_brian : second (constant)')
        kw['refractory'] = 't_ref_brian'
    g = b2.NeuronGroup(n, '\n'.join(lines), namespace={}, **kw)
    values = {}
    for p, u in spec['params'].items():
        arr = np.asarray(case['params'][p], dtype=float)
        values[p] = arr
        setattr(g, p, arr * U[u])
    setattr(g, drive_name, np.asarray(case['drive'], dtype=float) * U[drive_unit])
    if spec['refractory']:
        g.t_ref_brian = (np.floor(values[spec['refractory']] / dt + 0.5) + 1) * dt * ms
    for state, expr in spec['init'].items():
        if state != 'v' and 'init_ns' in spec:  # HH gates: steady state at the initial v (numpy, our own fixed formulas)
            v0 = values['v0'] if 'v0' in values else values['E_L']
            ns = spec['init_ns'](v0, values['V_T']) if 'V_T' in values else spec['init_ns'](v0)
            setattr(g, state, eval(expr, {}, ns))  # noqa: S307
        else:
            setattr(g, state, expr)
    mon = b2.SpikeMonitor(g)
    objs = [g, mon]
    vmon = None
    if case.get('record_v'):
        vmon = b2.StateMonitor(g, 'v', record=True, when='end')
        objs.append(vmon)
    net = b2.Network(objs)
    net.run(steps * dt * ms, namespace={})
    return {'steps': spikes_per_neuron(mon, n, dt), 'v': (np.asarray(vmon.v / mV)).tolist() if vmon is not None else None}


def spikes_per_neuron(mon, n, dt):
    i = np.asarray(mon.i)
    s = np.rint(np.asarray(mon.t / ms) / dt).astype(int)
    return [s[i == k].tolist() for k in range(n)]


def main():
    request = json.load(sys.stdin)
    started = time.perf_counter()
    b2.prefs.codegen.target = 'numpy'
    out = {'brian2': b2.__version__, 'cases': [run_case(c) for c in request['cases']]}
    out['seconds'] = time.perf_counter() - started
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
