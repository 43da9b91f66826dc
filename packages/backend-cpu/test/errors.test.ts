import { describe, expect, it } from 'vitest';
import { ConfigError, ExpressionError, Network, type ModelDefinition, type SpikeflowWarning } from '@spikeflow/core';
import { compileModel } from '@spikeflow/core/backend';
import { LIF } from '@spikeflow/neurons';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { Const } from './helpers.js';

const withEq = (rhs: string): ModelDefinition => ({ ...LIF, name: 'Bad', equations: { v: rhs } });

describe('bad input gets an error naming the thing', () => {
  it('unknown parameter names the population, the parameter and the known ones', () => {
    const net = new Network({ dt: 1 });
    net.population('ep1', { model: LIF, size: 10, parameters: { tau: 5 } as never });
    expect(() => net.build()).toThrowError(ConfigError);
    expect(() => net.build()).toThrowError(/population ep1\.parameters\.tau: model LIF has no parameter 'tau'; known: R, C/);
  });

  it('non-positive time constant is rejected, naming the derived time constant', () => {
    const net = new Network({ dt: 1 });
    net.population('ep1', { model: LIF, size: 10, parameters: { C: 0 } });
    expect(() => net.build()).toThrowError(/population ep1\.parameters\.C: 'C' must be > 0, got 0/);
    const net2 = new Network({ dt: 1 });
    net2.population('p', { model: { ...LIF, parameters: { ...LIF.parameters, R: { unit: 'MΩ', default: 1 } } }, size: 3, parameters: { R: -1 } });
    expect(() => net2.build()).toThrowError(/time constant 'tau_m' must be > 0, got -20/);
  });

  it('dt larger than the smallest time constant is a warning, not an error', () => {
    const warnings: SpikeflowWarning[] = [];
    const net = new Network({ dt: 5, onWarning: (w) => warnings.push(w) });
    net.population('fast', { model: LIF, size: 1, parameters: { R: 1, C: 2 } });
    expect(() => net.build()).not.toThrow();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/dt = 5 ms is larger than the smallest time constant of model LIF \(tau_m = 2 ms\)/);
  });

  it('a stimulus whose shape does not match its population names the stimulus and both sizes', () => {
    const net = new Network({ dt: 1 });
    const p = net.population('ip1', { model: LIF, size: 4 });
    net.stimulate(p, { kind: 'array', data: new Float64Array(30), steps: 10, size: 3 }, { name: 'I_ip1' });
    expect(() => net.build()).toThrowError(/stimulus I_ip1\.data: stimulus has 3 columns but the population has 4 neurons/);
  });

  it('NaN or infinity in a stimulus names the step and the neuron', () => {
    const net = new Network({ dt: 1 });
    const p = net.population('ip1', { model: LIF, size: 3 });
    const data = new Float64Array(30);
    data[2 * 3 + 1] = NaN;
    net.stimulate(p, { kind: 'array', data, steps: 10, size: 3 }, { name: 'I_ip1' });
    expect(() => net.build()).toThrowError(/stimulus I_ip1\.data: value at step 2, neuron 1 is NaN/);
    const net2 = new Network({ dt: 1 });
    const q = net2.population('q', { model: LIF, size: 2 });
    const inf = new Float64Array(4);
    inf[3] = Infinity;
    net2.stimulate(q, { kind: 'array', data: inf, steps: 2, size: 2 }, { name: 'S' });
    expect(() => net2.build()).toThrowError(/value at step 1, neuron 1 is Infinity/);
  });

  it('an expression with an unknown identifier or function names the model, the equation and the token', () => {
    expect(() => compileModel(withEq('(-(v - u_rst) + R*I) / tau_m'))).toThrowError(ExpressionError);
    expect(() => compileModel(withEq('(-(v - u_rst) + R*I) / tau_m'))).toThrowError(/model Bad, equation dv\/dt: unknown identifier.*\(token 'u_rst'\)/);
    expect(() => compileModel(withEq('sigmoid(v)'))).toThrowError(/model Bad, equation dv\/dt: unknown function.*\(token 'sigmoid'\)/);
    expect(() => compileModel({ ...LIF, name: 'Bad', threshold: 'v >= threshhold' })).toThrowError(/model Bad, threshold: unknown identifier.*'threshhold'/);
    expect(() => compileModel({ ...LIF, name: 'Bad', reset: ['vv = u_reset'] })).toThrowError(/model Bad, reset\[0\]: cannot assign to 'vv'/);
  });

  it('expressions that try to reach JavaScript are rejected before anything runs', () => {
    const attempts = [
      'constructor',
      'v.constructor',
      'constructor.constructor("return process")()',
      'process.exit(1)',
      'this',
      'globalThis',
      '__proto__',
      'v["constructor"]',
      'Function("x")',
      'eval("1")',
      '`${v}`',
      "'a' + v",
      'v = 1',
      '(() => 1)()',
      'toString()',
      'hasOwnProperty',
    ];
    let ran = false;
    (globalThis as Record<string, unknown>).__spikeflowPwned = () => {
      ran = true;
    };
    for (const rhs of attempts) {
      expect(() => compileModel(withEq(rhs)), rhs).toThrowError(ExpressionError);
    }
    expect(() => compileModel({ ...LIF, name: 'Bad', reset: ['constructor = 1'] })).toThrowError(/cannot assign to 'constructor'/);
    expect(() => compileModel({ ...LIF, name: 'Bad', threshold: '__spikeflowPwned()' })).toThrowError(/unknown function/);
    expect(ran).toBe(false);
  });

  it('a model name that is not an identifier is rejected', () => {
    expect(() => compileModel({ ...LIF, parameters: { ...LIF.parameters, 'a-b': { unit: '1' } } })).toThrowError(/'a-b' is not a valid name/);
    expect(() => compileModel({ ...LIF, state: { dt: { unit: 'ms', initial: 0 } } })).toThrowError(/'dt' is reserved/);
  });

  it('non-linear equations with the exact integrator ask for another integrator', () => {
    expect(() => compileModel(withEq('v * v / (tau_m * u_rest)'))).toThrowError(/the 'exact' integrator needs an equation linear in v; choose 'rk4' or 'euler'/);
    expect(() => compileModel(withEq('v * v / (tau_m * u_rest)'), 'rk4')).not.toThrow();
  });

  it('random functions are refused inside ODEs', () => {
    expect(() => compileModel(withEq('randn()'))).toThrowError(/random functions are not allowed here/);
  });

  it('size, dt, seed and duration are checked', () => {
    expect(() => new Network({ dt: 0 })).toThrowError(/network\.dt: expected a time step > 0 ms, got 0/);
    expect(() => new Network({ dt: 1, seed: -1 })).toThrowError(/network\.seed/);
    const net = new Network({ dt: 0.1 });
    expect(() => net.population('p', { model: LIF, size: -5 })).toThrowError(/population p\.size: expected a positive integer, got -5/);
    expect(() => net.steps({ duration: 0.05 })).toThrowError(/0\.05 ms is not a whole number of steps of dt = 0\.1 ms/);
  });

  it('a run longer than an array stimulus fails before stepping, keeping the state', async () => {
    const net = new Network({ dt: 1 });
    const p = net.population('p', { model: LIF, size: 2 });
    net.stimulate(p, { kind: 'array', data: new Float64Array(20).fill(50), steps: 10, size: 2 }, { name: 'S' });
    await net.run({ steps: 8 }, createCpuBackend());
    await expect(net.run({ steps: 5 }, createCpuBackend())).rejects.toThrowError(/stimulus S: the run needs 13 steps but the array has 10/);
    expect(net.compiled!.currentStep).toBe(8);
  });

  it('an unknown input or a non-current model as stimulus is named', () => {
    const net = new Network({ dt: 1 });
    const p = net.population('p', { model: LIF, size: 2 });
    net.stimulate(p, { kind: 'model', model: Const }, { input: 'I_ext', name: 'S' });
    expect(() => net.build()).toThrowError(/stimulus S\.input: model LIF has no input 'I_ext'; known: I/);
    const net2 = new Network({ dt: 1 });
    const q = net2.population('q', { model: LIF, size: 2 });
    net2.stimulate(q, { kind: 'model', model: LIF }, { name: 'S' });
    expect(() => net2.build()).toThrowError(/stimulus S\.model: model LIF is a neuron model, not a current source/);
  });
});
