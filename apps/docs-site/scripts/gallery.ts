/**
 * The model gallery, from real runs at build time: one page per neuron model that
 * `@spikeflow/neurons` exports (found by iterating its exports, so a new model file appears here
 * with no list to edit), and an index.
 *
 * Each page: the equations and events as written in the model, parameters / state / inputs with
 * units, a voltage trace and an f–I curve (CPU backend, `runNeurons` of `@spikeflow/testing`,
 * rendered by `@spikeflow/plot`), the presets with their measured firing patterns, and what the
 * model is checked against in Brian2 (`BRIAN2_CHECKS`).
 *
 * Writes `docs/models/*.md` and `docs/public/figures/models/*.svg` (generated, ignored by git).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NeuronModel } from '@spikeflow/neurons';
import { fiCurveSpec, rasterSpec, renderSvg, voltageSpec } from '@spikeflow/plot';
import { BRIAN2_CHECKS, firingPattern, LIBRARY_MODELS, runNeurons, type NeuronRun } from '@spikeflow/testing';
import { DOCS_DIR, FIGURES_DIR } from './paths.js';

export const MODELS_DIR = join(DOCS_DIR, 'models');
const MODEL_FIGURES = join(FIGURES_DIR, 'models');
const DT = 0.1;
const TRACE_MS = 200;
const FI_MS = 1000;
const FI_POINTS = 25;

export const modelSlug = (m: NeuronModel): string => m.name;
const unitOf = (m: NeuronModel, name: string) => m.state[name]?.unit ?? m.inputs?.[name]?.unit ?? '1';
const perMs = (unit: string) => (unit === '1' ? '1/ms' : unit.includes('/') ? `(${unit})/ms` : `${unit}/ms`);
const cell = (text: string) => text.replace(/\|/g, '\\|');
const fmt = (x: number) => String(Number(x.toPrecision(4)));

/** The model as written: equations with the unit of each derivative, then its events. */
function equations(m: NeuronModel): string {
  const lines = Object.entries(m.equations ?? {}).map(([v, rhs]) => [`d${v}/dt = ${rhs}`, perMs(unitOf(m, v))] as const);
  const width = Math.max(0, ...lines.map(([l]) => l.length));
  const out = lines.map(([l, u]) => `${l.padEnd(width)}   : ${u}`);
  for (const s of m.update ?? []) out.push(`every step:  ${s}`);
  out.push(`spike when:  ${m.threshold}`);
  if (m.reset?.length) out.push(`on spike:    ${m.reset.join('; ')}`);
  if (m.refractory) out.push(`refractory:  ${m.refractory.period} ms${m.refractory.clamp.length ? `, holding ${m.refractory.clamp.join(', ')}` : ', nothing held'}`);
  if (m.equations) out.push(`integrator:  ${m.integrator ?? 'exact'}`);
  return ['```text', ...out, '```'].join('\n');
}

function tables(m: NeuronModel): string {
  const rows = [
    '| parameter | default | unit | meaning |',
    '|---|--:|---|---|',
    ...Object.entries(m.parameters).map(([k, p]) => `| \`${k}\` | ${p.default ?? '(required)'} | ${p.unit} | ${cell(p.doc ?? '')} |`),
    ...Object.entries(m.derived ?? {}).map(([k, d]) => `| \`${k}\` | \`${cell(d.expr)}\` | ${d.unit} | ${cell(d.doc ?? '')} (derived) |`),
    '',
    '| state / input | unit | initial | meaning |',
    '|---|---|---|---|',
    ...Object.entries(m.state).map(([k, s]) => `| \`${k}\` | ${s.unit} | ${typeof s.initial === 'number' ? s.initial : `\`${cell(s.initial.length > 40 ? 'steady state at rest' : s.initial)}\``} | ${cell(s.doc ?? '')} |`),
    ...Object.entries(m.inputs ?? {}).map(([k, i]) => `| \`${k}\` (input) | ${i.unit} | — | ${cell(i.doc ?? '')} |`),
  ];
  return rows.join('\n');
}

