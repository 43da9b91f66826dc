import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpikeflowError, type PopulationRef, type Sign, type StateSink } from '@spikeflow/core';
import { MemoryByteSink, SPIKES_CSV_HEADER, SpikeWriter, StateWriter, type DataFormat, type WriterPosition } from '@spikeflow/monitors';
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
  };
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
      rows: Object.fromEntries([...this.spikeWriters.map((w) => [`spikes:${w.population}`, w.count] as const), ...this.stateWriters.map((s) => [`state:${s.file}`, s.writer.rows] as const)]),
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
    this.sharedCsv?.close();
  }

  stateFiles(): Manifest['files']['state'] {
    return this.stateWriters.map((s) => ({ population: s.request.population.name, variable: s.request.variable, every: s.request.every, file: s.file }));
  }
}
