/**
 * The WebGPU backend refuses plastic (STDP) connections and per-synapse variables (Tsodyks–Markram) with a ConfigError naming the connection
 * and the model (they run on the CPU backend). Pure program building: no device needed.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network } from '@spikeflow/core';
import { LIF, PoissonNeuron } from '@spikeflow/neurons';
import { fixedProbabilityConnect, StdpMultiplicative, TsodyksMarkram } from '@spikeflow/connectivity';
import { buildProgram } from '@spikeflow/backend-webgpu';

describe('WebGPU and plastic synapses', () => {
  it('refuses a plastic connection with a named ConfigError', () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', { model: PoissonNeuron, size: 4 });
    const b = net.population('b', { model: LIF, size: 2 });
    net.connect(a, b, { connector: fixedProbabilityConnect({ p: 1, weight: 1 }), synapse: StdpMultiplicative, name: 'learn' });
    const build = () => buildProgram(net.build(), { maxChunk: 4, regionWords: 1 << 20, maxBindingBytes: 1 << 30 });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/connection learn\.synapse: synapse model StdpMultiplicative is plastic \(STDP\): plastic weights run on the CPU backend/);
  });

  it('refuses a model with per-synapse variables (Tsodyks–Markram) by name', () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', { model: PoissonNeuron, size: 4 });
    const b = net.population('b', { model: LIF, size: 2 });
    net.connect(a, b, { connector: fixedProbabilityConnect({ p: 1, weight: 1 }), synapse: TsodyksMarkram, name: 'stp' });
    const build = () => buildProgram(net.build(), { maxChunk: 4, regionWords: 1 << 20, maxBindingBytes: 1 << 30 });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/connection stp\.synapse: synapse model TsodyksMarkram has per-synapse variables \(u, x\): plastic weights and per-synapse variables run on the CPU backend/);
  });
});
