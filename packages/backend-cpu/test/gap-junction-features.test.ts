/**
 * Summed synapse expressions (gap junctions) beyond the Brian2 comparison (gap-junction.test.ts):
 * JavaScript, WebAssembly and threads give the same spikes and states bit for bit (the sums onto
 * a neuron are added in the plan's CSR order whatever the partition); a dense and a CSR table of
 * the same synapses give the same bits; f32 follows f64; the plan holds the phase and the op; and
 * bad input is a named error.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, ExpressionError, Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, ExpConductance, GapJunction, fixedProbabilityConnect, fullConnect } from '@spikeflow/connectivity';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildPlan } from '@spikeflow/core/plan';
import { compileModel } from '@spikeflow/core/backend';

/** A driven LIF: u_rest above threshold, so it fires on its own (heterogeneous initial v). */
const driven = (size: number, offset: number) => ({
  model: LIF,
  size,
  parameters: { R: 1, C: 10, u_rest: -45, u_reset: -70, threshold: -50, t_ref: 1 },
  initial: { v: Float64Array.from({ length: size }, (_, i) => -70 + ((i * 7 + offset) % size) * (20 / size)) },
});

/** Two populations of odd sizes, gap junctions within and across them (random CSR weights, dense), plus a current synapse into the same input. */
async function mixed(backend: Backend, steps = 3000) {
  const net = new Network({ dt: 0.1, seed: 7 });
  const a = net.population('a', driven(13, 0));
  const b = net.population('b', driven(9, 3));
  net.connect(a, a, { connector: fixedProbabilityConnect({ p: 0.4, weight: { uniform: { min: 5, max: 40 } } }), synapse: GapJunction });
  net.connect(a, b, { connector: fixedProbabilityConnect({ p: 0.5, weight: { uniform: { min: 5, max: 60 } } }), synapse: GapJunction });
  net.connect(b, a, { connector: fullConnect({ J: 90 }), synapse: GapJunction });
  net.connect(b, a, { connector: fixedProbabilityConnect({ p: 0.3, weight: 0.2 }), synapse: ExpCurrent, name: 'b->a current' });
  const spikes = [net.monitor(new SpikeMonitor(a)), net.monitor(new SpikeMonitor(b))];
  const v = [net.monitor(new StateMonitor(a, 'v')), net.monitor(new StateMonitor(b, 'v'))];
  await net.run({ steps }, backend);
  return { trains: spikes.map((s) => Array.from(s.spikeTrains(), (t) => Array.from(t))), v: v.map((m) => Float64Array.from(m.values().data)) };
}

