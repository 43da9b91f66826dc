// The same model on the WebGPU backend: in a browser it uses navigator.gpu; in Node the npm
// package `webgpu` (Dawn). Same definition, printed to WGSL instead of JavaScript.
import { Network } from '@spikeflow/core';
import { constantCurrent } from '@spikeflow/stimuli';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { createWebGpuBackend } from '@spikeflow/backend-webgpu';
import { AdaptiveLIF } from './adaptive-lif.js';

function build() {
  const net = new Network({ dt: 0.1, seed: 1 });
  const pop = net.population('adapt', { model: AdaptiveLIF, size: 5, parameters: { b: 1.5, tau_w: 200 } });
  net.stimulate(pop, constantCurrent([25, 30, 35, 40, 45]));
  return { net, spikes: net.monitor(new SpikeMonitor(pop)) };
}

const gpu = await createWebGpuBackend();
console.log(`WebGPU adapter: ${gpu.adapter.source} ${gpu.adapter.description || gpu.adapter.architecture}`.trim());
const onGpu = build();
await onGpu.net.run({ duration: 1000 }, gpu);
gpu.destroy();

// The CPU backend in float32 does the arithmetic a GPU does.
const onCpu = build();
await onCpu.net.run({ duration: 1000 }, createCpuBackend({ precision: 'f32' }));

console.log(`spikes per neuron on WebGPU: ${onGpu.spikes.spikesPerNeuron().join(', ')}`);
console.log(`spikes per neuron on CPU f32: ${onCpu.spikes.spikesPerNeuron().join(', ')}`);
