import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { checkConformance, conformanceFailures, firstDivergence, LIBRARY_MODELS, MODEL_NETWORKS, rateDifferences, REFERENCE_NETWORKS, stepCallsInexactFunctions, TOLERANCES, type RunRecord } from '@spikeflow/testing';

const record = (events: [number, number][], backend = 'x'): RunRecord => ({
  network: 'n',
  backend,
  seed: 1,
  steps: 10,
  dt: 1,
  seconds: 0,
  weights: [],
  populations: [{ population: 'p', size: 5, steps: Int32Array.from(events, (e) => e[0]), neurons: Int32Array.from(events, (e) => e[1]) }],
});

describe('comparisons', () => {
  it('finds the first step where spike trains differ, and which neurons', () => {
    const a = record([[1, 0], [3, 1], [3, 2], [7, 4]]);
    const b = record([[1, 0], [3, 1], [3, 3], [7, 4]]);
    expect(firstDivergence(a, a)).toBeUndefined();
    expect(firstDivergence(a, b)).toEqual({ step: 3, population: 'p', onlyA: [2], onlyB: [3] });
    expect(firstDivergence(a, record([[1, 0], [3, 1], [3, 2]]))).toMatchObject({ step: 7, onlyA: [4], onlyB: [] });
  });

  it('rate differences are relative to the first run', () => {
    expect(rateDifferences(record([[1, 0], [2, 0]]), record([[1, 0], [2, 0], [3, 0]]))[0]).toMatchObject({ countA: 2, countB: 3, relative: 0.5 });
  });
});

describe('the suite on the CPU backend', () => {
  it('states its networks, seeds and tolerances', () => {
    expect(REFERENCE_NETWORKS.map((n) => n.name)).toEqual(['decision', 'cuba', 'noisy', 'xi', 'coba', 'spike-source', 'delays', 'poisson-input', 'stdp-additive', 'stdp-multiplicative', 'gap-junctions']);
    expect(TOLERANCES).toEqual({ identicalSteps: 1000, noisyRate: 0.02 });
    for (const n of REFERENCE_NETWORKS) expect(n.steps).toBeGreaterThanOrEqual(TOLERANCES.identicalSteps);
  });

  it('CPU f32 passes against itself and within tolerance of f64', async () => {
    const report = await checkConformance(createCpuBackend({ precision: 'f32' }));
    expect(conformanceFailures(report)).toEqual([]);
  });

  it('reports weights of plastic connections that differ from CPU f32', async () => {
    const cpu = createCpuBackend({ precision: 'f32' });
    // A "backend" whose weights() reads back one weight off by one ulp-sized amount.
    const off = {
      ...cpu,
      name: 'off',
      compile: async (net: Parameters<typeof cpu.compile>[0]) => {
        const sim = await cpu.compile(net);
        const weights = sim.weights!.bind(sim);
        return Object.assign(sim, { weights: (c: string) => ({ ...weights(c), weights: weights(c).weights.map((w, k) => (k === 3 ? w + 1e-6 : w)) }) });
      },
    };
    const report = await checkConformance(off, { networks: [REFERENCE_NETWORKS.find((n) => n.name === 'stdp-additive')!], seeds: [1] });
    const c = report.cases[0]!;
    expect(c.weightsF32).toEqual([expect.objectContaining({ connection: 'inputs->lif', differing: 1 }), expect.objectContaining({ connection: 'lif->lif', differing: 1 })]);
    expect(conformanceFailures(report)).toEqual([
      expect.stringMatching(/^off: stdp-additive seed 1: 1 of \d+ weights of inputs->lif differ from CPU f32 after 1000 steps/),
      expect.stringMatching(/^off: stdp-additive seed 1: 1 of \d+ weights of lif->lif differ/),
    ]);
  });

  it('reports a backend that gets the numbers wrong', async () => {
    const cpu = createCpuBackend({ precision: 'f32' });
    // A "backend" that drops the inhibitory population's spikes' effect by compiling a changed network.
    const broken = { ...cpu, name: 'broken', compile: (net: Parameters<typeof cpu.compile>[0]) => cpu.compile({ ...net, connections: net.connections.slice(1) }) };
    const report = await checkConformance(broken, { networks: [REFERENCE_NETWORKS[1]!], seeds: [1] });
    const failures = conformanceFailures(report);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatch(/broken: cuba seed 1: spike trains differ from CPU f32 at step \d+/);
  });
});

describe('every library neuron model is in the suite', () => {
  it('two networks (constant and noisy drive) per model exported by @spikeflow/neurons, found by iterating its exports', () => {
    expect(LIBRARY_MODELS.length).toBeGreaterThanOrEqual(13);
    // Names are how experiment files, the CLI and the gallery find a model: no two may share one.
    expect(new Set(LIBRARY_MODELS.map((m) => m.name)).size).toBe(LIBRARY_MODELS.length);
    expect(MODEL_NETWORKS.map((n) => n.name)).toEqual(LIBRARY_MODELS.flatMap((m) => [`${m.name}/constant`, `${m.name}/noisy`]));
    // Models whose step calls exp (exponential IF, HH gates) are compared by rate; polynomial ones bit for bit.
    const inexact = LIBRARY_MODELS.filter(stepCallsInexactFunctions).map((m) => m.name);
    expect(inexact).toEqual(expect.arrayContaining(['AdEx', 'ELIF', 'HodgkinHuxley', 'TraubMiles']));
    expect(inexact).not.toContain('LIF');
    expect(inexact).not.toContain('Izhikevich');
  });

  it('CPU f32 passes every model network against itself and within 2% of f64; every model fires', async () => {
    const report = await checkConformance(createCpuBackend({ precision: 'f32' }), { networks: MODEL_NETWORKS });
    expect(conformanceFailures(report)).toEqual([]);
    for (const c of report.cases) expect(c.ratesF64[0]!.countA, c.network).toBeGreaterThan(50);
  });
});
