#!/usr/bin/python3
"""Brian2 reference for arbitrary small ODE models (differential tests of spikeflow's compiler).

Reads a JSON batch on stdin and prints one JSON result on stdout; every model runs in the same
process (Brian2's numpy target, nothing compiled). Everything is dimensionless with time in ms:
`dx/dt = (RHS) / ms : 1`, and `t` in a right-hand side arrives already written as `(t / ms)`.

Input:
  {"dt": 0.05, "steps": 100,
   "models": [{"name": "m0", "method": "rk4",            # euler | rk2 | rk4 | exponential_euler
               "size": 4,
               "equations": {"x": "-(x - p0) / p1 + ...", "y": "..."},   # Brian2 syntax
               "parameters": {"p0": [..size..], ...},
               "initial": {"x": [..size..], ...}}]}

Output:
  {"brian2": "2.5.1", "seconds": 3.2,
   "models": {"m0": {"x": [[x of each neuron] per step], ...}}}   # after each step
   or {"m0": {"error": "..."}} where Brian2 refused the model.
"""
import json
import sys
import time
import warnings

warnings.simplefilter('ignore')  # numpy/pythran FutureWarnings on import; stdout stays JSON only

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402


def run_model(spec, dt, steps):
    b2.start_scope()
    b2.defaultclock.dt = dt * b2.ms
    lines = [f'd{var}/dt = ({rhs}) / ms : 1' for var, rhs in spec['equations'].items()]
    lines += [f'{p} : 1 (constant)' for p in spec['parameters']]
    g = b2.NeuronGroup(int(spec['size']), '\n'.join(lines), method=spec['method'], name=f"model_{spec['name']}")
    for p, values in spec['parameters'].items():
        setattr(g, p, np.asarray(values, dtype=np.float64))
    for var, values in spec['initial'].items():
        setattr(g, var, np.asarray(values, dtype=np.float64))
    variables = list(spec['equations'])
    mon = b2.StateMonitor(g, variables, record=True, when='end')
    net = b2.Network(g, mon)
    net.run(steps * dt * b2.ms, namespace={})
    return {var: np.asarray(getattr(mon, var)).T.tolist() for var in variables}


def main():
    cfg = json.load(sys.stdin)
    started = time.perf_counter()
    b2.prefs.codegen.target = 'numpy'
    out = {'brian2': b2.__version__, 'models': {}}
    for spec in cfg['models']:
        try:
            out['models'][spec['name']] = run_model(spec, float(cfg['dt']), int(cfg['steps']))
        except Exception as e:  # one model's refusal is reported, the batch goes on
            out['models'][spec['name']] = {'error': f'{type(e).__name__}: {e}'}
    out['seconds'] = time.perf_counter() - started
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
