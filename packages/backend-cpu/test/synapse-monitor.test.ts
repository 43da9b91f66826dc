/**
 * Synapse monitors (weights you can watch) on the CPU backend: snapshots every k steps equal the
 * weights read with `sim.weights` after the same steps, bit for bit; chosen indices and (pre, post)
 * pairs pick the same columns; memory is bounded; bad requests are named errors. Plus the weight
 * views (`weightArray`, `weightCsr`).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type PopulationRef } from '@spikeflow/core';
import { LIF, PoissonNeuron } from '@spikeflow/neurons';
import { ExpConductance, fixedProbabilityConnect, randomUniformConnect, StdpAdditive, TsodyksMarkram } from '@spikeflow/connectivity';
import { MemoryByteSink, parseNpy, SynapseMonitor, SynapseWriter, weightArray, weightCsr } from '@spikeflow/monitors';
import { synapseWeights, type BuiltConnection } from '@spikeflow/core/backend';
import { createCpuBackend, type CpuBackendOptions, type CpuSimulation } from '@spikeflow/backend-cpu';

/**
 * 200 Poisson inputs (100 Hz) onto 2 conductance LIF neurons through additive STDP, 80 % of the
 * pairs connected; `more` adds connections between the same populations.
 */
function stdpNet(seed = 3, more?: (net: Network, inputs: PopulationRef, neuron: PopulationRef) => void) {
  const net = new Network({ dt: 0.1, seed });
  const inputs = net.population('inputs', { model: PoissonNeuron, size: 200, parameters: { rate: 100 } });
  const neuron = net.population('neuron', { model: LIF, size: 2, parameters: { R: 1, C: 10, u_rest: -74, u_reset: -60, threshold: -54 }, initial: { v: -60 } });
  net.connect(inputs, neuron, {
    connector: fixedProbabilityConnect({ p: 0.8, weight: { uniform: { min: 0, max: 10 } } }),
    synapse: StdpAdditive,
    parameters: { tau: 5, E_rev: 0, taupre: 20, taupost: 20, wmin: 0, wmax: 10, Apre: 0.1, Apost: -0.105 },
    name: 'syn',
  });
  more?.(net, inputs, neuron);
  return net;
}

