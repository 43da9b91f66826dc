// Getting started: the same network, drawn as a raster and a population-activity plot (SVG).
import { writeFile } from 'node:fs/promises';
import { Network } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { activitySpec, rasterSpec, renderSvg } from '@spikeflow/plot';

const net = new Network({ dt: 0.1, seed: 42 });
const exc = net.population('exc', {
  model: LIF,
  size: 100,
  parameters: { R: 1, C: 20, threshold: { normal: { mean: -40, std: 2 } }, t_ref: 2 },
});
net.stimulate(exc, stepNoise({ I_value: 32, std: 8 })); // Normal(32, 8²) nA per neuron and step
const spikes = net.monitor(new SpikeMonitor(exc));
const { steps } = await net.run({ duration: 500 }, createCpuBackend());

await writeFile('raster.svg', await renderSvg(rasterSpec({ spikes, dt: net.dt, size: exc.size, totalSteps: steps, title: 'exc' })));
await writeFile('activity.svg', await renderSvg(activitySpec({ spikes, dt: net.dt, binSteps: 100, totalSteps: steps })));
console.log(`wrote raster.svg and activity.svg (${spikes.count} spikes)`);
