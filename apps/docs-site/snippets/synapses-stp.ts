// Synapses guide: Tsodyks–Markram short-term plasticity, a facilitating and a depressing synapse, one spike train.
import { writeFile } from 'node:fs/promises';
import { Network } from '@spikeflow/core';
import { SpikeSource } from '@spikeflow/neurons';
import { spikeTimes } from '@spikeflow/stimuli';
import { oneToOneConnect, TsodyksMarkram } from '@spikeflow/connectivity';
import { StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';
import { renderSvg } from '@spikeflow/plot';
import { Probe } from './synapse-probe.js';
import { responseSpec, type Trace } from './synapse-figure.js';

const net = new Network({ dt: 0.1, seed: 1 });
// 8 spikes at 50 Hz from 10 ms, then a recovery spike at 300 ms
const spikes = [10, 30, 50, 70, 90, 110, 130, 150, 300];
const pre = net.population('pre', { model: SpikeSource, size: 1 });
net.stimulate(pre, spikeTimes({ times: spikes, indices: spikes.map(() => 0) }));

const kinds = {
  facilitating: { U: 0.1, tau_f: 200, tau_d: 5 },
  depressing: { U: 0.6, tau_f: 10, tau_d: 200 },
};
const traces: Trace[] = [];
for (const [name, parameters] of Object.entries(kinds)) {
  const post = net.population(name, { model: Probe, size: 1 }); // never spikes
  net.connect(pre, post, { connector: oneToOneConnect({ weight: 0.5 }), synapse: TsodyksMarkram, parameters: { tau: 3, ...parameters }, name }); // 0.5 nA at full release
  const I = net.monitor(new StateMonitor(post, 'I_syn'));
  const v = net.monitor(new StateMonitor(post, 'v'));
  traces.push({ panel: `${name}: U = ${parameters.U}, tau_f = ${parameters.tau_f} ms, tau_d = ${parameters.tau_d} ms`, line: 'TsodyksMarkram', I, v, neuron: 0 });
}
await net.run({ duration: 350 }, createCpuBackend());

await writeFile('stp.svg', await renderSvg(responseSpec(traces, { dt: net.dt, spikes, title: 'Tsodyks–Markram synapses, tau = 3 ms, w = 0.5 nA' })));
const sim = net.compiled as CpuSimulation;
for (const [k, name] of Object.keys(kinds).entries()) {
  // the current just after each spike: the spike's release w·u·x
  const I = traces[k]!.I.column(0);
  const released = spikes.map((t) => I[Math.round(t / net.dt) + 1]!.toFixed(3));
  console.log(`${name.padEnd(12)} released (nA): ${released.join(' ')}; u = ${sim.synapseValues(name, 'u')[0]!.toFixed(3)}, x = ${sim.synapseValues(name, 'x')[0]!.toFixed(3)}`);
}
