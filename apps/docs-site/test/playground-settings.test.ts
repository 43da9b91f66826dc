import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '@spikeflow/experiments';
import { SettingsError, decodeSettings, encodeSettings, scenarioDefaults, validateSettings } from '../src/playground/settings.js';

describe('playground settings and shareable links', () => {
  it('a scenario with its defaults is a short link, and reads back the same', () => {
    for (const name of SCENARIO_NAMES) {
      const s = scenarioDefaults(name);
      expect(encodeSettings(s)).toBe(`scenario=${name}`);
      expect(decodeSettings(`#scenario=${name}`)).toEqual(s);
    }
  });

  it('every changed setting travels in the link and comes back equal', () => {
    const s = {
      ...scenarioDefaults('random-noise'),
      seed: 7,
      steps: 2500,
      size: 80,
      dt: 0.5,
      current: 22.5,
      ep2Boost: -3,
      connectivity: 'random-uniform' as const,
      wmin: 2,
      wmax: 30,
      J: 1.5,
      tau: 12,
      sharedInput: true,
      inputs: { ep1: { kind: 'incremental' as const, gap: 4 }, ep2: { kind: 'zero' as const, gap: 5 }, ip1: { kind: 'step-noise' as const, gap: 5 } },
      backend: 'webgpu' as const,
    };
    const hash = encodeSettings(s);
    expect(hash).toContain('seed=7');
    expect(hash).toContain('ep1=incremental%3A4');
    expect(decodeSettings(hash)).toEqual(validateSettings(s));
  });

  it('an empty hash is the default scenario', () => {
    expect(decodeSettings('')).toEqual(scenarioDefaults('default'));
    expect(decodeSettings('#')).toEqual(scenarioDefaults('default'));
  });

  it.each([
    ['scenario=nope', 'scenario'],
    ['scenario=__proto__', 'scenario'],
    ['scenario=constructor', 'scenario'],
    ['seed=0x10', 'seed'],
    ['seed=1.5', 'seed'],
    ['seed=-1', 'seed'],
    ['steps=1e9', 'steps'],
    ['steps=', 'steps'],
    ['size=Infinity', 'size'],
    ['current=alert(1)', 'current'],
    ['wmean=20;alert(1)', 'wmean'],
    ['connectivity=fetch', 'connectivity'],
    ['backend=gpu', 'backend'],
    ['ep1=incremental:0', 'inputs.ep1.gap'],
    ['ep1=eval', 'inputs.ep1.kind'],
    ['ep1=incremental:2:3', 'ep1'],
    ['shared=yes', 'shared'],
    ['toString=1', 'toString'],
    ['wmin=10&wmax=5&connectivity=random-uniform', 'wmax'],
  ])('rejects %s, naming %s', (hash, field) => {
    let error: unknown;
    try {
      decodeSettings(hash);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).field).toBe(field);
  });

  it('validation keeps only known fields and refuses non-objects', () => {
    const polluted = { ...scenarioDefaults('default'), extra: 'x', __proto__: { polluted: true } } as unknown;
    const clean = validateSettings(polluted) as unknown as Record<string, unknown>;
    expect(Object.keys(clean)).not.toContain('extra');
    expect(clean.polluted).toBeUndefined();
    expect(() => validateSettings(null)).toThrow(SettingsError);
    expect(() => validateSettings({ ...scenarioDefaults('default'), seed: '1' })).toThrow(/seed: expected a number/);
  });

  it('a link longer than 2000 characters is refused', () => {
    expect(() => decodeSettings(`scenario=default&${'x'.repeat(2100)}`)).toThrow(/too long/);
  });
});
