import { denseToCsr, type DenseTable } from '@spikeflow/core/backend';
import { hostRng } from '@spikeflow/core/rng';
import { describe, expect, it } from 'vitest';
import { fiCurveSpec, renderSvg, weightHistogramSpec, weightMatrixSpec } from '../src/index.js';
import { markItems, parseSvg, rectBox, texts } from './svg.js';

/** A 30 × 20 table: half the pairs connected, excitatory rows 0–19 (w > 0), inhibitory rows 20–29 (w < 0). */
function table(): DenseTable {
  const rng = hostRng(9, 'weights');
  const weights = new Float64Array(30 * 20);
  for (let i = 0; i < 30; i++) for (let j = 0; j < 20; j++) if (rng.uniform() < 0.5) weights[i * 20 + j] = (i < 20 ? 1 : -1) * rng.normal(2, 0.5);
  return { format: 'dense', nPre: 30, nPost: 20, weights };
}

/** `rgb(r, g, b)` or `#rrggbb` → [r, g, b]. */
function rgb(fill: string): number[] {
  const m = /rgb\((\d+), ?(\d+), ?(\d+)\)/.exec(fill);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return [1, 3, 5].map((k) => parseInt(fill.slice(k, k + 2), 16));
}

describe('weightMatrixSpec', () => {
  it('draws one cell per (pre, post) pair, pre 0 at the top, excitatory blue and inhibitory red', async () => {
    const t = table();
    const svg = parseSvg(await renderSvg(weightMatrixSpec({ weights: t, width: 200, height: 300 })));
    const cells = markItems(svg, 'weights');
    expect(cells).toHaveLength(30 * 20);
    const boxes = cells.map((c) => ({ ...rectBox(c), fill: c.attrs.fill! }));
    for (const b of boxes) {
      expect(b.width).toBeCloseTo(10, 0);
      expect(b.height).toBeCloseTo(10, 0);
    }
    const at = (pre: number, post: number) => boxes.find((b) => Math.round(b.x / 10) === post && Math.round(b.y / 10) === pre)!;
    let strongest = 0;
    let weakest = 0;
    t.weights.forEach((w, k) => {
      if (w > t.weights[strongest]!) strongest = k;
      if (w < t.weights[weakest]!) weakest = k;
    });
    const [r1, , b1] = rgb(at(Math.floor(strongest / 20), strongest % 20).fill);
    const [r2, , b2] = rgb(at(Math.floor(weakest / 20), weakest % 20).fill);
    expect(b1!).toBeGreaterThan(r1! + 50); // most excitatory: blue
    expect(r2!).toBeGreaterThan(b2! + 50); // most inhibitory: red
  });

  it('reads CSR tables like dense ones and averages blocks past maxCells', async () => {
    const t = table();
    const dense = await renderSvg(weightMatrixSpec({ weights: t }));
    expect(await renderSvg(weightMatrixSpec({ weights: denseToCsr(t) }))).toBe(dense);
    const spec = weightMatrixSpec({ weights: t, maxCells: 10 }) as unknown as { data: { values: { pre0: number; post0: number; w: number }[] } };
    expect(spec.data.values).toHaveLength(10 * 10); // 3 × 2 blocks
    const first = spec.data.values[0]!;
    let sum = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) sum += t.weights[i * 20 + j]!;
    expect(first.w).toBeCloseTo(sum / 6, 4);
    expect(texts(parseSvg(await renderSvg(spec as never)))).toEqual(expect.arrayContaining(['mean weight', '(3×2 blocks)']));
  });
});

