import { SpikeflowError } from '../errors.js';
import type { BuiltNetwork } from './types.js';

/**
 * A simulation's complete state at a step boundary: every state, refractory and spike buffer by
 * name, and the step (the counter of the counter-based random generator, so no further RNG state
 * exists). `network` is the fingerprint of the built network (seed, dt, models, parameters,
 * connectivity, stimuli): restoring into any other network is a `CheckpointError`.
 */
export interface Checkpoint {
  /** Format version ({@link CHECKPOINT_VERSION}); another version is refused with `bad-version`. */
  readonly version: typeof CHECKPOINT_VERSION;
  /** {@link networkFingerprint} of the built network the state belongs to. */
  readonly network: string;
  /** Backend family that wrote it (`cpu`, `webgpu`): the buffers' layout is the backend's. */
  readonly backend: string;
  /** Steps simulated when it was taken. */
  readonly step: number;
  /** The backend's state arrays, by name; restoring checks every name, type and length. */
  readonly buffers: readonly CheckpointBuffer[];
}

/** One named array of a checkpoint (a state variable, refractory counters, last step's spikes, a GPU region). */
export interface CheckpointBuffer {
  /** The backend's name for the array, e.g. a state buffer's plan name or `ep1#spikes`. */
  readonly name: string;
  /** The values, in the backend's own number type (an f32 checkpoint does not load into f64). */
  readonly data: Float64Array | Float32Array | Int32Array | Uint32Array;
}

/** Version of the checkpoint format this build writes and reads. */
export const CHECKPOINT_VERSION = 1;

/** A checkpoint that is unreadable, of another version, or of another network or backend. */
export class CheckpointError extends SpikeflowError {
  constructor(code: string, detail: string) {
    super(code, `checkpoint: ${detail}`);
    this.name = 'CheckpointError';
  }
}

const MAGIC = 'SPIKEFLOW-CKPT\n';
const DTYPES = { f64: Float64Array, f32: Float32Array, i32: Int32Array, u32: Uint32Array } as const;
type DType = keyof typeof DTYPES;
const dtypeOf = (a: CheckpointBuffer['data']): DType => (a instanceof Float64Array ? 'f64' : a instanceof Float32Array ? 'f32' : a instanceof Int32Array ? 'i32' : 'u32');

/**
 * Bytes of a checkpoint: the magic line, a JSON header (version, fingerprint, step, buffer names,
 * types and lengths) padded to 8 bytes, then each buffer's little-endian contents, 8-aligned.
 */
export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  let at = 0;
  const entries = c.buffers.map((b) => {
    const e = { name: b.name, dtype: dtypeOf(b.data), length: b.data.length, offset: at };
    at += align8(b.data.byteLength);
    return e;
  });
  const header = new TextEncoder().encode(JSON.stringify({ version: c.version, network: c.network, backend: c.backend, step: c.step, buffers: entries }));
  const head = align8(MAGIC.length + 4 + header.length);
  const out = new Uint8Array(head + at);
  out.set(new TextEncoder().encode(MAGIC));
  new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  c.buffers.forEach((b, k) => out.set(new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength), head + entries[k]!.offset));
  return out;
}

/** Reads bytes written by {@link encodeCheckpoint}; anything else is a named `CheckpointError`. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) throw new CheckpointError('not-a-checkpoint', 'the data does not start with the spikeflow checkpoint marker');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.length >= MAGIC.length + 4 ? view.getUint32(MAGIC.length, true) : -1;
  if (length < 0 || MAGIC.length + 4 + length > bytes.length) throw new CheckpointError('truncated', 'the header is cut short');
  let header: { version?: unknown; network?: unknown; backend?: unknown; step?: unknown; buffers?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length)));
  } catch {
    throw new CheckpointError('bad-header', 'the header is not valid JSON');
  }
  if (header.version !== CHECKPOINT_VERSION) throw new CheckpointError('bad-version', `version ${String(header.version)} is not supported; this spikeflow reads version ${CHECKPOINT_VERSION}`);
  if (typeof header.network !== 'string' || typeof header.backend !== 'string' || !Number.isSafeInteger(header.step) || (header.step as number) < 0 || !Array.isArray(header.buffers)) {
    throw new CheckpointError('bad-header', 'expected network, backend, step and buffers in the header');
  }
  const head = align8(MAGIC.length + 4 + length);
  const buffers = (header.buffers as unknown[]).map((e, k): CheckpointBuffer => {
    const { name, dtype, length: n, offset } = (e ?? {}) as { name?: unknown; dtype?: unknown; length?: unknown; offset?: unknown };
    if (typeof name !== 'string' || typeof dtype !== 'string' || !(dtype in DTYPES) || !Number.isSafeInteger(n) || !Number.isSafeInteger(offset)) {
      throw new CheckpointError('bad-header', `buffer ${k}: expected name, dtype (f64, f32, i32, u32), length and offset`);
    }
    const Ctor = DTYPES[dtype as DType];
    const start = head + (offset as number);
    const end = start + (n as number) * Ctor.BYTES_PER_ELEMENT;
    if ((offset as number) < 0 || (offset as number) % 8 !== 0 || end > bytes.length) throw new CheckpointError('truncated', `buffer ${name} lies outside the data`);
    // Copy: the bytes may not be aligned for the typed array, and the caller may reuse them.
    const data = new Ctor(n as number);
    new Uint8Array(data.buffer).set(bytes.subarray(start, end));
    return { name, data };
  });
  return { version: CHECKPOINT_VERSION, network: header.network, backend: header.backend, step: header.step as number, buffers };
}

/**
 * Copies a checkpoint's buffers into a simulation's live arrays, after checking that it belongs to
 * this network (`fingerprint`) and backend and holds exactly these buffers, of the same types and lengths.
 */
