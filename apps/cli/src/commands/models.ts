import type { ModelDefinition } from '@spikeflow/core';
import { NEURON_MODELS, SYNAPSE_MODELS } from '@spikeflow/experiment-file';

/** What `@spikeflow/neurons`' library models add to a definition (read structurally: any model may lack them). */
interface LibraryFields {
  readonly reference?: string;
  readonly drive?: { readonly input: string; readonly range: readonly [number, number] };
  readonly presets?: Readonly<Record<string, { readonly doc: string; readonly parameters: Readonly<Record<string, number>>; readonly drive: number }>>;
}

interface ModelInfo {
  readonly name: string;
  readonly kind: string;
  readonly doc: string;
  readonly reference: string | null;
  readonly parameters: { readonly name: string; readonly unit: string; readonly default: number | null; readonly doc: string }[];
  readonly derived: { readonly name: string; readonly expr: string; readonly unit: string; readonly doc: string }[];
  readonly state: { readonly name: string; readonly unit: string; readonly initial: number | string; readonly doc: string }[];
  readonly inputs: { readonly name: string; readonly unit: string; readonly doc: string }[];
  readonly equations: Readonly<Record<string, string>>;
  readonly update: readonly string[];
  readonly threshold: string | null;
  readonly reset: readonly string[];
  readonly refractory: { readonly period: string; readonly clamp: readonly string[] } | null;
  readonly onPre: readonly string[];
  readonly weight: { readonly unit: string; readonly conductance: boolean } | null;
  readonly output: string | null;
  /** A synapse model's per-synapse expression summed into the target input every step (gap junctions). */
  readonly summed: string | null;
  readonly integrator: string;
  /** A plastic synapse model's traces, per-synapse variables, onPost and reward statements (as defined). */
  readonly plasticity: ModelDefinition['plasticity'] | null;
  readonly drive: LibraryFields['drive'] | null;
  readonly presets: LibraryFields['presets'] | null;
}

const info = (m: ModelDefinition & LibraryFields): ModelInfo => ({
  name: m.name,
  kind: m.kind,
  doc: (m.doc ?? '').split('\n')[0] ?? '',
  reference: m.reference ?? null,
  parameters: Object.entries(m.parameters).map(([name, p]) => ({ name, unit: p.unit, default: p.default ?? null, doc: p.doc ?? '' })),
  derived: Object.entries(m.derived ?? {}).map(([name, d]) => ({ name, expr: d.expr, unit: d.unit, doc: d.doc ?? '' })),
  state: Object.entries(m.state).map(([name, s]) => ({ name, unit: s.unit, initial: s.initial, doc: s.doc ?? '' })),
  inputs: Object.entries(m.inputs ?? {}).map(([name, i]) => ({ name, unit: i.unit, doc: i.doc ?? '' })),
  equations: m.equations ?? {},
  update: m.update ?? [],
  threshold: m.threshold ?? null,
  reset: m.reset ?? [],
  refractory: m.refractory ?? null,
  onPre: m.onPre ?? [],
  weight: m.kind === 'synapse' ? { unit: m.weight?.unit ?? 'target', conductance: m.weight?.conductance === true } : null,
  output: m.output ?? null,
  summed: m.summed ?? null,
  integrator: m.integrator ?? 'exact',
  plasticity: m.plasticity ?? null,
  drive: m.drive ?? null,
  presets: m.presets ?? null,
});

const allModels = (): ModelInfo[] => [...NEURON_MODELS.values(), ...SYNAPSE_MODELS.values()].map(info);
const unitOf = (m: ModelInfo, name: string) => [...m.state, ...m.inputs].find((x) => x.name === name)?.unit ?? '?';
const perMs = (unit: string) => (unit === '1' ? '1/ms' : unit.includes('/') ? `(${unit})/ms` : `${unit}/ms`);
const list = (xs: { name: string; unit: string }[]) => xs.map((x) => `${x.name} (${x.unit})`).join(', ');

function parameterTable(m: ModelInfo): string[] {
  const w = Math.max(...m.parameters.map((p) => p.name.length), 4);
  const u = Math.max(...m.parameters.map((p) => p.unit.length), 2);
  return m.parameters.map((p) => `  ${p.name.padEnd(w)}  ${String(p.default ?? '(required)').padStart(9)} ${p.unit.padEnd(u)}  ${p.doc}`);
}

