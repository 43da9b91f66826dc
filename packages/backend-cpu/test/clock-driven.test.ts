/**
 * Clock-driven per-synapse variables (`SynapseVariableSpec.clockDriven`, Brian2's
 * `(clock-driven)`) on the CPU backend: a linear equation against its closed form, a summed
 * expression reading them as they were at the start of the step, an equation reading `v_post`,
 * the saturating NMDA synapse (`NmdaSynapse`) bit for bit the same in JavaScript, with
 * WebAssembly population kernels and on 2 and 3 threads, and the named errors (nonlinear with
 * `exact`, unknown name, event-driven reads, a postsynaptic variable the target lacks, a dense
 * connector, f32 mode).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, ExpressionError, Network, type IntegratorName, type ModelDefinition } from '@spikeflow/core';
import { compileModel } from '@spikeflow/core/backend';
import { LIF, SpikeSource } from '@spikeflow/neurons';
import { fixedProbabilityConnect, fullConnect, NmdaSynapse, oneToOneConnect } from '@spikeflow/connectivity';
import { spikeTimes } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor, SynapseMonitor } from '@spikeflow/monitors';
import { createCpuBackend, type CpuBackendOptions, type CpuSimulation } from '@spikeflow/backend-cpu';

const dt = 0.1;

/** Per synapse, y relaxes to A with tau (clock-driven); the summed output is w·y; a spike adds 1 to y. */
const Relax: ModelDefinition = {
  name: 'Relax',
  kind: 'synapse',
  parameters: { tau: { unit: 'ms', default: 10, timeConstant: true }, A: { unit: '1', default: 2 } },
  state: {},
  onPre: ['y += 1'],
  plasticity: { synapseState: { y: { unit: '1', initial: 0, equation: '(A - y) / tau', clockDriven: true } } },
  weight: { unit: 'target' },
  summed: 'w * y',
};

/** A target that records its summed input as a state, without dynamics or spikes. */
const Recorder: ModelDefinition = {
  name: 'Recorder',
  kind: 'neuron',
  parameters: {},
  state: { I_rec: { unit: 'nA', initial: 0 } },
  inputs: { I: { unit: 'nA' } },
  update: ['I_rec = I'],
  threshold: 'I_rec > 1e9',
  reset: [],
};

async function relax(integrator: IntegratorName, steps: number, times: number[] = []) {
  const net = new Network({ dt, seed: 1 });
  const src = net.population('in', { model: SpikeSource, size: 1 });
  if (times.length) net.stimulate(src, spikeTimes({ times, indices: times.map(() => 0) }));
  const cell = net.population('cell', { model: Recorder, size: 1 });
  net.connect(src, cell, { connector: oneToOneConnect({ weight: 0.5 }), synapse: { ...Relax, integrator }, name: 'r' });
  const y = net.monitor(new SynapseMonitor('r', { variable: 'y' }));
  const input = net.monitor(new StateMonitor(cell, 'I_rec'));
  await net.run({ steps }, createCpuBackend());
  return { y: Array.from(y.values().data), input: Array.from(input.values().data), sim: net.compiled as CpuSimulation };
}

describe('clock-driven per-synapse variables', () => {
  it('a linear equation follows its closed form: exact to 1e-14, rk4 to 1e-10, euler to first order', async () => {
    const steps = 500;
    const closed = (n: number) => 2 * (1 - Math.exp(-(n * dt) / 10));
    // Global errors: rk4 about n·A·(dt/tau)^5/120 ≈ 8e-11 after 500 steps; euler about A·dt/(2·tau)·max(t/tau·e^(−t/tau)) ≈ 3.7e-3.
    for (const [integrator, tol] of [['exact', 1e-14], ['rk4', 1e-10], ['euler', 5e-3]] as const) {
      const { y, sim } = await relax(integrator, steps);
      // The monitor's row s is taken after step s: y has advanced s + 1 times.
      let worst = 0;
      for (let s = 0; s < steps; s++) worst = Math.max(worst, Math.abs(y[s]! - closed(s + 1)));
      expect(worst, integrator).toBeLessThan(tol);
      if (integrator === 'euler') expect(worst).toBeGreaterThan(1e-3);
      expect(sim.synapseValues('r', 'y')[0]).toBe(y[steps - 1]);
    }
  });

  it('the summed expression reads y as it was at the start of the step; a spike adds to y in propagation', async () => {
    const { y, input } = await relax('exact', 200, [5]);
    // Step s's input is w·y before step s's advance, i.e. the value recorded after step s − 1.
    expect(input[0]).toBe(0);
    for (let s = 1; s < 200; s++) expect(input[s]).toBe(0.5 * y[s - 1]!);
    // The spike at 5 ms (step 50) adds 1 to y in that step's propagation, before the row of step 50 is taken.
    const jump = y[50]! - y[49]!;
    const smooth = y[49]! - y[48]!;
    expect(jump - smooth).toBeCloseTo(1, 2);
  });
});

