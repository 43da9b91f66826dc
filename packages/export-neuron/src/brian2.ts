import type { Network } from '@spikeflow/core';
import type { CompiledModel } from '@spikeflow/core/backend';
import type { Assign } from '@spikeflow/core/ir';
import { networkData, type ExportFiles } from './data.js';
import { modelBlockers, type ExportOptions } from './neuron.js';
import { names, rangeValues, valueNames } from './nmodl.js';
import { ExportError, planExport, type PopulationPlan } from './plan.js';
import { printAssignments, printExpr, Unprintable, type Dialect } from './printer.js';
import { BRIAN2_PRELUDE_PY, BRIAN2_RUN_PY } from './python/brian2-script.js';
import { RESULTS_PY } from './python/results.js';
import { brian2Readme } from './readme.js';

/**
 * IR → Brian2. Every variable is dimensionless (spikeflow's units are implied, ms for time) and
 * every step is one `run_regularly` block holding the IR's integrated step, so Brian2 runs the
 * same arithmetic in the same order; threshold, `on_pre` and reset follow in Brian2's schedule.
 */
function brian2Dialect(prefix: string, suffix = ''): Dialect {
  return {
    target: 'Brian2',
    ref: (name, role) => {
      switch (role) {
        case 'parameter':
        case 'derived':
          return names.value(prefix, name) + suffix;
        case 'state':
          return names.state(prefix, name) + suffix;
        case 'temp':
          return names.temp(prefix, name);
        case 'input':
          return `in_${name}`;
        case 'dt':
          return 'sf_dt';
        case 'time':
          return `(stepc${suffix} * sf_dt)`;
        case 'step':
          return `stepc${suffix}`;
        case 'weight':
          return 'w';
        case 'post':
          throw new Unprintable(`the postsynaptic variable ${name} (conductance synapses are not exported yet)`);
        default:
          throw new Error(`internal: cannot resolve ${role} '${name}'`);
      }
    },
    binary: { '+': '+', '-': '-', '*': '*', '/': '/', '**': '**', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '!=': '!=', '&&': 'and', '||': 'or' },
    not: 'not ',
    functions: Object.fromEntries(
      ['exp', 'expm1', 'log', 'log1p', 'sqrt', 'abs', 'sin', 'cos', 'tan', 'tanh', 'floor', 'ceil', 'sign'].map((fn) => [fn, (a: string[]) => `${fn}(${a[0]})`]).concat([['clip', (a: string[]) => `clip(${a.join(', ')})`]]),
    ),
  };
}

const stmt = (t: string, v: string) => `${t} = ${v}`;

