/**
 * The page side of the playground: one Web Worker per run (stopping a run terminates it), with
 * callbacks for each message. Browser only.
 */
import type { FromWorker, RunRequest, ToWorker } from './protocol.js';
import type { RunChunk, RunEnd, RunStart } from './run.js';

export interface RunHandlers {
  onStart(start: RunStart): void;
  onChunk(chunk: RunChunk): void;
  onEnd(end: RunEnd): void;
  onWarning(message: string): void;
  onError(message: string): void;
}

export class PlaygroundClient {
  private worker: Worker | undefined;
  private id = 0;

  /** Starts a run, stopping any run in progress. */
  run(request: RunRequest, handlers: RunHandlers): void {
    this.stop();
    const id = ++this.id;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'spikeflow-playground' });
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.id !== id) return;
      switch (m.type) {
        case 'start':
          return handlers.onStart(m.start);
        case 'chunk':
          return handlers.onChunk(m.chunk);
        case 'warning':
          return handlers.onWarning(m.message);
        case 'end':
          this.finish(worker);
          return handlers.onEnd(m.end);
        case 'error':
          this.finish(worker);
          return handlers.onError(m.message);
      }
    };
    worker.onerror = (event) => {
      this.finish(worker);
      handlers.onError(`the worker failed: ${event.message || 'unknown error'}`);
    };
    const message: ToWorker = { type: 'run', id, request };
    worker.postMessage(message);
  }

  /** Stops the run in progress, if any; what was drawn stays. */
  stop(): boolean {
    if (!this.worker) return false;
    this.finish(this.worker);
    return true;
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  private finish(worker: Worker): void {
    worker.terminate();
    if (this.worker === worker) this.worker = undefined;
  }
}
