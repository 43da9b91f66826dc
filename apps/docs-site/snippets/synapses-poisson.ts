// Synapses guide: Poisson spike sources drive a passive membrane through conductance synapses.
import { writeFile } from 'node:fs/promises';
import { Network } from '@spikeflow/core';
import { PoissonNeuron } from '@spikeflow/neurons';
import { ExpConductance, fullConnect } from '@spikeflow/connectivity';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { renderSvg } from '@spikeflow/plot';
import { Probe } from './synapse-probe.js';
import { responseSpec, type Trace } from './synapse-figure.js';

const net = new Network({ dt: 0.1, seed: 7 });
const exc = net.population('exc', { model: PoissonNeuron, size: 80, parameters: { rate: 10 } }); // Hz
const inh = net.population('inh', { model: PoissonNeuron, size: 20, parameters: { rate: 10 } });

const traces: Trace[] = [];
for (const [name, inhibited] of [['excitation', false], ['excitation + inhibition', true]] as const) {
  const post = net.population(inhibited ? 'both' : 'excOnly', { model: Probe, size: 1 });
  // fullConnect gives each of the N sources J / N: 1 nS per excitatory and 4 nS per inhibitory synapse
  net.connect(exc, post, { connector: fullConnect({ J: 80 }), synapse: ExpConductance, parameters: { tau: 5, E_rev: 0 } });
  if (inhibited) net.connect(inh, post, { connector: fullConnect({ J: 80 }), synapse: ExpConductance, parameters: { tau: 10, E_rev: -80 } });
  const I = net.monitor(new StateMonitor(post, 'I_syn'));
  const v = net.monitor(new StateMonitor(post, 'v'));
  traces.push({ panel: 'ExpConductance from Poisson sources', line: name, I, v, neuron: 0 });
}
const excSpikes = net.monitor(new SpikeMonitor(exc));
const inhSpikes = net.monitor(new SpikeMonitor(inh));
await net.run({ duration: 200 }, createCpuBackend());

await writeFile('poisson.svg', await renderSvg(responseSpec(traces, { dt: net.dt, title: '80 excitatory and 20 inhibitory Poisson sources at 10 Hz' })));
console.log(`${excSpikes.count} excitatory and ${inhSpikes.count} inhibitory input spikes in 200 ms`);
for (const t of traces) {
  const v = t.v.column(0).subarray(500); // after 50 ms
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  console.log(`${t.line}: v from 50 to 200 ms: mean ${mean.toFixed(2)} mV, range ${Math.min(...v).toFixed(2)} to ${Math.max(...v).toFixed(2)} mV`);
}