describe('SynapseMonitor on the CPU backend', () => {
  it('records the weights every k steps: each row is sim.weights after that step, and they change', async () => {
    const every = 250;
    const steps = 2000;
    const net = stdpNet();
    const all = net.monitor(new SynapseMonitor('syn', { every }));
    const chosen = net.monitor(new SynapseMonitor('syn', { every, indices: [5, 0, 17] }));
    await net.run({ steps }, createCpuBackend());
    expect(Array.from(all.times)).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750]);
    const count = (net.compiled as CpuSimulation).weights('syn').weights.length;
    expect(all.values().shape).toEqual([8, count]);

    // The same network, run step by step to each recorded step, read with sim.weights.
    const ref = stdpNet();
    const cpu = createCpuBackend();
    let done = 0;
    for (let r = 0; r < all.rows; r++) {
      await ref.run({ steps: all.times[r]! + 1 - done }, cpu);
      done = all.times[r]! + 1;
      const w = (ref.compiled as CpuSimulation).weights('syn').weights;
      for (let k = 0; k < count; k++) expect(all.values().get(r, k)).toBe(w[k]);
      expect([0, 1, 2].map((c) => chosen.values().get(r, c))).toEqual([5, 0, 17].map((k) => w[k]));
    }
    let changed = 0;
    for (let k = 0; k < count; k++) if (all.values().get(7, k) !== all.values().get(0, k)) changed++;
    expect(changed).toBeGreaterThan(count / 2); // plastic: most weights moved
    // The last row as a table equals the weights at the end of the run (step 1999 was not recorded: compare with row 7's reference).
    expect(Array.from(all.table().weights)).toEqual(Array.from({ length: count }, (_, k) => all.values().get(7, k)));
  });

  it('pairs pick every synapse between two neurons; a pair without one is no-synapse', async () => {
    const probe = stdpNet();
    const m = probe.monitor(new SynapseMonitor('syn', { every: 100 }));
    probe.build();
    const { pre, post } = m;
    const pairs = [[pre[3]!, post[3]!], [pre[40]!, post[40]!]] as [number, number][];
    const net = stdpNet();
    const byPair = net.monitor(new SynapseMonitor('syn', { every: 100, pairs }));
    const byIndex = net.monitor(new SynapseMonitor('syn', { every: 100, indices: [3, 40] }));
    await net.run({ steps: 300 }, createCpuBackend());
    expect(Array.from(byPair.synapses)).toEqual([3, 40]);
    expect(Array.from(byPair.values().data)).toEqual(Array.from(byIndex.values().data));
    const missing = stdpNet();
    // Input neurons not connected to neuron 0: find one.
    const absent = Array.from({ length: 200 }, (_, i) => i).find((i) => !Array.from(pre).some((p, k) => p === i && post[k] === 0))!;
    missing.monitor(new SynapseMonitor('syn', { pairs: [[absent, 0]] }));
    expect(() => missing.build()).toThrow(expect.objectContaining({ code: 'no-synapse' }));
  });

  it('named errors: unknown connection, unknown variable, index out of range, every <= 0, too much memory', async () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).code;
      }
      return 'no error';
    };
    const build = (m: SynapseMonitor) => () => {
      const net = stdpNet();
      net.monitor(m);
      net.build();
    };
    expect(err(build(new SynapseMonitor('nope')))).toBe('unknown-connection');
    expect(err(build(new SynapseMonitor('syn', { variable: 'apre' })))).toBe('unknown-variable');
    expect(err(build(new SynapseMonitor('syn', { indices: [100_000] })))).toBe('bad-synapse-index');
    expect(err(() => new SynapseMonitor('syn', { indices: [-1] }))).toBe('bad-synapse-index');
    expect(err(() => new SynapseMonitor('syn', { every: 0 }))).toBe('bad-every');
    expect(err(() => new SynapseMonitor('syn', { every: -5 }))).toBe('bad-every');
    expect(err(() => new SynapseMonitor('syn', { indices: [1], pairs: [[0, 0]] }))).toBe('bad-option');
    // Cap: 3 synapses × 8 B + 4 B = 28 B per row; 100 bytes hold 3 rows, a run of 10 rows is refused before it starts.
    const net = stdpNet();
    const small = net.monitor(new SynapseMonitor('syn', { indices: [0, 1, 2], maxBytes: 100 }));
    await expect(net.run({ steps: 10 }, createCpuBackend())).rejects.toMatchObject({ code: 'monitor-too-large' });
    expect(small.rows).toBe(0);
    await net.run({ steps: 3 }, createCpuBackend());
    expect(small.rows).toBe(3);
    expect(() => (net.compiled as CpuSimulation).synapseValues('syn', 'x')).toThrow(expect.objectContaining({ code: 'unknown-variable' }));
    expect(() => (net.compiled as CpuSimulation).synapseValues('x', 'w')).toThrow(expect.objectContaining({ code: 'unknown-connection' }));
  });

  it('recording every step keeps progress reports per chunk; a split run records the same rows', async () => {
    const net = stdpNet();
    const m = net.monitor(new SynapseMonitor('syn', { indices: [4] }));
    const reports: number[] = [];
    await net.run({ steps: 300 }, createCpuBackend(), { chunk: 100, onProgress: (p) => reports.push(p.done) });
    expect(reports).toEqual([100, 200, 300]);
    expect(Array.from(m.times)).toEqual(Array.from({ length: 300 }, (_, s) => s));
    const split = stdpNet();
    const n = split.monitor(new SynapseMonitor('syn', { indices: [4] }));
    const cpu = createCpuBackend();
    for (const part of [7, 93, 200]) await split.run({ steps: part }, cpu);
    expect(Array.from(n.values().data)).toEqual(Array.from(m.values().data));
  });

  it('SynapseWriter streams the same rows as an NPY file', async () => {
    const net = stdpNet();
    const sink = new MemoryByteSink();
    const mem = net.monitor(new SynapseMonitor('syn', { every: 50, indices: [1, 2, 3] }));
    const w = net.monitor(new SynapseWriter('syn', sink, { format: 'npy', dt: 0.1, every: 50, indices: [1, 2, 3] }));
    await net.run({ steps: 500 }, createCpuBackend());
    // Streamed as recorded: the rows are in the sink before any flush or finish (128-byte NPY header + 10 rows × 3 × 8 B).
    expect(sink.bytes().length).toBe(128 + 10 * 3 * 8);
    w.finish();
    const { shape, data } = parseNpy(sink.bytes());
    expect(shape).toEqual([10, 3]);
    expect(Array.from(data)).toEqual(Array.from(mem.values().data));
  });
});