export function checkCheckpoint(c: Checkpoint, fingerprint: string, backend: string, targets: readonly CheckpointBuffer[]): void {
  checkFingerprint(c, fingerprint);
  if (c.backend !== backend) throw new CheckpointError('other-backend', `it was written by the ${c.backend} backend; this simulation runs on ${backend}`);
  const byName = new Map(c.buffers.map((b) => [b.name, b]));
  for (const t of targets) {
    const b = byName.get(t.name);
    if (!b) throw new CheckpointError('missing-buffer', `it has no buffer '${t.name}'`);
    if (dtypeOf(b.data) !== dtypeOf(t.data) || b.data.length !== t.data.length) {
      throw new CheckpointError('buffer-mismatch', `buffer '${t.name}' holds ${b.data.length} ${dtypeOf(b.data)} values; this simulation has ${t.data.length} ${dtypeOf(t.data)} (another number format?)`);
    }
  }
  if (c.buffers.length !== targets.length) {
    const known = new Set(targets.map((t) => t.name));
    throw new CheckpointError('extra-buffer', `it has buffers this simulation lacks: ${c.buffers.filter((b) => !known.has(b.name)).map((b) => b.name).join(', ')}`);
  }
}

/** Checks a checkpoint's version and that it belongs to the network with this {@link networkFingerprint}. */
export function checkFingerprint(c: Checkpoint, fingerprint: string): void {
  if (c.version !== CHECKPOINT_VERSION) throw new CheckpointError('bad-version', `version ${String(c.version)} is not supported; this spikeflow reads version ${CHECKPOINT_VERSION}`);
  if (c.network !== fingerprint) {
    throw new CheckpointError('other-network', `it was taken of another network (fingerprint ${c.network}, this one is ${fingerprint}): the seed, dt, models, parameters, sizes, connectivity or stimuli differ`);
  }
}

/**
 * A fingerprint of everything that decides a built network's dynamics: dt, seed, each model
 * definition, resolved parameters and initial states, synapse tables and stimuli (a 64-bit
 * FNV-1a hash, hex). Monitors are left out: recording does not change the dynamics.
 */
export function networkFingerprint(net: BuiltNetwork): string {
  const h = new Fnv64();
  h.text(`dt=${net.dt};seed=${net.seed}`);
  const instance = (label: string, inst: BuiltNetwork['populations'][number]['instance']) => {
    h.text(`${label};${inst.size};${inst.model.integrator};${JSON.stringify(inst.model.definition)}`);
    for (const [name, v] of inst.values) h.value(name, v);
    for (const [name, v] of inst.initial) h.value(`init ${name}`, v);
    if (inst.refractorySteps !== undefined) h.value('refractory', inst.refractorySteps);
  };
  for (const p of net.populations) instance(`population ${p.name} ${p.sign}`, p.instance);
  for (const c of net.connections) {
    instance(`connection ${c.name} ${c.pre}->${c.post}.${c.input} ${c.sign}`, c.synapse);
    const t = c.table;
    h.text(`${t.format} ${t.nPre}x${t.nPost}`);
    if (t.format === 'csr') {
      h.array(t.rowStart);
      h.array(t.post);
    }
    h.array(t.weights);
    // One step is the default delay: networks without delays keep the fingerprints they had.
    if (typeof c.delay !== 'number') h.array(c.delay);
    else if (c.delay !== 1) h.text(`delay ${c.delay}`);
  }
  for (const s of net.stimuli) {
    h.text(`stimulus ${s.name} ${s.population}.${s.input} ${s.kind}`);
    if (s.kind === 'model') {
      h.text(`stream ${s.stream}`);
      instance('source', s.instance);
    }
    if (s.kind === 'array') {
      h.text(`steps ${s.steps}`);
      h.array(s.data);
    }
    if (s.kind === 'poisson-input') h.text(`${s.variable} n ${s.n} p ${s.p} weight ${s.weight} stream ${s.stream}`);
    if (s.kind === 'events') {
      h.text(`period ${s.periodSteps} value ${s.value}`);
      h.array(s.offsets);
      h.array(s.steps);
    }
  }
  return h.hex();
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** 64-bit FNV-1a over bytes, in two 32-bit halves (no BigInt in the loop). */
class Fnv64 {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;

  text(s: string): void {
    this.bytes(new TextEncoder().encode(`${s}\u0000`));
  }

  /** A named number, or a named array of numbers. */
  value(name: string, v: number | Float64Array): void {
    if (typeof v === 'number') return this.text(`${name}=${v}`);
    this.text(name);
    this.array(v);
  }

  array(a: Float64Array | Float32Array | Uint32Array | Int32Array): void {
    this.bytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }

  private bytes(b: Uint8Array): void {
    let { hi, lo } = this;
    for (let k = 0; k < b.length; k++) {
      lo ^= b[k]!;
      // Multiply by the FNV prime 2^40 + 0x1b3, modulo 2^64.
      const l = lo * 0x1b3;
      const carry = Math.floor(l / 0x100000000);
      hi = (hi * 0x1b3 + (lo << 8) + carry) >>> 0;
      lo = l >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
  }

  hex(): string {
    return (this.hi >>> 0).toString(16).padStart(8, '0') + (this.lo >>> 0).toString(16).padStart(8, '0');
  }
}
