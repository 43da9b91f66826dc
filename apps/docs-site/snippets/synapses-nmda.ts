// Synapses guide: the saturating NMDA synapse, one spike and a burst, without and with the magnesium block.
import { writeFile } from 'node:fs/promises';
import { Network } from '@spikeflow/core';
import { SpikeSource } from '@spikeflow/neurons';
import { spikeTimes } from '@spikeflow/stimuli';
import { NmdaSynapse, oneToOneConnect } from '@spikeflow/connectivity';
import { StateMonitor, SynapseMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { renderSvg } from '@spikeflow/plot';
import { Probe } from './synapse-probe.js';
import { responseSpec, type Trace } from './synapse-figure.js';

const net = new Network({ dt: 0.1, seed: 1 });
// neuron 0: one spike at 10 ms; neuron 1: ten spikes at 100 Hz from 10 ms
const burst = Array.from({ length: 10 }, (_, k) => 10 + 10 * k);
const pre = net.population('pre', { model: SpikeSource, size: 2 });
net.stimulate(pre, spikeTimes({ times: [10, ...burst], indices: [0, ...burst.map(() => 1)] }));

const traces: Trace[] = [];
const g: Record<string, SynapseMonitor> = {};
const current: Record<string, StateMonitor> = {};
for (const Mg of [0, 1]) {
  const name = `Mg${Mg}`;
  const post = net.population(name, { model: Probe, size: 2 }); // never spikes
  // w = 2 nS per synapse; Mg in mM (0: no block)
  net.connect(pre, post, { connector: oneToOneConnect({ weight: 2 }), synapse: NmdaSynapse, parameters: { Mg }, name });
  const I = (current[name] = net.monitor(new StateMonitor(post, 'I_syn')));
  const v = net.monitor(new StateMonitor(post, 'v'));
  g[name] = net.monitor(new SynapseMonitor(name, { variable: 'g_syn' }));
  const line = Mg === 0 ? 'no magnesium block (Mg = 0)' : 'Jahr–Stevens block, Mg = 1 mM';
  traces.push({ panel: 'one spike', line, I, v, neuron: 0 }, { panel: 'ten spikes at 100 Hz', line, I, v, neuron: 1 });
}
await net.run({ duration: 400 }, createCpuBackend());

await writeFile('nmda.svg', await renderSvg(responseSpec(traces, { dt: net.dt, spikes: burst, title: 'NmdaSynapse: tau_rise = 2 ms, tau_decay = 100 ms, alpha = 0.5/ms, w = 2 nS' })));
for (const [name, mon] of Object.entries(g)) {
  const rows = mon.values(); // [steps × synapses]: synapse 0 gets one spike, synapse 1 the burst
  const peak = (k: number) => Math.max(...Array.from({ length: rows.shape[0]! }, (_, s) => rows.get(s, k)));
  const peakI = (n: number) => Math.max(...current[name]!.column(n));
  console.log(`${name}: peak g_syn ${peak(0).toFixed(3)} (one spike), ${peak(1).toFixed(3)} (burst); peak current ${peakI(0).toFixed(4)} nA, ${peakI(1).toFixed(4)} nA`);
}