function brian2Summary(m: NeuronModel): string {
  const c = BRIAN2_CHECKS[m.name];
  if (!c) return 'No Brian2 cross-check yet: add one to `BRIAN2_CHECKS` (`packages/testing/src/brian2-checks.ts`) and the model to `packages/testing/test/brian2/models_reference.py`.';
  const unit = unitOf(m, m.drive.input);
  const drives = `${m.drive.input} = ${c.drives.join(', ')} ${unit}${c.presets ? ' and every preset with its own drive' : ''}`;
  const run = `${c.steps * c.dt} ms at dt = ${c.dt} ms`;
  const how =
    c.compare === 'poisson'
      ? 'total spike counts of 200 neurons per rate within 4 standard deviations of Brian2\'s `PoissonGroup` and of rate·T (different random generators)'
      : `the same number of spikes and every spike step ${c.stepTolerance ? `within ±${c.stepTolerance} step` : 'identical'}` +
        (c.countOnly ? `; ${Object.entries(c.countOnly).map(([k, t]) => `\`${k}\` (chaotic) by spike count within ${t * 100}%`).join(', ')}` : '') +
        (c.peakTolerance !== undefined ? `; spike peaks within ${c.peakTolerance} mV` : '');
  return [
    "Checked against Brian2 2.5 (numpy target) on every test run (`packages/testing/test/brian2-models.test.ts`), the model written again in Brian2's notation with physical units (`packages/testing/test/brian2/models_reference.py`):",
    '',
    `- drives: ${drives}; ${run};`,
    `- passes when: ${how}.`,
  ].join('\n');
}

async function traceFigure(m: NeuronModel, file: string, drive: number, parameters: Record<string, number> = {}, ms = TRACE_MS, title?: string): Promise<NeuronRun> {
  const record = 'v' in m.state ? ['v'] : [];
  const size = record.length ? 1 : 20;
  const run = await runNeurons(m, { drive: Array(size).fill(drive), parameters, dt: DT, steps: Math.round(ms / DT), record });
  const steps = run.trains.flatMap((t) => Array.from(t));
  const neurons = run.trains.flatMap((t, i) => Array.from(t, () => i));
  const label = title ?? `${m.name}, ${m.drive.input} = ${fmt(drive)} ${unitOf(m, m.drive.input)}`;
  const spec = record.length
    ? voltageSpec({ v: { data: Float64Array.from(run.states.get('v')!, (row) => row[0]!), shape: [run.steps, 1] }, dt: DT, spikes: { steps, neurons }, title: label, height: 140 })
    : rasterSpec({ spikes: { steps, neurons }, dt: DT, size, totalSteps: run.steps, title: `${label}: 20 neurons` });
  writeFileSync(join(MODEL_FIGURES, file), await renderSvg(spec));
  return run;
}

async function fiFigure(m: NeuronModel, file: string): Promise<void> {
  const [lo, hi] = m.drive.range;
  const drive = Array.from({ length: FI_POINTS }, (_, k) => lo + ((hi - lo) * k) / (FI_POINTS - 1));
  const run = await runNeurons(m, { drive, dt: DT, steps: Math.round(FI_MS / DT) });
  const rate = run.trains.map((t) => t.length / (FI_MS / 1000));
  const spec = fiCurveSpec({ curves: [{ name: m.name, current: drive, rate }], title: `${m.name}: f–I curve`, xTitle: `${m.drive.input} (${unitOf(m, m.drive.input)})` });
  writeFileSync(join(MODEL_FIGURES, file), await renderSvg(spec));
}

async function presetsSection(m: NeuronModel): Promise<string> {
  if (!m.presets) return '';
  const ms = m.name === 'AdEx' ? 600 : 300;
  const unit = unitOf(m, m.drive.input);
  const rows: string[] = [];
  const figures: string[] = [];
  for (const [name, p] of Object.entries(m.presets)) {
    const file = `${modelSlug(m)}-${name.replace(/[^a-z0-9]+/gi, '-')}.svg`;
    const run = await traceFigure(m, file, p.drive, { ...p.parameters }, ms, `${name} (${m.drive.input} = ${fmt(p.drive)} ${unit})`);
    const f = firingPattern(Array.from(run.trains[0]!, (s) => s * DT), { skip: 3 });
    rows.push(
      `| ${name} | ${cell(p.doc)} | ${fmt(p.drive)} | ${f.spikes} | ${f.latency === undefined ? '—' : fmt(f.latency)} | ${f.bursts.length ? f.bursts.map((b) => b.spikes).join(', ') : '—'} | ${Number.isNaN(f.adaptationIndex) ? '—' : f.adaptationIndex.toFixed(3)} |`,
    );
    figures.push(`![${name}](/figures/models/${file})`);
  }
  return [
    '## Presets',
    '',
    `Parameter sets of the paper (\`${m.name}.presets\`), each run for ${ms} ms with its drive from t = 0; the columns are measured on that run (\`firingPattern\` of \`@spikeflow/testing\`, which the tests use to check the patterns).`,
    '',
    `| preset | pattern | ${m.drive.input} (${unit}) | spikes | first spike (ms) | spikes per burst | adaptation index |`,
    '|---|---|--:|--:|--:|---|--:|',
    ...rows,
    '',
    '<div class="figure">',
    '',
    ...figures.flatMap((f) => [f, '']),
    '</div>',
    '',
  ].join('\n');
}

