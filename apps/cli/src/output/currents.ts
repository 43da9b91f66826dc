import type { Network } from '@spikeflow/core';
import { chunks } from '@spikeflow/stimuli';

/** Input current of one population, every `every` steps: rows × size, row-major (nA). */
export interface CurrentTrace {
  readonly steps: Int32Array;
  readonly size: number;
  readonly values: Float64Array;
}

/** Most rows kept for a figure's current panel. */
const MAX_ROWS = 2000;
/** Above this many generated values the currents are not regenerated for the figure. */
const MAX_VALUES = 50_000_000;

/**
 * The seed's "input current" panel data: the sum of a population's stimuli, regenerated from
 * their definitions with the network's seed (counter-based draws make this exact), decimated to
 * at most 2000 rows. Undefined when the population has no stimulus, or the run is too large.
 */
export function stimulusCurrents(network: Network, steps: number): Map<string, CurrentTrace> {
  const out = new Map<string, CurrentTrace>();
  const every = Math.max(1, Math.ceil(steps / MAX_ROWS));
  const rows = Math.ceil(steps / every);
  for (const pop of network.populations) {
    // Given events and Poisson input (jumps of a state variable) are not currents.
    const sources = network.stimuli.filter((s) => s.population === pop.name && s.source.kind !== 'external' && s.source.kind !== 'events' && s.source.kind !== 'poisson-input');
    if (sources.length === 0 || steps * pop.size * sources.length > MAX_VALUES) continue;
    const values = new Float64Array(rows * pop.size);
    for (const s of sources) {
      let step = 0;
      for (const chunk of chunks(s.source, { size: pop.size, dt: network.dt, seed: network.seed, chunkSteps: 1000, steps, name: s.name })) {
        const n = chunk.shape[0]!;
        for (let r = 0; r < n; r++, step++) {
          if (step % every !== 0) continue;
          const row = step / every;
          for (let i = 0; i < pop.size; i++) values[row * pop.size + i]! += chunk.get(r, i);
        }
      }
    }
    out.set(pop.name, { steps: Int32Array.from({ length: rows }, (_, k) => k * every), size: pop.size, values });
  }
  return out;
}
