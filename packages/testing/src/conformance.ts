import type { Backend, Network } from '@spikeflow/core';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { StateMonitor } from '@spikeflow/monitors';
import { REFERENCE_NETWORKS, type ReferenceNetwork } from './networks.js';

/** Tolerances of the suite, stated once. */
export const TOLERANCES = Object.freeze({
  /** Noise-free networks: float32 backends give the CPU f32 spike trains exactly for at least this many steps. */
  identicalSteps: 1000,
  /** Noisy networks: per-population spike counts within this relative difference of CPU f32 and f64. */
  noisyRate: 0.02,
});

/** Spikes of one population in one run, as (step, neuron) events sorted by step then neuron. */
export interface SpikeRecord {
  /** Population name. */
  readonly population: string;
  /** Neurons in the population. */
  readonly size: number;
  /** Step of each spike, ascending (parallel to `neurons`). */
  readonly steps: Int32Array;
  /** Neuron index of each spike, ascending within a step. */
  readonly neurons: Int32Array;
}

/** One run of a reference network on one backend, as {@link runReference} returns it. */
export interface RunRecord {
  /** The reference network's `name`. */
  readonly network: string;
  /** The backend's `name`. */
  readonly backend: string;
  /** Seed the network was built with. */
  readonly seed: number;
  /** Steps run. */
  readonly steps: number;
  /** Time step, ms. */
  readonly dt: number;
  /** Spikes of every monitored population, in the network's monitor order. */
  readonly populations: readonly SpikeRecord[];
  /** Weights after the run of the network's plastic connections (`ReferenceNetwork.plastic`), in CSR order; absent or empty without. */
  readonly weights?: readonly { readonly connection: string; readonly weights: Float64Array }[];
  /** Wall-clock seconds of the run itself (after compilation). */
  readonly seconds: number;
}

/**
 * Builds `ref` with `seed`, runs it for `steps` (default `ref.steps`) on `backend` and returns its
 * spikes, sorted by step then neuron; the compiled simulation is disposed even when the run throws.
 *
 * @example
 * const run = await runReference(decisionNetwork, createCpuBackend(), 1, 500);
 * run.populations.map((p) => p.steps.length); // spikes per population
 */
export async function runReference(ref: ReferenceNetwork, backend: Backend, seed: number, steps: number = ref.steps): Promise<RunRecord> {
  const inst = ref.build(seed);
  const sim = await backend.compile(inst.network.build());
  try {
    const result = await sim.run(steps);
    const populations = [...inst.monitors].map(([population, m]) => sorted(population, m.size, m.steps, m.neurons));
    if (ref.plastic?.length && !sim.weights) throw new Error(`backend ${backend.name} has no weights(connection) to read the weights of ${ref.name}'s plastic connections`);
    const weights = (ref.plastic ?? []).map((connection) => ({ connection, weights: Float64Array.from(sim.weights!(connection).weights) }));
    return { network: ref.name, backend: backend.name, seed, steps, dt: inst.network.dt, populations, weights, seconds: result.seconds };
  } finally {
    sim.dispose();
  }
}

function sorted(population: string, size: number, steps: Int32Array, neurons: Int32Array): SpikeRecord {
  const order = Array.from(steps.keys()).sort((a, b) => steps[a]! - steps[b]! || neurons[a]! - neurons[b]!);
  return { population, size, steps: Int32Array.from(order, (k) => steps[k]!), neurons: Int32Array.from(order, (k) => neurons[k]!) };
}

/** Where two runs' spike trains first differ: the earliest step with a spike in one and not the other. */
export interface Divergence {
  /** The earliest step whose spikes differ. */
  readonly step: number;
  /** The population where they differ (the first in `a`'s order when several differ at that step). */
  readonly population: string;
  /** Neurons that spiked at `step` in run a only. */
  readonly onlyA: readonly number[];
  /** Neurons that spiked at `step` in run b only. */
  readonly onlyB: readonly number[];
}

