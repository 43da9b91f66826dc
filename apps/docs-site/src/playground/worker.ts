/**
 * The playground's Web Worker: validates a request, builds the network, runs it on the chosen
 * backend and posts spikes chunk by chunk. The page stops a run by terminating the worker.
 *
 * Requests carry data only (settings, or an experiment file's text); they are validated here
 * again, and nothing in them is evaluated. The CPU backend compiles code it prints from
 * validated model IR (`new Function`), which is why this worker, not the page, needs
 * `'unsafe-eval'` where a Content-Security-Policy is served.
 */
import { createBackend } from './backends.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { runDecisionSettings, type RunChunk } from './run.js';
import { runExperimentText } from './experiment.js';
import { runStdpSettings } from './stdp-run.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

const transferables = (chunk: RunChunk): Transferable[] => Object.values(chunk.spikes).flatMap((s) => [s.steps.buffer, s.neurons.buffer]);

scope.onmessage = async (event) => {
  const message = event.data;
  if (message?.type !== 'run') return;
  const { id, request } = message;
  const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
  const callbacks = {
    onStart: (start: Extract<FromWorker, { type: 'start' }>['start']) => post({ type: 'start', id, start }),
    onChunk: (chunk: RunChunk) => post({ type: 'chunk', id, chunk }, transferables(chunk)),
    onWarning: (w: { path: string; message: string }) => post({ type: 'warning', id, message: `${w.path}: ${w.message}` }),
  };
  try {
    const end =
      request.kind === 'decision'
        ? await runDecisionSettings(request.settings, await createBackend(request.settings.backend), callbacks)
        : request.kind === 'stdp'
          ? await runStdpSettings(request.settings, await createBackend('cpu'), callbacks)
          : await runExperimentText(request.text, await createBackend(request.backend), callbacks);
    post({ type: 'end', id, end });
  } catch (error) {
    post({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
};