/**
 * stdpNet's plastic 'syn' plus static connections from the same inputs: 'fixed' (sparse, CSR) and
 * 'dense' (every pair, a dense table), and with `stp` 'stp' (TsodyksMarkram: per-synapse u and x
 * that change; f64 mode only).
 */
function selectionNet(stp = true) {
  return stdpNet(3, (net, inputs, neuron) => {
    net.connect(inputs, neuron, { connector: fixedProbabilityConnect({ p: 0.5, weight: { uniform: { min: 0, max: 1 } } }), synapse: ExpConductance, parameters: { tau: 5, E_rev: 0 }, name: 'fixed' });
    net.connect(inputs, neuron, { connector: randomUniformConnect({ wmin: 0, wmax: 1 }), synapse: ExpConductance, parameters: { tau: 5, E_rev: 0 }, name: 'dense' });
    if (stp) net.connect(inputs, neuron, { connector: fixedProbabilityConnect({ p: 0.5, weight: 0.01 }), synapse: TsodyksMarkram, parameters: { U: 0.3, tau_d: 50, tau_f: 20 }, name: 'stp' });
  });
}

describe('selected synapses are read on their own (work proportional to the selection)', () => {
  const cases: { options: CpuBackendOptions; stp: boolean }[] = [
    { options: {}, stp: true },
    { options: { threads: 2 }, stp: true }, // two partitions of the plastic synapses, one per neuron
    { options: { precision: 'f32', threads: 2 }, stp: false }, // float32 plastic weights; no per-synapse variables in f32
  ];
  for (const { options, stp } of cases) {
    it(`each recorded column is the same entry of the whole read at the same step, bit for bit (${JSON.stringify(options)})`, async () => {
      const recorded = (
        [
          ['syn', 'w'],
          ['fixed', 'w'],
          ['dense', 'w'],
          ['stp', 'u'],
          ['stp', 'x'],
        ] as const
      ).filter(([c]) => stp || c !== 'stp');
      const net = selectionNet(stp);
      const pick = (count: number) => Int32Array.from([count - 1, 0, 7, Math.floor(count / 2), 7, count - 2]);
      const counts = new Map(recorded.map(([c]) => [c, 0]));
      const probe = selectionNet(stp);
      const probes = recorded.map(([c, variable]) => probe.monitor(new SynapseMonitor(c, { variable })));
      probe.build();
      recorded.forEach(([c], k) => counts.set(c, probes[k]!.layout.count));
      const pairs = recorded.map(([c, variable]) => ({
        all: net.monitor(new SynapseMonitor(c, { variable, every: 3 })),
        some: net.monitor(new SynapseMonitor(c, { variable, every: 3, indices: Array.from(pick(counts.get(c)!)) })),
      }));
      await net.run({ steps: 600 }, createCpuBackend(options));
      const sim = net.compiled as CpuSimulation;
      for (const [k, { all, some }] of pairs.entries()) {
        const idx = pick(counts.get(recorded[k]![0])!);
        expect(some.rows).toBe(200);
        expect(Array.from(some.times)).toEqual(Array.from(all.times));
        for (let r = 0; r < all.rows; r++) for (let col = 0; col < idx.length; col++) expect(some.values().get(r, col)).toBe(all.values().get(r, idx[col]!));
        // Read now, directly: the selected read equals the same entries of the whole read.
        const [c, variable] = recorded[k]!;
        const whole = sim.synapseValues(c, variable);
        expect(Array.from(sim.synapseValues(c, variable, idx))).toEqual(Array.from(idx, (i) => whole[i]!));
      }
      // Plastic values move during the run (w of 'syn', u and x of 'stp'); static ones stay as built.
      const moved = (m: SynapseMonitor) => Array.from({ length: m.width }, (_, col) => m.values().get(0, col) !== m.values().get(m.rows - 1, col)).filter(Boolean).length;
      expect(moved(pairs[0]!.some)).toBeGreaterThan(2);
      if (stp) expect(moved(pairs[3]!.some) + moved(pairs[4]!.some)).toBeGreaterThan(2);
      expect(moved(pairs[1]!.some) + moved(pairs[2]!.some)).toBe(0);
      expect(() => sim.synapseValues('syn', 'w', [counts.get('syn')!])).toThrow(expect.objectContaining({ code: 'bad-synapse-index' }));
      expect(() => sim.synapseValues('dense', 'w', [-1])).toThrow(expect.objectContaining({ code: 'bad-synapse-index' }));
    });
  }

  it('core synapseWeights on a dense table with gaps: the selected entries of the whole read', () => {
    const net = selectionNet();
    const c = net.build().connections.find((x) => x.name === 'dense')!;
    const gaps: BuiltConnection = { ...c, table: { format: 'dense', nPre: 2, nPost: 3, weights: Float64Array.of(0, 2e-3, 0, 3e-3, 0, 4e-3) } };
    const whole = synapseWeights(gaps);
    expect(whole.length).toBe(3);
    expect(Array.from(synapseWeights(gaps, undefined, [2, 0, 1, 2]))).toEqual([whole[2], whole[0], whole[1], whole[2]]);
    const current = Float64Array.of(0, 5e-3, 0, 6e-3, 0, 7e-3);
    const now = synapseWeights(gaps, current);
    expect(Array.from(synapseWeights(gaps, current, [1]))).toEqual([now[1]]);
  });
});

