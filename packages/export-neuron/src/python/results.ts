/**
 * `spikeflow_results.py`, shared by the NEURON driver and the Brian2 script: writes spikes,
 * summary.json and run.json the way `spikeflow run` does, so `spikeflow plot DIR` draws the
 * figure. Fixed text: nothing in it comes from a model or a user.
 */
export const RESULTS_PY = String.raw`"""Writes an exported run's results in spikeflow's formats (spikes CSV/NPY, summary.json, run.json)."""
import json
import os
import re

import numpy as np


def time_ms(step, dt):
    """Time of a step as spikeflow's CSV writer prints it: 12 significant digits, shortest form."""
    x = float('%.12g' % (step * dt))
    return str(int(x)) if x.is_integer() else repr(x)


def file_stem(pop):
    """A population's name in file names when it is plain, else its index (as the exporter does)."""
    name = pop['name']
    return name if re.fullmatch(r'[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}', name) else 'p%d' % pop['index']


def write_results(out_dir, net, spikes, info):
    """spikes: per population (in network order), (steps, neurons) integer arrays in any order."""
    fmt = net['dataFormat']
    dt, steps, bin_steps = net['dt'], net['steps'], net['binSteps']
    pops = net['populations']
    ordered = []
    for p, (s, n) in zip(pops, spikes):
        s = np.asarray(s, dtype=np.int64)
        n = np.asarray(n, dtype=np.int64)
        order = np.lexsort((n, s))
        ordered.append((s[order], n[order]))
    files = {}
    if fmt == 'csv':
        rows = []
        for k, (p, (s, n)) in enumerate(zip(pops, ordered)):
            rows.extend((int(a), k, int(b)) for a, b in zip(s, n))
        rows.sort()
        with open(os.path.join(out_dir, 'spikes.csv'), 'w') as f:
            f.write('population,step,time_ms,neuron\n')
            f.writelines('%s,%d,%s,%d\n' % (pops[k]['name'], a, time_ms(a, dt), b) for a, k, b in rows)
        files = {p['name']: 'spikes.csv' for p in pops}
    else:
        for p, (s, n) in zip(pops, ordered):
            name = 'spikes_%s.npy' % file_stem(p)
            np.save(os.path.join(out_dir, name), np.stack([s, n], axis=1).astype('<i4').reshape(-1, 2))
            files[p['name']] = name
    nbins = (steps + bin_steps - 1) // bin_steps
    seconds = steps * dt / 1000.0
    totals, rates, counts = {}, {}, {}
    for p, (s, n) in zip(pops, ordered):
        totals[p['name']] = int(len(s))
        rates[p['name']] = len(s) / p['size'] / seconds if seconds > 0 else 0.0
        counts[p['name']] = np.bincount(s // bin_steps, minlength=nbins)[:nbins]
    bins = [{'startStep': k * bin_steps, 'endStep': min(steps, (k + 1) * bin_steps),
             'spikes': {p['name']: int(counts[p['name']][k]) for p in pops}} for k in range(nbins)]
    summary = dict(title=net['title'], seed=net['seed'], steps=steps, dt=dt, binSteps=bin_steps,
                   totals=totals, rates=rates, bins=bins, stepsRun=steps, aborted=False)
    summary.update(info)
    with open(os.path.join(out_dir, 'summary.json'), 'w') as f:
        f.write(json.dumps(summary, indent=2) + '\n')
    manifest = dict(title=net['title'], format=fmt, dt=dt, seed=net['seed'], steps=steps, stepsRun=steps,
                    aborted=False, binSteps=bin_steps,
                    populations=[dict(name=p['name'], size=p['size'], sign=p['sign']) for p in pops],
                    files=dict(spikes=files, state=[], currents=net['currents']))
    with open(os.path.join(out_dir, 'run.json'), 'w') as f:
        f.write(json.dumps(manifest, indent=2) + '\n')
`;
