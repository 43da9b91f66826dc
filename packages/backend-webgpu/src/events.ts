import type { ConnLayout } from './layout.js';
import { Uniforms } from './uniforms.js';
import { gridKernel, header, indent, type GpuKernel } from './wgsl.js';

/**
 * Synaptic events on the GPU. After a step's populations, a `finalize` dispatch turns each push's
 * spike count into an indirect dispatch size, and one event-driven `push` per connection and delay
 * group (a workgroup per spike) appends synapse ids to per-target buckets. The target's next
 * population kernel applies them ({@link deliverEvents}) when it loads the synapse's states:
 * buckets are sorted by synapse id first, which is the CPU's order (delay group, then spike index,
 * then row), so float32 sums equal the CPU's whatever order the atomics gave. A group with delay
 * d pushes the spikes of step s − d + 1 at step s, so they act from step s + d, as on the CPU.
 */

/**
 * Applies the events a connection delivered to neuron `i` in the previous step: its bucket holds
 * synapse ids (CSR) or presynaptic indices (dense) in atomic order; an insertion sort restores
 * the CPU's order (spike index, then row position) before the synapse's `onPre` statements run
 * with the synapse's weight as `w`. A plastic connection (`plastic`, CSR) reads `w` from its
 * float32 weights in F and stores back what `onPre` assigned; `pre` is the synapse's presynaptic
 * neuron (plastic.ts).
 */
export function deliverEvents(l: ConnLayout, u: Uniforms, onPre: readonly string[], plastic?: { readonly weights: string; readonly pre: string }): string[] {
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
    ...(plastic ? [`      let pre = C[${plastic.pre} + key];`, `      var w = F[${plastic.weights} + key];`] : [`      let w = bitcast<f32>(${weight});`]),
    ...indent(onPre, '      '),
    ...(plastic ? [`      F[${plastic.weights} + key] = w;`] : []),
    '    }',
    `    atomicStore(&${pending}, 0u);`,
    '  }',
    '}',
  ];
}

/**
 * Where a push finds the spikes it propagates: those of step `S.step − lag` of its presynaptic
 * population (lag = delay − 1). A population with delays longer than one step (`slots` > 1) keeps
 * a ring of `slots` spike lists in I (slot = step % slots) and of their counts in A, which the
 * finalize dispatch fills from the per-chunk counter; otherwise its one list holds this step's.
 */
export interface SpikeSource {
  /** A: spike count of step k of the chunk at `counts + k`. */
  readonly counts: number;
  /** A: ring of spike counts (slot = step % slots), or -1 without one. */
  readonly ring: number;
  /** I: spike lists, `size` words per slot. */
  readonly spikes: number;
  /** Slots of the rings (1: no ring, this step's spikes only). */
  readonly slots: number;
  /** Neurons of the population. */
  readonly size: number;
}

/**
 * WGSL: the ring slot of step `S.step − lag` and its spike count, 0 before step `lag` (the CPU
 * skips propagation while s − d + 1 < 0). Shared by the finalize and push kernels, so both agree.
 */
const delayedCount = (ring: string, slots: string, lag: string): { slot: string; count: string } => {
  const slot = `(S.step + ${slots} - ${lag}) % ${slots}`;
  return { slot, count: `select(0u, atomicLoad(&A[${ring} + ${slot}]), S.step >= ${lag})` };
};

/**
 * Event-driven delivery of one delay group's spikes: a workgroup per spike of step
 * `S.step − (delay − 1)`, its threads over the group's row. Synapse ids are global over the
 * connection's groups, so the target's sort by id puts groups in ascending delay.
 */
export function pushKernel(
  name: string,
  l: ConnLayout,
  group: number,
  delay: number,
  src: SpikeSource,
  /** Extra work per spike (a plastic connection's presynaptic trace jumps), after `pre` is known. */
  onSpike?: (u: Uniforms) => { readonly declarations: readonly string[]; readonly lines: readonly string[] },
): GpuKernel {
  const u = new Uniforms();
  const lag = delay - 1;
  let head: string[];
  if (lag === 0) {
    head = [`if (q >= atomicLoad(&A[${u.u32(src.counts)} + S.k])) { return; }`, `let pre = I[${u.u32(src.spikes)} + ${src.slots > 1 ? `(S.step % ${u.u32(src.slots)}) * ${u.u32(src.size)} + ` : ''}q];`];
  } else {
    const at = delayedCount(u.u32(src.ring), u.u32(src.slots), u.u32(lag));
    head = [`if (q >= ${at.count}) { return; }`, `let pre = I[${u.u32(src.spikes)} + (${at.slot}) * ${u.u32(src.size)} + q];`];
  }
  const pending = u.u32(l.pending);
  const buckets = u.u32(l.buckets);
  const body =
    l.format === 'csr'
      ? [
          `let end = C[${u.u32(l.rows[group]!)} + pre + 1u];`,
          `for (var j = C[${u.u32(l.rows[group]!)} + pre] + lid; j < end; j = j + 64u) {`,
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
  const label = delay === 1 ? `connection ${name}` : `connection ${name} (delay ${delay})`;
  const extra = onSpike?.(u);
  return { label, source: gridKernel(u, extra?.declarations ?? [], ['let q = wid.x + wid.y * nwg.x;', ...head, ...(extra?.lines ?? []), ...body]), uniforms: u, layout: 'main' };
}

/**
 * Turns the spike count each push reads (its source's, `delay − 1` steps ago) into the push's
 * dispatch size, one thread per push. Each push's entry (per-chunk counter, ring, slots, lag) is
 * a row of four words in C (`constants`), so the number of pushes is bounded by C's binding, not
 * by a uniform block. Each thread of a population with a ring first stores this step's count in
 * the ring (pushes of the same source store the same value); a push with delay d > 1 reads
 * another slot (d − 1 < slots), so no thread reads what another writes.
 */
export function finalizeKernel(pushes: readonly { readonly src: SpikeSource; readonly delay: number }[], constants: (v: Uint32Array) => number): GpuKernel {
  const u = new Uniforms();
  const table = u.u32(constants(Uint32Array.from(pushes.flatMap(({ src, delay }) => [src.counts, src.ring >>> 0, src.slots > 1 ? src.slots : 0, delay - 1]))));
  const n = u.u32(pushes.length);
  const at = delayedCount('ring', 'slots', 'lag');
  const source = [
    header(u, 'finalize'),
    '@compute @workgroup_size(64)',
    'fn main(@builtin(global_invocation_id) gid: vec3<u32>) {',
    '  let c = gid.x;',
    `  if (c >= ${n}) { return; }`,
    `  let e = ${table} + 4u * c;`,
    '  let ring = C[e + 1u];',
    '  let slots = C[e + 2u];',
    '  let lag = C[e + 3u];',
    '  var count = atomicLoad(&A[C[e] + S.k]);',
    '  if (slots > 0u) {',
    '    atomicStore(&A[ring + S.step % slots], count);',
    `    if (lag > 0u) { count = ${at.count}; }`,
    '  }',
    '  D[3u * c] = min(count, 65535u);',
    '  D[3u * c + 1u] = max(1u, (count + 65534u) / 65535u);',
    '  D[3u * c + 2u] = 1u;',
    '}',
  ].join('\n');
  return { label: 'finalize', source, uniforms: u, layout: 'finalize' };
}
