import { describe, expect, it } from 'vitest';
import { renderSvg, voltageSpec } from '../src/index.js';
import { linePoints, markGroups, markItems, parseSvg, texts } from './svg.js';

/** A leaky integrate-and-fire trace per drive, dt = 0.1 ms, threshold −50 mV, reset −65 mV. */
function lif(drives: number[], steps: number): { v: Float64Array; spikes: { steps: number[]; neurons: number[] } } {
  const v = new Float64Array(steps * drives.length);
  const spikes = { steps: [] as number[], neurons: [] as number[] };
  drives.forEach((drive, c) => {
    let u = -65;
    for (let s = 0; s < steps; s++) {
      u += (0.1 / 10) * (-(u + 65) + drive);
      if (u >= -50) {
        spikes.steps.push(s);
        spikes.neurons.push(c === 0 ? 3 : 8); // columns hold neurons 3 and 8
        u = -65;
      }
      v[s * drives.length + c] = u;
    }
  });
  return { v, spikes };
}

describe('voltageSpec', () => {
  it('draws a trace per column, the threshold rule and one stroke per spike of a drawn neuron', async () => {
    const { v, spikes } = lif([20, 30], 3000);
    const other = { steps: [...spikes.steps, 100, 5000], neurons: [...spikes.neurons, 4, 3] }; // neuron 4 is not drawn, step 5000 is past the recording
    const svg = parseSvg(await renderSvg(voltageSpec({ v: { data: v, shape: [3000, 2] }, dt: 0.1, neurons: [3, 8], threshold: -50, spikes: other, height: 200 })));
    expect(markItems(svg, 'voltage_traces')).toHaveLength(2);
    expect(spikes.steps.length).toBeGreaterThan(10);
    const strokes = markItems(svg, 'voltage_spikes');
    expect(strokes).toHaveLength(spikes.steps.length);
    const [rule] = markItems(svg, 'voltage_threshold');
    expect(rule!.tag).toBe('line');
    // Every stroke starts at the threshold's height and rises from it (a rule is drawn from its
    // translate(x, y) by (x2, y2)), at its spike's time.
    const thresholdY = rule!.y - markGroups(svg, 'voltage_threshold')[0]!.y;
    const g = markGroups(svg, 'voltage_spikes')[0]!;
    const xs: number[] = [];
    for (const s of strokes) {
      expect(s.y - g.y).toBeCloseTo(thresholdY, 0);
      expect(Number(s.attrs.y2)).toBeLessThan(-10);
      xs.push(s.x - g.x);
    }
    const expectedXs = spikes.steps.map((step) => (step / 2999) * 300).sort((a, b) => a - b); // rows 0 … 2999 over 300 px
    xs.sort((a, b) => a - b).forEach((x, k) => expect(x).toBeCloseTo(expectedXs[k]!, 0));
    // Traces stay below the threshold line (reset at once) and the legend names the neurons.
    for (const trace of markItems(svg, 'voltage_traces')) for (const [, y] of linePoints(trace)) expect(y).toBeGreaterThanOrEqual(thresholdY - 0.5);
    expect(texts(svg)).toEqual(expect.arrayContaining(['neuron 3', 'neuron 8', 'membrane potential (mV)']));
  });

  it('rejects neuron labels that do not match the columns', () => {
    expect(() => voltageSpec({ v: { data: new Float64Array(4), shape: [2, 2] }, dt: 1, neurons: [1] })).toThrow(/voltageSpec\.neurons: 1 neuron indices for 2 columns/);
  });
});
