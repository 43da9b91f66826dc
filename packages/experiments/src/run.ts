import type { Backend, RunOptions, RunResult } from '@spikeflow/core';
import { buildDecisionNetwork, type DecisionNetwork, type DecisionOptions } from './decision.js';
import { summarizeDecision, type DecisionSummary } from './analysis.js';

export interface DecisionRun {
  readonly decision: DecisionNetwork;
  readonly summary: DecisionSummary;
  readonly result: RunResult;
}

/** Builds, runs on the given backend and summarises the decision network. */
export async function runDecision(backend: Backend, options: DecisionOptions = {}, run: RunOptions = {}): Promise<DecisionRun> {
  const decision = buildDecisionNetwork(options);
  const result = await decision.network.run({ steps: decision.options.steps }, backend, run);
  return { decision, result, summary: summarizeDecision(decision, result.steps) };
}
