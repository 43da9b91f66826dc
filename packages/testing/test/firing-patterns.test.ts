/**
 * The AdEx presets (Naud et al. 2008) and Izhikevich presets (Izhikevich 2003) produce the
 * patterns they are named after, measured on the spike trains (CPU backend, dt 0.1 ms, each
 * preset's own constant drive from t = 0): latency, bursts, adaptation index, interval CV and
 * periodicity (`firingPattern`). The same trains are checked spike for spike against Brian2 in
 * brian2-models.test.ts. Thresholds are stated per pattern below.
 */
import { describe, expect, it } from 'vitest';
import { AdEx, Izhikevich, ThetaNeuron, type NeuronModel } from '@spikeflow/neurons';
import { firingPattern, runNeurons, type FiringPattern } from '@spikeflow/testing';

async function presetPatterns(model: NeuronModel, ms: number, extra: { name: string; parameters: Record<string, number>; drive: number }[] = []) {
  const presets = [...Object.entries(model.presets!).map(([name, p]) => ({ name, parameters: p.parameters, drive: p.drive })), ...extra];
  const keys = Object.keys(model.parameters);
  const defaults = (k: string) => model.parameters[k]!.default!;
  const run = await runNeurons(model, {
    drive: presets.map((p) => p.drive),
    parameters: Object.fromEntries(keys.map((k) => [k, presets.map((p) => p.parameters[k] ?? defaults(k))])),
    steps: Math.round(ms / 0.1),
    dt: 0.1,
    record: ['v'],
  });
  const out = new Map<string, FiringPattern & { v: number[] }>();
  presets.forEach((p, i) => out.set(p.name, { ...firingPattern(Array.from(run.trains[i]!, (s) => s * 0.1), { skip: 3 }), v: run.states.get('v')!.map((row) => row[i]!) }));
  for (const [name, f] of out) console.info(`[patterns] ${model.name} ${name}: ${f.spikes} spikes, latency ${f.latency?.toFixed(1)} ms, bursts [${f.bursts.map((b) => b.spikes).join(',')}], A ${f.adaptationIndex.toFixed(3)}, CV ${f.cv.toFixed(2)}, ${f.distinctIntervals} distinct ISIs`);
  return out;
}

const first = (f: FiringPattern) => f.isi[0]!;
const last = (f: FiringPattern) => f.isi.at(-1)!;
/** Crossings of the final value: ≥ 3 for a damped oscillation, ≤ 1 for monotone relaxation. */
const crossings = (v: number[]) => v.slice(1).filter((x, k) => (x - v.at(-1)!) * (v[k]! - v.at(-1)!) < 0).length;

describe('AdEx presets: the eight firing patterns of Naud et al. (2008), 600 ms', async () => {
  const p = await presetPatterns(AdEx, 600);
  const get = (n: string) => p.get(n)!;

  it('tonic: regular from the first spike (|A| < 0.01, CV < 0.05, no bursts)', () => {
    const f = get('tonic');
    expect(f.spikes).toBeGreaterThan(20);
    expect(Math.abs(f.adaptationIndex)).toBeLessThan(0.01);
    expect(f.cv).toBeLessThan(0.05);
    expect(f.bursts).toHaveLength(0);
  });
  it('adapting: intervals lengthen (A > 0.05, last ISI > 3× first, no bursts)', () => {
    const f = get('adapting');
    expect(f.adaptationIndex).toBeGreaterThan(0.05);
    expect(last(f) / first(f)).toBeGreaterThan(3);
    expect(f.bursts).toHaveLength(0);
  });
  it('initial burst: one burst at the onset, then regular single spikes', () => {
    const f = get('initial burst');
    expect(f.bursts).toHaveLength(1);
    expect(f.bursts[0]!.start).toBe(f.latency);
    expect(f.bursts[0]!.spikes).toBeGreaterThanOrEqual(2);
    expect(f.cv).toBeLessThan(0.05);
  });
  it('regular bursting: at least four bursts, periodic (≤ 5 distinct intervals)', () => {
    const f = get('regular bursting');
    expect(f.bursts.length).toBeGreaterThanOrEqual(4);
    expect(f.distinctIntervals).toBeLessThanOrEqual(5);
  });
  it('delayed accelerating: first spike after > 25 ms (tonic: < 20 ms), intervals shorten (A < 0, last < 0.6× first)', () => {
    const f = get('delayed accelerating');
    expect(f.latency!).toBeGreaterThan(25);
    expect(get('tonic').latency!).toBeLessThan(20);
    expect(f.adaptationIndex).toBeLessThan(0);
    expect(last(f) / first(f)).toBeLessThan(0.6);
    expect(f.bursts).toHaveLength(0);
  });
  it('delayed regular bursting: first spike after > 40 ms, then at least four bursts of ≥ 3 spikes', () => {
    const f = get('delayed regular bursting');
    expect(f.latency!).toBeGreaterThan(40);
    expect(f.bursts.filter((b) => b.spikes >= 3).length).toBeGreaterThanOrEqual(4);
  });
  it('transient: 1 to 3 spikes, all in the first 100 ms, then silence', () => {
    const f = get('transient');
    expect(f.spikes).toBeGreaterThanOrEqual(1);
    expect(f.spikes).toBeLessThanOrEqual(3);
    expect(f.latency! + f.isi.reduce((a, b) => a + b, 0)).toBeLessThan(100);
  });
  it('irregular: aperiodic intervals (CV > 0.3, > 8 distinct intervals; regular bursting has ≤ 5)', () => {
    const f = get('irregular');
    expect(f.cv).toBeGreaterThan(0.3);
    expect(f.distinctIntervals).toBeGreaterThan(8);
  });
});

