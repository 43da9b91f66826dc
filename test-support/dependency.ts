/**
 * Tests that need something outside Node — Brian2, numpy, Dawn on Mesa, Chromium, a font — ask
 * here whether it is present. Locally a missing dependency skips those tests with one printed
 * line; with CI=true it is an error, so a CI machine whose dependency broke fails instead of
 * passing by skipping.
 */

/** True when the CI environment variable says so (`.ci/run` sets CI=true). */
export const underCi = (): boolean => ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

/**
 * Returns `present`. When absent: throws under CI (failing the test file that asked), otherwise
 * prints `SKIPPED: <what> is missing (<why>)` and returns false for `describe.skipIf(!…)`.
 */
export function requireDependency(what: string, present: boolean, why: string): boolean {
  if (present) return true;
  const message = `${what} is missing (${why})`;
  if (underCi()) throw new Error(`CI=true: ${message}; tests that need it fail instead of skipping`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

/** For a dependency found missing inside a test: skip it locally, fail it under CI. */
export function skipOrFail(ctx: { skip: (note?: string) => void }, what: string, why: string): void {
  requireDependency(what, false, why);
  ctx.skip(`${what} is missing (${why})`);
}
