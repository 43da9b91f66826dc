import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { SCENARIO_NAMES, runDecision } from '@spikeflow/experiments';
import { buildPlaygroundNetwork } from '../src/playground/network.js';
import { runDecisionSettings, type RunChunk } from '../src/playground/run.js';
import { formatOfText, runExperimentText } from '../src/playground/experiment.js';
import { scenarioDefaults } from '../src/playground/settings.js';

const repo = resolve(import.meta.dirname, '../../..');

describe('the playground builds the decision network of @spikeflow/experiments', () => {
  it.each(SCENARIO_NAMES)('scenario %s: the same spikes as runDecision, streamed in chunks', async (scenario) => {
    const seed = 3;
    const reference = await runDecision(createCpuBackend(), { scenario, seed });
    const chunks: RunChunk[] = [];
    const end = await runDecisionSettings({ ...scenarioDefaults(scenario), seed }, createCpuBackend(), { onChunk: (c) => chunks.push(c), chunk: 100 });
    expect(end.totals).toEqual(reference.summary.totals);
    expect(chunks).toHaveLength(10);
    expect(chunks.at(-1)!.done).toBe(1000);
    // The chunks, put together, are exactly the reference monitor's spikes.
    for (const pop of ['ep1', 'ep2', 'ip1'] as const) {
      const steps = chunks.flatMap((c) => Array.from(c.spikes[pop]!.steps));
      const neurons = chunks.flatMap((c) => Array.from(c.spikes[pop]!.neurons));
      expect(steps).toEqual(Array.from(reference.decision.spikes[pop].steps));
      expect(neurons).toEqual(Array.from(reference.decision.spikes[pop].neurons));
    }
  });

  it('weights and connectivity change the run; the same settings repeat it exactly', async () => {
    const settings = { ...scenarioDefaults('default'), seed: 5, wmean: 30, connectivity: 'random-uniform' as const, wmin: 10, wmax: 25 };
    const a = await runDecisionSettings(settings, createCpuBackend());
    const b = await runDecisionSettings(settings, createCpuBackend());
    const base = await runDecisionSettings({ ...scenarioDefaults('default'), seed: 5 }, createCpuBackend());
    expect(a.totals).toEqual(b.totals);
    expect(a.totals).not.toEqual(base.totals);
  });

  it('settings are validated again when the network is built', () => {
    expect(() => buildPlaygroundNetwork({ ...scenarioDefaults('default'), size: 1e9 })).toThrow(/size/);
  });
});

describe('experiment files pasted into the playground', () => {
  it('the repository example of the default scenario gives the spikes of the built-in network', async () => {
    const text = readFileSync(resolve(repo, 'examples/decision-default.json'), 'utf8');
    expect(formatOfText(text)).toBe('json');
    const reference = await runDecision(createCpuBackend(), { scenario: 'default', seed: 1 });
    const end = await runExperimentText(text, createCpuBackend());
    expect(end.totals).toEqual(reference.summary.totals);
  });

  it('YAML files run too', async () => {
    const text = readFileSync(resolve(repo, 'examples/ei-network.yaml'), 'utf8');
    expect(formatOfText(text)).toBe('yaml');
    const end = await runExperimentText(text, createCpuBackend());
    expect(end.steps).toBe(2000);
    expect(end.spikeCount).toBeGreaterThan(0);
  });

  it('invalid files are refused with field paths; nothing in them runs', async () => {
    const text = JSON.stringify({ dt: 1, steps: 10, seed: 0, populations: { a: { model: 'LIF', size: 2, parameters: { R: 'globalThis.pwned = 1' } } } });
    await expect(runExperimentText(text, createCpuBackend())).rejects.toThrow(/populations\.a\.parameters\.R/);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    await expect(runExperimentText('populations: [', createCpuBackend())).rejects.toThrow();
  });

  it('too large runs are refused before they start', async () => {
    const text = JSON.stringify({ dt: 1, steps: 10, seed: 0, populations: { a: { model: 'LIF', size: 50_000 } } });
    await expect(runExperimentText(text, createCpuBackend())).rejects.toThrow(/at most 20000 neurons/);
  });
});