/** One model in full: equations with the unit of each derivative, events, units of everything, presets. */
function describe(m: ModelInfo): string[] {
  const out = [`${m.name} (${m.kind}) — ${m.doc}`];
  if (m.reference) out.push(`  ${m.reference}`);
  out.push('', 'equations:');
  for (const [v, rhs] of Object.entries(m.equations)) out.push(`  d${v}/dt = ${rhs}    [${perMs(unitOf(m, v))}]`);
  for (const s of m.update) out.push(`  every step: ${s}`);
  if (m.threshold) out.push(`  spike when: ${m.threshold}`);
  if (m.reset.length) out.push(`  on spike: ${m.reset.join('; ')}`);
  if (m.refractory) out.push(`  refractory: ${m.refractory.period} ms${m.refractory.clamp.length ? `, holding ${m.refractory.clamp.join(', ')}` : ', nothing held'}`);
  if (m.onPre.length) out.push(`  on presynaptic spike: ${m.onPre.join('; ')}`);
  if (m.weight) out.push(`  weight w: ${m.weight.unit === 'target' ? 'the unit of the input fed' : m.weight.unit}${m.weight.conductance ? ' — a conductance: >= 0, the presynaptic sign is not applied (inhibition comes from the reversal potential)' : ', signed: inhibitory populations deliver -w'}`);
  const p = m.plasticity;
  for (const [v, tr] of Object.entries(p?.traces ?? {})) out.push(`  trace ${v} (${tr.unit}) per ${tr.side}synaptic neuron: decays with ${tr.tau}, += ${tr.jump} on its spikes`);
  for (const [v, x] of Object.entries(p?.synapseState ?? {})) out.push(`  per synapse: ${v} (${x.unit}), starts at ${x.initial}${x.equation ? `, d${v}/dt = ${x.equation} (${x.clockDriven ? 'clock-driven: every step' : 'event-driven'})` : ''}${x.doc ? ` — ${x.doc}` : ''}`);
  if (p?.onPost?.length) out.push(`  on postsynaptic spike: ${p.onPost.join('; ')}`);
  if (p?.reward) out.push(`  on reward delivery (sim.deliverReward; reward in ${p.reward.unit}): ${p.reward.statements.join('; ')}`);
  if (m.output) out.push(`  output: ${m.output}`);
  if (m.summed) out.push(`  every step, per synapse, summed into the target input: ${m.summed}`);
  out.push(`  integrator: ${m.integrator}`);
  if (m.state.length) out.push('', 'state:', ...m.state.map((s) => `  ${s.name} (${s.unit}), starts at ${s.initial} — ${s.doc}`));
  if (m.inputs.length) out.push('', 'inputs:', ...m.inputs.map((i) => `  ${i.name} (${i.unit}) — ${i.doc}`));
  out.push('', 'parameters:', ...parameterTable(m));
  if (m.derived.length) out.push('', 'derived:', ...m.derived.map((d) => `  ${d.name} = ${d.expr} (${d.unit}) — ${d.doc}`));
  if (m.drive) out.push('', `drive: ${m.drive.input} from ${m.drive.range[0]} to ${m.drive.range[1]} ${unitOf(m, m.drive.input)} (silent to fast firing)`);
  if (m.presets) {
    out.push('', 'presets:');
    for (const [name, p] of Object.entries(m.presets)) {
      const values = Object.entries(p.parameters).map(([k, v]) => `${k}=${v}`).join(' ');
      out.push(`  ${name}: ${p.doc}`, `    ${values}; ${m.drive?.input ?? 'drive'} = ${p.drive} ${m.drive ? unitOf(m, m.drive.input) : ''}`.trimEnd());
    }
  }
  return out;
}

/**
 * `spikeflow models [NAME]`: the neuron and synapse models experiment files can name, with the
 * units of their parameters, states and inputs; with a NAME, that model in full. Exit 2 for an
 * unknown name (the message lists the known ones).
 */
export function modelsCommand(name: string | undefined, options: { json?: boolean }): number {
  const models = allModels();
  if (name !== undefined) {
    const m = models.find((x) => x.name === name) ?? models.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!m) {
      console.error(`error: unknown model '${name}'; known: ${models.map((x) => x.name).join(', ')}`);
      return 2;
    }
    console.log(options.json ? JSON.stringify(m, null, 2) : describe(m).join('\n'));
    return 0;
  }
  if (options.json) {
    console.log(JSON.stringify(models, null, 2));
    return 0;
  }
  for (const m of models) {
    console.log(`${m.name} (${m.kind}) — ${m.doc}`);
    for (const [v, rhs] of Object.entries(m.equations)) console.log(`  d${v}/dt = ${rhs}`);
    if (m.state.length) console.log(`  state: ${list(m.state)}${m.inputs.length ? `; inputs: ${list(m.inputs)}` : ''}`);
    for (const line of parameterTable(m)) console.log(line);
    console.log('');
  }
  console.log("`spikeflow models NAME` shows one model in full (threshold, reset, integrator, presets).");
  return 0;
}
