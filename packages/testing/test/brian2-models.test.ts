/**
 * Every library neuron model against Brian2 2.5 (numpy target) on this machine: the checks of
 * `BRIAN2_CHECKS` (drives, run length, tolerances, stated there and printed in the docs gallery),
 * all sent to ONE Python process (`brian2/models_reference.py`, which writes each model again in
 * Brian2's notation with physical units, from its paper).
 *
 * Tolerances, and why: both sides take the same steps (same integrator; the drive held over the
 * step), so v differs only by rounding and spike steps agree exactly (`stepTolerance` 0), except
 * where a crossing lands within rounding of the threshold: AdEx allows ±1 step. AdEx's
 * `irregular` preset is chaotic (rounding differences grow), so it is compared by spike count
 * (10%). HH spike peaks agree within 0.01 mV. The Poisson neuron draws from different generators,
 * so counts are compared statistically (4 standard deviations of a Poisson count).
 *
 * Skipped, with a message, where `/usr/bin/python3 -c 'import brian2'` fails.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BRIAN2_CHECKS, LIBRARY_MODELS, runNeurons, type Brian2Check } from '@spikeflow/testing';
import type { NeuronModel } from '@spikeflow/neurons';
import { BRIAN2_INSTALL, PYTHON, pythonArgs, pythonHas } from '../../../test-support/python.js';

const SCRIPT = fileURLToPath(new URL('./brian2/models_reference.py', import.meta.url));
// Skips locally without Brian2 (with a message); under CI=true a missing Brian2 fails the run.
const HAVE_BRIAN2 = pythonHas('brian2', BRIAN2_INSTALL);

const POISSON_COPIES = 200;

interface Neuron {
  readonly label: string;
  readonly drive: number;
  readonly parameters: Readonly<Record<string, number>>;
}

/** The neurons of one model's check: one per drive at default parameters, then one per preset. */
function neuronsOf(model: NeuronModel, check: Brian2Check): Neuron[] {
  const defaults = Object.fromEntries(Object.entries(model.parameters).map(([k, p]) => [k, p.default!]));
  const copies = check.compare === 'poisson' ? POISSON_COPIES : 1;
  const out: Neuron[] = check.drives.flatMap((d) => Array.from({ length: copies }, () => ({ label: `${model.drive.input} = ${d}`, drive: d, parameters: defaults })));
  if (check.presets) for (const [name, p] of Object.entries(model.presets ?? {})) out.push({ label: name, drive: p.drive, parameters: { ...defaults, ...p.parameters } });
  return out;
}

interface Case {
  readonly model: NeuronModel;
  readonly check: Brian2Check;
  readonly neurons: Neuron[];
}

const cases: Case[] = LIBRARY_MODELS.filter((m) => BRIAN2_CHECKS[m.name]).map((model) => {
  const check = BRIAN2_CHECKS[model.name]!;
  return { model, check, neurons: neuronsOf(model, check) };
});

interface BrianCase {
  readonly steps: number[][];
  readonly v: number[][] | null;
}

type BrianAnswer = { brian2: string; seconds: number; cases: BrianCase[] };

/** Runs every case in one Python process, asynchronously (a blocked test worker misses vitest's heartbeats). */
function runBrian2(): Promise<BrianAnswer> {
  const request = {
    cases: cases.map(({ model, check, neurons }) => ({
      model: model.name,
      dt: check.dt,
      steps: check.steps,
      drive: neurons.map((n) => n.drive),
      params: Object.fromEntries(Object.keys(model.parameters).map((k) => [k, neurons.map((n) => n.parameters[k])])),
      record_v: check.peakTolerance !== undefined,
    })),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, pythonArgs(SCRIPT), { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as BrianAnswer) : reject(new Error(`models_reference.py failed (exit ${code}):\n${err}`))));
    child.stdin.end(JSON.stringify(request));
  });
}

let brian: BrianAnswer;

