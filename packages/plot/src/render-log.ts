import { SpikeflowError } from '@spikeflow/core';
import type { LoggerInterface } from 'vega';

/**
 * A Vega logger for one render that remembers what went wrong: errors, and warnings that carry a
 * spikeflow error (the {@link offlineLoader}'s refusals, which Vega reports as 'Loading failed'
 * warnings and would otherwise render an empty figure). Other warnings go to `console.warn` as
 * Vega's own logger does.
 *
 * @example
 * const log = renderLogger(await import('vega'));
 * const view = new View(runtime, { logger: log.logger });
 * await view.runAsync();
 * log.throwIfFailed();
 */
export function renderLogger(vega: Pick<typeof import('vega'), 'logger' | 'Warn'>): { logger: LoggerInterface; throwIfFailed(): void } {
  let failure: unknown;
  const handler = (method: string, level: string, input: readonly unknown[]): void => {
    const own = input.find((x) => x instanceof SpikeflowError);
    if (failure === undefined && (own !== undefined || level === 'ERROR')) {
      failure = own ?? input.find((x) => x instanceof Error) ?? new Error(`vega: ${input.map(String).join(' ')}`);
      return;
    }
    if (level === 'WARN') console.warn('vega:', ...input);
    else if (method === 'error') console.error('vega:', ...input);
  };
  const log = vega.logger(vega.Warn, undefined, handler);
  return {
    logger: log,
    throwIfFailed() {
      if (failure !== undefined) throw failure;
    },
  };
}