describe('weights as ndarrays', () => {
  it('weightArray: dense [nPre × nPost] with NaN (or a chosen value) where no synapse; weightCsr: the CSR arrays', async () => {
    const net = stdpNet();
    await net.run({ steps: 200 }, createCpuBackend());
    const t = (net.compiled as CpuSimulation).weights('syn');
    const a = weightArray(t);
    expect(a.shape).toEqual([200, 2]);
    const csr = weightCsr(t);
    let present = 0;
    for (let i = 0; i < 200; i++) {
      for (let k = csr.rowStart[i]!; k < csr.rowStart[i + 1]!; k++) expect(a.get(i, csr.post[k]!)).toBe(csr.weights[k]);
      for (let j = 0; j < 2; j++) if (!Number.isNaN(a.get(i, j))) present++;
    }
    expect(present).toBe(csr.weights.length);
    expect(weightArray(t, { absent: 0 }).data.filter((x) => Number.isNaN(x))).toHaveLength(0);
    const dense = weightCsr({ format: 'dense', nPre: 2, nPost: 3, weights: Float64Array.of(0, 1, 0, 2, 0, 3) });
    expect({ rowStart: Array.from(dense.rowStart), post: Array.from(dense.post), weights: Array.from(dense.weights) }).toEqual({ rowStart: [0, 1, 3], post: [1, 0, 2], weights: [1, 2, 3] });
    expect(() => weightArray({ format: 'dense', nPre: 2, nPost: 2, weights: new Float64Array(3) })).toThrow(expect.objectContaining({ code: 'bad-table' }));
  });
});
