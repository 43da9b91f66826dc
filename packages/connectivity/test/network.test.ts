import { describe, expect, it } from 'vitest';
import { ConfigError, Network, type ModelDefinition } from '@spikeflow/core';
import { AlphaCurrent, ExpCurrent, fixedProbabilityConnect, fullConnect, randomNormalConnect } from '@spikeflow/connectivity';

// A minimal neuron model, so this package's tests need no other definition package.
const Leaky: ModelDefinition = {
  name: 'Leaky',
  kind: 'neuron',
  parameters: { tau: { unit: 'ms', default: 20, timeConstant: true }, theta: { unit: 'mV', default: 1 } },
  state: { v: { unit: 'mV', initial: 0 } },
  inputs: { I: { unit: 'mV', doc: 'input already scaled to a voltage (R·I)' } },
  equations: { v: '(-v + I) / tau' },
  threshold: 'v > theta',
  reset: ['v = 0'],
};

describe('connectors and synapse models inside Network.build', () => {
  const network = () => {
    const net = new Network({ dt: 1, seed: 42 });
    const a = net.population('a', { model: Leaky, size: 300 });
    const b = net.population('b', { model: Leaky, size: 200, sign: 'inhibitory' });
    net.connect(a, b, { connector: randomNormalConnect({ wmean: 20, wstd: 5 }), synapse: ExpCurrent });
    net.connect(b, a, { connector: fixedProbabilityConnect({ p: 0.05, weight: 1 }), synapse: AlphaCurrent, parameters: { tau: 3 } });
    net.connect(a, a, { connector: fullConnect({ J: 2 }), synapse: ExpCurrent, storage: 'csr' });
    return net;
  };

  it('builds dense, CSR and converted tables, and the same seed gives the same tables', () => {
    const [ab, ba, aa] = network().build().connections;
    expect(ab?.table.format).toBe('dense');
    expect(ab?.sign).toBe(1);
    expect(ba?.table.format).toBe('csr');
    expect(ba?.sign).toBe(-1);
    expect(aa?.table.format).toBe('csr');
    expect(aa?.table.weights[0]).toBe(2 / 300);
    const again = network().build().connections;
    expect(again[0]?.table.weights).toEqual(ab?.table.weights);
    expect(again[1]?.table).toEqual(ba?.table);
  });

  it('names the connection in setting errors', () => {
    const net = new Network({ dt: 1 });
    const a = net.population('a', { model: Leaky, size: 10 });
    net.connect(a, a, { connector: randomNormalConnect({ wmean: 20, wstd: -1 }), synapse: ExpCurrent });
    expect(() => net.build()).toThrow(ConfigError);
    expect(() => net.build()).toThrow('connection a->a.connector.wstd: expected a value >= 0, got -1');
  });

  it('rejects a sparse connector with storage "dense"', () => {
    const net = new Network({ dt: 1 });
    const a = net.population('a', { model: Leaky, size: 10 });
    net.connect(a, a, { connector: fixedProbabilityConnect({ p: 0.5, weight: 1 }), synapse: ExpCurrent, storage: 'dense' });
    expect(() => net.build()).toThrow(/builds sparse tables/);
  });
});
