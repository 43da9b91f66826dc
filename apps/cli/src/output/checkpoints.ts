import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCheckpoint, SpikeflowError, type Checkpoint, type SpikeSink } from '@spikeflow/core';
import { readSpikes, type DataFormat } from '@spikeflow/monitors';
import type { OutputPosition } from './results.js';

/** The file in a results directory that says how to resume its run. */
export const RESUME_FILE = 'resume.json';

/** What `spikeflow resume` needs: the command to rebuild the run, its length and where to continue. */
export interface ResumeRecord<Flags> {
  readonly version: 1;
  /** `decision` or the experiment file's absolute path. */
  readonly experiment: string;
  readonly flags: Flags;
  /** Steps of the whole run. */
  readonly steps: number;
  /** Step of the checkpoint. */
  readonly step: number;
  /** The simulation state, a file next to this one. */
  readonly checkpoint: string;
  /** The data files as flushed at `step`. */
  readonly output: OutputPosition;
}

/** Writes a file so that a process killed at any moment leaves the old file or the new, never half of one. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const fd = openSync(`${path}.tmp`, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(`${path}.tmp`, path);
}

/**
 * Saves the simulation state as `checkpoint-<step>.sfck`, then points `resume.json` at it (each
 * written atomically, in this order, so resume.json always names a complete checkpoint), then
 * removes the previous checkpoint.
 */
export function saveCheckpoint<Flags>(dir: string, record: Omit<ResumeRecord<Flags>, 'checkpoint' | 'version'>, bytes: Uint8Array): void {
  const previous = readRecord<Flags>(dir)?.checkpoint;
  const checkpoint = `checkpoint-${record.step}.sfck`;
  writeAtomically(join(dir, checkpoint), bytes);
  writeAtomically(join(dir, RESUME_FILE), new TextEncoder().encode(`${JSON.stringify({ version: 1, ...record, checkpoint }, null, 2)}\n`));
  if (previous && previous !== checkpoint && existsSync(join(dir, previous))) unlinkSync(join(dir, previous));
}

/** Removes resume.json and its checkpoint (the run completed: nothing is left to resume). */
export function removeCheckpoints(dir: string): void {
  const record = readRecord(dir);
  if (!record) return;
  unlinkSync(join(dir, RESUME_FILE));
  if (existsSync(join(dir, record.checkpoint))) unlinkSync(join(dir, record.checkpoint));
}

function readRecord<Flags>(dir: string): ResumeRecord<Flags> | undefined {
  const path = join(dir, RESUME_FILE);
  if (!existsSync(path)) return undefined;
  let record: ResumeRecord<Flags>;
  try {
    record = JSON.parse(readFileSync(path, 'utf8')) as ResumeRecord<Flags>;
  } catch {
    throw new SpikeflowError('bad-resume', `${path}: not valid JSON`);
  }
  if (record?.version !== 1 || typeof record.experiment !== 'string' || typeof record.checkpoint !== 'string' || !Number.isSafeInteger(record.step) || !Number.isSafeInteger(record.steps) || typeof record.output?.files !== 'object') {
    throw new SpikeflowError('bad-resume', `${path}: expected version 1 with experiment, flags, steps, step, checkpoint and output`);
  }
  return record;
}

/** Reads `<dir>/resume.json` and the checkpoint it names; a directory without one is a named error. */
export function loadResume<Flags>(dir: string): { record: ResumeRecord<Flags>; checkpoint: Checkpoint } {
  if (!existsSync(dir)) throw new SpikeflowError('no-checkpoint', `${dir}: no such directory`);
  const record = readRecord<Flags>(dir);
  if (!record) {
    throw new SpikeflowError('no-checkpoint', `${dir}: no ${RESUME_FILE}; the run completed, or was started without --checkpoint-every, or was stopped before its first checkpoint`);
  }
  const path = join(dir, record.checkpoint);
  if (!existsSync(path)) throw new SpikeflowError('no-checkpoint', `${path}: the checkpoint named in ${RESUME_FILE} is missing`);
  const checkpoint = decodeCheckpoint(readFileSync(path));
  if (checkpoint.step !== record.step) throw new SpikeflowError('bad-resume', `${path}: holds step ${checkpoint.step}, ${RESUME_FILE} says ${record.step}`);
  return { record, checkpoint };
}

/**
 * Feeds the in-memory spike sinks (the summary's counters, the figure's monitors) the spikes the
 * files held at the checkpoint, step by step, as the simulation reported them.
 */
export function replaySpikes(dir: string, format: DataFormat, files: Readonly<Record<string, string>>, sinkSets: readonly Readonly<Record<string, SpikeSink>>[]): void {
  const populations = new Set(sinkSets.flatMap((set) => Object.keys(set)));
  for (const population of populations) {
    const file = files[population];
    if (!file) continue;
    const sinks = sinkSets.flatMap((set) => (set[population] ? [set[population]] : []));
    const bytes = readFileSync(join(dir, file));
    const { steps, neurons } = format === 'csv' ? csvRowsOf(bytes, population) : readSpikes(bytes, format, join(dir, file));
    for (let k = 0; k < steps.length; ) {
      let end = k;
      while (end < steps.length && steps[end] === steps[k]) end++;
      for (const sink of sinks) sink.onSpikes(steps[k]!, neurons.subarray(k, end), end - k);
      k = end;
    }
  }
}

/** One population's rows of the shared `population,step,time_ms,neuron` CSV file. */
function csvRowsOf(bytes: Uint8Array, population: string): { steps: Int32Array; neurons: Int32Array } {
  const steps: number[] = [];
  const neurons: number[] = [];
  const prefix = `${population},`;
  for (const line of new TextDecoder().decode(bytes).split('\n').slice(1)) {
    if (!line.startsWith(prefix)) continue;
    const cells = line.slice(prefix.length).split(',');
    steps.push(Number(cells[0]));
    neurons.push(Number(cells[2]));
  }
  return { steps: Int32Array.from(steps), neurons: Int32Array.from(neurons) };
}
