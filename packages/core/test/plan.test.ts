/**
 * The kernel plan (`@spikeflow/core/plan`): what one step does, in the order every emitter prints
 * it, with model state buffers only and generated identifiers that never contain user names.
 */
import { describe, expect, it } from 'vitest';
import type { ModelDefinition } from '../src/model/definition.js';
import { Network } from '../src/network/network.js';
import type { Connector } from '../src/network/types.js';
import { buildPlan } from '../src/plan/plan.js';
import { InstanceNames, inputName, sharedDrawName } from '../src/plan/names.js';

const Neuron = (refractory: boolean): ModelDefinition => ({
  name: 'N',
  kind: 'neuron',
  parameters: { tau: { unit: 'ms', default: 10 }, t_ref: { unit: 'ms', default: 2 } },
  state: { v: { unit: 'mV', initial: 0 }, S_v: { unit: 'mV', initial: 1 } },
  inputs: { I: { unit: 'mV' }, J: { unit: 'mV' } },
  equations: { v: '(-v + I + J) / tau' },
  update: ['S_v = S_v + 1'],
  threshold: 'v > 1',
  reset: ['v = 0'],
  ...(refractory ? { refractory: { period: 't_ref', clamp: ['v'] } } : {}),
});
const Synapse: ModelDefinition = {
  name: 'Syn',
  kind: 'synapse',
  parameters: { tau: { unit: 'ms', default: 5 } },
  state: { p_tau: { unit: 'target', initial: 0 } },
  equations: { p_tau: '-p_tau / tau' },
  onPre: ['p_tau += w'],
  output: 'p_tau',
};
const Source: ModelDefinition = {
  name: 'Src',
  kind: 'current',
  parameters: { amplitude: { unit: 'target', default: 1 } },
  state: { level: { unit: 'target', initial: 0 } },
  update: ['level = level + amplitude'],
  output: 'level',
};
const allToAll: Connector = {
  kind: 'all',
  settings: {},
  build: (nPre, nPost) => ({ format: 'dense', nPre, nPost, weights: new Float64Array(nPre * nPost).fill(1) }),
};

function network(refractory: boolean) {
  const net = new Network({ dt: 0.1, seed: 4 });
  const a = net.population('a', { model: Neuron(refractory), size: 3 });
  const b = net.population('b', { model: Neuron(false), size: 2 });
  net.stimulate(b, { kind: 'model', model: Source });
  net.stimulate(b, { kind: 'array', data: new Float64Array(10 * 2), steps: 10, size: 2 }, { input: 'J' });
  net.connect(a, b, { connector: allToAll, synapse: Synapse });
  return net.build();
}

describe('kernel plan', () => {
  it("orders each population's ops: the neuron's states (read as _post), stimuli, synapses (output before decay), input sums, then the neuron", () => {
    const plan = buildPlan(network(true));
    const [a, b] = plan.populations;
    expect(a!.ops.map((o) => o.op)).toEqual(['load', 'sum', 'sum', 'refractory', 'step', 'fire', 'store']);
    expect(b!.ops.map((o) => o.op)).toEqual(['load', 'load', 'step', 'output', 'store', 'array', 'load', 'output', 'step', 'store', 'sum', 'sum', 'step', 'fire', 'store']);
    const source = plan.blocks.find((x) => x.role === 'stimulus')!;
    const synapse = plan.connections[0]!.synapse;
    const sums = b!.ops.filter((o) => o.op === 'sum');
    expect(sums).toEqual([
      { op: 'sum', input: 'I', name: inputName(0), terms: [source.names.output, synapse.names.output] },
      { op: 'sum', input: 'J', name: inputName(1), terms: ['_x1'] },
    ]);
    expect([...b!.inputs]).toEqual([['I', '_in0'], ['J', '_in1']]);
    expect(a!.ops.find((o) => o.op === 'step')).toMatchObject({ guarded: true });
    expect(b!.ops.filter((o) => o.op === 'step').map((o) => (o as { guarded: boolean }).guarded)).toEqual([false, false, false]);
    expect([a!.refractory, b!.refractory]).toEqual([true, false]);
  });

  it('holds model state buffers only, in block order, each pointing back at its block', () => {
    const plan = buildPlan(network(true));
    expect(plan.buffers.map((x) => x.name)).toEqual(['a.v', 'a.S_v', 'b.v', 'b.S_v', 'stimulus0:b.level', 'a->b.p_tau']);
    plan.buffers.forEach((x, k) => {
      expect(x.index).toBe(k);
      expect(x.kind).toBe('state');
      expect(plan.blocks[x.block]!.states.get(x.name.slice(x.name.lastIndexOf('.') + 1))).toBe(k);
      expect(x.initial.length).toBe(x.length);
    });
    expect(Array.from(plan.buffers[1]!.initial)).toEqual([1, 1, 1]);
    expect(plan.blocks.map((x) => x.role)).toEqual(['neuron', 'neuron', 'stimulus', 'synapse']);
  });

  it('lists the phases of a step: populations, each propagation with the population it reads, monitors', () => {
    const plan = buildPlan(network(false));
    expect(plan.phases.map((p) => p.kind)).toEqual(['populations', 'propagate', 'monitors']);
    expect(plan.phases[1]).toEqual({ kind: 'propagate', connection: 0, pre: 0, writes: [5] });
    expect(plan.phases[0]).toMatchObject({ reads: [0, 1, 2, 3, 4, 5], writes: [0, 1, 2, 3, 4, 5] });
  });

  it('generates identifiers from indices: no user name, no prefix collision', () => {
    const plan = buildPlan(network(true));
    const n = plan.blocks[0]!.names;
    expect([n.state('v'), n.state('S_v'), n.stateArray('S_v'), n.value('tau'), n.output]).toEqual(['_0s0', '_0s1', '_0S1', '_0p0', '_0o']);
    expect([n.temp('x'), n.temp('y'), n.temp('x')]).toEqual(['_0t0', '_0t1', '_0t0']);
    expect(plan.connections[0]!.synapse.names.state('p_tau')).toBe('_3s0');
    expect(sharedDrawName(7, 2)).toBe('_r7_2');
    expect(() => n.state('p_tau')).toThrow(/no state 'p_tau' in block 0/);
    expect(new InstanceNames(12, plan.blocks[0]!.instance).state('S_v')).toBe('_12s1');
  });
});