describe('Izhikevich presets: the cell classes of Izhikevich (2003), 300 ms', async () => {
  const rsFromBelow = { name: 'RS from below rest', parameters: { ...Izhikevich.presets!['regular spiking']!.parameters, v0: -71.5 }, drive: 0 };
  const p = await presetPatterns(Izhikevich, 300, [rsFromBelow]);
  const get = (n: string) => p.get(n)!;

  it('regular spiking: single spikes that slow down (no bursts, A > 0.03, ISI₂ > 1.5·ISI₁)', () => {
    const f = get('regular spiking');
    expect(f.bursts).toHaveLength(0);
    expect(f.adaptationIndex).toBeGreaterThan(0.03);
    expect(f.isi[1]! / f.isi[0]!).toBeGreaterThan(1.5);
  });
  it('intrinsically bursting: one burst at the onset, then single spikes', () => {
    const f = get('intrinsically bursting');
    expect(f.bursts).toHaveLength(1);
    expect(f.bursts[0]!.start).toBe(f.latency);
    expect(f.spikes).toBeGreaterThanOrEqual(5);
  });
  it('chattering: repeated bursts (≥ 4 of ≥ 3 spikes)', () => {
    expect(get('chattering').bursts.filter((b) => b.spikes >= 3).length).toBeGreaterThanOrEqual(4);
  });
  it('fast spiking: > 100 Hz without adaptation (late CV < 0.05, no bursts)', () => {
    const f = get('fast spiking');
    expect(f.spikes / 0.3).toBeGreaterThan(100);
    expect(f.cv).toBeLessThan(0.05);
    expect(f.bursts).toHaveLength(0);
  });
  it('low-threshold spiking: fast (> 2× RS) with adaptation (A > 0.02)', () => {
    const f = get('low-threshold spiking');
    expect(f.spikes).toBeGreaterThan(2 * get('regular spiking').spikes);
    expect(f.adaptationIndex).toBeGreaterThan(0.02);
  });
  it('resonator: rings back to rest with damped oscillations (≥ 3 crossings, no spike); RS relaxes monotonically (≤ 1)', () => {
    const rz = get('resonator');
    expect(rz.spikes).toBe(0);
    expect(crossings(rz.v)).toBeGreaterThanOrEqual(3);
    const rs = get('RS from below rest');
    expect(rs.spikes).toBe(0);
    expect(crossings(rs.v)).toBeLessThanOrEqual(1);
  });
});

describe('analytic firing rates', () => {
  it('ThetaNeuron: period π·tau/√I within 0.02 ms (two steps of 0.01 ms) for I = 0.05 … 1; silent for I < 0', async () => {
    const drive = [-0.05, 0.05, 0.2, 0.5, 1];
    const tau = ThetaNeuron.parameters.tau!.default!;
    const run = await runNeurons(ThetaNeuron, { drive, dt: 0.01, steps: 100_000 });
    expect(run.trains[0]).toHaveLength(0);
    drive.slice(1).forEach((I, k) => {
      const t = run.trains[k + 1]!;
      const period = ((t.at(-1)! - t[1]!) * 0.01) / (t.length - 2);
      console.info(`[analytic] theta I = ${I}: period ${period.toFixed(4)} ms, π·tau/√I = ${((Math.PI * tau) / Math.sqrt(I)).toFixed(4)} ms`);
      expect(Math.abs(period - (Math.PI * tau) / Math.sqrt(I))).toBeLessThan(0.02);
    });
  });
});
