import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpikeflowError, type PopulationRef, type Sign, type StateSink } from '@spikeflow/core';
import { MemoryByteSink, npyHeader, SPIKES_CSV_HEADER, SpikeWriter, StateWriter, SynapseWriter, type DataFormat, type WriterPosition } from '@spikeflow/monitors';
import { synapseOptions, type SynapseMonitorFile } from '@spikeflow/experiment-file';
import { FileByteSink } from './file-sink.js';
import { OutputLock } from './lock.js';
import type { CurrentTrace } from './currents.js';
import type { StateRequest } from '../prepare.js';

/** What a results directory holds; `spikeflow plot` reads it back. */
export interface Manifest {
  readonly title: string;
  readonly format: DataFormat;
  readonly dt: number;
  readonly seed: number;
  readonly steps: number;
  readonly stepsRun: number;
  readonly aborted: boolean;
  /** False while the run is going (written at each flush): the data files hold `stepsRun` steps. */
  readonly complete: boolean;
  readonly binSteps: number;
  readonly populations: readonly { readonly name: string; readonly size: number; readonly sign: Sign }[];
  readonly files: {
    /** Population → file; with CSV every population shares `spikes.csv`. */
    readonly spikes: Readonly<Record<string, string>>;
    readonly state: readonly { readonly population: string; readonly variable: string; readonly every: number; readonly file: string }[];
    readonly currents: Readonly<Record<string, { readonly file: string; readonly every: number }>>;
    /**
     * Synapse monitors: [rows × recorded synapses] of `variable`; with NPY, `columns` is an int32
     * [synapses × 3] file (synapse index, pre, post) naming each column (CSV: the header, JSON: the file).
     */
    readonly synapses?: readonly SynapseFileEntry[];
  };
}

/** One synapse monitor's file in a results directory. */
export interface SynapseFileEntry {
  readonly connection: string;
  readonly variable: string;
  readonly every: number;
  readonly file: string;
  readonly columns?: string;
  /** Sizes of the presynaptic and postsynaptic populations (for the weight matrix). */
  readonly nPre?: number;
  readonly nPost?: number;
}