/** 30 spike sources onto 12 LIF neurons through NMDA synapses (p = 0.5, 0–4 nS), half with the magnesium block. */
async function nmdaNetwork(options: CpuBackendOptions) {
  const net = new Network({ dt, seed: 7 });
  const src = net.population('in', { model: SpikeSource, size: 30 });
  const times = Array.from({ length: 300 }, (_, k) => 1 + ((k * 37) % 2900) / 10);
  net.stimulate(src, spikeTimes({ times, indices: times.map((_, k) => (k * 7) % 30) }));
  const cells = net.population('cells', { model: LIF, size: 12, parameters: { R: 100, C: 0.2, u_rest: -70, u_reset: -65, threshold: -55, t_ref: 2 } });
  net.connect(src, cells, { connector: fixedProbabilityConnect({ p: 0.5, weight: { uniform: { min: 0, max: 4 } } }), synapse: NmdaSynapse, parameters: { Mg: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1] }, name: 'nmda' });
  const v = net.monitor(new StateMonitor(cells, 'v'));
  const spikes = net.monitor(new SpikeMonitor(cells));
  await net.run({ steps: 3000 }, createCpuBackend(options));
  const sim = net.compiled as CpuSimulation;
  return { v: Array.from(v.values().data), steps: Array.from(spikes.steps), neurons: Array.from(spikes.neurons), g: Array.from(sim.synapseValues('nmda', 'g_syn')), x: Array.from(sim.synapseValues('nmda', 'x')), description: sim.description };
}

describe('clock-driven equations reading the postsynaptic neuron', () => {
  it('dy/dt = (v_post − y)/tau follows v_post = −70 mV exactly (exact integrator), on 1 and 2 threads', async () => {
    /** A target held at v = −70 mV that records its summed input. */
    const Clamp: ModelDefinition = { ...Recorder, name: 'Clamp', state: { ...Recorder.state, v: { unit: 'mV', initial: -70 } } };
    const Follow: ModelDefinition = { ...Relax, name: 'Follow', plasticity: { synapseState: { y: { unit: 'mV', initial: 0, equation: '(v_post - y) / tau', clockDriven: true } } }, onPre: ['y += 0'], weight: { unit: 'µS' }, summed: 'w * y' };
    for (const threads of [1, 2]) {
      const net = new Network({ dt, seed: 1 });
      const src = net.population('in', { model: SpikeSource, size: 4 });
      const cell = net.population('cell', { model: Clamp, size: 4 });
      net.connect(src, cell, { connector: oneToOneConnect({ weight: 1 }), synapse: { ...Follow, integrator: 'exact' }, name: 'f' });
      await net.run({ steps: 300 }, createCpuBackend({ threads }));
      const y = (net.compiled as CpuSimulation).synapseValues('f', 'y');
      for (const v of y) expect(Math.abs(v - -70 * (1 - Math.exp(-30 / 10)))).toBeLessThan(1e-12);
    }
  });
});

