/**
 * What cannot be exported fails with one ExportError listing every blocker by name; printed
 * files hold no user-provided text where code goes. Pure TypeScript: no engine needed.
 */
import { describe, expect, it } from 'vitest';
import { Network, type ModelDefinition } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpConductance, ExpCurrent, fixedProbabilityConnect, fullConnect, GapJunction, StdpAdditive, TsodyksMarkram } from '@spikeflow/connectivity';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { ExportError, exportToBrian2, exportToNeuron } from '../src/index.js';

const NoisyLIF: ModelDefinition = { ...LIF, name: 'NoisyLIF', update: ['v = v * (1 + 0.1 * randn())'] };
const MinLIF: ModelDefinition = { ...LIF, name: 'MinLIF', update: ['v = min(v, 0)'] };

function blocked(): Network {
  const net = new Network({ dt: 1, seed: 1 });
  const a = net.population('a', { model: NoisyLIF, size: 3 });
  const b = net.population('b', { model: MinLIF, size: 3 });
  net.connect(a, b, { connector: fullConnect({}), synapse: ExpCurrent });
  net.stimulate(a, { kind: 'external', buffer: new Float64Array(3) }, { name: 'closed-loop' });
  net.monitor(new StateMonitor(b, 'v'));
  return net;
}

describe('export errors', () => {
  it('NEURON: one error listing every blocker, each by name', () => {
    let error: unknown;
    try {
      exportToNeuron(blocked(), { steps: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExportError);
    const { blockers, message, code } = error as ExportError;
    expect(code).toBe('not-exportable');
    expect(blockers).toHaveLength(3);
    expect(blockers.find((b) => b.startsWith('stimulus closed-loop'))).toMatch(/external buffer/);
    expect(blockers.find((b) => b.startsWith('monitor b.v'))).toMatch(/only spikes/);
    expect(blockers.find((b) => b.startsWith('population a (model NoisyLIF, equations/update)'))).toMatch(/random function randn\(\)/);
    expect(message).toMatch(/^cannot export to NEURON: 3 feature\(s\)/);
  });

  it('Brian2: functions without an equivalent are blockers too', () => {
    expect(() => exportToBrian2(blocked(), { steps: 10 })).toThrow(/population b \(model MinLIF, equations\/update\): uses the function min\(\)/);
  });

  it('white noise in an equation (xi) is a blocker that says so', () => {
    const XiLIF: ModelDefinition = { ...LIF, name: 'XiLIF', parameters: { ...LIF.parameters, sigma: { unit: 'mV', default: 1 } }, equations: { v: '(-(v - u_rest) + R * I) / tau_m + sigma * sqrt(2 / tau_m) * xi' }, integrator: 'euler' };
    const net = new Network({ dt: 1, seed: 1 });
    net.population('a', { model: XiLIF, size: 3 });
    expect(() => exportToBrian2(net, { steps: 10 })).toThrow(/population a \(model XiLIF, equations\/update\): .*random function randn\(\) or white noise xi/);
  });

  it('a conductance synapse reading v_post is a blocker naming the connection, not an internal error', () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', { model: LIF, size: 3 });
    net.connect(a, a, { connector: fixedProbabilityConnect({ p: 0.5, weight: 6 }), synapse: ExpConductance });
    for (const run of [() => exportToNeuron(net, { steps: 10 }), () => exportToBrian2(net, { steps: 10 })]) {
      expect(run).toThrow(ExportError);
      expect(run).toThrow(/connection a->a \(model ExpConductance, output\): uses the postsynaptic variable v_post/);
    }
  });

  it('a stimulus longer than the data limit is a blocker, not a silently shorter run', () => {
    const net = new Network({ dt: 1, seed: 1 });
    const a = net.population('a', { model: LIF, size: 100 });
    net.stimulate(a, { kind: 'array', data: new Float64Array(500), steps: 5, size: 100 }, { name: 'short' });
    expect(() => exportToNeuron(net, { steps: 10 })).toThrow(/stimulus short: the array holds 5 steps, the export runs 10/);
    expect(() => exportToNeuron(net, { steps: 5, maxStimulusBytes: 1000 })).toThrow(/stimulus short: 5 steps × 100 neurons would be/);
  });

  it('model names, population names and titles never reach printed code', () => {
    const evil = '*/ x\nVERBATIM\nsystem("rm -rf /");\nENDVERBATIM\n: \'\'\' """';
    const net = new Network({ dt: 1, seed: 1 });
    const a = net.population(evil, { model: { ...LIF, name: evil }, size: 2 });
    net.connect(a, a, { connector: fullConnect({}), synapse: { ...ExpCurrent, name: evil } });
    net.monitor(new SpikeMonitor(a));
    for (const files of [exportToNeuron(net, { steps: 3, title: evil }), exportToBrian2(net, { steps: 3, title: evil })]) {
      for (const [path, contents] of files) {
        if (path.endsWith('.mod') || path.endsWith('.py') || path.endsWith('.sh')) expect(String(contents), path).not.toContain('rm -rf');
      }
      // The name travels as JSON data only.
      expect(JSON.parse(String(files.get('data/network.json'))).populations[0].name).toBe(evil);
      for (const path of files.keys()) expect(path, 'file names come from indices').toMatch(/^[A-Za-z0-9_./-]+$/);
    }
  });
});

describe('export errors: plastic synapses', () => {
  it.each([
    ['a plastic (STDP)', StdpAdditive, /StdpAdditive is plastic \(STDP\); plastic synapses and per-synapse state are not exported yet/],
    // Short-term plasticity keeps per-synapse variables but learns nothing: not called STDP.
    ['a short-term (Tsodyks–Markram)', TsodyksMarkram, /TsodyksMarkram keeps per-synapse state \(u, x\); plastic synapses and per-synapse state are not exported yet/],
  ] as const)('%s connection is a named blocker for NEURON and Brian2', (_, synapse, message) => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', { model: LIF, size: 2 });
    const b = net.population('b', { model: LIF, size: 2 });
    net.connect(a, b, { connector: fixedProbabilityConnect({ p: 1, weight: 1 }), synapse, name: 'learn' });
    for (const exporter of [exportToNeuron, exportToBrian2]) {
      const error = (() => {
        try {
          exporter(net, { steps: 10 });
        } catch (e) {
          return e as ExportError;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ExportError);
      expect(error!.blockers.find((x) => x.startsWith('connection learn'))).toMatch(message);
    }
  });
});

describe('export errors: gap junctions', () => {
  it('a summed synapse expression (GapJunction) is a named blocker for NEURON and Brian2', () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', { model: LIF, size: 2 });
    net.connect(a, a, { connector: fullConnect({ J: 40 }), synapse: GapJunction, name: 'gap' });
    for (const exporter of [exportToNeuron, exportToBrian2]) {
      const error = (() => {
        try {
          exporter(net, { steps: 10 });
        } catch (e) {
          return e as ExportError;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ExportError);
      expect(error!.blockers.find((x) => x.startsWith('connection gap'))).toMatch(/GapJunction has a summed expression \(a gap junction\); summed synapse expressions are not exported yet/);
    }
  });
});