/** The Python of one population: its group (variables, step, threshold, reset). */
function populationCode(pop: PopulationPlan): string {
  const k = pop.index;
  const neuron = pop.instance.model;
  const variables = new Set<string>(['stepc', 'sf_spike']);
  const declare = (prefix: string, m: CompiledModel) => {
    for (const n of valueNames(m)) variables.add(names.value(prefix, n));
    for (const s of m.states) variables.add(names.state(prefix, s));
  };
  declare('n', neuron);
  const refractory = pop.instance.refractorySteps !== undefined;
  if (refractory) variables.add('ref_until').add('ref_steps');
  const body: string[] = [];
  const inputTerms = new Map<string, string[]>(neuron.inputs.map((i) => [i, []]));
  for (const s of pop.stimuli) {
    body.push(`k${s.slot}_out = sf_stim_${k}_${s.slot}(t, i)`);
    inputTerms.get(s.input)?.push(`k${s.slot}_out`);
  }
  for (const slot of pop.slots) {
    const prefix = `c${slot.slot}`;
    const m = slot.synapse.model;
    declare(prefix, m);
    const d = brian2Dialect(prefix);
    body.push(`${prefix}_out = ${printExpr(m.output!, d)}`, ...printAssignments(m.step, d, stmt));
    inputTerms.get(slot.input)?.push(`${prefix}_out`);
  }
  for (const [name, terms] of inputTerms) body.push(`in_${name} = ${terms.length ? terms.reduce((acc, t) => `(${acc} + ${t})`) : '0.0'}`);
  const d = brian2Dialect('n');
  const clamp = (s: Assign) => refractory && s.role === 'state' && neuron.clamped.has(s.target);
  if (refractory) body.push('active = int(stepc > ref_until)');
  // active·new + (1 − active)·old is exactly `new` or `old` for finite values: Brian2 has no if.
  body.push(...printAssignments(neuron.step, d, (t, v, s) => (clamp(s) ? `${t} = active * (${v}) + (1 - active) * ${t}` : stmt(t, v))));
  body.push(`sf_spike = int(${refractory ? 'active == 1 and ' : ''}${printExpr(neuron.threshold!, d)})`);
  const reset = [...printAssignments(neuron.reset, d, stmt), ...(refractory ? ['ref_until = stepc + ref_steps'] : [])];
  const lines = [
    `# Population ${k}: ${pop.size} neurons.`,
    `P = NET['populations'][${k}]`,
    ...pop.stimuli.map((s) => `sf_stim_${k}_${s.slot} = TimedArray(load(P['stimuli'][${s.slot}]['file']), dt=DT * ms)`),
    `G${k} = NeuronGroup(P['size'], ${pyString([...variables].map((v) => `${v} : 1`).join('\n'))},`,
    `    threshold='sf_spike > 0.5', reset=${pyString(reset.join('\n') || 'stepc = stepc')}, method='euler', name='sf_population_${k}')`,
    `G${k}.run_regularly(${pyString(body.join('\n'))}, when='start', order=0, name='sf_step_${k}')`,
    `G${k}.run_regularly('stepc = stepc + 1', when='end', order=0, name='sf_count_${k}')`,
    `set_values(G${k}, P)`,
  ];
  return lines.join('\n');
}

/** A Python string literal of generated code (identifiers and numbers only: no quotes, no backslashes). */
const pyString = (code: string) => `'''${code}'''`;

/**
 * Exports a network as a Brian2 script (`run_brian2.py`, numpy or cpp_standalone): equations
 * printed from the compiled IR, connectivity, parameters, initial values and stimuli as the same
 * data as {@link exportToNeuron}; writes the same results files. Throws {@link ExportError}
 * listing every feature without an exact Brian2 equivalent.
 */
export function exportToBrian2(network: Network, options: ExportOptions): ExportFiles {
  const { plan, blockers } = planExport(network, options);
  blockers.push(...modelBlockers(plan, () => brian2Dialect('n')));
  if (blockers.length) throw new ExportError('Brian2', blockers);
  const ranges = (p: PopulationPlan) => {
    // Initial values go straight into the state variables.
    const out = new Map<string, number | Float64Array>();
    for (const [name, v] of rangeValues(p)) out.set(name.replace(/^(n|c\d+)i_/, '$1s_'), v);
    return out;
  };
  const { files } = networkData(plan, options.format ?? 'csv', ranges);
  const synapses = plan.connections.map((c, k) => {
    const post = plan.populations[c.post]!;
    const slot = post.slots[c.slot]!;
    const onPre = printAssignments(slot.synapse.model.onPre, brian2Dialect(`c${c.slot}`, '_post'), stmt).join('\n');
    return [
      `C = NET['connections'][${k}]`,
      `S${k} = Synapses(G${c.pre}, G${c.post}, 'w : 1', on_pre=${pyString(onPre)}, name='sf_connection_${k}')`,
      `S${k}.connect(i=load(C['preFile']), j=load(C['postFile']))`,
      `S${k}.w = load(C['weightFile'])`,
    ].join('\n');
  });
  const script = [
    BRIAN2_PRELUDE_PY,
    ...plan.populations.map(populationCode),
    ...synapses,
    `GROUPS = [${plan.populations.map((p) => `G${p.index}`).join(', ')}]`,
    BRIAN2_RUN_PY,
  ].join('\n\n');
  files.set('run_brian2.py', script);
  files.set('spikeflow_results.py', RESULTS_PY);
  files.set('README.md', brian2Readme(plan));
  return files;
}
