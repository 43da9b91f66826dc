// Over 400 lines on purpose: the chunked run loop, read-backs and checkpoints share this class's GPU buffers and host mirrors; splitting them would expose that private state.
import { ConfigError, type Checkpoint, type CheckpointBuffer, type RunOptions, type RunResult, type Simulation, type SpikeSink } from '@spikeflow/core';
import { checkCheckpoint, checkRunLength, findConnection, networkFingerprint, readSynapseVariable, runInChunks, synapseWeights, weightTable, type BuiltNetwork, type SynapseTable } from '@spikeflow/core/backend';
import { layoutsFor, MAP_READ, pipelineFor, USAGE } from './pipelines.js';
import { buildProgram, type Program } from './program.js';
import { STEP_RECORD_BYTES, WORKGROUP, type GpuKernel } from './wgsl.js';

export interface SimulationSettings {
  /** Largest number of steps in one queue submission. */
  readonly maxChunk: number;
  /** Bound, in 32-bit words, on each chunk-sized region (spike streams, array rows, state rows). */
  readonly regionWords: number;
}

interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly x: number;
  readonly y: number;
}

/** Spike counts per population, per step of the last chunk and in total. */
export interface SpikeTotals {
  readonly [population: string]: number;
}

/**
 * A network on the GPU. `run` encodes up to `maxChunk` steps per queue submission (no read-back
 * inside a chunk), then reads the chunk's spike counts, spike streams and state rows back in one
 * or two copies and replays them into the monitors in step order, as the CPU backend calls them.
 */
export class WebGpuSimulation implements Simulation {
  private step = 0;
  private fingerprint: string | undefined;
  private disposed = false;
  private readonly buffers: GPUBuffer[] = [];
  private readonly F: GPUBuffer;
  private readonly A: GPUBuffer;
  private readonly I: GPUBuffer;
  private readonly stepBuffer: GPUBuffer;
  private readonly stride: number;
  private readonly key: [number, number];
  private readonly totals = new Map<string, number>();
  private mirror = new Map<string, Map<string, Float64Array>>();
  private readonly stateUniforms: GPUBuffer[] = [];
  private popDispatch: Dispatch[] = [];
  /** Summed expressions (gap junctions): dispatched before the populations in every step. */
  private summedDispatch: Dispatch[] = [];
  private pushDispatch: (Omit<Dispatch, 'x' | 'y'> & { readonly pre: number })[] = [];
  private finalizeDispatch: Dispatch | undefined;
  private monitorDispatch: Dispatch[] = [];
  private plasticDispatch: Dispatch[] = [];
  /** Current weights of each plastic connection (float32, internal unit), read back after every run. */
  private plasticWeights = new Map<string, Float32Array>();
  private indirect: GPUBuffer | undefined;

  private constructor(
    private readonly device: GPUDevice,
    private readonly net: BuiltNetwork,
    /** The GPU program: buffer layout and kernels (for inspection and tests). */
    readonly program: Program,
  ) {
    const align = Math.max(device.limits.minUniformBufferOffsetAlignment, STEP_RECORD_BYTES);
    this.stride = Math.ceil(STEP_RECORD_BYTES / align) * align;
    this.key = [net.seed >>> 0, Math.floor(net.seed / 4294967296) >>> 0];
    const storage = USAGE.STORAGE | USAGE.COPY_DST | USAGE.COPY_SRC;
    this.F = this.buffer('F', program.floats.byteLength, storage, program.floats);
    this.A = this.buffer('A', program.atomics * 4, storage);
    this.I = this.buffer('I', program.ints * 4, storage);
    this.stepBuffer = this.buffer('steps', program.maxChunk * this.stride, USAGE.UNIFORM | USAGE.COPY_DST);
    for (const p of program.populations) this.totals.set(p.name, 0);
  }

