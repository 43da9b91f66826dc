import type { Backend, RunOptions, RunResult } from '@spikeflow/core';
import { buildDecisionNetwork, type DecisionNetwork, type DecisionOptions } from './decision.js';
import { summarizeDecision, type DecisionSummary } from './analysis.js';

/** What {@link runDecision} returns: the network after its run and its summary. */
export interface DecisionRun {
  /** The network that ran, with its monitors filled. */
  readonly decision: DecisionNetwork;
  /** Spikes per bin and population, and the winner. */
  readonly summary: DecisionSummary;
  /** The backend's result: steps run, whether aborted, seconds in the step loop. */
  readonly result: RunResult;
}

/**
 * Builds, runs on the given backend and summarises the decision network. Throws `ConfigError` for
 * an unknown scenario.
 *
 * @example
 * const { summary } = await runDecision(createCpuBackend(), { scenario: 'default', seed: 1 });
 * summary.winner; // 'ep2' (ep2's faster ramp wins)
 */
export async function runDecision(backend: Backend, options: DecisionOptions = {}, run: RunOptions = {}): Promise<DecisionRun> {
  const decision = buildDecisionNetwork(options);
  const result = await decision.network.run({ steps: decision.options.steps }, backend, run);
  return { decision, result, summary: summarizeDecision(decision, result.steps) };
}
