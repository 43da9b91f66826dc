// Synapses guide: gap junctions — Brian2's gap-junction example and a ten times stronger coupling.
import { writeFile } from 'node:fs/promises';
import { Network } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { GapJunction, fullConnect } from '@spikeflow/connectivity';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { renderSvg, seedFigureSpec } from '@spikeflow/plot';

const net = new Network({ dt: 0.1, seed: 1 });
const N = 10;
const monitors = [];
for (const [name, w, title] of [['example', 20, 'w = 0.02 (20 nS): Brian2\'s example'], ['strong', 200, 'w = 0.2 (200 nS)']] as const) {
  // tau_m = R·C = 10 ms, rest 1.05 mV above a 1 mV threshold: each neuron fires on its own
  const cells = net.population(name, {
    model: LIF,
    size: N,
    parameters: { R: 1, C: 10, u_rest: 1.05, u_reset: 0, threshold: 1 }, // MΩ, nF, mV
    initial: { v: Float64Array.from({ length: N }, (_, i) => i / (N - 1)) }, // mV
  });
  // all to all: each junction gets J / N nS and delivers w·(v_pre − v_post) every step
  net.connect(cells, cells, { connector: fullConnect({ J: w * N }), synapse: GapJunction });
  monitors.push({ name: title, size: N, spikes: net.monitor(new SpikeMonitor(cells)) });
}
await net.run({ duration: 500 }, createCpuBackend());

const spec = seedFigureSpec({ title: 'Gap junctions, all to all (10 LIF neurons)', dt: net.dt, populations: monitors, binSteps: 10, totalSteps: 5000 });
await writeFile('gap.svg', await renderSvg(spec));
for (const { name, spikes } of monitors) {
  // the population's spike steps, and how many neurons fired in each
  const volleys = new Map<number, number>();
  for (const s of spikes.steps) volleys.set(s, (volleys.get(s) ?? 0) + 1);
  const sizes = [...volleys.values()];
  console.log(`${name}: ${spikes.count} spikes in ${volleys.size} distinct steps; first volleys ${sizes.slice(0, 4).join(', ')} neurons, last ${sizes.at(-1)}`);
}
