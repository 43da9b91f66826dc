/**
 * Voltage-jump (delta) synapses, `onPre: ['v_post += w']` (DeltaSynapse): a presynaptic spike at
 * step s through a delay of d steps moves the target's v by exactly w, first seen in the values
 * recorded at step s + d — in JavaScript, WebAssembly and on threads, and as Brian2 2.5.1 does
 * (its StateMonitor records at the start of a step, one index later). Refractory targets take the
 * jump and the clamp holds it; a target without the written variable is a named error.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { LIF, SpikeSource } from '@spikeflow/neurons';
import { DeltaSynapse, ExpConductance, fixedProbabilityConnect, oneToOneConnect } from '@spikeflow/connectivity';
import { spikeTimes, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildPlan } from '@spikeflow/core/plan';
import { fileURLToPath } from 'node:url';
import { BRIAN2_INSTALL, pythonHas, runPythonJson } from '../../../test-support/python.js';

/** A neuron whose v only moves when a synapse moves it. */
const Hold: ModelDefinition = { name: 'Hold', kind: 'neuron', parameters: {}, state: { v: { unit: 'mV', initial: 0 } }, threshold: '0 > 1' };

const BACKENDS: [string, () => Backend][] = [
  ['WebAssembly', () => createCpuBackend()],
  ['JavaScript', () => createCpuBackend({ wasm: false })],
  ['2 threads', () => createCpuBackend({ threads: 2 })],
  ['f32', () => createCpuBackend({ precision: 'f32' })],
];
const CASES: [number, number][] = [
  [3, 1],
  [3, 2],
  [7, 15],
  [0, 4],
];

/** The recorded v of one Hold neuron after one source spike at step `at` with a delay of d steps. */
async function jump(at: number, d: number, backend: Backend): Promise<number[]> {
  const net = new Network({ dt: 0.1, seed: 0 });
  const src = net.population('src', { model: SpikeSource, size: 1 });
  net.stimulate(src, spikeTimes({ times: [at * 0.1], indices: [0] }));
  const hold = net.population('hold', { model: Hold, size: 1 });
  net.connect(src, hold, { connector: oneToOneConnect({ weight: 1.5 }), synapse: DeltaSynapse, delay: d * 0.1 });
  const v = net.monitor(new StateMonitor(hold, 'v'));
  await net.run({ steps: at + d + 10 }, backend);
  return Array.from(v.values().data);
}