  /** Builds the GPU program, uploads it and compiles (or reuses) its pipelines. */
  static async create(device: GPUDevice, net: BuiltNetwork, settings: SimulationSettings): Promise<WebGpuSimulation> {
    const program = buildProgram(net, {
      maxChunk: settings.maxChunk,
      regionWords: settings.regionWords,
      maxBindingBytes: device.limits.maxStorageBufferBindingSize,
    });
    const sim = new WebGpuSimulation(device, net, program);
    await sim.prepare();
    return sim;
  }

  private buffer(label: string, bytes: number, usage: number, init?: ArrayBufferView): GPUBuffer {
    const size = Math.max(16, Math.ceil(bytes / 4) * 4);
    if (size > this.device.limits.maxBufferSize) {
      throw new ConfigError('too-large', `webgpu buffer ${label}`, `needs ${size} bytes; this device allows ${this.device.limits.maxBufferSize} (maxBufferSize)`);
    }
    const b = this.device.createBuffer({ label: `spikeflow ${label}`, size, usage });
    if (init) this.device.queue.writeBuffer(b, 0, init.buffer, init.byteOffset, init.byteLength);
    this.buffers.push(b);
    return b;
  }

  private async prepare(): Promise<void> {
    const { device, program } = this;
    const layouts = layoutsFor(device);
    const C = this.buffer('C', program.constants.byteLength, USAGE.STORAGE | USAGE.COPY_DST, program.constants);
    const uniform = (k: GpuKernel) => this.buffer(`${k.label} uniforms`, k.uniforms.rows * 16, USAGE.UNIFORM | USAGE.COPY_DST, k.uniforms.toArray());
    const mainGroup = (k: GpuKernel, params: GPUBuffer) =>
      device.createBindGroup({
        label: k.label,
        layout: layouts.main,
        entries: [
          { binding: 0, resource: { buffer: this.stepBuffer, size: STEP_RECORD_BYTES } },
          { binding: 1, resource: { buffer: params } },
          { binding: 2, resource: { buffer: this.F } },
          { binding: 3, resource: { buffer: this.A } },
          { binding: 4, resource: { buffer: this.I } },
          { binding: 5, resource: { buffer: C } },
        ],
      });
    const maxDim = device.limits.maxComputeWorkgroupsPerDimension;
    const grid = (threads: number) => {
      const groups = Math.max(1, Math.ceil(threads / WORKGROUP));
      const x = Math.min(groups, maxDim);
      return { x, y: Math.ceil(groups / x) };
    };
    device.pushErrorScope('validation');
    const pops = await Promise.all(program.populations.map((p) => pipelineFor(device, p.kernel)));
    this.popDispatch = program.populations.map((p, k) => ({ pipeline: pops[k]!, bindGroup: mainGroup(p.kernel, uniform(p.kernel)), ...grid(p.size) }));
    const summed = await Promise.all(program.summed.map((s) => pipelineFor(device, s.kernel)));
    this.summedDispatch = program.summed.map((s, k) => ({ pipeline: summed[k]!, bindGroup: mainGroup(s.kernel, uniform(s.kernel)), ...grid(s.size) }));
    const pushes = await Promise.all(program.connections.map((c) => pipelineFor(device, c.kernel)));
    this.pushDispatch = program.connections.map((c, k) => ({
      pipeline: pushes[k]!,
      bindGroup: mainGroup(c.kernel, uniform(c.kernel)),
      pre: program.populations.findIndex((p) => p.name === c.pre),
    }));
    if (program.finalize) {
      const k = program.finalize;
      this.indirect = this.buffer('indirect', program.connections.length * 12, USAGE.STORAGE | USAGE.INDIRECT);
      const bindGroup = device.createBindGroup({
        label: k.label,
        layout: layouts.finalize,
        entries: [
          { binding: 0, resource: { buffer: this.stepBuffer, size: STEP_RECORD_BYTES } },
          { binding: 1, resource: { buffer: uniform(k) } },
          { binding: 3, resource: { buffer: this.A } },
          { binding: 5, resource: { buffer: C } },
          { binding: 6, resource: { buffer: this.indirect } },
        ],
      });
      this.finalizeDispatch = { pipeline: await pipelineFor(device, k), bindGroup, ...grid(program.connections.length) };
    }
    const mons = await Promise.all(program.stateMonitors.map((m) => pipelineFor(device, m.kernel)));
    this.monitorDispatch = program.stateMonitors.map((m, k) => {
      const params = uniform(m.kernel);
      this.stateUniforms.push(params);
      return { pipeline: mons[k]!, bindGroup: mainGroup(m.kernel, params), ...grid(m.width) };
    });
    const plastic = await Promise.all(program.plastic.map((p) => pipelineFor(device, p.kernel)));
    this.plasticDispatch = program.plastic.map((p, k) => ({ pipeline: plastic[k]!, bindGroup: mainGroup(p.kernel, uniform(p.kernel)), ...grid(p.nPost) }));
    const error = await device.popErrorScope();
    if (error) throw new Error(`internal: WebGPU rejected the simulation's resources: ${error.message}`);
    await this.readMirror();
  }

