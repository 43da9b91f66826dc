/** The CI-aware dependency check every cross-check's skip goes through (test-support/dependency.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireDependency, skipOrFail, underCi } from '../../../test-support/dependency.js';

describe('requireDependency', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('present: true, silently, with or without CI', () => {
    vi.stubEnv('CI', 'true');
    expect(requireDependency('Brian2', true, 'unused')).toBe(true);
  });

  it('missing, locally: false, with one line naming it and why', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(requireDependency('numpy', false, 'import numpy failed')).toBe(false);
    expect(warn).toHaveBeenCalledWith('SKIPPED: numpy is missing (import numpy failed)');
    warn.mockRestore();
  });

  it('missing under CI=true (or 1): an error naming it, not a skip', () => {
    for (const ci of ['true', '1', 'TRUE']) {
      vi.stubEnv('CI', ci);
      expect(underCi()).toBe(true);
      expect(() => requireDependency('Chromium', false, 'no /usr/bin/chromium')).toThrow('CI=true: Chromium is missing (no /usr/bin/chromium); tests that need it fail instead of skipping');
    }
    vi.stubEnv('CI', 'false');
    expect(underCi()).toBe(false);
  });

  it('inside a test: skips locally, throws under CI', () => {
    const skip = vi.fn();
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    skipOrFail({ skip }, 'a WebGPU adapter', 'no adapter');
    expect(skip).toHaveBeenCalledWith('a WebGPU adapter is missing (no adapter)');
    warn.mockRestore();
    vi.stubEnv('CI', 'true');
    expect(() => skipOrFail({ skip }, 'a WebGPU adapter', 'no adapter')).toThrow('CI=true: a WebGPU adapter is missing');
    expect(skip).toHaveBeenCalledTimes(1);
  });
});