describe('NmdaSynapse on the CPU backend', () => {
  it('JavaScript ≡ WebAssembly population kernels ≡ 2 threads ≡ 3 threads, bit for bit (spikes, v, g_syn, x)', async () => {
    const reference = await nmdaNetwork({ wasm: false });
    expect(reference.steps.length).toBeGreaterThan(10);
    expect(reference.description).toMatch(/clock-driven synapse variables in JavaScript: nmda/);
    for (const options of [{}, { threads: 2 }, { threads: 3, wasm: false }] satisfies CpuBackendOptions[]) {
      const other = await nmdaNetwork(options);
      expect(other.steps, JSON.stringify(options)).toEqual(reference.steps);
      expect(other.neurons).toEqual(reference.neurons);
      expect(other.v).toEqual(reference.v);
      expect(other.g).toEqual(reference.g);
      expect(other.x).toEqual(reference.x);
    }
    const wasm = await nmdaNetwork({});
    expect(wasm.description).toMatch(/populations in WebAssembly: .*cells/);
  });

  it('saturates: repeated spikes drive g_syn towards 1, never beyond', async () => {
    const net = new Network({ dt, seed: 1 });
    const src = net.population('in', { model: SpikeSource, size: 1 });
    const times = Array.from({ length: 100 }, (_, k) => 1 + k);
    net.stimulate(src, spikeTimes({ times, indices: times.map(() => 0) }));
    const cell = net.population('cell', { model: LIF, size: 1, parameters: { threshold: 1e6 } });
    net.connect(src, cell, { connector: oneToOneConnect({ weight: 1 }), synapse: NmdaSynapse, name: 'nmda' });
    const g = net.monitor(new SynapseMonitor('nmda', { variable: 'g_syn' }));
    await net.run({ steps: 1200 }, createCpuBackend());
    const values = Array.from(g.values().data);
    expect(Math.max(...values)).toBeGreaterThan(0.95);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe('clock-driven variables: named errors', () => {
  const withVar = (spec: Record<string, unknown>, extra: Partial<ModelDefinition> = {}): ModelDefinition =>
    ({ ...Relax, plasticity: { synapseState: { y: { unit: '1', initial: 0, clockDriven: true, ...spec } } }, ...extra }) as ModelDefinition;
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return `${(e as Error).name}:${(e as ExpressionError).code}:${(e as Error).message}`;
    }
    return 'no error';
  };

  it('a nonlinear equation with exact: not-linear, naming model, equation and variable; euler takes it', () => {
    const m = withVar({ equation: '-y * y / tau' }, { integrator: 'exact' });
    expect(code(() => compileModel(m))).toMatch(/^ExpressionError:not-linear:.*model Relax, equation dy\/dt.*'exact' integrator needs an equation linear in y/);
    expect(compileModel({ ...m, integrator: 'euler' }).plasticity!.clock.length).toBeGreaterThan(0);
  });

  it('an unknown name, an event-driven read (in an equation or the summed expression), a noise term', () => {
    expect(code(() => compileModel(withVar({ equation: '-z / tau' })))).toMatch(/^ExpressionError:unknown-identifier:.*model Relax, plasticity\.synapseState\.y\.equation.*z/);
    const twoVars = (extra: Partial<ModelDefinition>) =>
      ({ ...Relax, plasticity: { synapseState: { y: { unit: '1', initial: 0, equation: '(u - y) / tau', clockDriven: true }, u: { unit: '1', initial: 1, equation: '-u / tau' } } }, ...extra }) as ModelDefinition;
    expect(code(() => compileModel(twoVars({})))).toMatch(/^ExpressionError:event-driven-read:.*plasticity\.synapseState\.y\.equation.*\bu\b.*make u clockDriven/);
    const summedStale = { ...Relax, plasticity: { synapseState: { y: { unit: '1', initial: 0, equation: '-y / tau', clockDriven: true }, u: { unit: '1', initial: 1, equation: '-u / tau' } } }, summed: 'w * u' } as ModelDefinition;
    expect(code(() => compileModel(summedStale))).toMatch(/^ExpressionError:event-driven-read:.*model Relax, summed.*\bu\b/);
    expect(code(() => compileModel(withVar({ equation: '-y / tau + xi' })))).toMatch(/^ExpressionError:noise-not-allowed:/);
  });

  it('reading a postsynaptic variable the target lacks names the connection, model and variable', async () => {
    const net = new Network({ dt, seed: 1 });
    const src = net.population('in', { model: SpikeSource, size: 1 });
    const cell = net.population('cell', { model: Recorder, size: 1 });
    net.connect(src, cell, { connector: oneToOneConnect({ weight: 1 }), synapse: NmdaSynapse, name: 'nmda' });
    await expect(net.run({ steps: 10 }, createCpuBackend())).rejects.toThrow(ConfigError);
    await expect(net.run({ steps: 10 }, createCpuBackend())).rejects.toThrow(/nmda.*NmdaSynapse.*\bv\b/);
    const inEquation = withVar({ equation: '(v_post - y) / tau' }, { weight: { unit: 'target' } });
    const net2 = new Network({ dt, seed: 1 });
    net2.connect(net2.population('in', { model: SpikeSource, size: 1 }), net2.population('cell', { model: Recorder, size: 1 }), { connector: oneToOneConnect({ weight: 1 }), synapse: inEquation, name: 'r' });
    await expect(net2.run({ steps: 10 }, createCpuBackend())).rejects.toThrow(/connection r.*Relax.*\bv\b/);
  });

  it('a dense table (fullConnect) is refused, naming the connection: per-synapse variables need a sparse one', async () => {
    const net = new Network({ dt, seed: 1 });
    net.connect(net.population('in', { model: SpikeSource, size: 2 }), net.population('cell', { model: LIF, size: 2 }), { connector: fullConnect({ J: 2 }), synapse: NmdaSynapse, name: 'nmda' });
    await expect(net.run({ steps: 10 }, createCpuBackend())).rejects.toThrow(/connection nmda\.connector: .*sparse \(CSR\) table/);
  });

  it('the f32 mode refuses per-synapse variables by name', async () => {
    const net = new Network({ dt, seed: 1 });
    net.connect(net.population('in', { model: SpikeSource, size: 1 }), net.population('cell', { model: LIF, size: 1 }), { connector: oneToOneConnect({ weight: 1 }), synapse: NmdaSynapse, name: 'nmda' });
    await expect(net.run({ steps: 10 }, createCpuBackend({ precision: 'f32' }))).rejects.toThrow(/connection nmda: synapse model NmdaSynapse has per-synapse variables.*f64 CPU mode only/);
  });
});
