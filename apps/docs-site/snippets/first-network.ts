// Getting started: 100 LIF neurons driven by a constant current, on the CPU backend.
import { Network } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { constantCurrent } from '@spikeflow/stimuli';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';

const net = new Network({ dt: 0.1, seed: 42 }); // dt in ms; one seed, one result

const exc = net.population('exc', {
  model: LIF,
  size: 100,
  // R = 1 MΩ, C = 20 nF (tau_m = 20 ms); thresholds drawn once per neuron from the seed.
  parameters: { R: 1, C: 20, threshold: { normal: { mean: -40, std: 2 } }, t_ref: 2 },
});
net.stimulate(exc, constantCurrent(35)); // nA: R·I = 35 mV above rest
const spikes = net.monitor(new SpikeMonitor(exc));

const result = await net.run({ duration: 500 }, createCpuBackend()); // 500 ms = 5000 steps

console.log(`${result.steps} steps, ${spikes.count} spikes`);
console.log(`mean rate ${spikes.meanRate(net.dt).toFixed(1)} Hz`);
console.log(`first spike: neuron ${spikes.neurons[0]} at ${(spikes.steps[0]! * net.dt).toFixed(1)} ms`);
