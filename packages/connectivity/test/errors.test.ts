import { describe, expect, it } from 'vitest';
import { ConfigError, type Connector } from '@spikeflow/core';
import { hostRng } from '@spikeflow/core/rng';
import {
  fixedIndegreeConnect,
  fixedProbabilityConnect,
  fullConnect,
  oneToOneConnect,
  randomNormalConnect,
  randomUniformConnect,
  type WeightSpec,
} from '@spikeflow/connectivity';
import { PATH } from './helpers.js';

// Settings as an experiment file might hold them: the type system cannot rule these out.
const loose = <T>(x: unknown) => x as T;

/** [description, connector, field path expected in the message, nPre, nPost] */
const cases: [string, Connector, string, number?, number?][] = [
  ['full: J not finite', fullConnect({ J: NaN }), `${PATH}.J`],
  ['random normal: negative wstd', randomNormalConnect({ wmean: 20, wstd: -5 }), `${PATH}.wstd`],
  ['random normal: wmean infinite', randomNormalConnect({ wmean: Infinity, wstd: 5 }), `${PATH}.wmean`],
  ['random normal: wstd missing', randomNormalConnect(loose({ wmean: 20 })), `${PATH}.wstd`],
  ['random normal: J a string', randomNormalConnect(loose({ wmean: 20, wstd: 5, J: '1' })), `${PATH}.J`],
  ['random normal: misspelt setting', randomNormalConnect(loose({ wmean: 20, wsd: 5 })), `${PATH}.wsd`],
  ['random uniform: wmin > wmax', randomUniformConnect({ wmin: 30, wmax: 20 }), `${PATH}.wmin`],
  ['random uniform: wmax NaN', randomUniformConnect({ wmin: 0, wmax: NaN }), `${PATH}.wmax`],
  ['fixed probability: p < 0', fixedProbabilityConnect({ p: -0.1, weight: 1 }), `${PATH}.p`],
  ['fixed probability: p > 1', fixedProbabilityConnect({ p: 1.5, weight: 1 }), `${PATH}.p`],
  ['fixed probability: p NaN', fixedProbabilityConnect({ p: NaN, weight: 1 }), `${PATH}.p`],
  ['fixed probability: weight NaN', fixedProbabilityConnect({ p: 0.1, weight: NaN }), `${PATH}.weight`],
  ['fixed probability: weight std < 0', fixedProbabilityConnect({ p: 0.1, weight: { normal: { mean: 1, std: -1 } } }), `${PATH}.weight.normal.std`],
  ['fixed probability: weight mean infinite', fixedProbabilityConnect({ p: 0.1, weight: { normal: { mean: Infinity, std: 1 } } }), `${PATH}.weight.normal.mean`],
  ['fixed probability: uniform min > max', fixedProbabilityConnect({ p: 0.1, weight: { uniform: { min: 2, max: 1 } } }), `${PATH}.weight.uniform`],
  ['fixed probability: weight array', fixedProbabilityConnect({ p: 0.1, weight: loose<WeightSpec>([1, 2]) }), `${PATH}.weight`],
  ['fixed probability: allowSelfConnections not boolean', fixedProbabilityConnect(loose({ p: 0.1, weight: 1, allowSelfConnections: 'no' })), `${PATH}.allowSelfConnections`],
  ['fixed indegree: k not an integer', fixedIndegreeConnect({ k: 1.5, weight: 1 }), `${PATH}.k`],
  ['fixed indegree: k > nPre without multapses', fixedIndegreeConnect({ k: 11, weight: 1, allowMultapses: false }), `${PATH}.k`, 10, 10],
  ['fixed indegree: k = nPre without multapses or self', fixedIndegreeConnect({ k: 10, weight: 1, allowMultapses: false, allowSelfConnections: false }), `${PATH}.k`, 10, 10],
  ['one-to-one: size mismatch', oneToOneConnect({ weight: 1 }), PATH, 3, 4],
  ['one-to-one: weight uniform max NaN', oneToOneConnect({ weight: { uniform: { min: 0, max: NaN } } }), `${PATH}.weight.uniform.max`],
  ['any: empty population', fullConnect(), `${PATH} (nPre)`, 0, 5],
  ['any: fractional population size', randomNormalConnect({ wmean: 1, wstd: 1 }), `${PATH} (nPost)`, 5, 2.5],
];

describe('settings validation', () => {
  it.each(cases)('%s → ConfigError naming %s', (_, connector, field, nPre = 10, nPost = 10) => {
    let error: unknown;
    try {
      connector.build(nPre, nPost, hostRng(1, 'e'), PATH);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`${field}:`);
    expect((error as ConfigError).path).toBe(field);
  });

  it('a dense table too large to allocate is a ConfigError suggesting a sparse connector', () => {
    expect(() => fullConnect().build(1_000_000, 1_000_000, hostRng(1, 'e'), PATH)).toThrow(/use a sparse connector/);
  });
});