  get currentStep(): number {
    return this.step;
  }

  /** Spikes per population since the simulation was created (from the per-step counters). */
  spikeTotals(): SpikeTotals {
    return Object.fromEntries(this.totals);
  }

  /**
   * Advances `steps` steps, up to `maxChunk` per queue submission; monitors receive every step
   * once its chunk is read back. Honours `options.signal` between chunks.
   */
  async run(steps: number, options: RunOptions = {}): Promise<RunResult> {
    if (this.disposed) throw new Error('this simulation was disposed');
    checkRunLength(this.program.arrays, this.step, steps);
    const plastic = new Set(this.program.plastic.map((p) => p.name));
    const watchesPlastic = this.net.monitors.some((m) => m.kind === 'synapses' && plastic.has(m.connection));
    const result = await runInChunks(
      this.net.monitors,
      steps,
      options,
      async (n) => {
        // A chunk may span several submissions of at most maxChunk steps.
        for (let left = n; left > 0; ) {
          const m = Math.min(left, this.program.maxChunk);
          await this.advance(m);
          left -= m;
        }
        // A synapse monitor reads the weights right after this part: plastic ones live on the GPU.
        if (watchesPlastic) await this.readMirror();
      },
      () => this.step,
      (c, v, at) => this.synapseValues(c, v, at),
    );
    await this.readMirror();
    return result;
  }

