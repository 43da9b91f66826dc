import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README's library example must run as written: extract it, run it here (where every
// @spikeflow package resolves), and check what it printed.
describe('README library example', () => {
  it('runs and records spikes and voltages', async () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const file = fileURLToPath(new URL('./.readme-example.generated.mjs', import.meta.url));
    writeFileSync(file, `${block}\nexport { spikes, v };\n`);
    try {
      const { spikes, v } = (await import(pathToFileURL(file).href)) as {
        spikes: { count: number; countsPerBin(bin: number): Int32Array };
        v: { values(): { shape: number[] } };
      };
      expect(spikes.count).toBeGreaterThan(0);
      expect(Array.from(spikes.countsPerBin(100)).reduce((a: number, b: number) => a + b, 0)).toBe(spikes.count);
      expect(v.values().shape).toEqual([100, 3]);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