/**
 * The first step at which two runs of the same network spike differently, or undefined when their
 * spike trains are identical. Throws an `Error` naming the population when `b` lacks one of `a`'s.
 *
 * @example
 * const d = firstDivergence(await runReference(cubaNetwork, cpu32, 1), await runReference(cubaNetwork, gpu, 1));
 * if (d) console.log(`differ at step ${d.step} in ${d.population}`);
 */
export function firstDivergence(a: RunRecord, b: RunRecord): Divergence | undefined {
  let best: Divergence | undefined;
  for (const pa of a.populations) {
    const pb = b.populations.find((p) => p.population === pa.population);
    if (!pb) throw new Error(`run ${b.backend} has no population ${pa.population}`);
    const n = Math.max(pa.steps.length, pb.steps.length);
    for (let k = 0; k < n; k++) {
      if (pa.steps[k] === pb.steps[k] && pa.neurons[k] === pb.neurons[k]) continue;
      const step = Math.min(pa.steps[k] ?? Infinity, pb.steps[k] ?? Infinity);
      const at = (r: SpikeRecord) => new Set(Array.from(r.neurons).filter((_, j) => r.steps[j] === step));
      const sa = at(pa);
      const sb = at(pb);
      if (!best || step < best.step) {
        best = { step, population: pa.population, onlyA: [...sa].filter((x) => !sb.has(x)), onlyB: [...sb].filter((x) => !sa.has(x)) };
      }
      break;
    }
  }
  return best;
}

/** Spike counts of one population in two runs, from {@link rateDifferences}. */
export interface RateDifference {
  /** Population name. */
  readonly population: string;
  /** Spikes in run a (the reference). */
  readonly countA: number;
  /** Spikes in run b (0 when b lacks the population). */
  readonly countB: number;
  /** |countB − countA| / countA (0 when both are 0). */
  readonly relative: number;
}

/**
 * Per-population spike-count differences of two runs of the same network, relative to run a
 * (Infinity when a has no spikes and b has some).
 */
export function rateDifferences(a: RunRecord, b: RunRecord): RateDifference[] {
  return a.populations.map((pa) => {
    const countA = pa.steps.length;
    const countB = b.populations.find((p) => p.population === pa.population)?.steps.length ?? 0;
    const relative = countA === 0 ? (countB === 0 ? 0 : Infinity) : Math.abs(countB - countA) / countA;
    return { population: pa.population, countA, countB, relative };
  });
}

/** How one plastic connection's weights after a run differ between two runs, from {@link weightDifferences}. */
export interface WeightDifference {
  /** The connection's name. */
  readonly connection: string;
  /** Synapses. */
  readonly count: number;
  /** Synapses whose weights are not identical (a count mismatch counts every synapse). */
  readonly differing: number;
  /** Largest |a − b| over the synapses (Infinity when the counts differ). */
  readonly maxAbs: number;
}

/** Per plastic connection: how many weights of run b differ from run a's, and by how much at most. */
export function weightDifferences(a: RunRecord, b: RunRecord): WeightDifference[] {
  return (a.weights ?? []).map(({ connection, weights: wa }) => {
    const wb = b.weights?.find((x) => x.connection === connection)?.weights;
    if (!wb || wb.length !== wa.length) return { connection, count: wa.length, differing: wa.length, maxAbs: Infinity };
    let differing = 0;
    let maxAbs = 0;
    for (let k = 0; k < wa.length; k++) {
      if (Object.is(wa[k], wb[k])) continue;
      differing++;
      maxAbs = Math.max(maxAbs, Math.abs(wa[k]! - wb[k]!));
    }
    return { connection, count: wa.length, differing, maxAbs };
  });
}