  /** Encodes `count` steps into one submission, then reads the chunk's records back. */
  private async advance(count: number): Promise<void> {
    const { device, program, net } = this;
    const s0 = this.step;
    const queue = device.queue;
    const records = new ArrayBuffer(count * this.stride);
    const u = new Uint32Array(records);
    const f = new Float32Array(records);
    const w = this.stride / 4;
    for (let k = 0; k < count; k++) {
      u[k * w] = s0 + k;
      f[k * w + 1] = (s0 + k) * net.dt;
      u[k * w + 2] = k;
      f[k * w + 3] = net.dt;
      u[k * w + 4] = this.key[0];
      u[k * w + 5] = this.key[1];
    }
    queue.writeBuffer(this.stepBuffer, 0, records);
    for (const a of program.arrays) {
      const rows = Float32Array.from(a.data.subarray(s0 * a.size, (s0 + count) * a.size));
      queue.writeBuffer(this.F, a.offset * 4, rows);
    }
    for (const x of program.externals) queue.writeBuffer(this.F, x.offset * 4, Float32Array.from(x.buffer));
    const due: number[][] = program.stateMonitors.map((m, k) => {
      const steps: number[] = [];
      for (let s = Math.ceil(s0 / m.every) * m.every; s < s0 + count; s += m.every) steps.push(s);
      if (steps.length > 0) queue.writeBuffer(this.stateUniforms[k]!, m.firstSlot * 4, Uint32Array.of(steps[0]!));
      return steps;
    });

    device.pushErrorScope('validation');
    const encoder = device.createCommandEncoder({ label: `steps ${s0}..${s0 + count - 1}` });
    encoder.clearBuffer(this.A, 0, program.resetWords * 4);
    const pass = encoder.beginComputePass();
    const dynamic = [0];
    const first = [...this.summedDispatch, ...this.popDispatch];
    for (let k = 0; k < count; k++) {
      dynamic[0] = k * this.stride;
      for (const d of first) {
        pass.setPipeline(d.pipeline);
        pass.setBindGroup(0, d.bindGroup, dynamic);
        pass.dispatchWorkgroups(d.x, d.y);
      }
      if (this.finalizeDispatch) {
        const d = this.finalizeDispatch;
        pass.setPipeline(d.pipeline);
        pass.setBindGroup(0, d.bindGroup, dynamic);
        pass.dispatchWorkgroups(d.x, d.y);
        this.pushDispatch.forEach((p, c) => {
          pass.setPipeline(p.pipeline);
          pass.setBindGroup(0, p.bindGroup, dynamic);
          pass.dispatchWorkgroupsIndirect(this.indirect!, c * 12);
        });
      }
      const step = s0 + k;
      program.stateMonitors.forEach((m, j) => {
        if (step % m.every !== 0) return;
        const d = this.monitorDispatch[j]!;
        pass.setPipeline(d.pipeline);
        pass.setBindGroup(0, d.bindGroup, dynamic);
        pass.dispatchWorkgroups(d.x, d.y);
      });
      // Plasticity after the monitors: the CPU records states before propagation, which writes the weights.
      for (const d of this.plasticDispatch) {
        pass.setPipeline(d.pipeline);
        pass.setBindGroup(0, d.bindGroup, dynamic);
        pass.dispatchWorkgroups(d.x, d.y);
      }
    }
    pass.end();

    // Read-back: spike counters, then state rows, into one staging buffer.
    const parts: { src: GPUBuffer; offset: number; bytes: number }[] = [{ src: this.A, offset: 0, bytes: program.resetWords * 4 }];
    program.stateMonitors.forEach((m, k) => parts.push({ src: this.F, offset: m.out * 4, bytes: due[k]!.length * m.width * 4 }));
    const words = await this.readBack(encoder, parts);
    const error = await device.popErrorScope();
    if (error) throw new Error(`internal: WebGPU rejected a command: ${error.message}`);

    const counts = words[0]!;
    const spikeCounts = program.populations.map((p) => counts.subarray(p.counts, p.counts + count));
    program.populations.forEach((p, k) => {
      let sum = 0;
      for (const c of spikeCounts[k]!) sum += c;
      this.totals.set(p.name, this.totals.get(p.name)! + sum);
    });

    // Spike streams: a second copy of just the part that was written.
    const streamed = program.populations.map((p, k) => ({ p, k })).filter(({ p }) => p.stream >= 0);
    const streams = new Map<string, Uint32Array>();
    if (streamed.length > 0) {
      const enc = device.createCommandEncoder();
      const got = await this.readBack(
        enc,
        streamed.map(({ p }) => ({ src: this.I, offset: p.stream * 4, bytes: counts[p.streamCount]! * 4 })),
      );
      streamed.forEach(({ p }, j) => streams.set(p.name, got[j]!));
    }

    // Replay into the sinks, step by step: spike sinks, then state sinks, as the CPU does.
    const spikeSinks = net.monitors.filter((m): m is SpikeSink => m.kind === 'spikes');
    const popIndex = new Map(program.populations.map((p, k) => [p.name, k]));
    const cursor = new Map<string, number>();
    const scratch = new Map<string, Int32Array>();
    const stateRows = words.slice(1);
    const rowAt = program.stateMonitors.map(() => 0);
    for (let k = 0; k < count; k++) {
      const step = s0 + k;
      const stepSpikes = new Map<string, { list: Int32Array; n: number }>();
      for (const [name, stream] of streams) {
        const c = spikeCounts[popIndex.get(name)!]![k]!;
        const at = cursor.get(name) ?? 0;
        cursor.set(name, at + c);
        let buf = scratch.get(name);
        if (!buf) {
          buf = new Int32Array(program.populations[popIndex.get(name)!]!.size);
          scratch.set(name, buf);
        }
        const list = buf.subarray(0, c);
        list.set(stream.subarray(at, at + c));
        list.sort();
        stepSpikes.set(name, { list: buf, n: c });
      }
      for (const sink of spikeSinks) {
        const s = stepSpikes.get(sink.population)!;
        sink.onSpikes(step, s.list, s.n);
      }
      program.stateMonitors.forEach((m, j) => {
        if (step % m.every !== 0) return;
        const row = rowAt[j]!++;
        const src = new Float32Array(stateRows[j]!.buffer, stateRows[j]!.byteOffset + row * m.width * 4, m.width);
        m.sink.onState(step, Float64Array.from(src));
      });
    }
    this.step += count;
  }

