import type { ModelInstance } from '@spikeflow/core/backend';
import { postVariable, type Assign } from '@spikeflow/core/ir';
import { I32, F64, OP, type WasmFunction } from './assembler.js';
import { CONSTANT_TABLE, type WasmArena } from './arena.js';
import { emitExpr, SimdBody, toMask, toNum, type Resolver } from './simd-body.js';
import type { Allocation } from '../plan/allocate.js';
import type { BlockPlan, KernelPlan, PopulationPlan } from '@spikeflow/core/plan';

/**
 * Population `pop`'s fused kernel over neurons lo..hi (lo even) as WebAssembly SIMD, two neurons
 * per instruction, printed from the plan's ops in the order the JavaScript emitter prints them.
 * Branches become lane selects: a clamped (refractory) update keeps the old value in lanes that
 * are refractory, reset statements apply only in lanes that spiked. Every array the kernel
 * touches must be in `arena`; per-neuron parameter arrays are copied in (once, via `copies`).
 *
 * A function `(step: i32, t: f64, spikes: i32) → count: i32` of the partition's module
 * (wasm/step-module.ts).
 *
 * Measured on CUBA (bench/README.md): with 2 lanes and V8's wasm compiler the population loop
 * takes about half the instructions of the JavaScript one.
 */
export function populationWasmFunction(plan: KernelPlan, pop: PopulationPlan, alloc: Allocation, arena: WasmArena, lo: number, hi: number, copies: Map<unknown, Float64Array>): WasmFunction {
  const f = new SimdBody(arena.alloc(Float64Array, CONSTANT_TABLE));
  const ptr = (k: number) => arena.ptr(alloc.arrays[k]!);
  const arrayIn = (v: Float64Array) => {
    let c = copies.get(v);
    if (!c) copies.set(v, (c = arena.values64(v)));
    return c;
  };
  const resolver =
    (block: BlockPlan): Resolver =>
    (name, role) => {
      const { names, instance } = block;
      switch (role) {
        case 'parameter':
        case 'derived': {
          const v = instance.values.get(name)!;
          if (typeof v === 'number') return (g) => (g.vconst(v), 'num');
          const base = arena.ptr(arrayIn(v));
          return (g) => (g.load(base), 'num');
        }
        case 'state':
          return (g) => (g.get(g.local(names.state(name))), 'num');
        case 'temp':
          return (g) => (g.get(g.local(names.temp(name))), 'num');
        case 'dt':
          return (g) => (g.vconst(plan.dt), 'num');
        case 'time':
          return (g) => (g.get(g.local('$t')), 'num');
        case 'step':
          return (g) => (g.get(g.local('$step')), 'num');
        case 'input':
          return (g) => (g.get(g.local(pop.inputs.get(name)!)), 'num');
        case 'post':
          // The target neuron's state local (loaded first in the plan): its value at the start of the step.
          return (g) => (g.get(g.local(pop.neuron.names.state(postVariable(name)))), 'num');
        default:
          throw new Error(`internal: cannot resolve ${role} '${name}'`);
      }
    };
  const statements = (stmts: readonly Assign[], block: BlockPlan, guard?: (s: Assign) => number | undefined) => {
    const resolve = resolver(block);
    for (const s of stmts) {
      const target = f.local(s.role === 'temp' ? block.names.temp(s.target) : block.names.state(s.target));
      toNum(f, emitExpr(f, s.value, resolve, block.stream));
      const g = guard?.(s);
      if (g !== undefined) {
        f.get(target);
        f.get(g);
        f.simd('bitselect');
      }
      f.set(target);
    }
  };
  const refPtr = pop.refractory ? ptr(alloc.layout.populations[pop.index]!.refractory!) : undefined;
  const inst = pop.neuron.instance;
  const refSteps = inst.refractorySteps;
  const refStepsPtr = refSteps !== undefined && typeof refSteps !== 'number' ? arena.ptr(arrayIn(refSteps)) : undefined;

  const { locals, body } = f.finish(lo, hi, () => {
    for (const op of pop.ops) {
      switch (op.op) {
        case 'load':
          for (const [name, k] of op.block.states) {
            f.load(ptr(k));
            f.set(f.local(op.block.names.state(name)));
          }
          break;
        case 'store':
          for (const [name, k] of op.block.states) f.store(ptr(k), f.local(op.block.names.state(name)));
          break;
        case 'step': {
          const { clamped } = op.block.instance.model;
          const active = f.local('$active');
          statements(op.block.instance.model.step, op.block, (s) => (op.guarded && s.role === 'state' && clamped.has(s.target) ? active : undefined));
          break;
        }
        case 'output':
          toNum(f, emitExpr(f, op.block.instance.model.output!, resolver(op.block), op.block.stream));
          f.set(f.local(op.block.names.output));
          break;
        case 'sum': {
          if (op.terms.length === 0) f.vconst(0);
          op.terms.forEach((t, j) => {
            f.get(f.local(t));
            if (j > 0) f.simd('add');
          });
          f.set(f.local(op.name));
          break;
        }
        case 'summed':
          f.load(ptr(alloc.layout.summed.get(op.connection)!));
          f.set(f.local(op.term));
          break;
        case 'refractory':
          f.get(f.local('$step'));
          f.load(refPtr!);
          f.simd('gt');
          f.set(f.local('$active'));
          break;
        case 'fire':
          fire(f, op.block, resolver(op.block), refPtr, refSteps, refStepsPtr, hi, statements);
          break;
        case 'array':
        case 'events':
        case 'external':
        case 'poisson-input':
          throw new Error(`internal: ${op.op} stimuli have no WebAssembly form`);
      }
    }
  });
  return { params: [I32, F64, I32], results: [I32], locals, body, random: f.random };
}

