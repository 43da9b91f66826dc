import { describe, expect, it } from 'vitest';
import { ConfigError, formatUnit, parseQuantity, parseUnit, sameDimension, toInternalFactor } from '@spikeflow/core';

const u = (s: string) => parseUnit(s, 'test');

describe('unit strings', () => {
  // Factor from the unit to spikeflow's internal unit of its dimension (ms, mV, nA, MΩ, nF, µS, 1/ms).
  it.each([
    ['ms', 'ms', 1],
    ['second', 'ms', 1000],
    ['s', 'ms', 1000],
    ['mV', 'mV', 1],
    ['volt', 'mV', 1000],
    ['millivolt', 'mV', 1],
    ['nA', 'nA', 1],
    ['pA', 'nA', 1e-3],
    ['uA', 'nA', 1e3],
    ['nS', 'µS', 1e-3],
    ['uS', 'µS', 1],
    ['µS', 'µS', 1],
    ['μS', 'µS', 1], // Greek mu, U+03BC
    ['mS', 'µS', 1e3],
    ['Mohm', 'MΩ', 1],
    ['MΩ', 'MΩ', 1],
    ['ohm', 'MΩ', 1e-6],
    ['kohm', 'MΩ', 1e-3],
    ['nF', 'nF', 1],
    ['pF', 'nF', 1e-3],
    ['uF', 'nF', 1e3],
    ['Hz', '1/ms', 1e-3],
    ['kHz', '1/ms', 1],
    ['1', '1', 1],
    ['', '1', 1],
    ['mV/ms', 'mV/ms', 1],
    ['nS*mV', 'nA', 1e-3],
    ['nS·mV', 'nA', 1e-3],
    ['1/ms', '1/ms', 1],
    ['ms^-1', '1/ms', 1],
    ['ms**-1', '1/ms', 1],
    ['mV^2', 'mV^2', 1],
    ['1/(mV*ms)', '1/(mV·ms)', 1],
    ['mS/cm^2', 'µS/µm^2', 1e-5],
    ['um', 'µm', 1],
  ])('%s is %s × %d', (text, internal, factor) => {
    const unit = u(text);
    expect(formatUnit({ ...unit, scale: unit.scale / toInternalFactor(unit) })).toBe(internal);
    expect(toInternalFactor(unit)).toBeCloseTo(factor, 12);
  });

  it('products and quotients agree with their named units', () => {
    expect(sameDimension(u('mV/nA'), u('MΩ'))).toBe(true);
    expect(sameDimension(u('MΩ*nF'), u('ms'))).toBe(true);
    expect(sameDimension(u('µS*mV'), u('nA'))).toBe(true);
    expect(sameDimension(u('nA/nF'), u('mV/ms'))).toBe(true);
    expect(sameDimension(u('mV'), u('ms'))).toBe(false);
  });

  it('an unknown unit is a named error giving the field and the string', () => {
    expect(() => parseUnit('parsecs', 'model X, parameter d')).toThrowError(ConfigError);
    expect(() => parseUnit('parsecs', 'model X, parameter d')).toThrowError(/^model X, parameter d: unit 'parsecs': unknown unit 'parsecs'/);
    expect(() => parseUnit('mV/', 'p')).toThrowError(/unit 'mV\/': unexpected end/);
    expect(() => parseUnit('20 ms', 'p')).toThrowError(/a number \(20\) is not a unit/);
    expect(() => parseUnit('mV^x', 'p')).toThrowError(/expected a number after '\^'/);
  });

  it('quantities split into a number and a unit', () => {
    const q = parseQuantity('-6.5e-1 nS', 'p');
    expect(q.value).toBe(-0.65);
    expect(formatUnit(q.unit)).toBe('0.001 × µS');
    expect(() => parseQuantity('fast', 'population p.parameters.tau')).toThrowError(/^population p\.parameters\.tau: expected a number or a number with a unit/);
  });
});