  /** Copies `parts` into one staging buffer after `encoder`'s work, submits, and maps it. */
  private async readBack(encoder: GPUCommandEncoder, parts: readonly { src: GPUBuffer; offset: number; bytes: number }[]): Promise<Uint32Array[]> {
    const offsets: number[] = [];
    let total = 0;
    for (const p of parts) {
      offsets.push(total);
      total += Math.ceil(p.bytes / 8) * 8;
    }
    const staging = this.device.createBuffer({ size: Math.max(8, total), usage: USAGE.MAP_READ | USAGE.COPY_DST });
    parts.forEach((p, k) => {
      if (p.bytes > 0) encoder.copyBufferToBuffer(p.src, p.offset, staging, offsets[k]!, p.bytes);
    });
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(MAP_READ);
    const all = new Uint32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    return parts.map((p, k) => all.subarray(offsets[k]! / 4, offsets[k]! / 4 + p.bytes / 4));
  }

  /** Reads every population's state back into the host copy `getState` returns. */
  private async readMirror(): Promise<void> {
    const parts: { src: GPUBuffer; offset: number; bytes: number }[] = [];
    const names: [string, string][] = [];
    for (const p of this.program.populations) {
      for (const [v, offset] of p.states) {
        parts.push({ src: this.F, offset: offset * 4, bytes: p.size * 4 });
        names.push([p.name, v]);
      }
    }
    for (const p of this.program.plastic) parts.push({ src: this.F, offset: p.weights * 4, bytes: p.count * 4 });
    const words = await this.readBack(this.device.createCommandEncoder(), parts);
    this.plasticWeights = new Map(
      this.program.plastic.map((p, k) => {
        const w = words[names.length + k]!;
        return [p.name, new Float32Array(w.buffer, w.byteOffset, w.length).slice()];
      }),
    );
    const mirror = new Map<string, Map<string, Float64Array>>();
    names.forEach(([pop, v], k) => {
      const w = words[k]!;
      const values = Float64Array.from(new Float32Array(w.buffer, w.byteOffset, w.length));
      if (!mirror.has(pop)) mirror.set(pop, new Map());
      mirror.get(pop)!.set(v, values);
    });
    this.mirror = mirror;
  }

  /** A copy of a state variable as of the end of the last `run` (float32 values). */
  getState(population: string, variable: string): Float64Array {
    const states = this.mirror.get(population);
    if (!states) throw new ConfigError('unknown-population', `getState(${population})`, `no population named '${population}'`);
    const values = states.get(variable);
    if (!values) throw new ConfigError('unknown-state', `getState(${population}, ${variable})`, `no state variable '${variable}'; known: ${[...states.keys()].join(', ')}`);
    return Float64Array.from(values);
  }