describe('voltage-jump synapses (v_post += w)', () => {
  it.each(BACKENDS)('%s: a spike at step s with delay d moves v by w, first recorded at step s + d', async (_, make) => {
    for (const [at, d] of CASES) {
      const v = await jump(at, d, make());
      expect(v.findIndex((x) => x !== 0), `spike at ${at}, delay ${d}`).toBe(at + d);
      expect(v.at(-1)).toBe(1.5);
    }
  });

  it.skipIf(!pythonHas('brian2', BRIAN2_INSTALL))('Brian2 moves v at the same step (its monitor index, at the start of the step, is ours + 1)', async () => {
    const script = fileURLToPath(new URL('../../../bench/brian2/delta_timing.py', import.meta.url));
    const theirs = await runPythonJson<number[]>(script, { dt: 0.1, cases: CASES });
    const ours = await Promise.all(CASES.map(async ([at, d]) => (await jump(at, d, createCpuBackend())).findIndex((x) => x !== 0)));
    expect(theirs).toEqual(ours.map((k) => k + 1));
  });

  it('in the plan: no output and no input term; the propagation phase writes the target neuron\'s v', () => {
    const net = new Network({ dt: 0.1, seed: 0 });
    const src = net.population('src', { model: SpikeSource, size: 1 });
    const lif = net.population('lif', { model: LIF, size: 1 });
    net.connect(src, lif, { connector: oneToOneConnect({ weight: 1 }), synapse: DeltaSynapse });
    const plan = buildPlan(net.build());
    const pop = plan.populations[1]!;
    expect(pop.ops.some((o) => o.op === 'output')).toBe(false);
    expect(pop.ops.filter((o) => o.op === 'sum').map((o) => (o as { readonly terms: readonly string[] }).terms)).toEqual([[]]);
    const v = pop.neuron.states.get('v')!;
    expect(plan.phases.find((p) => p.kind === 'propagate')).toMatchObject({ writes: [v] });
    expect(() => {
      const bad = new Network({ dt: 0.1, seed: 0 });
      bad.connect(bad.population('src', { model: SpikeSource, size: 1 }), bad.population('lif', { model: LIF, size: 1 }), { connector: oneToOneConnect({ weight: 1 }), synapse: DeltaSynapse, input: 'I' });
      bad.build();
    }).toThrow(/connection src->lif.input: synapse model DeltaSynapse has no output \(its onPre writes v_post\): it feeds no input/);
  });

  it('a refractory target takes the jump, and the clamp holds it until the period ends', async () => {
    const net = new Network({ dt: 0.1, seed: 0 });
    const src = net.population('src', { model: SpikeSource, size: 1 });
    // Jumps at the end of steps 10 and 13: the first fires the neuron at step 11 (refractory 2 ms), the second comes while refractory.
    net.stimulate(src, spikeTimes({ times: [1.0, 1.3], indices: [0, 0] }));
    const lif = net.population('lif', { model: LIF, size: 1, parameters: { R: 1, C: 20, u_rest: -65, u_reset: -70, threshold: -55, t_ref: 2 } });
    net.connect(src, lif, { connector: oneToOneConnect({ weight: 30 }), synapse: DeltaSynapse });
    const v = net.monitor(new StateMonitor(lif, 'v'));
    const spikes = net.monitor(new SpikeMonitor(lif));
    await net.run({ steps: 60 }, createCpuBackend());
    const rec = Array.from(v.values().data);
    expect(Array.from(spikes.steps)[0]).toBe(11);
    expect(rec[12]).toBe(-70); // reset, refractory
    // From step 14 on, the jumped value (-70 + 30 mV) is held while refractory ...
    for (let k = 14; k <= 30; k++) expect(rec[k], `step ${k}`).toBe(-40);
    // ... and, above threshold, fires again as soon as the period ends.
    expect(Array.from(spikes.steps)[1]).toBeGreaterThan(30);
    expect(Array.from(spikes.steps)[1]).toBeLessThan(34);
  });

  it('equals across WebAssembly, JavaScript and threads in a recurrent network mixing jumps, conductances and delays', async () => {
    const run = async (backend: Backend) => {
      const net = new Network({ dt: 0.1, seed: 3 });
      const exc = net.population('exc', { model: LIF, size: 80, parameters: { R: 1, C: 20, u_rest: 0, u_reset: 10, threshold: 20, t_ref: 2 }, initial: { v: { uniform: { min: 0, max: 19 } } } });
      const inh = net.population('inh', { model: LIF, size: 20, sign: 'inhibitory', parameters: { R: 1, C: 20, u_rest: 0, u_reset: 10, threshold: 20, t_ref: 2 } });
      net.stimulate(exc, stepNoise({ I_value: 24, std: 4 }));
      net.stimulate(inh, stepNoise({ I_value: 23, std: 4 }));
      net.connect(inh, exc, { connector: fixedProbabilityConnect({ p: 0.3, weight: 0.5 }), synapse: ExpConductance, parameters: { tau: 5, E_rev: -10 } });
      net.connect(exc, exc, { connector: fixedProbabilityConnect({ p: 0.2, weight: 0.8 }), synapse: DeltaSynapse, delay: { uniform: { min: 0.5, max: 2 } } });
      net.connect(inh, exc, { connector: fixedProbabilityConnect({ p: 0.3, weight: 1 }), synapse: DeltaSynapse, delay: 1.5, name: 'inh-jump' });
      net.connect(exc, inh, { connector: fixedProbabilityConnect({ p: 0.3, weight: 0.6 }), synapse: DeltaSynapse });
      const se = net.monitor(new SpikeMonitor(exc));
      await net.run({ steps: 800 }, backend);
      return { steps: Array.from(se.steps), neurons: Array.from(se.neurons), v: Array.from(net.compiled!.getState('exc', 'v')), description: (net.compiled as { description?: string }).description };
    };
    const wasm = await run(createCpuBackend());
    expect(wasm.steps.length).toBeGreaterThan(100);
    expect(wasm.description).toMatch(/propagation in WebAssembly: inh->exc, exc->exc, inh-jump, exc->inh/);
    for (const other of [await run(createCpuBackend({ wasm: false })), await run(createCpuBackend({ threads: 3 }))]) expect(other).toEqual({ ...wasm, description: other.description });
  });

  it('a synapse writing a variable its target lacks is a ConfigError naming connection, model and variable', () => {
    const net = new Network({ dt: 0.1, seed: 0 });
    const src = net.population('src', { model: SpikeSource, size: 1 });
    const probe = net.population('probe', { model: { ...Hold, name: 'NoV', state: { x: { unit: 'mV', initial: 0 } } }, size: 1 });
    net.connect(src, probe, { connector: oneToOneConnect({ weight: 1 }), synapse: DeltaSynapse });
    const err = (() => {
      try {
        net.build();
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.code).toBe('unknown-post-variable');
    expect(err!.message).toContain('connection src->probe');
    expect(err!.message).toContain('synapse model DeltaSynapse writes v_post, but neuron model NoV of population probe has no state v; its states: x');
  });

  it('a jump in the wrong unit is a unit error naming the statement', () => {
    const net = new Network({ dt: 0.1, seed: 0 });
    const src = net.population('src', { model: SpikeSource, size: 1 });
    const probe = net.population('probe', { model: { ...Hold, name: 'Amps', state: { v: { unit: 'nA', initial: 0 } } }, size: 1 });
    net.connect(src, probe, { connector: oneToOneConnect({ weight: 1 }), synapse: DeltaSynapse });
    expect(() => net.build()).toThrow(/DeltaSynapse, onPre\[0\].*v_post \+= w/s);
  });
});
