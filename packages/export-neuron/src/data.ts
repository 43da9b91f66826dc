import { MemoryByteSink, StateWriter, npyHeader } from '@spikeflow/monitors';
import type { ExportPlan, PopulationPlan } from './plan.js';

/** An export: relative path → file contents. */
export type ExportFiles = Map<string, string | Uint8Array>;

/** Data format of the results an exported run writes (as `spikeflow run --format`). */
export type ResultsFormat = 'csv' | 'npy';

/** An NPY file of a typed array with the given shape. */
export function npy(data: Float64Array | Int32Array, shape: readonly number[]): Uint8Array {
  const header = npyHeader(data instanceof Int32Array ? '<i4' : '<f8', shape);
  const out = new Uint8Array(header.length + data.byteLength);
  out.set(header, 0);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), header.length);
  return out;
}

/** A population's name in file names when it is plain, else its index (names are free text). */
export const fileStem = (p: { name: string; index: number }): string => (/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/.test(p.name) ? p.name : `p${p.index}`);

/** Most rows of a population's input current kept for the figure (as `spikeflow run`). */
const MAX_CURRENT_ROWS = 2000;

/**
 * The network as data, shared by the NEURON and Brian2 exports: data/network.json (structure,
 * scalar values, file names) and NPY files (per-neuron values, stimuli, synapses in propagation
 * order), plus each population's summed stimulus current for the figure.
 * `ranges(pop)` names the per-neuron values the target reads.
 */
export function networkData(plan: ExportPlan, format: ResultsFormat, ranges: (pop: PopulationPlan) => Map<string, number | Float64Array>, extra: (pop: PopulationPlan) => object = () => ({})): { files: ExportFiles; json: object } {
  const files: ExportFiles = new Map();
  const currents: Record<string, { file: string; every: number }> = {};
  const populations = plan.populations.map((p) => {
    const values: Record<string, number | string> = {};
    for (const [name, v] of ranges(p)) {
      if (typeof v === 'number') values[name] = v;
      else {
        const file = `data/p${p.index}_${name}.npy`;
        files.set(file, npy(v, [v.length]));
        values[name] = file;
      }
    }
    const stimuli = p.stimuli.map((s) => {
      const file = `data/p${p.index}_stim${s.slot}.npy`;
      files.set(file, npy(s.data, [plan.steps, p.size]));
      return { slot: s.slot, name: s.name, input: s.input, file };
    });
    if (p.stimuli.length > 0 && plan.steps > 0) currents[p.name] = currentFile(plan, p, format, files);
    return { index: p.index, name: p.name, size: p.size, sign: p.sign, gid0: p.gid0, ranges: values, stimuli, ...extra(p) };
  });
  const connections = plan.connections.map((c, k) => {
    const file = (what: string) => `data/c${k}_${what}.npy`;
    files.set(file('pre'), npy(c.preIndex, [c.preIndex.length]));
    files.set(file('post'), npy(c.postIndex, [c.postIndex.length]));
    files.set(file('w'), npy(c.weight, [c.weight.length]));
    return { name: c.name, pre: c.pre, post: c.post, slot: c.slot, synapses: c.weight.length, preFile: file('pre'), postFile: file('post'), weightFile: file('w') };
  });
  const json = {
    format: 'spikeflow-export/1',
    title: plan.title,
    dt: plan.dt,
    seed: plan.seed,
    steps: plan.steps,
    binSteps: plan.binSteps,
    dataFormat: format,
    populations,
    connections,
    currents,
  };
  files.set('data/network.json', `${JSON.stringify(json, null, 2)}\n`);
  return { files, json };
}

/** The sum of a population's stimuli, every few steps, in the results format (the figure's current panel). */
function currentFile(plan: ExportPlan, p: PopulationPlan, format: ResultsFormat, files: ExportFiles): { file: string; every: number } {
  const every = Math.max(1, Math.ceil(plan.steps / MAX_CURRENT_ROWS));
  const sink = new MemoryByteSink();
  const writer = new StateWriter(p, 'I', sink, { format, dt: plan.dt, every });
  const row = new Float64Array(p.size);
  for (let step = 0; step < plan.steps; step += every) {
    row.fill(0);
    for (const s of p.stimuli) for (let i = 0; i < p.size; i++) row[i]! += s.data[step * p.size + i]!;
    writer.onState(step, row);
  }
  writer.finish();
  const file = `currents_${fileStem(p)}.${format}`;
  files.set(file, sink.bytes());
  return { file, every };
}
