/**
 * The WebGPU backend refuses gap junctions (synapse models with a `summed` expression) with a
 * ConfigError naming the connection and the model (they run on the CPU backend). Pure program
 * building: no device needed.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, Network } from '@spikeflow/core';
import { LIF } from '@spikeflow/neurons';
import { fullConnect, GapJunction } from '@spikeflow/connectivity';
import { buildProgram } from '@spikeflow/backend-webgpu';

describe('WebGPU and gap junctions', () => {
  it('refuses a summed synapse expression with a named ConfigError', () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const a = net.population('a', { model: LIF, size: 4 });
    net.connect(a, a, { connector: fullConnect({ J: 40 }), synapse: GapJunction, name: 'gap' });
    const build = () => buildProgram(net.build(), { maxChunk: 4, regionWords: 1 << 20, maxBindingBytes: 1 << 30 });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/connection gap\.synapse: synapse model GapJunction has a summed expression \(a gap junction\): summed synapse expressions run on the CPU backend/);
  });
});