describe('summed synapse expressions: backends, order, plan', () => {
  it('JavaScript ≡ WebAssembly ≡ 2 threads ≡ 3 threads, bit for bit (spikes and every recorded v)', async () => {
    const reference = await mixed(createCpuBackend({ wasm: false }));
    const spikes = reference.trains.flat(2).length;
    expect(spikes).toBeGreaterThan(100);
    for (const backend of [createCpuBackend(), createCpuBackend({ threads: 2 }), createCpuBackend({ threads: 3, wasm: false })]) {
      const other = await mixed(backend);
      expect(other.trains).toEqual(reference.trains);
      other.v.forEach((v, p) => expect(Buffer.from(v.buffer).equals(Buffer.from(reference.v[p]!.buffer)), `population ${p}: v bit for bit`).toBe(true));
    }
  });

  it('says what runs where: populations in WebAssembly, the summed expressions in JavaScript, no propagation for a junction', async () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', driven(6, 0));
    net.connect(a, a, { connector: fullConnect({ J: 60 }), synapse: GapJunction });
    const sim = (await createCpuBackend().compile(net.build())) as { description?: string; dispose?: () => void };
    expect(sim.description).toBe('CPU f64, 1 thread; populations in WebAssembly: a; summed expressions in JavaScript: a->a');
    sim.dispose?.();
  });

  it('f32 follows f64: the same spike counts, spike times within 2 steps', async () => {
    const f64 = await mixed(createCpuBackend(), 1000);
    const f32 = await mixed(createCpuBackend({ precision: 'f32' }), 1000);
    f64.trains.forEach((pop, p) =>
      pop.forEach((train, i) => {
        expect(f32.trains[p]![i]!.length, `population ${p}, neuron ${i}`).toBe(train.length);
        train.forEach((s, k) => expect(Math.abs(f32.trains[p]![i]![k]! - s)).toBeLessThanOrEqual(2));
      }),
    );
  });

  it('a checkpoint restored on 2 threads continues exactly (the sums are recomputed, not saved)', async () => {
    const make = () => {
      const net = new Network({ dt: 0.1, seed: 7 });
      const a = net.population('a', driven(13, 0));
      net.connect(a, a, { connector: fixedProbabilityConnect({ p: 0.4, weight: { uniform: { min: 5, max: 40 } } }), synapse: GapJunction });
      return { net, spikes: net.monitor(new SpikeMonitor(a)) };
    };
    const whole = make();
    await whole.net.run({ steps: 700 }, createCpuBackend());
    const saved = await whole.net.checkpoint();
    expect(saved.buffers.map((b) => b.name).filter((n) => n.endsWith('.summed'))).toEqual([]);
    await whole.net.run({ steps: 800 }, createCpuBackend());
    const resumed = make();
    const backend = createCpuBackend({ threads: 2 });
    await resumed.net.restore(saved, backend);
    await resumed.net.run({ steps: 800 }, backend);
    expect(Array.from(resumed.net.compiled!.getState('a', 'v'))).toEqual(Array.from(whole.net.compiled!.getState('a', 'v')));
    expect(Array.from(resumed.spikes.steps)).toEqual(Array.from(whole.spikes.steps).filter((s) => s >= 700));
  });

  it('a dense table and a CSR table of the same synapses give the same bits (one summation order)', async () => {
    const run = async (dense: boolean) => {
      const net = new Network({ dt: 0.1, seed: 3 });
      const a = net.population('a', driven(11, 0));
      const connector = dense ? fullConnect({ J: 11 * 25 }) : fixedProbabilityConnect({ p: 1, weight: 25 });
      net.connect(a, a, { connector, synapse: GapJunction, storage: dense ? 'dense' : 'csr' });
      const v = net.monitor(new StateMonitor(a, 'v'));
      await net.run({ steps: 1500 }, createCpuBackend({ wasm: false }));
      return Float64Array.from(v.values().data);
    };
    expect(Buffer.from((await run(true)).buffer).equals(Buffer.from((await run(false)).buffer))).toBe(true);
  });

  it('the plan: a summed phase before the populations, an op whose term joins the fed input, synapses by target in CSR order', () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', driven(6, 0));
    const b = net.population('b', driven(4, 0));
    net.connect(a, b, { connector: fixedProbabilityConnect({ p: 0.6, weight: { uniform: { min: 1, max: 2 } } }), synapse: GapJunction });
    const built = net.build();
    const plan = buildPlan(built);
    expect(plan.phases.map((p) => p.kind)).toEqual(['summed', 'populations', 'propagate', 'monitors']);
    const pop = plan.populations[1]!;
    expect(pop.ops.find((o) => o.op === 'summed')).toEqual({ op: 'summed', connection: 0, term: '_g0' });
    expect(pop.ops.find((o) => o.op === 'sum')).toMatchObject({ input: 'I', terms: ['_g0'] });
    const t = built.connections[0]!.table;
    const s = plan.connections[0]!.summed!;
    if (t.format !== 'csr') throw new Error('expected a CSR table');
    // Every synapse once; onto each target, by presynaptic neuron (the CSR row order), with its weight.
    const expected: [number, number][][] = Array.from({ length: 4 }, () => []);
    for (let j = 0; j < 6; j++) for (let k = t.rowStart[j]!; k < t.rowStart[j + 1]!; k++) expected[t.post[k]!]!.push([j, t.weights[k]!]);
    const got = Array.from({ length: 4 }, (_, i) => Array.from({ length: s.colStart[i + 1]! - s.colStart[i]! }, (_, n) => [s.pre[s.colStart[i]! + n]!, s.weights[s.colStart[i]! + n]!]));
    expect(got).toEqual(expected);
    expect(s.colStart[4]).toBe(t.post.length);
  });
});

