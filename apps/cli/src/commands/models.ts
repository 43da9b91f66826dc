import type { ModelDefinition } from '@spikeflow/core';
import { NEURON_MODELS, SYNAPSE_MODELS } from '@spikeflow/experiment-file';

interface ModelInfo {
  readonly name: string;
  readonly kind: string;
  readonly doc: string;
  readonly parameters: { readonly name: string; readonly unit: string; readonly default: number | null; readonly doc: string }[];
  readonly state: { readonly name: string; readonly unit: string; readonly initial: number | string; readonly doc: string }[];
  readonly equations: Readonly<Record<string, string>>;
}

const info = (m: ModelDefinition): ModelInfo => ({
  name: m.name,
  kind: m.kind,
  doc: (m.doc ?? '').split('\n')[0] ?? '',
  parameters: Object.entries(m.parameters).map(([name, p]) => ({ name, unit: p.unit, default: p.default ?? null, doc: p.doc ?? '' })),
  state: Object.entries(m.state).map(([name, s]) => ({ name, unit: s.unit, initial: s.initial, doc: s.doc ?? '' })),
  equations: m.equations ?? {},
});

/** `spikeflow models`: the neuron and synapse models experiment files can name, with parameters, units and defaults. */
export function modelsCommand(options: { json?: boolean }): number {
  const models = [...NEURON_MODELS.values(), ...SYNAPSE_MODELS.values()].map(info);
  if (options.json) {
    console.log(JSON.stringify(models, null, 2));
    return 0;
  }
  for (const m of models) {
    console.log(`${m.name} (${m.kind}) — ${m.doc}`);
    for (const [v, rhs] of Object.entries(m.equations)) console.log(`  d${v}/dt = ${rhs}`);
    const w = Math.max(...m.parameters.map((p) => p.name.length), 4);
    for (const p of m.parameters) console.log(`  ${p.name.padEnd(w)}  ${String(p.default ?? '(required)').padStart(9)} ${p.unit.padEnd(4)}  ${p.doc}`);
    console.log('');
  }
  return 0;
}
