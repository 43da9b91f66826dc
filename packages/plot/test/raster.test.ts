import { ConfigError } from '@spikeflow/core';
import { describe, expect, it } from 'vitest';
import { rasterSpec, renderSvg } from '../src/index.js';
import { markItems, parseSvg, rectBox } from './svg.js';
import { poissonSpikes } from './synthetic.js';

describe('rasterSpec', () => {
  const dt = 0.5;
  const steps = 400; // 200 ms
  const size = 40;
  const spikes = poissonSpikes(7, 'raster', size, steps, dt, (t) => 20 + t / 4);

  it('draws exactly one tick per spike, at (step × dt, neuron) on the plot', async () => {
    expect(spikes.steps.length).toBeGreaterThan(200);
    const svg = parseSvg(await renderSvg(rasterSpec({ spikes, dt, size, totalSteps: steps, width: 400, height: 200 })));
    const items = markItems(svg, 'raster');
    expect(items).toHaveLength(spikes.steps.length);
    // Tick centres, sorted, against the data mapped to the plot: x = t / 200 ms × 400 px,
    // y = 200 px − (n + 0.5) / 40 × 200 px (domain [−0.5, 39.5], neuron 0 at the bottom).
    const drawn = items.map((it) => rectBox(it)).map((b) => [b.x + b.width / 2, b.y + b.height / 2] as const);
    const expected = Array.from(spikes.steps, (s, k) => [(s * dt * 400) / 200, 200 - ((spikes.neurons[k]! + 0.5) * 200) / size] as const);
    const order = (a: readonly [number, number], b: readonly [number, number]) => a[0] - b[0] || a[1] - b[1];
    drawn.sort(order);
    expected.sort(order);
    drawn.forEach(([x, y], k) => {
      expect(x).toBeCloseTo(expected[k]![0], 0);
      expect(y).toBeCloseTo(expected[k]![1], 0);
    });
  });

  it('leaves out spikes past totalSteps or outside the population, and draws points when asked', async () => {
    const extra = {
      steps: Int32Array.of(...spikes.steps, steps + 5, 3),
      neurons: Int32Array.of(...spikes.neurons, 1, size + 2),
    };
    const spec = rasterSpec({ spikes: extra, dt, size, totalSteps: steps, mark: 'point' });
    const items = markItems(parseSvg(await renderSvg(spec)), 'raster');
    expect(items).toHaveLength(spikes.steps.length);
    expect(items.every((it) => it.tag === 'path' && it.attrs.fill === '#2f6db5')).toBe(true);
  });

  it('puts one { t, n } row per spike in the spec, t in ms', () => {
    const spec = rasterSpec({ spikes: { steps: [3, 10], neurons: [1, 0] }, dt: 0.1 }) as { data: { values: unknown[] } };
    expect(spec.data.values).toEqual([
      { t: 0.3, n: 1 },
      { t: 1, n: 0 },
    ]);
  });

  it('names the bad option in a ConfigError', () => {
    expect(() => rasterSpec({ spikes, dt: 0 })).toThrow(ConfigError);
    expect(() => rasterSpec({ spikes, dt: 0 })).toThrow(/rasterSpec\.dt/);
    expect(() => rasterSpec({ spikes: { steps: [1, 2], neurons: [0] }, dt: 1 })).toThrow(/rasterSpec\.spikes: 2 steps but 1 neurons/);
  });
});
