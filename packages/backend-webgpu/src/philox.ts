/**
 * Philox4x32-10 in WGSL: the twin of core's `philox4x32` / `CounterRng`. Counter words are
 * (index, step, site, stream), the key is the network seed (low word, high word), exactly as in
 * JavaScript, so the same (seed, stream, step, neuron, call site) gives the same 32-bit words on
 * every backend. WGSL has no 64-bit integers: the 32×32→64 products are built from 16-bit halves.
 *
 * `sf_uniform` is word 0 / 2^32; `sf_normal` is Box–Muller on words 0 and 1, as in JavaScript
 * (u1 = (w0 + 0.5) / 2^32, u2 = w1 / 2^32, sqrt(−2 ln u1)·cos(2π u2)), evaluated in float32.
 */
export const PHILOX_WGSL = /* wgsl */ `
fn sf_mulhi(a: u32, b: u32) -> u32 {
  let a_lo = a & 0xffffu;
  let a_hi = a >> 16u;
  let b_lo = b & 0xffffu;
  let b_hi = b >> 16u;
  let lo_lo = a_lo * b_lo;
  let hi_lo = a_hi * b_lo;
  let lo_hi = a_lo * b_hi;
  let cross = (lo_lo >> 16u) + (hi_lo & 0xffffu) + lo_hi;
  return a_hi * b_hi + (hi_lo >> 16u) + (cross >> 16u);
}
fn sf_philox(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var x = counter;
  var k = key;
  for (var round = 0u; round < 10u; round = round + 1u) {
    let hi0 = sf_mulhi(0xd2511f53u, x.x);
    let lo0 = 0xd2511f53u * x.x;
    let hi1 = sf_mulhi(0xcd9e8d57u, x.z);
    let lo1 = 0xcd9e8d57u * x.z;
    x = vec4<u32>(hi1 ^ x.y ^ k.x, lo1, hi0 ^ x.w ^ k.y, lo0);
    k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
  }
  return x;
}
fn sf_uniform(key: vec2<u32>, stream: u32, step: u32, index: u32, site: u32) -> f32 {
  let w = sf_philox(vec4<u32>(index, step, site, stream), key);
  return f32(w.x) * 2.3283064365386963e-10f;
}
fn sf_normal(key: vec2<u32>, stream: u32, step: u32, index: u32, site: u32) -> f32 {
  let w = sf_philox(vec4<u32>(index, step, site, stream), key);
  let u1 = (f32(w.x) + 0.5f) * 2.3283064365386963e-10f;
  let u2 = f32(w.y) * 2.3283064365386963e-10f;
  return sqrt(-2.0f * log(u1)) * cos(6.2831854820251465f * u2);
}
`;
