// Synapses guide: one spike train through transmission delays of 1, 2 and 5 ms.
import { writeFile } from 'node:fs/promises';
import { Network } from '@spikeflow/core';
import { SpikeSource } from '@spikeflow/neurons';
import { spikeTimes } from '@spikeflow/stimuli';
import { ExpCurrent, oneToOneConnect } from '@spikeflow/connectivity';
import { StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { renderSvg } from '@spikeflow/plot';
import { Probe } from './synapse-probe.js';
import { responseSpec, type Trace } from './synapse-figure.js';

const net = new Network({ dt: 0.1, seed: 1 });
const spikes = [5, 8, 20];
const pre = net.population('pre', { model: SpikeSource, size: 1 });
net.stimulate(pre, spikeTimes({ times: spikes, indices: [0, 0, 0] }));

const traces: Trace[] = [];
for (const delay of [1, 2, 5]) {
  const post = net.population(`delay${delay}`, { model: Probe, size: 1 });
  net.connect(pre, post, { connector: oneToOneConnect({ weight: 0.1 }), synapse: ExpCurrent, parameters: { tau: 2 }, delay }); // ms
  const I = net.monitor(new StateMonitor(post, 'I_syn'));
  const v = net.monitor(new StateMonitor(post, 'v'));
  traces.push({ panel: 'ExpCurrent, tau = 2 ms', line: `delay ${delay} ms`, I, v, neuron: 0 });
}
await net.run({ duration: 40 }, createCpuBackend());

await writeFile('delays.svg', await renderSvg(responseSpec(traces, { dt: net.dt, spikes, title: 'Transmission delays' })));
for (const t of traces) {
  const I = t.I.column(0);
  const arrivals = Array.from(t.I.times).filter((_, k) => I[k]! > (k > 0 ? I[k - 1]! : 0)).map((s) => (s * net.dt).toFixed(1));
  console.log(`${t.line}: spikes at ${spikes.join(', ')} ms arrive at ${arrivals.join(', ')} ms`);
}
