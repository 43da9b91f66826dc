/**
 * Voltage-jump synapses (`v_post += w`, DeltaSynapse) on WebGPU: the jump is applied when the
 * target's kernel loads the synapse block at the start of step s + 1 — before any synapse output
 * reads `v_post` and before integration — which equals the CPU applying it in the propagation at
 * the end of step s: the same recorded step, and CPU f32 spike trains and v bit for bit in a
 * network where a conductance synapse (output reading `v_post`) comes before the jumps.
 * Delays are one step here (the WebGPU backend refuses longer ones on this branch).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { LIF, SpikeSource } from '@spikeflow/neurons';
import { DeltaSynapse, ExpConductance, fixedProbabilityConnect, oneToOneConnect, randomUniformConnect } from '@spikeflow/connectivity';
import { spikeTimes, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());
const cpu32 = createCpuBackend({ precision: 'f32' });

/** A neuron whose v only moves when a synapse moves it. */
const Hold: ModelDefinition = { name: 'Hold', kind: 'neuron', parameters: {}, state: { v: { unit: 'mV', initial: 0 } }, threshold: '0 > 1' };

async function jump(at: number, b: Backend): Promise<number[]> {
  const net = new Network({ dt: 0.1, seed: 0 });
  const src = net.population('src', { model: SpikeSource, size: 1 });
  net.stimulate(src, spikeTimes({ times: [at * 0.1], indices: [0] }));
  const hold = net.population('hold', { model: Hold, size: 1 });
  net.connect(src, hold, { connector: oneToOneConnect({ weight: 1.5 }), synapse: DeltaSynapse });
  const v = net.monitor(new StateMonitor(hold, 'v'));
  await net.run({ steps: at + 10 }, b);
  return Array.from(v.values().data);
}

function mixed() {
  const net = new Network({ dt: 0.1, seed: 5 });
  const exc = net.population('exc', { model: LIF, size: 150, parameters: { R: 1, C: 20, u_rest: 0, u_reset: 10, threshold: 20, t_ref: 2 }, initial: { v: { uniform: { min: 0, max: 19 } } } });
  const inh = net.population('inh', { model: LIF, size: 40, sign: 'inhibitory', parameters: { R: 1, C: 20, u_rest: 0, u_reset: 10, threshold: 20, t_ref: 2 } });
  net.stimulate(exc, stepNoise({ I_value: 24, std: 4 }));
  net.stimulate(inh, stepNoise({ I_value: 23, std: 4 }));
  // The conductance's output reads v_post: the jumps of the later connections must be in it already.
  net.connect(inh, exc, { connector: fixedProbabilityConnect({ p: 0.3, weight: 0.5 }), synapse: ExpConductance, parameters: { tau: 5, E_rev: -10 } });
  net.connect(exc, exc, { connector: fixedProbabilityConnect({ p: 0.2, weight: 0.8 }), synapse: DeltaSynapse });
  net.connect(inh, exc, { connector: randomUniformConnect({ wmin: 0.2, wmax: 1.2 }), synapse: DeltaSynapse, storage: 'dense', name: 'inh-jump' });
  net.connect(exc, inh, { connector: fixedProbabilityConnect({ p: 0.3, weight: 0.6 }), synapse: DeltaSynapse });
  const se = net.monitor(new SpikeMonitor(exc));
  const si = net.monitor(new SpikeMonitor(inh));
  const v = net.monitor(new StateMonitor(exc, 'v', { indices: [0, 7, 149] }));
  return { net, se, si, v };
}

describe.skipIf(!backend)('WebGPU voltage-jump synapses', () => {
  it('a spike at step s moves v by w, first recorded at step s + 1, as on the CPU', async () => {
    for (const at of [0, 3, 8]) {
      const v = await jump(at, backend!);
      expect(v.findIndex((x) => x !== 0)).toBe(at + 1);
      expect(v.at(-1)).toBe(1.5);
    }
  });

  it('a network of jumps (CSR and dense) beside a conductance reading v_post equals CPU f32 exactly', async () => {
    const run = async (b: Backend) => {
      const m = mixed();
      await m.net.run({ steps: 600 }, b);
      return { e: [Array.from(m.se.steps), Array.from(m.se.neurons)], i: [Array.from(m.si.steps), Array.from(m.si.neurons)], v: Array.from(m.v.values().data) };
    };
    const ref = await run(cpu32);
    expect(ref.e[0]!.length).toBeGreaterThan(200);
    expect(ref.i[0]!.length).toBeGreaterThan(50);
    const gpu = await run(backend!);
    expect({ e: gpu.e, i: gpu.i }).toEqual({ e: ref.e, i: ref.i });
    // v: the GPU's float32 exp and products may differ from the CPU's by an ulp (as for every LIF
    // network of the conformance suite, which compares spike trains): within 1e-5 mV here.
    gpu.v.forEach((x, k) => expect(Math.abs(x - ref.v[k]!)).toBeLessThan(1e-5));
  });
});
