// Run the AdaptiveLIF model on the CPU backend: five neurons, five input currents.
import { Network } from '@spikeflow/core';
import { constantCurrent } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { AdaptiveLIF } from './adaptive-lif.js';

const net = new Network({ dt: 0.1, seed: 1 });
const pop = net.population('adapt', { model: AdaptiveLIF, size: 5, parameters: { b: 1.5, tau_w: 200 } });
net.stimulate(pop, constantCurrent([25, 30, 35, 40, 45])); // nA, one value per neuron
const spikes = net.monitor(new SpikeMonitor(pop));
const adaptation = net.monitor(new StateMonitor(pop, 'I_a', { indices: [4], every: 10 })); // every 1 ms

await net.run({ duration: 1000 }, createCpuBackend());

spikes.spikeTrains().forEach((train, i) => {
  const isi = (k: number) => ((train[k + 1]! - train[k]!) * net.dt).toFixed(1);
  console.log(`neuron ${i}: ${train.length} spikes, first ISI ${isi(0)} ms, last ISI ${isi(train.length - 2)} ms`);
});
console.log(`adaptation current of neuron 4 at the end: ${adaptation.column(4).at(-1)!.toFixed(2)} nA`);
