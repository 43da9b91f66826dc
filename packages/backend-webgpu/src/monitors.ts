import type { StateSink } from '@spikeflow/core';
import { Uniforms } from './uniforms.js';
import { gridKernel, type GpuKernel } from './wgsl.js';

/** One state monitor's kernel and where it writes its rows. */
export interface StateMonitorProgram {
  /** The monitor. */
  readonly sink: StateSink;
  /** Copies this step's values into the chunk's next row. */
  readonly kernel: GpuKernel;
  /** Uniform slot holding the first recorded step of the chunk. */
  readonly firstSlot: number;
  /** Values per row. */
  readonly width: number;
  /** F: rows of `width` values. */
  readonly out: number;
  /** A row every `every` steps. */
  readonly every: number;
}

/** What a state monitor reads of its population. */
export interface MonitoredPopulation {
  /** Number of neurons. */
  readonly size: number;
  /** I: step + 1 of each neuron's last spike. */
  readonly lastSpike: number;
  /** F: offset of each state variable's array. */
  readonly states: ReadonlyMap<string, number>;
}

/**
 * The kernel of state monitor `sink`: one thread per recorded neuron copies its value (or 1/0 for
 * `spike`) into row `(step - first) / every` of the chunk's rows, which `rows` allocates in F.
 */
export function stateMonitorProgram(sink: StateSink, pop: MonitoredPopulation, maxChunk: number, rowsAt: (words: number) => number, constants: (values: Uint32Array) => number): StateMonitorProgram {
  const indices = sink.indices ?? Int32Array.from({ length: pop.size }, (_, i) => i);
  const rows = Math.floor((maxChunk - 1) / sink.every) + 1;
  const out = rowsAt(rows * indices.length);
  const idx = constants(Uint32Array.from(indices));
  const u = new Uniforms();
  const firstSlot = u.size;
  const first = u.u32(0);
  const every = u.u32(sink.every);
  const width = u.u32(indices.length);
  const value = sink.variable === 'spike' ? `select(0.0f, 1.0f, I[${u.u32(pop.lastSpike)} + j] == S.step + 1u)` : `F[${u.u32(pop.states.get(sink.variable)!)} + j]`;
  const body = [
    'let k = (wid.x + wid.y * nwg.x) * 64u + lid;',
    `if (k >= ${width}) { return; }`,
    `let j = C[${u.u32(idx)} + k];`,
    `let row = (S.step - ${first}) / ${every};`,
    `F[${u.u32(out)} + row * ${width} + k] = ${value};`,
  ];
  const kernel: GpuKernel = { label: `monitor ${sink.population}.${sink.variable}`, source: gridKernel(u, [], body), uniforms: u, layout: 'main' };
  return { sink, kernel, firstSlot, width: indices.length, out, every: sink.every };
}
