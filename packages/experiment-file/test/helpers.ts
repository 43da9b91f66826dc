import { fileURLToPath } from 'node:url';

/** The repository's examples/ folder. */
export const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
/** Malformed experiment files, each with a sibling `.expect` file of message snippets. */
export const BAD = fileURLToPath(new URL('./fixtures/bad/', import.meta.url));

/** The built-in decision scenarios and the example file that mirrors each. */
export const DECISION_FILES: readonly (readonly [scenario: string, file: string])[] = [
  ['default', 'decision-default.json'],
  ['zero-inhibitory-input', 'decision-zero-inhibitory-input.json'],
  ['random-noise', 'decision-random-noise.yaml'],
  ['uniform-connectivity', 'decision-uniform-connectivity.json'],
  ['full-connectivity', 'decision-full-connectivity.json'],
  ['same-current', 'decision-same-current.yaml'],
  ['one-strong-current', 'decision-one-strong-current.yaml'],
];

/** Runs `fn` and returns what it threw (or undefined). */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
    return undefined;
  } catch (err) {
    return err;
  }
}
