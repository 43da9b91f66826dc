/** Messages between the playground page and its Web Worker (structured-clone data only). */
import type { RunChunk, RunEnd, RunStart } from './run.js';
import type { BackendChoice, DecisionSettings } from './settings.js';
import type { StdpSettings } from './stdp.js';

export type RunRequest =
  | { readonly kind: 'decision'; readonly settings: DecisionSettings }
  /** An experiment file's text (JSON or YAML), validated by `@spikeflow/experiment-file` in the worker. */
  | { readonly kind: 'file'; readonly text: string; readonly backend: BackendChoice }
  /** The STDP example (examples/stdp.yaml) with its playground settings; runs on the CPU backend. */
  | { readonly kind: 'stdp'; readonly settings: StdpSettings };

export type ToWorker = { readonly type: 'run'; readonly id: number; readonly request: RunRequest };

export type FromWorker =
  | { readonly type: 'start'; readonly id: number; readonly start: RunStart }
  | { readonly type: 'chunk'; readonly id: number; readonly chunk: RunChunk }
  | { readonly type: 'end'; readonly id: number; readonly end: RunEnd }
  | { readonly type: 'warning'; readonly id: number; readonly message: string }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
