import { Network, NonFiniteError, type Backend, type ModelDefinition } from '@spikeflow/core';
import { StateMonitor } from '@spikeflow/monitors';

/** dv/dt = rate·v with v(0) = 1: exp(rate·t), which overflows to Infinity. Never spikes. */
export const Growth: ModelDefinition = {
  name: 'Growth',
  kind: 'neuron',
  doc: 'Exponential growth, for tests of divergence detection.',
  parameters: { rate: { unit: '1/ms', default: 0.1 } },
  state: { v: { unit: 'mV', initial: 1 } },
  equations: { v: 'rate * v' },
  threshold: '0 > 1',
  integrator: 'exact',
};

/** Outcome of {@link checkDivergence}: what the error named and what the monitor kept. */
export interface DivergenceOutcome {
  /** The `NonFiniteError` that stopped the first run; undefined when the backend ran on (a failure). */
  readonly error: NonFiniteError | undefined;
  /** Rows the state monitor on v kept from the first run (the chunks before the failing one). */
  readonly recordedRows: number;
  /** Value of neuron 3's v in the last recorded row. */
  readonly lastRecorded: number;
  /** Steps run with `nonFinite: 'continue'` (all of them). */
  readonly continuedSteps: number;
}

/**
 * Runs five Growth neurons, neuron 3 at rate 1/ms (overflows after ~710 steps in float64, ~89 in
 * float32), for 2000 steps in chunks of 100 with a state monitor on v; then the same with
 * `nonFinite: 'continue'`. Every backend must stop the first run with a NonFiniteError naming
 * population `g`, variable `v`, neuron 3 and the chunk's step, keeping the recorded rows.
 */
export async function checkDivergence(backend: Backend | (() => Backend)): Promise<DivergenceOutcome> {
  const make = typeof backend === 'function' ? backend : () => backend;
  const build = () => {
    const net = new Network({ dt: 1, seed: 1 });
    const g = net.population('g', { model: Growth, size: 5, parameters: { rate: [0.1, 0.1, 0.1, 1, 0.1] } });
    return { net, v: net.monitor(new StateMonitor(g, 'v')) };
  };
  const first = build();
  let error: NonFiniteError | undefined;
  try {
    await first.net.run({ steps: 2000 }, make(), { chunk: 100 });
  } catch (err) {
    if (!(err instanceof NonFiniteError)) throw err;
    error = err;
  }
  const rows = first.v.rows;
  const lastRecorded = rows > 0 ? (first.v.values().get(rows - 1, 3) as number) : NaN;
  first.net.compiled?.dispose();
  const second = build();
  const continued = await second.net.run({ steps: 2000 }, make(), { chunk: 100, nonFinite: 'continue' });
  second.net.compiled?.dispose();
  return { error, recordedRows: rows, lastRecorded, continuedSteps: continued.steps };
}
