import { hostRng } from '@spikeflow/core/rng';
import type { DenseMatrix } from '../src/index.js';

/** Spike events as a `SpikeMonitor` holds them. */
export interface Spikes {
  readonly steps: Int32Array;
  readonly neurons: Int32Array;
}

/**
 * Poisson spikes of `size` neurons over `steps` steps of `dt` ms at `rateHz(t)` (t in ms), from the
 * seeded host stream `name`: the same arguments give the same spikes.
 */
export function poissonSpikes(seed: number, name: string, size: number, steps: number, dt: number, rateHz: (t: number) => number): Spikes {
  const rng = hostRng(seed, name);
  const st: number[] = [];
  const ne: number[] = [];
  for (let s = 0; s < steps; s++) {
    const p = rateHz(s * dt) * dt * 1e-3;
    for (let n = 0; n < size; n++) {
      if (rng.uniform() < p) {
        st.push(s);
        ne.push(n);
      }
    }
  }
  return { steps: Int32Array.from(st), neurons: Int32Array.from(ne) };
}

/** Currents [steps × size] in nA: `mean(t)` plus Gaussian noise of `std` nA per step and neuron. */
export function noisyCurrent(seed: number, name: string, size: number, steps: number, dt: number, mean: (t: number) => number, std = 3): DenseMatrix {
  const rng = hostRng(seed, name);
  const data = new Float64Array(steps * size);
  for (let s = 0; s < steps; s++) for (let n = 0; n < size; n++) data[s * size + n] = rng.normal(mean(s * dt), std);
  return { data, shape: [steps, size] };
}

/** The decision network's three populations, as the seed report shows them (1000 steps of 1 ms). */
export function decisionLike(seed = 3): { name: string; size: number; sign: 'excitatory' | 'inhibitory'; spikes: Spikes; current: DenseMatrix }[] {
  const steps = 1000;
  const size = 100;
  const pop = (name: string, sign: 'excitatory' | 'inhibitory', rate: (t: number) => number, mean: (t: number) => number) => ({
    name,
    size,
    sign,
    spikes: poissonSpikes(seed, `${name}.spikes`, size, steps, 1, rate),
    current: noisyCurrent(seed, `${name}.current`, size, steps, 1, mean),
  });
  return [
    pop('ep1', 'excitatory', (t) => (t < 500 ? 20 : 60), (t) => (t < 500 ? 20 : 35)),
    pop('ep2', 'excitatory', (t) => (t < 500 ? 22 : 8), () => 20),
    pop('ip1', 'inhibitory', (t) => (t < 500 ? 15 : 35), () => 20),
  ];
}
