import { constants } from 'node:os';

/** Signals that stop a run at the next step boundary, keeping everything recorded. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * Turns SIGINT, SIGTERM and SIGHUP into an AbortSignal for the run loop. Each handler is
 * installed once: a second signal of the same kind gets the default action (kills at once).
 * `exitCode` is 128 + the signal's number, as a shell reports a process killed by it.
 */
export function stopOnSignals(): { readonly signal: AbortSignal; readonly received: () => StopSignal | undefined; exitCode(): number; dispose(): void } {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const handlers = STOP_SIGNALS.map((name) => {
    const handler = () => {
      received ??= name;
      controller.abort();
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => 128 + (received ? constants.signals[received] : constants.signals.SIGINT),
    dispose: () => {
      for (const [name, handler] of handlers) process.removeListener(name, handler);
    },
  };
}