describe('weightHistogramSpec', () => {
  it('draws one bar per bin whose heights follow the synapse counts; a dense table counts its synapses only', async () => {
    const t = table();
    const synapses = Array.from(t.weights).filter((w) => w !== 0);
    const spec = weightHistogramSpec({ weights: t, bins: 12, height: 200 });
    const values = (spec as unknown as { data: { values: { w0: number; w1: number; count: number }[] } }).data.values;
    expect(values).toHaveLength(12);
    expect(values.reduce((a, v) => a + v.count, 0)).toBe(synapses.length);
    expect(values[0]!.w0).toBeCloseTo(Math.min(...synapses), 6);
    expect(values[11]!.w1).toBeCloseTo(Math.max(...synapses), 6);
    const bars = markItems(parseSvg(await renderSvg(spec)), 'histogram').map(rectBox).sort((a, b) => a.x - b.x);
    expect(bars).toHaveLength(12);
    const pxPerSynapse = Math.max(...bars.map((b) => b.height)) / Math.max(...values.map((v) => v.count));
    bars.forEach((b, k) => expect(b.height).toBeCloseTo(values[k]!.count * pxPerSynapse, 0));
    const withZeros = weightHistogramSpec({ weights: t, includeZeros: true }) as unknown as { data: { values: { count: number }[] } };
    expect(withZeros.data.values.reduce((a, v) => a + v.count, 0)).toBe(600);
  });
});

describe('weight figures of recorded synapses', () => {
  it('histogram: the count of each bin equals a direct count of the weights in [w0, w1) (the last bin closed)', () => {
    const rng = hostRng(4, 'histogram');
    // A bimodal STDP-like distribution with weights exactly at both bounds, as a CSR table.
    const weights = Float64Array.from({ length: 1000 }, (_, k) => (k % 5 === 0 ? 0 : k % 5 === 1 ? 10 : Math.min(10, Math.max(0, rng.normal(k % 2 ? 2 : 8, 1.5)))));
    const table = { format: 'csr' as const, nPre: 1000, nPost: 1, rowStart: Uint32Array.from({ length: 1001 }, (_, i) => i), post: new Uint32Array(1000), weights };
    for (const bins of [1, 7, 40]) {
      const values = (weightHistogramSpec({ weights: table, bins }) as unknown as { data: { values: { w0: number; w1: number; count: number }[] } }).data.values;
      expect(values).toHaveLength(bins);
      const width = 10 / bins;
      const direct = new Array<number>(bins).fill(0);
      for (const w of weights) direct[Math.min(bins - 1, Math.floor(w / width))]!++;
      expect(values.map((v) => v.count)).toEqual(direct);
      values.forEach((v, b) => {
        expect(v.w0).toBeCloseTo(b * width, 6);
        expect(v.w1).toBeCloseTo((b + 1) * width, 6);
      });
    }
  });

  it('matrix of chosen synapses: one cell per (pre, post), the recorded weight there and 0 elsewhere', () => {
    const table = { format: 'csr' as const, nPre: 3, nPost: 2, rowStart: Uint32Array.of(0, 1, 1, 3), post: Uint32Array.of(1, 0, 1), weights: Float64Array.of(4, 2, 7) };
    const cells = (weightMatrixSpec({ weights: table }) as unknown as { data: { values: { pre0: number; post0: number; w: number }[] } }).data.values;
    expect(cells.map((c) => [c.pre0, c.post0, c.w])).toEqual([[0, 0, 0], [0, 1, 4], [1, 0, 0], [1, 1, 0], [2, 0, 2], [2, 1, 7]]);
  });
});

describe('fiCurveSpec', () => {
  it('draws a line and a point per measured current for each curve', async () => {
    const current = [0, 10, 20, 30, 40, 50];
    const spec = fiCurveSpec({
      curves: [
        { name: 'tau 10 ms', current, rate: [0, 0, 18, 40, 58, 74] },
        { name: 'tau 20 ms', current, rate: [0, 0, 9, 22, 31, 40] },
      ],
    });
    const svg = parseSvg(await renderSvg(spec));
    expect(markItems(svg, 'fi_lines')).toHaveLength(2);
    expect(markItems(svg, 'fi_points')).toHaveLength(12);
    expect(texts(svg)).toEqual(expect.arrayContaining(['tau 10 ms', 'tau 20 ms', 'input current (nA)', 'firing rate (Hz)']));
    expect(() => fiCurveSpec({ curves: [{ current: [1, 2], rate: [1] }] })).toThrow(/fiCurveSpec\.curves\[0\]: 2 currents but 1 rates/);
  });
});
