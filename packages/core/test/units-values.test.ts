import { describe, expect, it } from 'vitest';
import { ConfigError, Network, parseUnit, toInternal, type ModelDefinition, type SpikeflowWarning } from '@spikeflow/core';

const Cond: ModelDefinition = {
  name: 'Cond',
  kind: 'neuron',
  parameters: {
    g_L: { unit: 'nS', default: 10 }, // declared in nS: stored as µS
    E_L: { unit: 'mV', default: -70 },
    C: { unit: 'pF', default: 200 },
    rate: { unit: 'Hz', default: 20 },
  },
  state: { v: { unit: 'mV', initial: 'E_L' } },
  inputs: { I: { unit: 'nA' }, V_in: { unit: 'mV' } },
  equations: { v: '(g_L * (E_L - v) + I) / C' },
  update: ['v = rand() < rate * dt ? E_L : v'], // rate·dt is dimensionless once rate is in 1/ms
  threshold: 'v > -50',
  reset: ['v = E_L'],
  integrator: 'exact',
};
const Const: ModelDefinition = { name: 'Const', kind: 'current', parameters: { amp: { unit: 'target', default: 0 } }, state: {}, output: 'amp' };
const Fixed: ModelDefinition = { name: 'Fixed', kind: 'current', parameters: { amp: { unit: 'nA', default: 0 } }, state: {}, output: 'amp' };

function build(parameters: Record<string, unknown>, stimulus?: { model: ModelDefinition; amp: unknown; input?: string }) {
  const net = new Network({ dt: 0.1, seed: 1 });
  const p = net.population('p', { model: Cond, size: 4, parameters: parameters as never });
  if (stimulus) net.stimulate(p, { kind: 'model', model: stimulus.model, parameters: { amp: stimulus.amp as never } }, { ...(stimulus.input ? { input: stimulus.input } : {}) });
  return net.build();
}

describe('values with units', () => {
  it('converts quantities into internal units', () => {
    const uS = parseUnit('µS', '');
    expect(toInternal('6 nS', uS, 'µS', 'x')).toBeCloseTo(0.006, 15);
    expect(toInternal(0.5, uS, 'µS', 'x')).toBe(0.5);
    expect(toInternal('20 ms', parseUnit('ms', ''), 'ms', 'x')).toBe(20);
    expect(toInternal('0.02 s', parseUnit('ms', ''), 'ms', 'x')).toBe(20);
    expect(toInternal('-65 mV', parseUnit('mV', ''), 'mV', 'x')).toBe(-65);
    expect(toInternal('500 pA', parseUnit('nA', ''), 'nA', 'x')).toBe(0.5);
    expect(toInternal(20, parseUnit('Hz', ''), 'Hz', 'x')).toBeCloseTo(0.02, 15);
  });

  it('a value in the wrong dimension names the field path and both units', () => {
    expect(() => toInternal('20 mV', parseUnit('ms', ''), 'ms', 'population p.parameters.tau')).toThrowError(ConfigError);
    expect(() => toInternal('20 mV', parseUnit('ms', ''), 'ms', 'population p.parameters.tau')).toThrowError(
      /^population p\.parameters\.tau: expected a value in ms, got "20 mV" \(mV is another dimension\)$/,
    );
  });

  it('model parameters: bare numbers are in the declared unit, strings in their own; both end in internal units', () => {
    const values = (b: ReturnType<typeof build>) => b.populations[0]!.instance.values;
    const defaults = values(build({}));
    expect(defaults.get('g_L')).toBeCloseTo(0.01, 15); // 10 nS = 0.01 µS
    expect(defaults.get('C')).toBeCloseTo(0.2, 15); // 200 pF = 0.2 nF
    expect(defaults.get('rate')).toBeCloseTo(0.02, 15); // 20 Hz = 0.02 /ms
    const given = values(build({ g_L: '6 nS', E_L: '-0.065 volt', C: 300, rate: '5 kHz' }));
    expect(given.get('g_L')).toBeCloseTo(0.006, 15);
    expect(given.get('E_L')).toBeCloseTo(-65, 12);
    expect(given.get('C')).toBeCloseTo(0.3, 15);
    expect(given.get('rate')).toBeCloseTo(5, 12);
  });

  it('distributions and arrays with units', () => {
    const b = build({ E_L: { normal: { mean: '-40 mV', std: '0 mV' } }, g_L: { uniform: { min: '1 nS', max: '1 nS' } }, C: [100, 200, 300, 400] });
    const v = b.populations[0]!.instance.values;
    expect(Array.from(v.get('E_L') as Float64Array)).toEqual([-40, -40, -40, -40]);
    expect(Array.from(v.get('g_L') as Float64Array).map((x) => +x.toFixed(12))).toEqual([0.001, 0.001, 0.001, 0.001]);
    expect(Array.from(v.get('C') as Float64Array).map((x) => +x.toFixed(12))).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(() => build({ E_L: { normal: { mean: '-40 mV', std: '1 ms' } } })).toThrowError(/^population p\.parameters\.E_L\.normal\.std: expected a value in mV, got "1 ms"/);
  });

  it('wrong dimensions and unknown units in parameters are named errors', () => {
    expect(() => build({ g_L: '6 nA' })).toThrowError(/^population p\.parameters\.g_L: expected a value in nS \(internal unit µS\), got "6 nA"/);
    expect(() => build({ g_L: '6 parsecs' })).toThrowError(/^population p\.parameters\.g_L: unit 'parsecs': unknown unit 'parsecs'/);
  });

  it("sources in the target's unit convert into the unit of the input they feed; others must match it", () => {
    const amp = (b: ReturnType<typeof build>) => (b.stimuli[0] as unknown as { instance: { values: Map<string, number> } }).instance.values.get('amp');
    expect(amp(build({}, { model: Const, amp: '500 pA' }))).toBeCloseTo(0.5, 15);
    expect(amp(build({}, { model: Const, amp: '2 volt', input: 'V_in' }))).toBeCloseTo(2000, 12);
    expect(() => build({}, { model: Const, amp: '2 mV' })).toThrowError(/^stimulus stimulus0:p\.parameters\.amp: expected a value in target \(internal unit nA\), got "2 mV"/);
    expect(() => build({}, { model: Fixed, amp: 1, input: 'V_in' })).toThrowError(/^stimulus stimulus0:p: model Fixed delivers nA but input V_in of model Cond is in mV$/);
  });

  it('rk4 on an exponential spike term warns when the network is built', () => {
    const ExpIF: ModelDefinition = { ...Cond, name: 'ExpIF', equations: { v: '(g_L * (E_L - v) + g_L * 2*mV * exp((v + 50*mV) / (2*mV)) + I) / C' } };
    const warnings: SpikeflowWarning[] = [];
    const net = new Network({ dt: 0.1, onWarning: (w) => warnings.push(w) });
    net.population('a', { model: ExpIF, size: 1, integrator: 'rk4' });
    net.population('b', { model: ExpIF, size: 1, integrator: 'euler' });
    net.build();
    expect(warnings.map((w) => w.code)).toEqual(['integrator-overflow']);
    expect(warnings[0]!.path).toBe('population a: model ExpIF, equation dv/dt');
    expect(warnings[0]!.message).toMatch(/'rk4' evaluates exp\(\.\.\.\) of v at trial states beyond the spike.*use integrator 'euler'/);
  });
});