describe.skipIf(!HAVE_BRIAN2)('library neuron models against Brian2 (numpy target)', () => {
  beforeAll(async () => {
    brian = await runBrian2();
    console.info(`[brian2-models] Brian2 ${brian.brian2}: ${cases.length} models in ${brian.seconds.toFixed(1)} s of Python`);
  });

  it('checks at least three drives of every model that has a check, and every shipped model has one', () => {
    for (const c of cases) expect(c.check.drives.length, c.model.name).toBeGreaterThanOrEqual(3);
    const unchecked = LIBRARY_MODELS.filter((m) => !BRIAN2_CHECKS[m.name]).map((m) => m.name);
    if (unchecked.length) console.warn(`[brian2-models] no Brian2 check yet for: ${unchecked.join(', ')}`);
    expect(cases.length).toBeGreaterThanOrEqual(13);
  });

  it.each(cases.map((c, k) => [c.model.name, k] as const))('%s', async (_name, k) => {
    const { model, check, neurons } = cases[k]!;
    const ref = brian.cases[k]!;
    const parameters = Object.fromEntries(Object.keys(model.parameters).map((p) => [p, neurons.map((n) => n.parameters[p]!)]));
    const run = await runNeurons(model, { drive: neurons.map((n) => n.drive), parameters, dt: check.dt, steps: check.steps, record: check.peakTolerance !== undefined ? ['v'] : [] });
    const ours = run.trains.map((t) => Array.from(t));

    if (check.compare === 'poisson') {
      check.drives.forEach((d, j) => {
        const idx = neurons.map((_, i) => i).filter((i) => Math.floor(i / POISSON_COPIES) === j);
        const count = (trains: number[][]) => idx.reduce((s, i) => s + trains[i]!.length, 0);
        const expected = (neurons[idx[0]!]!.parameters.rate! * 1e-3 + d) * check.dt * check.steps * idx.length;
        const [a, b] = [count(ours), count(ref.steps)];
        const sigma = Math.sqrt(Math.max(expected, 1));
        console.info(`[brian2-models] PoissonNeuron r = ${d} /ms: spikeflow ${a}, Brian2 ${b}, expected ${expected.toFixed(0)} (σ ${sigma.toFixed(1)})`);
        expect(Math.abs(a - expected)).toBeLessThan(4 * sigma);
        expect(Math.abs(a - b)).toBeLessThan(4 * Math.SQRT2 * sigma);
      });
      return;
    }

    const lines: string[] = [];
    neurons.forEach((n, i) => {
      const a = ours[i]!;
      const b = ref.steps[i]!;
      const tolerance = check.countOnly?.[n.label];
      lines.push(`${n.label}: ${a.length} / ${b.length} spikes`);
      if (tolerance !== undefined) {
        expect(Math.abs(a.length - b.length) / Math.max(b.length, 1), `${model.name} ${n.label}: counts ${a.length} vs ${b.length}`).toBeLessThanOrEqual(tolerance);
        return;
      }
      expect(a.length, `${model.name} ${n.label}: spike count (spikeflow ${a.join(',')}; Brian2 ${b.join(',')})`).toBe(b.length);
      const worst = Math.max(0, ...a.map((s, q) => Math.abs(s - b[q]!)));
      expect(worst, `${model.name} ${n.label}: spike steps (spikeflow ${a.join(',')}; Brian2 ${b.join(',')})`).toBeLessThanOrEqual(check.stepTolerance ?? 0);
    });
    const total = ours.reduce((s, t) => s + t.length, 0);
    expect(total, `${model.name}: the comparison has spikes in it`).toBeGreaterThan(5);
    // Every drive list spans the model's behaviour: at least one drive silent or nearly, one firing.
    expect(ours.slice(0, check.drives.length).some((t) => t.length >= 3), `${model.name}: some drive makes it fire`).toBe(true);

    if (check.peakTolerance !== undefined) {
      const v = run.states.get('v')!;
      check.drives.forEach((_, i) => {
        if (ours[i]!.length === 0) return;
        const peak = Math.max(...v.map((row) => row[i]!));
        const peakRef = Math.max(...ref.v![i]!);
        lines.push(`peak ${peak.toFixed(3)} / ${peakRef.toFixed(3)} mV`);
        expect(Math.abs(peak - peakRef), `${model.name} drive ${check.drives[i]}: spike peak`).toBeLessThanOrEqual(check.peakTolerance!);
        expect(peak).toBeGreaterThan(20); // a real action potential
      });
    }
    console.info(`[brian2-models] ${model.name}: ${lines.join('; ')}`);
  });
});
