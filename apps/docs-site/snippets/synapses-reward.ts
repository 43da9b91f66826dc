// Synapses guide: reward learning with RewardStdp — the task of reward-task.ts, its figure and a summary.
import { writeFile } from 'node:fs/promises';
import { CATEGORY, plotConfig, renderSvg } from '@spikeflow/plot';
import { rewardTask } from './reward-task.js';
import type { Spec } from './synapse-figure.js';

const { initial, trials } = await rewardTask({ seed: 1 }); // 60 trials of 1 s, 4 stimuli
const name = (g: number) => (g === 0 ? 'group 0 (rewarded)' : `group ${g}`);
const names = initial.map((_, g) => name(g));
const rows = [
  ...initial.map((w, g) => ({ kind: 'w', trial: 0, group: name(g), w })),
  ...trials.flatMap((t, k) => t.weights.map((w, g) => ({ kind: 'w', trial: k + 1, group: name(g), w: +w.toFixed(4) }))),
  ...trials.map((t, k) => ({ kind: 'spikes', trial: k + 1, group: name(t.group), spikes: t.spikes, rewarded: t.rewarded ? 'rewarded' : 'not rewarded' })),
];
const x = { field: 'trial', type: 'quantitative', title: 'trial' };
const color = { field: 'group', type: 'nominal', title: 'stimulus', sort: names, scale: { domain: names, range: CATEGORY.slice(0, names.length) }, legend: { orient: 'top' } };
const spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  config: plotConfig(),
  title: { text: 'RewardStdp: reward 400 ms after the response to group 0' },
  data: { values: rows },
  vconcat: [
    { width: 520, height: 150, transform: [{ filter: "datum.kind === 'w'" }], mark: { type: 'line', strokeWidth: 1.6 }, encoding: { x, y: { field: 'w', type: 'quantitative', title: 'mean weight (nS)' }, color } },
    {
      width: 520, height: 150, transform: [{ filter: "datum.kind === 'spikes'" }],
      mark: { type: 'point', filled: true, size: 40 },
      encoding: { x, y: { field: 'spikes', type: 'quantitative', title: 'output spikes in the stimulus' }, color, shape: { field: 'rewarded', type: 'nominal', title: null, legend: { orient: 'top' } } },
    },
  ],
} as Spec;
await writeFile('reward.svg', await renderSvg(spec));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const third = Math.floor(trials.length / 3);
const response = (g: number, part: typeof trials) => mean(part.filter((t) => t.group === g).map((t) => t.spikes));
const final = trials.at(-1)!.weights;
console.log(`rewards: ${trials.filter((t) => t.rewarded).length} of ${trials.length} trials`);
for (const [g, w] of final.entries()) {
  const early = response(g, trials.slice(0, third)).toFixed(1);
  const late = response(g, trials.slice(-third)).toFixed(1);
  console.log(`${name(g).padEnd(18)} mean weight ${initial[g]!.toFixed(2)} → ${w.toFixed(2)} nS; output spikes per stimulus ${early} (first ${third} trials) → ${late} (last ${third})`);
}