  /**
   * A copy of a connection's weights as of the end of the last `run`, in the synapse model's
   * weight unit (e.g. nS), as `CpuSimulation.weights` returns them: the table as built, with the
   * current (float32) weights of a plastic connection.
   *
   * @example
   * const { weights } = sim.weights('inputs->neuron'); // one per synapse, CSR order
   */
  weights(connection: string): SynapseTable {
    return weightTable(findConnection(this.net.connections, connection, `weights(${connection})`), this.plasticWeights.get(connection));
  }

  /** Checkpoints do not hold plastic state yet (as on the CPU backend). */
  private refusePlastic(what: string): void {
    if (this.program.plastic.length > 0) throw new ConfigError('unsupported', what, `checkpoints of plastic connections (${this.program.plastic.map((p) => p.name).join(', ')}) are not supported yet`);
  }

  /**
   * The complete state: the float, atomic and integer regions of the GPU program (states,
   * refractory counters, spike lists and counters, the rings of recent spikes that delayed
   * connections have still to deliver, pending events) as they are between runs, the spike
   * totals and the step (the counter of the random generator).
   */
  async checkpoint(): Promise<Checkpoint> {
    this.refusePlastic('checkpoint()');
    const regions = [this.F, this.A, this.I];
    const [f, a, i] = await this.readBack(this.device.createCommandEncoder(), regions.map((src) => ({ src, offset: 0, bytes: src.size })));
    const buffers: CheckpointBuffer[] = [
      { name: 'F', data: new Float32Array(f!.buffer, f!.byteOffset, f!.length).slice() },
      { name: 'A', data: a!.slice() },
      { name: 'I', data: i!.slice() },
      { name: 'totals', data: Float64Array.from(this.totals.values()) },
    ];
    return { version: 1, network: this.networkFingerprint(), backend: 'webgpu', step: this.step, buffers };
  }

  /** Loads a checkpoint of the same network taken by this backend. */
  async restore(c: Checkpoint): Promise<void> {
    if (this.disposed) throw new Error('this simulation was disposed');
    this.refusePlastic('restore()');
    const regions = { F: this.F, A: this.A, I: this.I };
    const targets: CheckpointBuffer[] = [
      { name: 'F', data: new Float32Array(this.F.size / 4) },
      { name: 'A', data: new Uint32Array(this.A.size / 4) },
      { name: 'I', data: new Uint32Array(this.I.size / 4) },
      { name: 'totals', data: new Float64Array(this.totals.size) },
    ];
    checkCheckpoint(c, this.networkFingerprint(), 'webgpu', targets);
    const byName = new Map(c.buffers.map((b) => [b.name, b.data]));
    for (const [name, buffer] of Object.entries(regions)) {
      const data = byName.get(name)!;
      this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    }
    const totals = byName.get('totals')!;
    [...this.totals.keys()].forEach((name, k) => this.totals.set(name, totals[k]!));
    this.step = c.step;
    await this.readMirror();
  }

  private networkFingerprint(): string {
    return (this.fingerprint ??= networkFingerprint(this.net));
  }

  /**
   * A per-synapse variable in synapse order: `w`, the weights as of the end of the last run or
   * run part (a run with a synapse monitor reads plastic weights back after each part it records).
   * With `indices` (synapse indices), one value per selected synapse in the order given, the same
   * numbers as the same entries of the whole read, scaled for those synapses only.
   *
   * @throws ConfigError `unknown-connection`, `unknown-variable`, `bad-synapse-index`.
   */
  synapseValues(connection: string, variable: string, indices?: ArrayLike<number>): Float64Array {
    return readSynapseVariable(this.net.connections, connection, variable, (c) => ({ w: (at) => synapseWeights(c, this.plasticWeights.get(c.name), at) }), indices);
  }

  /** Destroys the simulation's GPU buffers (not the device). Safe to call more than once. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const b of this.buffers) b.destroy();
    this.buffers.length = 0;
  }
}
