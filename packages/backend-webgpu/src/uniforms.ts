/**
 * A kernel's uniform block `P`: offsets, sizes and scalar parameter values, as 32-bit words read
 * by slot. Shader source refers to slots only, so it depends on the model and the layout's shape,
 * never on values or sizes — one compiled pipeline serves every network of the same structure.
 */
export class Uniforms {
  readonly words: number[] = [];
  private readonly f = new Float32Array(1);
  private readonly u = new Uint32Array(this.f.buffer);

  /** A u32 slot holding `value`; returns its WGSL expression. */
  u32(value: number): string {
    return Uniforms.slot(this.push(value >>> 0));
  }

  /** An f32 slot holding `Math.fround(value)`; returns its WGSL expression. */
  f32(value: number): string {
    this.f[0] = value;
    return `bitcast<f32>(${Uniforms.slot(this.push(this.u[0]!))})`;
  }

  /** Index of the next slot. */
  get size(): number {
    return this.words.length;
  }

  /** Number of vec4 rows the block declares (at least one). */
  get rows(): number {
    return Math.max(1, Math.ceil(this.words.length / 4));
  }

  toArray(): Uint32Array {
    const out = new Uint32Array(this.rows * 4);
    out.set(this.words);
    return out;
  }

  private push(word: number): number {
    return this.words.push(word) - 1;
  }

  static slot(k: number): string {
    return `P[${k >> 2}].${'xyzw'[k & 3]}`;
  }
}