/** A neuron model without `v`. */
const NoV: ModelDefinition = {
  name: 'NoV',
  kind: 'neuron',
  parameters: { R: { unit: 'MΩ', default: 1 }, tau: { unit: 'ms', default: 10 } },
  state: { u: { unit: 'mV', initial: 0 } },
  inputs: { I: { unit: 'nA' } },
  equations: { u: '(-u + R * I) / tau' },
  threshold: 'u > 1',
  reset: ['u = 0'],
};

describe('summed synapse expressions: named errors', () => {
  const connect = (pre: ModelDefinition, post: ModelDefinition) => {
    const net = new Network({ dt: 0.1, seed: 1 });
    net.connect(net.population('src', { model: pre, size: 2 }), net.population('dst', { model: post, size: 2 }), { connector: fullConnect({ J: 10 }), synapse: GapJunction, name: 'gap' });
    return net;
  };

  it('a presynaptic model without the variable read as <name>_pre: ConfigError naming connection, model, population and variable (build and check)', () => {
    const net = connect(NoV, LIF);
    for (const f of [() => net.build(), () => net.check()]) {
      expect(f).toThrow(ConfigError);
      expect(f).toThrow(/connection gap: synapse model GapJunction reads v_pre, but neuron model NoV of population src has no state v; its states: u/);
    }
  });

  it('a postsynaptic model without the variable read as <name>_post: ConfigError', () => {
    expect(() => connect(LIF, NoV).build()).toThrow(/connection gap: synapse model GapJunction reads v_post, but neuron model NoV of population dst has no state v/);
  });

  it('negative junction conductances are refused (a conductance weight)', () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', { model: LIF, size: 2 });
    net.connect(a, a, { connector: fullConnect({ J: -4 }), synapse: GapJunction, name: 'gap' });
    expect(() => net.build()).toThrow(/connection gap.connector.weight: synapse model GapJunction is a conductance synapse: weights must be >= 0/);
  });

  it('model errors: summed with an output, summed in a neuron model, <name>_pre outside summed, reserved _pre names', () => {
    const base = { ...GapJunction } as ModelDefinition;
    expect(() => compileModel({ ...base, output: '0' } as ModelDefinition)).toThrow(/model GapJunction, summed: a synapse model has either an output .* or a summed expression/);
    expect(() => compileModel({ ...LIF, summed: 'v' } as ModelDefinition)).toThrow(/model LIF, summed: only synapse models have a summed expression/);
    const readsPre = { ...ExpConductance, output: 'g * (E_rev - v_pre)' } as ModelDefinition;
    expect(() => compileModel(readsPre)).toThrow(ExpressionError);
    expect(() => compileModel(readsPre)).toThrow(/only a synapse model's summed expression reads presynaptic variables/);
    expect(() => compileModel({ ...base, parameters: { g_pre: { unit: 'nS', default: 1 } } } as ModelDefinition)).toThrow(/'g_pre' is reserved: in synapse models, <name>_pre reads the presynaptic neuron's variable <name>/);
  });

  it('units: what the summed expression delivers must be the fed input\'s unit', () => {
    const Volts: ModelDefinition = { ...GapJunction, name: 'VoltGap', weight: { unit: '1' }, summed: 'w * (v_pre - v_post)' } as ModelDefinition;
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', { model: LIF, size: 2 });
    net.connect(a, a, { connector: fullConnect({ J: 1 }), synapse: Volts, name: 'gap' });
    expect(() => net.build()).toThrow(/connection gap: model VoltGap delivers mV but input I of model LIF is in nA/);
  });
});