/** `inputs->neuron` → `inputs-to-neuron`; anything but letters, digits, `_` and `-` → `_` (a safe file name part). */
export function fileSafe(name: string): string {
  return name.replaceAll('->', '-to-').replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * Where every data file stood at a flush: file sizes in bytes and rows per writer (`spikes:<population>`,
 * `state:<file>`). A checkpoint stores it; a resumed run cuts the files back to it and appends.
 */
export interface OutputPosition {
  readonly files: Readonly<Record<string, number>>;
  readonly rows: Readonly<Record<string, number>>;
}

/**
 * Streams a run's data into a directory as it is produced: spikes and requested state in the
 * chosen format. The directory is locked for this run. `flush()` makes every file complete up
 * to the current step (so a killed run leaves loadable files); `finish()` completes and closes
 * them, also after an interrupted run; `release()` drops the lock.
 */
export class ResultsWriter {
  readonly spikeWriters: SpikeWriter[] = [];
  private readonly stateWriters: { writer: StateWriter; request: StateRequest; file: string }[] = [];
  /** Synapse monitors streamed to files, with the NPY column file once written. */
  readonly synapseWriters: { writer: SynapseWriter; file: string; columns?: string }[] = [];
  private readonly sharedCsv: FileByteSink | undefined;
  readonly spikeFiles: Record<string, string> = {};
  private readonly lock: OutputLock;

  private readonly sinks = new Map<string, FileByteSink>();

  /** With `resume`, the directory's files are cut back to that position and continued. */
  constructor(
    readonly dir: string,
    readonly format: DataFormat,
    readonly dt: number,
    private readonly resume?: OutputPosition,
  ) {
    mkdirSync(dir, { recursive: true });
    this.lock = new OutputLock(dir, (pid) => console.error(`warning: --out ${dir}: taking over a stale lock${pid ? ` of pid ${pid}, which is no longer running` : ''}`));
    if (format === 'csv') {
      this.sharedCsv = this.sink('spikes.csv');
      if (!resume) this.sharedCsv.write(new TextEncoder().encode(SPIKES_CSV_HEADER));
    }
  }

  /** The sink of a data file: new, or when resuming, the file as it was at the checkpoint. */
  private sink(file: string): FileByteSink {
    const at = this.resume?.files[file];
    if (this.resume && at === undefined) throw new SpikeflowError('bad-resume', `${join(this.dir, file)}: the checkpoint does not know this file; the experiment records something else than when the run started`);
    const sink = new FileByteSink(join(this.dir, file), at);
    this.sinks.set(file, sink);
    return sink;
  }

  /** The writer's position to resume from, when resuming. */
  private resumeOf(key: string, file: string): { resume?: WriterPosition } {
    if (!this.resume) return {};
    return { resume: { rows: this.resume.rows[key] ?? 0, bytes: this.resume.files[file]! } };
  }

  /** Every data file's size and every writer's rows (call right after `flush`). */
  position(): OutputPosition {
    return {
      files: Object.fromEntries([...this.sinks].map(([file, sink]) => [file, sink.size()])),
      rows: Object.fromEntries([
        ...this.spikeWriters.map((w) => [`spikes:${w.population}`, w.count] as const),
        ...this.stateWriters.map((s) => [`state:${s.file}`, s.writer.rows] as const),
        ...this.synapseWriters.map((s) => [`synapses:${s.file}`, s.writer.rows] as const),
      ]),
    };
  }

  /** A streaming spike sink for a population. */
  spikeSink(population: PopulationRef): SpikeWriter {
    const file = this.format === 'csv' ? 'spikes.csv' : `spikes_${population.name}.${this.format}`;
    const sink = this.sharedCsv ?? this.sink(file);
    const writer = new SpikeWriter(population, sink, { format: this.format, dt: this.dt, shared: this.format === 'csv', ...this.resumeOf(`spikes:${population.name}`, file) });
    this.spikeWriters.push(writer);
    this.spikeFiles[population.name] = file;
    return writer;
  }

  /** A streaming sink for a state recording. */
  stateSink(request: StateRequest): StateSink {
    const file = `state_${request.population.name}_${request.variable}.${this.format}`;
    const writer = new StateWriter(request.population, request.variable, this.sink(file), {
      ...this.resumeOf(`state:${file}`, file),
      format: this.format,
      dt: this.dt,
      every: request.every,
      ...(request.indices ? { indices: request.indices } : {}),
    });
    this.stateWriters.push({ writer, request, file });
    return writer;
  }

  /** A streaming sink for a synapse monitor of an experiment file: `synapses_<connection>_<variable>[_<k>].<format>`. */
  synapseSink(m: SynapseMonitorFile): SynapseWriter {
    const base = `synapses_${fileSafe(m.connection)}_${fileSafe(m.variable ?? 'w')}`;
    const taken = this.synapseWriters.filter((s) => s.file.startsWith(base)).length;
    const file = `${base}${taken ? `_${taken + 1}` : ''}.${this.format}`;
    const writer = new SynapseWriter(m.connection, this.sink(file), { format: this.format, dt: this.dt, ...synapseOptions(m), ...this.resumeOf(`synapses:${file}`, file) });
    this.synapseWriters.push({ writer, file });
    return writer;
  }

  /** NPY synapse files: writes each one's column file (synapse, pre, post) once the network is built. */
  private writeSynapseColumns(): void {
    if (this.format !== 'npy') return;
    for (const s of this.synapseWriters) {
      if (s.columns || !s.writer.attached) continue;
      const { synapses, pre, post } = s.writer.columns();
      const data = new Int32Array(synapses.length * 3);
      synapses.forEach((k, c) => data.set([k, pre[c]!, post[c]!], c * 3));
      s.columns = s.file.replace(/\.npy$/, '_columns.npy');
      const header = npyHeader('<i4', [synapses.length, 3]);
      const bytes = new Uint8Array(header.length + data.byteLength);
      bytes.set(header);
      bytes.set(new Uint8Array(data.buffer), header.length);
      writeFileSync(join(this.dir, s.columns), bytes);
    }
  }

  /** Synapse monitor files for the manifest. */
  synapseFiles(): SynapseFileEntry[] {
    return this.synapseWriters.map((s) => {
      const sizes = s.writer.attached ? s.writer.columns() : undefined;
      return {
        connection: s.writer.connection,
        variable: s.writer.variable,
        every: s.writer.every,
        file: s.file,
        ...(s.columns ? { columns: s.columns } : {}),
        ...(sizes ? { nPre: sizes.nPre, nPost: sizes.nPost } : {}),
      };
    });
  }

  /** Writes a population's input current (decimated) in the run's format. */
  writeCurrents(population: PopulationRef, trace: CurrentTrace): { file: string; every: number } {
    const file = `currents_${population.name}.${this.format}`;
    const every = trace.steps.length > 1 ? trace.steps[1]! - trace.steps[0]! : 1;
    const sink = new MemoryByteSink();
    const writer = new StateWriter(population, 'I', sink, { format: this.format, dt: this.dt, every });
    for (let r = 0; r < trace.steps.length; r++) writer.onState(trace.steps[r]!, trace.values.subarray(r * trace.size, (r + 1) * trace.size));
    writer.finish();
    writeFileSync(join(this.dir, file), sink.bytes());
    return { file, every };
  }

  /** Makes every data file complete and loadable up to now (call at a step boundary). */
  flush(): void {
    for (const w of this.spikeWriters) w.flush();
    for (const s of this.stateWriters) s.writer.flush();
    for (const s of this.synapseWriters) s.writer.flush();
    this.writeSynapseColumns();
  }

  /** Writes `<dir>/<name>` as JSON atomically (a killed process leaves the old or the new file, never half). */
  writeJson(name: string, value: object): void {
    const path = join(this.dir, name);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }

  /** Removes the output lock. Idempotent. */
  release(): void {
    this.lock.release();
  }

  /** Completes every data file (NPY shapes, JSON brackets) and closes them. Idempotent. */
  finish(): void {
    for (const w of this.spikeWriters) w.finish();
    for (const s of this.stateWriters) s.writer.finish();
    for (const s of this.synapseWriters) s.writer.finish();
    this.writeSynapseColumns();
    this.sharedCsv?.close();
  }

  stateFiles(): Manifest['files']['state'] {
    return this.stateWriters.map((s) => ({ population: s.request.population.name, variable: s.request.variable, every: s.request.every, file: s.file }));
  }
}