/** One network and seed of a conformance run. */
export interface ConformanceCase {
  /** The reference network's `name`. */
  readonly network: string;
  /** Whether the network draws random numbers every step (then compared by rate only). */
  readonly noisy: boolean;
  /** Compared by rate because the step calls functions WGSL computes inexactly. */
  readonly inexact: boolean;
  /** Seed of this case. */
  readonly seed: number;
  /** Steps run. */
  readonly steps: number;
  /** First divergence from CPU f32 (undefined: identical over the whole run). */
  readonly divergence: Divergence | undefined;
  /** Spike-count differences against CPU f32 (run a) per population. */
  readonly ratesF32: readonly RateDifference[];
  /** Weight differences against CPU f32 (run a) per plastic connection (empty without plasticity). */
  readonly weightsF32: readonly WeightDifference[];
  /** Spike-count differences against CPU f64 (run a) per population. */
  readonly ratesF64: readonly RateDifference[];
  /** The network's accepted relative rate difference against CPU f64 (`ReferenceNetwork.rateTolerance`). */
  readonly rateTolerance: number;
  /** Wall-clock seconds of the candidate's run (after compilation). */
  readonly seconds: number;
}

/** What {@link checkConformance} returns; {@link conformanceFailures} turns it into failures. */
export interface ConformanceReport {
  /** The candidate backend's `name`. */
  readonly backend: string;
  /** One case per network and seed, in run order. */
  readonly cases: readonly ConformanceCase[];
}

/** Options of {@link checkConformance}; by default every reference network with its own seeds and steps. */
export interface ConformanceOptions {
  /** Networks to run (default `REFERENCE_NETWORKS`). */
  readonly networks?: readonly ReferenceNetwork[];
  /** Override every network's seeds (e.g. fewer in a quick run). */
  readonly seeds?: readonly number[];
  /** Override every network's step count. */
  readonly steps?: number;
}

/**
 * Runs the reference networks on `candidate` and on the CPU reference (f32 and f64) and reports
 * spike-train divergences and rate differences. Pass the report to {@link conformanceFailures}.
 *
 * @example
 * const report = await checkConformance(await createWebGpuBackend(), { seeds: [1], steps: 1000 });
 * expect(conformanceFailures(report)).toEqual([]);
 */
export async function checkConformance(candidate: Backend, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const cpu32 = createCpuBackend({ precision: 'f32' });
  const cpu64 = createCpuBackend();
  const cases: ConformanceCase[] = [];
  for (const ref of options.networks ?? REFERENCE_NETWORKS) {
    for (const seed of options.seeds ?? ref.seeds) {
      const steps = options.steps ?? ref.steps;
      const got = await runReference(ref, candidate, seed, steps);
      const f32 = await runReference(ref, cpu32, seed, steps);
      const f64 = await runReference(ref, cpu64, seed, steps);
      cases.push({
        network: ref.name,
        noisy: ref.noisy,
        inexact: ref.inexact ?? false,
        seed,
        steps,
        divergence: firstDivergence(f32, got),
        ratesF32: rateDifferences(f32, got),
        weightsF32: weightDifferences(f32, got),
        ratesF64: rateDifferences(f64, got),
        rateTolerance: ref.rateTolerance,
        seconds: got.seconds,
      });
    }
  }
  return { backend: candidate.name, cases };
}

/**
 * What a report fails, one line each (empty: conformant). Noise-free networks must equal CPU f32
 * spike for spike over the whole run (at least `TOLERANCES.identicalSteps` steps), with identical
 * weights of their plastic connections at the end, and stay within
 * the network's rate tolerance of CPU f64; noisy networks, and networks whose step calls
 * `exp`/`log` & co. (`inexact`), must be within `TOLERANCES.noisyRate` of CPU f32 and within the
 * network's tolerance of f64.
 */
