/**
 * Gap junctions (synapse models with a `summed` expression: GapJunction, `w * (v_pre - v_post)`)
 * on WebGPU: one thread per postsynaptic neuron sums its synapses in the plan's CSR order, from
 * the states at the start of the step, in float32 as the CPU's f32 mode does — so CPU f32 and
 * WebGPU give the same spike trains and the same v, bit for bit: on Brian2's gap-junction example
 * (and at ten times its coupling, where the neurons synchronise) and on a network mixing
 * junctions within and across populations (random CSR weights, a dense table) with a current
 * synapse feeding the same input.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Network, type Backend } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { ExpCurrent, GapJunction, fixedProbabilityConnect, fullConnect } from '@spikeflow/connectivity';
import { SpikeMonitor, StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());
const cpu32 = createCpuBackend({ precision: 'f32' });

/** Brian2's example (10 LIF, all-to-all junctions of `w`·1000 nS, v from 0 to 1 mV). */
async function example(b: Backend, w: number) {
  const net = new Network({ dt: 0.1, seed: 1 });
  const cells = net.population('cells', { model: LIF, size: 10, parameters: { R: 1, C: 10, u_rest: 1.05, u_reset: 0, threshold: 1 }, initial: { v: Float64Array.from({ length: 10 }, (_, i) => i / 9) } });
  net.connect(cells, cells, { connector: fullConnect({ J: 1000 * w * 10 }), synapse: GapJunction });
  const spikes = net.monitor(new SpikeMonitor(cells));
  const v = net.monitor(new StateMonitor(cells, 'v'));
  await net.run({ steps: 2500 }, b);
  return { trains: Array.from(spikes.spikeTrains(), (t) => Array.from(t)), v: Float32Array.from(v.values().data) };
}

/** Two populations of odd sizes, junctions within and across them, and a current synapse into the same input. */
async function mixed(b: Backend) {
  const driven = (size: number, offset: number) => ({
    model: LIF,
    size,
    parameters: { R: 1, C: 10, u_rest: -45, u_reset: -70, threshold: -50, t_ref: 1 },
    initial: { v: Float64Array.from({ length: size }, (_, i) => -70 + ((i * 7 + offset) % size) * (20 / size)) },
  });
  const net = new Network({ dt: 0.1, seed: 7 });
  const a = net.population('a', driven(77, 0));
  const c = net.population('c', driven(45, 3));
  net.connect(a, a, { connector: fixedProbabilityConnect({ p: 0.2, weight: { uniform: { min: 1, max: 8 } } }), synapse: GapJunction });
  net.connect(a, c, { connector: fixedProbabilityConnect({ p: 0.3, weight: { uniform: { min: 1, max: 12 } } }), synapse: GapJunction });
  net.connect(c, a, { connector: fullConnect({ J: 150 }), synapse: GapJunction, storage: 'dense' });
  net.connect(c, a, { connector: fixedProbabilityConnect({ p: 0.3, weight: 0.2 }), synapse: ExpCurrent, name: 'c->a current' });
  const spikes = [net.monitor(new SpikeMonitor(a)), net.monitor(new SpikeMonitor(c))];
  const v = net.monitor(new StateMonitor(a, 'v', { indices: [0, 38, 76] }));
  await net.run({ steps: 2000 }, b);
  return { trains: spikes.map((s) => Array.from(s.spikeTrains(), (t) => Array.from(t))), v: Float32Array.from(v.values().data) };
}

const bits = (x: Float32Array) => Buffer.from(x.buffer);

describe.skipIf(!backend)('WebGPU gap junctions', () => {
  it.each([0.02, 0.2])("Brian2's example at w = %s: CPU f32 ≡ WebGPU, spikes and v bit for bit", async (w) => {
    const [cpu, gpu] = [await example(cpu32, w), await example(backend!, w)];
    expect(cpu.trains.flat().length).toBeGreaterThan(50);
    expect(gpu.trains).toEqual(cpu.trains);
    expect(bits(gpu.v).equals(bits(cpu.v))).toBe(true);
  });

  it('junctions within and across populations (CSR and dense) beside a current synapse: CPU f32 ≡ WebGPU', async () => {
    const [cpu, gpu] = [await mixed(cpu32), await mixed(backend!)];
    expect(cpu.trains.flat(2).length).toBeGreaterThan(200);
    expect(gpu.trains).toEqual(cpu.trains);
    expect(bits(gpu.v).equals(bits(cpu.v))).toBe(true);
  });
});
