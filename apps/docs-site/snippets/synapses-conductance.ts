// Synapses guide: the conductance synapses, one spike and a short train, into a passive membrane.
import { writeFile } from 'node:fs/promises';
import { Network, type ModelDefinition } from '@spikeflow/core';
import { SpikeSource } from '@spikeflow/neurons';
import { spikeTimes } from '@spikeflow/stimuli';
import { AlphaConductance, BiExpConductance, ExpConductance, oneToOneConnect } from '@spikeflow/connectivity';
import { StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { renderSvg } from '@spikeflow/plot';
import { Probe } from './synapse-probe.js';
import { responseSpec, type Trace } from './synapse-figure.js';

const net = new Network({ dt: 0.1, seed: 1 });
// neuron 0: one spike at 5 ms; neuron 1: five spikes 5 ms apart from 5 ms
const pre = net.population('pre', { model: SpikeSource, size: 2 });
net.stimulate(pre, spikeTimes({ times: [5, 5, 10, 15, 20, 25], indices: [0, 1, 1, 1, 1, 1] }));

// Weights in nS, never negative: an inhibitory synapse is one whose E_rev lies below rest.
const kinds: { name: string; synapse: ModelDefinition; weight: number; parameters: Record<string, number> }[] = [
  { name: 'exp', synapse: ExpConductance, weight: 2, parameters: { tau: 5, E_rev: 0 } },
  { name: 'alpha', synapse: AlphaConductance, weight: 2, parameters: { tau: 5, E_rev: 0 } },
  { name: 'bi-exp', synapse: BiExpConductance, weight: 2, parameters: { tau_rise: 1, tau_decay: 5, E_rev: 0 } },
  { name: 'exp, E_rev −80 mV', synapse: ExpConductance, weight: 10, parameters: { tau: 10, E_rev: -80 } },
];
const traces: Trace[] = [];
for (const [k, { name, synapse, weight, parameters }] of kinds.entries()) {
  const post = net.population(`post${k}`, { model: Probe, size: 2 }); // never spikes; rests at −70 mV
  net.connect(pre, post, { connector: oneToOneConnect({ weight }), synapse, parameters });
  const I = net.monitor(new StateMonitor(post, 'I_syn')); // g·(E_rev − v), nA
  const v = net.monitor(new StateMonitor(post, 'v'));
  traces.push({ panel: name, line: '1 spike', I, v, neuron: 0 }, { panel: name, line: '5 spikes', I, v, neuron: 1 });
}
await net.run({ duration: 60 }, createCpuBackend());

const spikes = [5, 10, 15, 20, 25];
await writeFile('conductance.svg', await renderSvg(responseSpec(traces, { dt: net.dt, spikes, title: 'Conductance synapses' })));
for (const t of traces) {
  const I = t.I.column(t.neuron);
  const v = t.v.column(t.neuron);
  const peak = (x: Float64Array) => x.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0); // largest |x|, with its sign
  console.log(`${t.panel.padEnd(18)} ${t.line.padEnd(8)}  peak current ${peak(I).toFixed(3)} nA, peak v ${(peak(v.map((x) => x + 70)) - 70).toFixed(2)} mV`);
}