export function conformanceFailures(report: ConformanceReport): string[] {
  const out: string[] = [];
  for (const c of report.cases) {
    const at = `${report.backend}: ${c.network} seed ${c.seed}`;
    const byRate = c.noisy || c.inexact;
    if (!byRate && c.divergence) {
      const d = c.divergence;
      out.push(`${at}: spike trains differ from CPU f32 at step ${d.step} (${d.population}: only f32 ${fmt(d.onlyA)}, only ${report.backend} ${fmt(d.onlyB)})`);
    }
    if (!byRate) {
      for (const w of c.weightsF32) {
        if (w.differing > 0) out.push(`${at}: ${w.differing} of ${w.count} weights of ${w.connection} differ from CPU f32 after ${c.steps} steps (largest by ${w.maxAbs})`);
      }
    }
    if (!byRate && c.steps < TOLERANCES.identicalSteps) out.push(`${at}: ran ${c.steps} steps, fewer than the ${TOLERANCES.identicalSteps} the suite requires`);
    const check = (rates: readonly RateDifference[], tol: number, what: string) => {
      for (const r of rates) {
        if (r.relative > tol) out.push(`${at}: ${r.population} has ${r.countB} spikes vs ${r.countA} on ${what} (${(100 * r.relative).toFixed(2)}% > ${100 * tol}%)`);
      }
    };
    if (byRate) check(c.ratesF32, TOLERANCES.noisyRate, 'CPU f32');
    check(c.ratesF64, c.rateTolerance, 'CPU f64');
  }
  return out;
}

const fmt = (xs: readonly number[]) => (xs.length ? `[${xs.slice(0, 8).join(', ')}${xs.length > 8 ? ', …' : ''}]` : '[]');

/** Largest difference of one state variable between two backends up to a step. */
export interface StateDifference {
  /** Population name. */
  readonly population: string;
  /** State variable name. */
  readonly variable: string;
  /** First step at which the recorded values differ (undefined: never). */
  readonly firstStep: number | undefined;
  /** Largest difference at that first step, in float32 ulps of the values compared. */
  readonly firstUlps: number;
  /** Largest |a − b| over the steps compared. */
  readonly maxAbs: number;
  /** Largest difference in units in the last place of float32 at the values compared. */
  readonly maxUlps: number;
}

/**
 * Explains a divergence: runs `build()` on both backends for `steps` steps recording every state
 * variable of every population, and reports per variable the first step at which the values
 * differ and how large the differences grow (absolute and in float32 ulps).
 */
export async function stateDifferences(build: () => Network, a: Backend, b: Backend, steps: number): Promise<StateDifference[]> {
  const record = async (backend: Backend) => {
    const net = build();
    const built = net.build();
    const monitors = built.populations.flatMap((p) =>
      p.instance.model.states.map((v) => ({ population: p.name, variable: v, m: net.monitor(new StateMonitor({ name: p.name, size: p.instance.size }, v)) })),
    );
    const sim = await backend.compile(net.build());
    try {
      await sim.run(steps);
    } finally {
      sim.dispose();
    }
    return monitors;
  };
  const ra = await record(a);
  const rb = await record(b);
  return ra.map(({ population, variable, m }, k) => {
    const va = m.values();
    const vb = rb[k]!.m.values();
    let firstStep: number | undefined;
    let firstUlps = 0;
    let maxAbs = 0;
    let maxUlps = 0;
    for (let s = 0; s < va.shape[0]!; s++) {
      for (let i = 0; i < va.shape[1]!; i++) {
        const x = va.get(s, i);
        const y = vb.get(s, i);
        if (x === y) continue;
        firstStep ??= s;
        const d = Math.abs(x - y);
        const ulps = d / ulp32(Math.max(Math.abs(x), Math.abs(y)));
        if (s === firstStep) firstUlps = Math.max(firstUlps, ulps);
        maxAbs = Math.max(maxAbs, d);
        maxUlps = Math.max(maxUlps, ulps);
      }
    }
    return { population, variable, firstStep, firstUlps, maxAbs, maxUlps };
  });
}

/** The spacing of float32 values at |x|. */
export function ulp32(x: number): number {
  const a = Math.abs(x);
  if (a < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}
