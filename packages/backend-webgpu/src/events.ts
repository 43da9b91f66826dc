import type { BuiltConnection } from '@spikeflow/core/backend';
import type { ConnLayout } from './layout.js';
import { Uniforms } from './uniforms.js';
import { gridKernel, header, indent, type GpuKernel } from './wgsl.js';

/**
 * Synaptic events on the GPU. After a step's populations, a `finalize` dispatch turns each
 * connection source's spike count into an indirect dispatch size, and one event-driven `push` per
 * connection (a workgroup per spike) appends synapse ids to per-target buckets. The target's next
 * population kernel applies them ({@link deliverEvents}) when it loads the synapse's states:
 * buckets are sorted by synapse id first, which is the CPU's order (spike index, then row), so
 * float32 sums equal the CPU's whatever order the atomics gave.
 */

/**
 * Applies the events a connection delivered to neuron `i` in the previous step: its bucket holds
 * synapse ids (CSR) or presynaptic indices (dense) in atomic order; an insertion sort restores
 * the CPU's order (spike index, then row position) before the synapse's `onPre` statements run
 * with the synapse's weight as `w`.
 */
export function deliverEvents(l: ConnLayout, u: Uniforms, onPre: readonly string[]): string[] {
  const pending = `A[${u.u32(l.pending)} + i]`;
  const base = l.format === 'csr' ? `${u.u32(l.buckets)} + C[${u.u32(l.inStart)} + i]` : `${u.u32(l.buckets)} + i * ${u.u32(l.nPre)}`;
  const weight = l.format === 'csr' ? `C[${u.u32(l.weights)} + key]` : `C[${u.u32(l.weights)} + key * ${u.u32(l.nPost)} + i]`;
  return [
    '{',
    `  let nb = atomicLoad(&${pending});`,
    '  if (nb > 0u) {',
    `    let base = ${base};`,
    '    for (var a = 1u; a < nb; a = a + 1u) {',
    '      let key = I[base + a];',
    '      var b = a;',
    '      loop {',
    '        if (b == 0u) { break; }',
    '        let prev = I[base + b - 1u];',
    '        if (prev <= key) { break; }',
    '        I[base + b] = prev;',
    '        b = b - 1u;',
    '      }',
    '      I[base + b] = key;',
    '    }',
    '    for (var e = 0u; e < nb; e = e + 1u) {',
    '      let key = I[base + e];',
    `      let w = bitcast<f32>(${weight});`,
    ...indent(onPre, '      '),
    '    }',
    `    atomicStore(&${pending}, 0u);`,
    '  }',
    '}',
  ];
}

/** Event-driven delivery of one step's spikes: a workgroup per spike, its threads over the row. */
export function pushKernel(c: BuiltConnection, l: ConnLayout, counts: number, spikes: number): GpuKernel {
  const u = new Uniforms();
  const head = [
    'let q = wid.x + wid.y * nwg.x;',
    `if (q >= atomicLoad(&A[${u.u32(counts)} + S.k])) { return; }`,
    `let pre = I[${u.u32(spikes)} + q];`,
  ];
  const pending = u.u32(l.pending);
  const buckets = u.u32(l.buckets);
  const body =
    l.format === 'csr'
      ? [
          `let end = C[${u.u32(l.row)} + pre + 1u];`,
          `for (var j = C[${u.u32(l.row)} + pre] + lid; j < end; j = j + 64u) {`,
          `  let post = C[${u.u32(l.post)} + j];`,
          `  let slot = atomicAdd(&A[${pending} + post], 1u);`,
          `  I[${buckets} + C[${u.u32(l.inStart)} + post] + slot] = j;`,
          '}',
        ]
      : [
          `let n_post = ${u.u32(l.nPost)};`,
          `let row = ${u.u32(l.weights)} + pre * n_post;`,
          'for (var post = lid; post < n_post; post = post + 64u) {',
          '  if (bitcast<f32>(C[row + post]) != 0.0f) {',
          `    let slot = atomicAdd(&A[${pending} + post], 1u);`,
          `    I[${buckets} + post * ${u.u32(l.nPre)} + slot] = pre;`,
          '  }',
          '}',
        ];
  return { label: `connection ${c.name}`, source: gridKernel(u, [], [...head, ...body]), uniforms: u, layout: 'main' };
}

/** Turns this step's spike count of each connection's source into its push dispatch size. */
export function finalizeKernel(countOffsets: readonly number[]): GpuKernel {
  const u = new Uniforms();
  for (const c of countOffsets) u.u32(c);
  const n = countOffsets.length;
  const source = [
    header(u, 'finalize'),
    '@compute @workgroup_size(64)',
    'fn main(@builtin(global_invocation_id) gid: vec3<u32>) {',
    '  let c = gid.x;',
    `  if (c >= ${n}u) { return; }`,
    '  let count = atomicLoad(&A[P[c >> 2u][c & 3u] + S.k]);',
    '  D[3u * c] = min(count, 65535u);',
    '  D[3u * c + 1u] = max(1u, (count + 65534u) / 65535u);',
    '  D[3u * c + 2u] = 1u;',
    '}',
  ].join('\n');
  return { label: 'finalize', source, uniforms: u, layout: 'finalize' };
}
