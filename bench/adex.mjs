// Benchmark (not a test): an AdEx network (adaptive exponential integrate-and-fire, Brette &
// Gerstner 2005: `exp` in every step, Euler) on the CPU backend, 1 and 2 threads; reports simulated
// steps/s (median) and the simulation's description, which states whether its kernels run in
// WebAssembly. The model is defined here (no AdEx in @spikeflow/neurons yet).
//   node bench/adex.mjs --size 4000 --steps 2000 --repeats 5
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Network } from '@spikeflow/core';
import { ExpCurrent, fixedProbabilityConnect } from '@spikeflow/connectivity';
import { createCpuBackend } from '@spikeflow/backend-cpu';

const { values } = parseArgs({ options: { size: { type: 'string', default: '4000' }, steps: { type: 'string', default: '2000' }, repeats: { type: 'string', default: '5' } } });
const size = Number(values.size);
const steps = Number(values.steps);
const repeats = Number(values.repeats);

const AdEx = {
  name: 'BenchAdEx',
  kind: 'neuron',
  parameters: {
    C: { unit: 'nF', default: 0.281 },
    gL: { unit: 'uS', default: 0.03 },
    EL: { unit: 'mV', default: -70.6 },
    VT: { unit: 'mV', default: -50.4 },
    DeltaT: { unit: 'mV', default: 2 },
    tauw: { unit: 'ms', default: 144 },
    a: { unit: 'uS', default: 0.004 },
    b: { unit: 'nA', default: 0.0805 },
    Vr: { unit: 'mV', default: -70.6 },
  },
  state: { v: { unit: 'mV', initial: -70.6 }, wa: { unit: 'nA', initial: 0 } },
  inputs: { I: { unit: 'nA' } },
  equations: { v: '(gL * (EL - v) + gL * DeltaT * exp((v - VT) / DeltaT) - wa + I) / C', wa: '(a * (v - EL) - wa) / tauw' },
  integrator: 'euler',
  threshold: 'v > -40',
  reset: ['v = Vr', 'wa = wa + b'],
};
const Drive = { name: 'BenchDrive', kind: 'current', parameters: { I0: { unit: 'nA', default: 0.8 } }, state: {}, output: 'I0' };

function build(seed) {
  const net = new Network({ dt: 0.1, seed });
  const e = net.population('e', { model: AdEx, size, parameters: { b: { uniform: { min: 0.05, max: 0.1 } } } });
  net.stimulate(e, { kind: 'model', model: Drive, parameters: { I0: { uniform: { min: 0.6, max: 1 } } } });
  net.connect(e, e, { connector: fixedProbabilityConnect({ p: 80 / size, weight: 0.02 }), synapse: ExpCurrent, parameters: { tau: 5 } });
  return net;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = { benchmark: `AdEx network (${size} neurons, p = 80/N, ExpCurrent, Euler, dt = 0.1 ms, ${steps} steps)`, rows: [] };
for (const threads of [1, 2]) {
  const backend = createCpuBackend({ threads });
  const rates = [];
  let description = '';
  for (let r = 0; r < repeats; r++) {
    const sim = await backend.compile(build(r + 1).build());
    description = sim.description;
    const result = await sim.run(steps);
    rates.push(steps / result.seconds);
    sim.dispose();
  }
  report.rows.push({ threads, medianStepsPerSecond: median(rates), description });
  console.log(`AdEx ${size}, ${threads} thread(s): ${Math.round(median(rates)).toLocaleString('en')} steps/s — ${description}`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/adex-latest.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
