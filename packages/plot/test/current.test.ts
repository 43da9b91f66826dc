import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { currentSpec, downsampleRows, renderSvg } from '../src/index.js';
import { linePoints, markGroups, markItems, parseSvg } from './svg.js';
import { noisyCurrent } from './synthetic.js';

describe('currentSpec', () => {
  it('draws a faint line per neuron (at most maxNeurons) and one bold mean, each ≤ maxPoints points', async () => {
    const current = noisyCurrent(5, 'current', 12, 5000, 0.1, (t) => (t < 250 ? 10 : 30));
    const svg = parseSvg(await renderSvg(currentSpec({ current, dt: 0.1, maxPoints: 400, maxNeurons: 8, height: 200 })));
    const neurons = markItems(svg, 'current_neurons');
    expect(neurons).toHaveLength(8);
    expect(markItems(svg, 'current_mean')).toHaveLength(1);
    for (const line of [...neurons, ...markItems(svg, 'current_mean')]) {
      const points = linePoints(line).length;
      expect(points).toBeGreaterThan(300);
      expect(points).toBeLessThanOrEqual(400);
    }
    expect(Number(markGroups(svg, 'current_neurons')[0]!.children[0]!.attrs.opacity)).toBeLessThan(0.2);
    expect(Number(markItems(svg, 'current_mean')[0]!.attrs['stroke-width'])).toBeGreaterThan(1.5);
    // The mean steps from 10 to 30 nA at 250 ms: its right half sits higher (smaller y) by ~2/3 of
    // the plot when the axis spans the noisy band.
    const mean = linePoints(markItems(svg, 'current_mean')[0]!);
    const left = mean.filter(([x]) => x < 140).map(([, y]) => y);
    const right = mean.filter(([x]) => x > 160).map(([, y]) => y);
    expect(Math.max(...right)).toBeLessThan(Math.min(...left));
  });

  it('takes an ndarray with row steps, in ms on the time axis', () => {
    const values = ndarray(Float64Array.of(1, 2, 3, 4, 5, 6), [3, 2]);
    const spec = currentSpec({ current: { values, steps: Int32Array.of(0, 10, 20) }, dt: 0.1 }) as unknown as {
      layer: { data: { values: Record<string, number>[] } }[];
    };
    expect(spec.layer[1]!.data.values).toEqual([
      { t: 0, I: 1.5 },
      { t: 1, I: 3.5 },
      { t: 2, I: 5.5 },
    ]);
    expect(spec.layer[0]!.data.values.filter((v) => v.n === 1).map((v) => v.I)).toEqual([2, 4, 6]);
    // a StateMonitor (values() and times) is read the same way
    const monitorLike = { values: () => values, times: Int32Array.of(0, 10, 20) };
    expect(currentSpec({ current: monitorLike, dt: 0.1 })).toEqual(spec);
  });

  it('says what it expected when given something else', () => {
    expect(() => currentSpec({ current: {} as never, dt: 1 })).toThrow(/currentSpec\.current: expected a matrix/);
    expect(() => currentSpec({ current: { data: new Float64Array(3), shape: [2, 2] }, dt: 1 })).toThrow(/data holds 3 values, shape \[2, 2\] needs 4/);
    expect(() => currentSpec({ current: { values: { data: new Float64Array(4), shape: [2, 2] }, steps: [0] }, dt: 1 })).toThrow(/currentSpec\.current\.steps: 1 steps for 2 rows/);
  });
});

describe('downsampleRows', () => {
  it('keeps every row up to maxPoints, and the extremes of every bucket beyond', () => {
    expect(Array.from(downsampleRows(5, () => 0, 10))).toEqual([0, 1, 2, 3, 4]);
    const v = Float64Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50));
    v[1234] = 50; // one spike-like peak
    v[8765] = -50;
    const rows = downsampleRows(v.length, (r) => v[r]!, 2000);
    expect(rows.length).toBeLessThanOrEqual(2000);
    expect(rows.length).toBeGreaterThan(1900);
    expect(Array.from(rows)).toContain(1234);
    expect(Array.from(rows)).toContain(8765);
    for (let k = 1; k < rows.length; k++) expect(rows[k]).toBeGreaterThan(rows[k - 1]!);
  });
});