async function page(m: NeuronModel): Promise<string> {
  const slug = modelSlug(m);
  const [lo, hi] = m.drive.range;
  const traceDrive = lo + 0.6 * (hi - lo);
  await traceFigure(m, `${slug}-trace.svg`, traceDrive);
  await fiFigure(m, `${slug}-fi.svg`);
  const unit = unitOf(m, m.drive.input);
  return [
    `<!-- generated by apps/docs-site/scripts/gallery.ts from @spikeflow/neurons; do not edit -->`,
    `# ${m.name}`,
    '',
    m.doc ?? '',
    '',
    `**Paper:** ${m.reference}`,
    '',
    '```ts',
    `import { ${m.name} } from '@spikeflow/neurons';`,
    `net.population('p', { model: ${m.name}, size: 100 });   // drive it through its input '${m.drive.input}'`,
    '```',
    '',
    `In the terminal: \`spikeflow models ${m.name}\`. In an experiment file: \`model: ${m.name}\`.`,
    '',
    '## Equations',
    '',
    equations(m),
    '',
    '## Parameters, state and inputs',
    '',
    tables(m),
    '',
    '## Voltage trace and f–I curve',
    '',
    `A run on the CPU backend at build time: ${m.drive.input} = ${fmt(traceDrive)} ${unit} from t = 0 for ${TRACE_MS} ms (dt = ${DT} ms; spikes drawn as strokes), and the firing rate over ${FI_MS} ms at ${FI_POINTS} constant drives from ${lo} to ${hi} ${unit}.`,
    '',
    '<div class="figure">',
    '',
    `![${m.name} voltage trace](/figures/models/${slug}-trace.svg)`,
    '',
    `![${m.name} f–I curve](/figures/models/${slug}-fi.svg)`,
    '',
    '</div>',
    '',
    await presetsSection(m),
    '## Checked against Brian2',
    '',
    brian2Summary(m),
    '',
    'Every model also runs in the backend conformance suite (`MODEL_NETWORKS` of `@spikeflow/testing`): constant and noisy drive, WebGPU against CPU float32.',
    '',
  ].join('\n');
}

function index(models: readonly NeuronModel[]): string {
  return [
    '<!-- generated by apps/docs-site/scripts/gallery.ts from @spikeflow/neurons; do not edit -->',
    '# Model gallery',
    '',
    `The ${models.length} neuron models of \`@spikeflow/neurons\`, each with its equations, units, a voltage trace and an f–I curve from real runs, and its Brian2 cross-check. [Write your own](/guide/custom-neuron): one file and one export line add it here.`,
    '',
    '| model | what it is | paper |',
    '|---|---|---|',
    ...models.map((m) => `| [${m.name}](./${modelSlug(m)}.md) | ${cell(m.doc ?? '')} | ${cell(m.reference)} |`),
    '',
  ].join('\n');
}

/** Writes every model page, its figures and the index; returns the model names. */
export async function buildGallery(): Promise<string[]> {
  rmSync(MODELS_DIR, { recursive: true, force: true });
  rmSync(MODEL_FIGURES, { recursive: true, force: true });
  mkdirSync(MODELS_DIR, { recursive: true });
  mkdirSync(MODEL_FIGURES, { recursive: true });
  for (const m of LIBRARY_MODELS) writeFileSync(join(MODELS_DIR, `${modelSlug(m)}.md`), await page(m));
  writeFileSync(join(MODELS_DIR, 'index.md'), index(LIBRARY_MODELS));
  return LIBRARY_MODELS.map((m) => m.name);
}
