import { sharedDrawName } from '@spikeflow/core/plan';
import { SHARED_INDEX } from '@spikeflow/core/rng';

/**
 * Prints random calls against the counter-based generator bound as `R`. Per-neuron draws are
 * addressed by neuron `i`; shared draws (`*_shared`) are the same for every neuron, so they are
 * drawn once per step before the neuron loop (pure functions of the counter: hoisting is exact).
 */
export function randomPrinter(stream: number, hoisted: string[]) {
  return (fn: string, site: number): string => {
    const method = fn.startsWith('randn') ? 'normal' : 'uniform';
    if (!fn.endsWith('_shared')) return `R.${method}(${stream}, step, i, ${site})`;
    const name = sharedDrawName(stream, site);
    const line = `const ${name} = R.${method}(${stream}, step, ${SHARED_INDEX}, ${site});`;
    if (!hoisted.includes(line)) hoisted.push(line);
    return name;
  };
}

/**
 * Random calls where a kernel has no draws (a synapse model's onPre, onPost, summed and reward
 * code, whose draws `compileModel` refuses): reaching it is an internal error, never a silent NaN.
 */
export const noRandom = (fn: string): string => {
  throw new Error(`internal: random call ${fn}() in per-synapse code, which compileModel refuses`);
};
