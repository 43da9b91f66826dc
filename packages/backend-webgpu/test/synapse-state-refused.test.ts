/**
 * The WebGPU backend refuses synapse models with per-synapse variables, a weight equation or
 * reward statements (TsodyksMarkram, RewardStdp, NmdaSynapse's clock-driven variables) with a ConfigError naming the connection, the
 * model and what it has (they run on the CPU backend). Pure program building: no device needed.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type ModelDefinition } from '@spikeflow/core';
import { LIF, PoissonNeuron } from '@spikeflow/neurons';
import { fixedProbabilityConnect, NmdaSynapse, RewardStdp, TsodyksMarkram } from '@spikeflow/connectivity';
import { buildProgram } from '@spikeflow/backend-webgpu';

function build(synapse: ModelDefinition) {
  const net = new Network({ dt: 0.1, seed: 1 });
  const a = net.population('a', { model: PoissonNeuron, size: 4 });
  const b = net.population('b', { model: LIF, size: 2 });
  net.connect(a, b, { connector: fixedProbabilityConnect({ p: 1, weight: 1 }), synapse, name: 'syn' });
  return () => buildProgram(net.build(), { maxChunk: 4, regionWords: 1 << 20, maxBindingBytes: 1 << 30 });
}

describe('WebGPU and per-synapse state', () => {
  it('refuses TsodyksMarkram and RewardStdp by name', () => {
    expect(build(TsodyksMarkram)).toThrow(ConfigError);
    expect(build(TsodyksMarkram)).toThrow(/connection syn\.synapse: synapse model TsodyksMarkram has per-synapse variables \(u, x\): they run on the CPU backend/);
    expect(build(RewardStdp)).toThrow(/connection syn\.synapse: synapse model RewardStdp has per-synapse variables \(c\), reward statements: they run on the CPU backend/);
    expect(build(NmdaSynapse)).toThrow(/connection syn\.synapse: synapse model NmdaSynapse has clock-driven per-synapse variables \(g_syn, x\): they run on the CPU backend \(f64\); the WebGPU backend does not have them yet/);
  });
});
