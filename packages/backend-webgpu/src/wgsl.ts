import { Uniforms } from './uniforms.js';
import type { WgslConstant } from './printer.js';

/** Threads per workgroup of every kernel. */
export const WORKGROUP = 64;
/** `S`: the per-step uniform record (32 bytes, at a dynamic offset per step). */
export const STEP_RECORD_BYTES = 32;

/** One compute kernel: its WGSL source and its parameter uniforms `P`. */
export interface GpuKernel {
  /** Name in GPU labels and messages, e.g. `population ep1`. */
  readonly label: string;
  /** The WGSL source (depends on the model and the layout's shape, not on values). */
  readonly source: string;
  /** The kernel's parameter record `P`, by slot. */
  readonly uniforms: Uniforms;
  /** Bind-group layout: `main` (the four storage buffers and S) or `finalize`. */
  readonly layout: 'main' | 'finalize';
}

/**
 * `sf_r`: a product, rounded to float32 before anything else uses it. OR-ing its bits with a
 * uniform the compiler cannot prove zero (`S.zero` is always 0) stops multiply-add contraction
 * and reassociation, so the GPU rounds every product as the CPU's f32 mode does.
 */
export const PRODUCT_ROUNDING = 'fn sf_r(x: f32) -> f32 { return bitcast<f32>(bitcast<u32>(x) | S.zero); }';

/** Entry-point arguments of kernels dispatched over a 2-d grid of 64-thread workgroups. */
export const GRID_ARGS = '@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32';

/** Lines indented by `by`. */
export const indent = (lines: readonly string[], by = '  '): string[] => lines.map((l) => by + l);

/** Bindings and helpers shared by every kernel. */
export function header(u: Uniforms, layout: 'main' | 'finalize'): string {
  const common = [
    'struct Step { step: u32, t: f32, k: u32, dt: f32, key0: u32, key1: u32, zero: u32, pad: u32 }',
    '@group(0) @binding(0) var<uniform> S: Step;',
    `@group(0) @binding(1) var<uniform> P: array<vec4<u32>, ${u.rows}>;`,
    '@group(0) @binding(3) var<storage, read_write> A: array<atomic<u32>>;',
  ];
  const constants = '@group(0) @binding(5) var<storage, read> C: array<u32>;';
  if (layout === 'finalize') return [...common, constants, '@group(0) @binding(6) var<storage, read_write> D: array<u32>;'].join('\n');
  return [
    ...common,
    '@group(0) @binding(2) var<storage, read_write> F: array<f32>;',
    '@group(0) @binding(4) var<storage, read_write> I: array<u32>;',
    constants,
  ].join('\n');
}

/** A complete kernel over a 2-d grid of 64-thread workgroups: header, extra declarations, `main`. */
export function gridKernel(u: Uniforms, declarations: readonly string[], body: readonly string[]): string {
  return [header(u, 'main'), ...declarations, '@compute @workgroup_size(64)', `fn main(${GRID_ARGS}) {`, ...indent(body), '}'].join('\n');
}

/**
 * Numeric constants of the model IR live in the uniform block, not in the shader text: shader
 * compilers fold and reassociate literal arithmetic (e.g. `0.5 * (dt * k)` → `(0.5 * dt) * k`),
 * which changes float32 rounding; values they cannot see are computed as written, as on the CPU.
 */
export function constantPool(u: Uniforms): WgslConstant {
  const slots = new Map<string, string>();
  const bits = new Float32Array(1);
  const word = new Uint32Array(bits.buffer);
  return (value) => {
    bits[0] = value;
    const key = String(word[0]);
    let code = slots.get(key);
    if (code === undefined) {
      code = u.f32(value);
      slots.set(key, code);
    }
    return code;
  };
}
