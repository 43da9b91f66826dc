// Synapses guide: watch STDP weights with a synapse monitor; read them as an ndarray; draw them.
import { writeFile } from 'node:fs/promises';
import { Network } from '@spikeflow/core';
import { LIF, PoissonNeuron } from '@spikeflow/neurons';
import { fixedProbabilityConnect, StdpAdditive } from '@spikeflow/connectivity';
import { SynapseMonitor, weightArray } from '@spikeflow/monitors';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';
import { renderSvg, weightHistogramSpec } from '@spikeflow/plot';

// examples/stdp.yaml, shorter: 1000 Poisson inputs (15 Hz) onto one neuron through additive STDP.
const net = new Network({ dt: 0.1, seed: 1 });
const inputs = net.population('inputs', { model: PoissonNeuron, size: 1000, parameters: { rate: 15 } });
const neuron = net.population('neuron', { model: LIF, size: 1, parameters: { R: 1, C: 10, u_rest: -74, u_reset: -60, threshold: -54 }, initial: { v: -60 } });
net.connect(inputs, neuron, {
  connector: fixedProbabilityConnect({ p: 1, weight: { uniform: { min: 0, max: 10 } } }), // nS
  synapse: StdpAdditive,
  parameters: { tau: 5, E_rev: 0, taupre: 20, taupost: 20, wmin: 0, wmax: 10, Apre: 0.1, Apost: -0.105 },
});
// Every weight once per 500 ms, and two chosen synapses (by (pre, post) pair) every step.
const all = net.monitor(new SynapseMonitor('inputs->neuron', { every: 5000 }));
const two = net.monitor(new SynapseMonitor('inputs->neuron', { pairs: [[0, 0], [1, 0]] }));
await net.run({ duration: 2000 }, createCpuBackend());

const mean = (row: number) => {
  let sum = 0;
  for (let k = 0; k < all.width; k++) sum += all.values().get(row, k);
  return (sum / all.width).toFixed(3);
};
console.log(`${all.rows} snapshots of ${all.width} weights at ${Array.from(all.times, (s) => s * net.dt).join(', ')} ms`);
console.log(`mean weight: ${mean(0)} nS at 0 ms, ${mean(all.rows - 1)} nS at ${all.times[all.rows - 1]! * net.dt} ms`);
console.log(`synapses 0 and 1: ${two.rows} rows each; last ${Array.from({ length: 2 }, (_, c) => two.values().get(two.rows - 1, c).toFixed(3)).join(' and ')} nS`);

// The weights now, as a dense [pre × post] ndarray (NaN where no synapse).
const w = weightArray((net.compiled as CpuSimulation).weights('inputs->neuron'));
console.log(`weightArray: shape [${w.shape.join(', ')}], w.get(1, 0) = ${w.get(1, 0).toFixed(3)} nS`);
await writeFile('weights.svg', await renderSvg(weightHistogramSpec({ weights: all.table(), bins: 25, label: 'weight (nS)', title: `STDP weights at ${all.times[all.rows - 1]! * net.dt} ms` })));
