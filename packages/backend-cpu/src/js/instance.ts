import type { ModelInstance } from '@spikeflow/core/backend';
import { Bindings, instanceResolver, loadStates, storeStates, type JsBlock } from './bindings.js';
import { compileKernel } from '../kernel-cache.js';
import { printExpr, printStatements } from './printer.js';
import { InstanceNames } from '@spikeflow/core/plan';
import type { Values } from '../buffers.js';
import type { Precision } from '../precision.js';
import { randomPrinter } from './random-calls.js';

/** Per-element loops over one model instance on its own (no neurons, no inputs). */
export interface InstanceKernels {
  /** Runs the model's per-step statements (integration, updates) for every element. */
  step(step: number, t: number): void;
  /** Writes the model's output expression for every element into `out`. */
  output(out: Values, step: number, t: number): void;
}

/** A model instance with generated names, as a kernel of its own sees it (block 0). */
export const standaloneBlock = (instance: ModelInstance, states: ReadonlyMap<string, Values>): JsBlock => ({ names: new InstanceNames(0, instance), instance, states });

/**
 * Compiles a synapse or current-source instance into two loops. Used by the stepping API, where
 * a connection is advanced on its own rather than fused into its target's kernel.
 */
export function buildInstanceKernels(inst: ModelInstance, states: ReadonlyMap<string, Values>, stream: number, rng: unknown, dt: number, fmt: Precision): InstanceKernels {
  const b = new Bindings();
  b.bind('R', rng);
  b.bind('dt', fmt.value(dt));
  b.bind('N', inst.size);
  const block = standaloneBlock(inst, states);
  const resolve = instanceResolver(b, block, 'local', fmt);
  const hoisted: string[] = [];
  const random = randomPrinter(stream, hoisted);
  const load = loadStates(b, block);
  const stepBody = [...load, ...printStatements(inst.model.step, resolve, random, fmt), ...storeStates(block)];
  const outputBody = [...load, `out[i] = ${inst.model.output ? printExpr(inst.model.output, resolve, random, fmt) : '0'};`];
  const loop = (name: string, params: string, body: string[]) =>
    [`function ${name}(${params}) {`, ...hoisted.map((l) => `  ${l}`), '  for (let i = 0; i < N; i++) {', ...body.map((l) => `    ${l}`), '  }', '}'].join('\n');
  const source = ['"use strict";', b.prelude(), loop('step', 'step, t', stepBody), loop('output', 'out, step, t', outputBody), 'return { step, output };'].join('\n');
  return compileKernel<InstanceKernels>(source, b.object);
}