/** Threshold; in the lanes that spiked: reset statements, refractory period, spike indices in neuron order. */
function fire(
  f: SimdBody,
  block: BlockPlan,
  resolve: Resolver,
  refPtr: number | undefined,
  refSteps: ModelInstance['refractorySteps'],
  refStepsPtr: number | undefined,
  hi: number,
  statements: (stmts: readonly Assign[], block: BlockPlan, guard?: (s: Assign) => number | undefined) => void,
) {
  const model = block.instance.model;
  const spiked = f.local('$spiked');
  toMask(f, emitExpr(f, model.threshold!, resolve, block.stream));
  if (refPtr !== undefined) {
    f.get(f.local('$active'));
    f.simd('and');
  }
  f.set(spiked);
  f.get(spiked);
  f.simd('anyTrue');
  f.code.u8(OP.if, 0x40);
  // Reset statements in order, each state applied in the lanes that spiked.
  statements(model.reset, block, (s) => (s.role === 'state' ? spiked : undefined));
  if (refPtr !== undefined) {
    // REF_UNTIL = step + REF_STEPS where spiked.
    f.get(SimdBody.OFF);
    f.get(f.local('$step'));
    if (refStepsPtr !== undefined) f.load(refStepsPtr);
    else f.vconst(refSteps as number);
    f.simd('add');
    f.load(refPtr);
    f.get(spiked);
    f.simd('bitselect');
    f.simd('store', 4, refPtr);
  }
  // spikes[count++] = i (and i + 1 when it is a neuron of this range), in neuron order.
  for (const lane of [0, 1]) {
    f.get(spiked);
    f.simd('i64x2ExtractLane');
    f.code.u8(lane);
    f.code.u8(OP.i32WrapI64);
    if (lane === 1) {
      f.code.u8(OP.localGet).u32(SimdBody.I).u8(OP.i32Const).s32(1).u8(OP.i32Add).u8(OP.i32Const).s32(hi).u8(OP.i32LtS);
      f.code.u8(OP.i32And);
    }
    f.code.u8(OP.if, 0x40);
    f.code.u8(OP.localGet).u32(SimdBody.SPIKES).u8(OP.localGet).u32(SimdBody.COUNT).u8(OP.i32Const).s32(2).u8(OP.i32Shl).u8(OP.i32Add);
    f.code.u8(OP.localGet).u32(SimdBody.I);
    if (lane === 1) f.code.u8(OP.i32Const).s32(1).u8(OP.i32Add);
    f.code.u8(OP.i32Store).u32(2).u32(0);
    f.code.u8(OP.localGet).u32(SimdBody.COUNT).u8(OP.i32Const).s32(1).u8(OP.i32Add).u8(OP.localSet).u32(SimdBody.COUNT);
    f.code.u8(OP.end);
  }
  f.code.u8(OP.end);
}
