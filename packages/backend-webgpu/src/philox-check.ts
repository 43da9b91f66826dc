import { PHILOX_WGSL } from './philox.js';
import { MAP_READ, USAGE } from './pipelines.js';

/**
 * Runs the WGSL Philox on `device` for each (stream, step, index, site) and returns, per input,
 * the four words and the uniform and normal draws — for cross-tests against core's `CounterRng`.
 */
export async function philoxOnDevice(
  device: GPUDevice,
  seed: number,
  inputs: readonly (readonly [stream: number, step: number, index: number, site: number])[],
): Promise<{
  /** The four Philox output words per input. */
  words: Uint32Array;
  /** The uniform draw per input. */
  uniform: Float32Array;
  /** The standard normal draw per input. */
  normal: Float32Array;
}> {
  const n = inputs.length;
  const code = `${PHILOX_WGSL}
@group(0) @binding(0) var<storage, read> inp: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@group(0) @binding(2) var<uniform> key: vec4<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let q = gid.x;
  if (q >= arrayLength(&inp) / 4u) { return; }
  let c = vec4<u32>(inp[4u * q], inp[4u * q + 1u], inp[4u * q + 2u], inp[4u * q + 3u]);
  let k = key.xy;
  let w = sf_philox(vec4<u32>(c.z, c.y, c.w, c.x), k);
  out[6u * q] = w.x;
  out[6u * q + 1u] = w.y;
  out[6u * q + 2u] = w.z;
  out[6u * q + 3u] = w.w;
  out[6u * q + 4u] = bitcast<u32>(sf_uniform(k, c.x, c.y, c.z, c.w));
  out[6u * q + 5u] = bitcast<u32>(sf_normal(k, c.x, c.y, c.z, c.w));
}`;
  const module = device.createShaderModule({ code });
  const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const inp = new Uint32Array(Math.max(4, 4 * n));
  inputs.forEach((x, q) => inp.set(x.map((v) => v >>> 0), 4 * q));
  const make = (size: number, usage: number) => device.createBuffer({ size: Math.max(16, size), usage });
  const inBuf = make(inp.byteLength, USAGE.STORAGE | USAGE.COPY_DST);
  const outBuf = make(24 * n, USAGE.STORAGE | USAGE.COPY_SRC);
  const keyBuf = make(16, USAGE.UNIFORM | USAGE.COPY_DST);
  const read = make(24 * n, USAGE.MAP_READ | USAGE.COPY_DST);
  device.queue.writeBuffer(inBuf, 0, inp);
  device.queue.writeBuffer(keyBuf, 0, Uint32Array.of(seed >>> 0, Math.floor(seed / 4294967296) >>> 0, 0, 0));
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(
    0,
    device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [inBuf, outBuf, keyBuf].map((buffer, binding) => ({ binding, resource: { buffer } })),
    }),
  );
  pass.dispatchWorkgroups(Math.max(1, Math.ceil(n / 64)));
  pass.end();
  encoder.copyBufferToBuffer(outBuf, 0, read, 0, Math.max(16, 24 * n));
  device.queue.submit([encoder.finish()]);
  await read.mapAsync(MAP_READ);
  const all = new Uint32Array(read.getMappedRange().slice(0));
  read.unmap();
  for (const b of [inBuf, outBuf, keyBuf, read]) b.destroy();
  const words = new Uint32Array(4 * n);
  const uniform = new Float32Array(n);
  const normal = new Float32Array(n);
  const f = new Float32Array(all.buffer);
  for (let q = 0; q < n; q++) {
    words.set(all.subarray(6 * q, 6 * q + 4), 4 * q);
    uniform[q] = f[6 * q + 4]!;
    normal[q] = f[6 * q + 5]!;
  }
  return { words, uniform, normal };
}
