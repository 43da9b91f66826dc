// Synapses guide: ExpCurrent and AlphaCurrent, one spike and a short train, into a passive membrane.
import { writeFile } from 'node:fs/promises';
import { Network } from '@spikeflow/core';
import { SpikeSource } from '@spikeflow/neurons';
import { spikeTimes } from '@spikeflow/stimuli';
import { AlphaCurrent, ExpCurrent, oneToOneConnect } from '@spikeflow/connectivity';
import { StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { renderSvg } from '@spikeflow/plot';
import { Probe } from './synapse-probe.js';
import { responseSpec, type Trace } from './synapse-figure.js';

const net = new Network({ dt: 0.1, seed: 1 });
// neuron 0: one spike at 5 ms; neuron 1: five spikes 5 ms apart from 5 ms
const pre = net.population('pre', { model: SpikeSource, size: 2 });
net.stimulate(pre, spikeTimes({ times: [5, 5, 10, 15, 20, 25], indices: [0, 1, 1, 1, 1, 1] }));

const traces: Trace[] = [];
for (const [name, synapse] of [['ExpCurrent', ExpCurrent], ['AlphaCurrent', AlphaCurrent]] as const) {
  const post = net.population(name, { model: Probe, size: 2 }); // never spikes
  net.connect(pre, post, { connector: oneToOneConnect({ weight: 0.1 }), synapse, parameters: { tau: 5 } }); // 0.1 nA
  const I = net.monitor(new StateMonitor(post, 'I_syn'));
  const v = net.monitor(new StateMonitor(post, 'v'));
  traces.push({ panel: name, line: '1 spike', I, v, neuron: 0 }, { panel: name, line: '5 spikes', I, v, neuron: 1 });
}
await net.run({ duration: 60 }, createCpuBackend());

const spikes = [5, 10, 15, 20, 25];
await writeFile('current.svg', await renderSvg(responseSpec(traces, { dt: net.dt, spikes, title: 'Current synapses, tau = 5 ms, w = 0.1 nA' })));
for (const t of traces) {
  const peak = (m: StateMonitor) => Math.max(...m.column(t.neuron));
  console.log(`${t.panel.padEnd(12)} ${t.line.padEnd(8)}  peak current ${peak(t.I).toFixed(3)} nA, peak v ${peak(t.v).toFixed(2)} mV`);
}
