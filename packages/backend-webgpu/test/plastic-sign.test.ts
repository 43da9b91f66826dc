/**
 * core's checkPlasticConnection as both backends call it: a plastic connection from an inhibitory
 * population is refused when its model assigns w (both backends); when it does not, the CPU
 * backend runs it (the sign stays on the fixed weights) and the WebGPU backend refuses it.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type ModelDefinition } from '@spikeflow/core';
import { LIF, SpikeSource } from '@spikeflow/neurons';
import { fixedProbabilityConnect, StdpAdditive } from '@spikeflow/connectivity';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { buildProgram } from '@spikeflow/backend-webgpu';

/** StdpAdditive with a current (signed) weight instead of a conductance. */
const StdpCurrent: ModelDefinition = { ...StdpAdditive, name: 'StdpCurrent', weight: { unit: 'nS', doc: 'current weight' } };
/** Plastic (traces) but never assigns w. */
const TracesOnly: ModelDefinition = { ...StdpCurrent, name: 'TracesOnly', onPre: ['g += w'], plasticity: { ...StdpAdditive.plasticity!, onPost: ['g += 0'] } };

const inhibitory = (synapse: ModelDefinition) => {
  const net = new Network({ dt: 0.1, seed: 1 });
  const a = net.population('a', { model: SpikeSource, size: 4, sign: 'inhibitory' });
  net.connect(a, net.population('b', { model: LIF, size: 2 }), { connector: fixedProbabilityConnect({ p: 1, weight: 1 }), synapse, name: 'learn' });
  return net;
};
const refusal = /^connection learn\.synapse: synapse model \w+ is plastic: plastic connections from an inhibitory population need a conductance synapse \(inhibition from E_rev\)$/;
const program = (net: Network) => buildProgram(net.build(), { maxChunk: 4, regionWords: 1 << 20, maxBindingBytes: 1 << 30 });

describe('plastic connections from an inhibitory population', () => {
  it('CPU: refused when the model assigns w, run when it does not', async () => {
    const err = await inhibitory(StdpCurrent).run({ steps: 5 }, createCpuBackend()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('unsupported');
    expect((err as ConfigError).path).toBe('connection learn.synapse');
    expect((err as Error).message).toMatch(refusal);
    await expect(inhibitory(TracesOnly).run({ steps: 5 }, createCpuBackend())).resolves.toMatchObject({ steps: 5 });
  });

  it('WebGPU: refused either way', () => {
    expect(() => program(inhibitory(StdpCurrent))).toThrow(refusal);
    expect(() => program(inhibitory(TracesOnly))).toThrow(refusal);
  });
});
