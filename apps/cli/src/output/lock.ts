import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SpikeflowError } from '@spikeflow/core';

/** Name of the lock file a run keeps in its output directory. */
export const LOCK_FILE = '.spikeflow.lock';

/** True while a process with this pid exists (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One run per output directory: creates `<dir>/.spikeflow.lock` holding this process's pid
 * (O_EXCL, so two runs cannot both get it). A lock whose pid is no longer running (a run killed
 * with SIGKILL) is stale and taken over, with `onStale` told about it. `release()` removes it.
 */
export class OutputLock {
  readonly path: string;
  private held = false;

  constructor(dir: string, onStale: (pid: number | undefined) => void = () => {}) {
    this.path = join(dir, LOCK_FILE);
    if (this.tryCreate()) return;
    const owner = ownerOf(this.path);
    if (owner !== undefined && owner !== process.pid && alive(owner)) {
      throw new SpikeflowError('output-locked', `--out ${dir}: another spikeflow run (pid ${owner}) is writing to this directory; wait for it, stop it, or choose another --out (lock file ${this.path})`);
    }
    onStale(owner);
    try {
      unlinkSync(this.path);
    } catch {
      // someone else removed it first; the exclusive create below decides who wins
    }
    if (!this.tryCreate()) throw new SpikeflowError('output-locked', `--out ${dir}: another spikeflow run took over the stale lock ${this.path}; choose another --out`);
  }

  private tryCreate(): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    this.held = true;
    return true;
  }

  /** Removes the lock if this process still owns it. Idempotent. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (ownerOf(this.path) === process.pid) unlinkSync(this.path);
  }
}
