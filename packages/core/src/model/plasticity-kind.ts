import type { CompiledPlasticity } from './compile.js';

/**
 * What a synapse model's `plasticity` block makes it, as a predicate for messages that refuse it
 * (it follows "synapse model X"): a model with spike traces learns from spike timing ("is plastic
 * (STDP)", reward-modulated or not); one without traces only keeps per-synapse variables
 * (short-term plasticity, NMDA gating), which is not learning and should not be called STDP.
 *
 * @example
 * plasticityKind(compileModel(StdpAdditive).plasticity!);    // 'is plastic (STDP)'
 * plasticityKind(compileModel(TsodyksMarkram).plasticity!);  // 'keeps per-synapse state (u, x)'
 */
export function plasticityKind(p: CompiledPlasticity): string {
  if (p.traces.length > 0) return p.reward ? 'is plastic (reward-modulated STDP)' : 'is plastic (STDP)';
  const names = p.synapseState.map((v) => v.name);
  return `keeps per-synapse state (${names.join(', ') || 'w'})`;
}
