import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '@spikeflow/experiments';
import { loadExperimentFile } from '@spikeflow/experiment-file/node';
import { skipOrFail } from '../../../test-support/dependency.js';
import { pythonHas } from '../../../test-support/python.js';
import { bin, cli, cliInProcess, exec, fresh, root, show } from './helpers.js';

const examples = join(root, 'examples');
const badDir = join(root, 'packages/experiment-file/test/fixtures/bad');
const hasNumpy = pythonHas('numpy', 'apt-get install -y python3-numpy');
const numpy = (script: string) => JSON.parse(spawnSync('/usr/bin/python3', ['-c', `import numpy as np, json\n${script}`], { encoding: 'utf8' }).stdout);

/** Steps of an example run by this file at most (the examples' own tests run their physics). */
const MAX_EXAMPLE_STEPS = 1_500;
const exampleFiles = readdirSync(examples).filter((f) => /\.(json|ya?ml)$/.test(f) && f !== 'experiment.schema.json');

describe('example experiment files', () => {
  it('there are the seven scenarios and at least one other network', async () => {
    for (const s of SCENARIO_NAMES) expect(exampleFiles.some((f) => f.startsWith(`decision-${s}.`)), s).toBe(true);
    expect(exampleFiles.length).toBeGreaterThanOrEqual(8);
  });

  // The seven decision files run in the next test (against the built-in scenario); here they validate.
  const runsBelow = (file: string) => SCENARIO_NAMES.some((s) => file.startsWith(`decision-${s}.`));
  it.each(exampleFiles)('%s validates and runs', async (file) => {
    // `validate` through the CLI's main in this process (the binary's own start is tested below).
    const v = await cliInProcess('validate', join(examples, file));
    expect(v.status, show(v)).toBe(0);
    if (runsBelow(file)) return;
    const out = fresh();
    // Long examples (STDP's 100 s) run their first MAX_EXAMPLE_STEPS steps here, through --steps.
    const e = await loadExperimentFile(join(examples, file));
    const steps = e.steps ?? Math.round(e.duration! / e.dt);
    const first = steps > MAX_EXAMPLE_STEPS ? ['--steps', String(MAX_EXAMPLE_STEPS)] : [];
    // Through the CLI's main in this process too (the binary runs the decision files below).
    const r = await cliInProcess('run', join(examples, file), '--out', out, '--no-figure', ...first);
    expect(r.status, show(r)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(manifest.aborted).toBe(false);
    expect(manifest.stepsRun).toBe(Math.min(steps, MAX_EXAMPLE_STEPS));
  });

  it.each(SCENARIO_NAMES)('decision-%s runs identically to the built-in scenario (byte-identical spikes.csv)', async (scenario) => {
    const file = exampleFiles.find((f) => f.startsWith(`decision-${scenario}.`))!;
    const a = fresh();
    const b = fresh();
    const [ra, rb] = await Promise.all([cli('run', join('examples', file), '--out', a, '--no-figure', '--seed', '2'), cli('run', 'decision', '--scenario', scenario, '--out', b, '--no-figure', '--seed', '2')]);
    expect(ra.status, show(ra)).toBe(0);
    expect(rb.status, show(rb)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(a, 'run.json'), 'utf8'));
    expect(manifest.aborted).toBe(false);
    const e = await loadExperimentFile(join(examples, file));
    expect(manifest.stepsRun).toBe(e.steps ?? Math.round(e.duration! / e.dt));
    expect(readFileSync(join(a, 'spikes.csv')).equals(readFileSync(join(b, 'spikes.csv')))).toBe(true);
  });
});

const badFiles = readdirSync(badDir).filter((f) => !f.endsWith('.expect') && existsSync(join(badDir, f.replace(/\.[^.]+$/, '.expect'))));

describe('malformed experiment files', () => {
  it('there are at least 20', () => expect(badFiles.length).toBeGreaterThanOrEqual(20));

  // Every file goes through the CLI's main in this process (a child process each, 80 of them, cost
  // a minute of test time); the first ones also through the built binary, as users run it.
  const throughBinary = new Set(badFiles.slice(0, 3));
  it.each(badFiles)('%s: validate and run exit 2 with one error line naming the field', async (file) => {
    const expected = readFileSync(join(badDir, file.replace(/\.[^.]+$/, '.expect')), 'utf8').trim().split('\n').filter(Boolean);
    for (const args of [['validate'], ['run', '--out', fresh()]]) {
      const call = throughBinary.has(file) ? cli : cliInProcess;
      const r = await call(args[0]!, join(badDir, file), ...args.slice(1));
      expect(r.status, show(r)).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^error: /);
      expect(lines.filter((l) => l.startsWith('error:'))).toHaveLength(1);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      for (const snippet of expected) expect(r.stderr).toContain(snippet.replace(/^.*?\.(json|yaml|yml):/, `${basename(file)}:`).replace(`${basename(file)}:`, ''));
    }
  });
});

describe('data out', () => {
  it.skipIf(!hasNumpy)('NPY spikes, state and currents load in numpy with the right shape and dtype', async () => {
    const out = fresh();
    const r = await cli('run', 'examples/ei-network.yaml', '--format', 'npy', '--out', out, '--no-figure');
    expect(r.status, show(r)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    for (const [pop, file] of Object.entries(manifest.files.spikes) as [string, string][]) {
      const info = numpy(`a = np.load(${JSON.stringify(join(out, file))})\nprint(json.dumps([list(a.shape), str(a.dtype), int(a[:, 1].max())]))`);
      expect(info[0]).toEqual([summary.populations[pop].total, 2]);
      expect(info[1]).toBe('int32');
      expect(info[2]).toBeLessThan(manifest.populations.find((p: { name: string }) => p.name === pop).size);
    }
    for (const s of manifest.files.state) {
      const info = numpy(`a = np.load(${JSON.stringify(join(out, s.file))})\nprint(json.dumps([list(a.shape), str(a.dtype)]))`);
      expect(info[0][0]).toBe(Math.ceil(manifest.stepsRun / s.every));
      expect(info[1]).toBe('float64');
    }
  });
});

describe('progress bar', () => {
  const long = ['run', 'decision', '--scenario', 'full-connectivity', '--steps', '20000', '--size', '20', '--out'];
  it('appears on a terminal (under script)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.CI;
    const r = await exec('script', ['-qec', `${process.execPath} ${bin} ${long.join(' ')} ${fresh()} --no-figure`, '/dev/null'], env);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toMatch(/\d+% \| [\d.]+ \/ 20000 ms simulated \| [\d,]+ steps\/s \| ETA/);
  });

  it('stays silent when piped', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.CI;
    const r = await exec(process.execPath, [bin, ...long, fresh(), '--no-figure'], env);
    expect(r.status, show(r)).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/ETA|steps\/s/);
  });
});

describe('--backend webgpu', () => {
  it('writes the same outputs as the CPU backend (Dawn on Mesa here; skipped without an adapter)', async (ctx) => {
    const gpu = fresh();
    const r = await cli('run', 'decision', '--scenario', 'one-strong-current', '--backend', 'webgpu', '--out', gpu, '--no-figure');
    if (r.status === 1 && /no WebGPU adapter found/.test(r.stderr)) {
      expect(r.stderr).toMatch(/To fix:/);
      skipOrFail(ctx, 'a WebGPU adapter', r.stderr.trim().split('\n')[0]!);
    }
    expect(r.status, show(r)).toBe(0);
    const cpu = fresh();
    expect((await cli('run', 'decision', '--scenario', 'one-strong-current', '--out', cpu, '--no-figure')).status).toBe(0);
    expect(readFileSync(join(gpu, 'spikes.csv')).equals(readFileSync(join(cpu, 'spikes.csv')))).toBe(true);
    const a = JSON.parse(readFileSync(join(gpu, 'summary.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(cpu, 'summary.json'), 'utf8'));
    expect(a.backend).toBe('webgpu');
    expect(a.bins).toEqual(b.bins);
  });
});

describe('spikeflow models', () => {
  // Printing only: through the CLI's main in this process (the binary's start is tested above).
  it('lists neuron models with parameters, units, defaults and one-line docs; --json for machines', async () => {
    const text = await cliInProcess('models');
    expect(text.status, show(text)).toBe(0);
    expect(text.stdout).toMatch(/^LIF \(neuron\) — Leaky integrate-and-fire/m);
    expect(text.stdout).toMatch(/^ {2}threshold +-40 mV +spike threshold$/m);
    const json = await cliInProcess('models', '--json');
    expect(json.status, show(json)).toBe(0);
    const models = JSON.parse(json.stdout) as { name: string; kind: string; parameters: { name: string; unit: string; default: number | null }[] }[];
    const lif = models.find((m) => m.name === 'LIF')!;
    expect(lif.kind).toBe('neuron');
    expect(lif.parameters).toContainEqual(expect.objectContaining({ name: 'C', unit: 'nF', default: 20 }));
    expect(models.some((m) => m.name === 'ExpCurrent' && m.kind === 'synapse')).toBe(true);
    // Every library model is listed, with the units of its state and inputs.
    for (const name of ['AdEx', 'HodgkinHuxley', 'Izhikevich', 'PoissonNeuron', 'TraubMiles']) expect(models.map((m) => m.name)).toContain(name);
    expect(text.stdout).toMatch(/^ {2}state: v \(mV\), w_ad \(nA\); inputs: I \(nA\)$/m);
  });

  it('models NAME shows one model in full: equations with units, events, integrator, presets; unknown names exit 2', async () => {
    const adex = await cliInProcess('models', 'AdEx');
    expect(adex.status, show(adex)).toBe(0);
    expect(adex.stdout).toMatch(/^ {2}dv\/dt = .*exp\(\(v - V_T\) \/ delta_T\).* {4}\[mV\/ms\]$/m);
    expect(adex.stdout).toMatch(/^ {2}on spike: v = V_r; w_ad \+= b$/m);
    expect(adex.stdout).toMatch(/^ {2}integrator: euler$/m);
    expect(adex.stdout).toMatch(/^ {2}b +0\.0805 nA +spike-triggered adaptation$/m);
    expect(adex.stdout).toMatch(/^ {2}delayed regular bursting: /m);
    expect(adex.stdout).toMatch(/Brette & Gerstner \(2005\)/);
    const json = await cliInProcess('models', 'hodgkinhuxley', '--json');
    expect(json.status, show(json)).toBe(0);
    const hh = JSON.parse(json.stdout) as { name: string; integrator: string; refractory: { clamp: string[] }; inputs: { name: string; unit: string }[] };
    expect(hh).toMatchObject({ name: 'HodgkinHuxley', integrator: 'exact', refractory: { clamp: [] } });
    expect(hh.inputs).toEqual([expect.objectContaining({ name: 'I', unit: 'nA' })]);
    const coba = await cliInProcess('models', 'ExpConductance');
    expect(coba.status, show(coba)).toBe(0);
    expect(coba.stdout).toMatch(/^ {2}weight w: nS — a conductance: >= 0, the presynaptic sign is not applied/m);
    expect(coba.stdout).toMatch(/^ {2}output: g \* \(E_rev - v_post\)$/m);
    const stp = await cliInProcess('models', 'TsodyksMarkram');
    expect(stp.stdout).toMatch(/^ {2}per synapse: u \(1\), starts at U, du\/dt = \(U - u\) \/ tau_f \(event-driven\)/m);
    const nmda = await cliInProcess('models', 'NmdaSynapse');
    expect(nmda.stdout).toMatch(/^ {2}per synapse: g_syn \(1\), starts at 0, dg_syn\/dt = -g_syn \/ tau_decay \+ alpha \* x \* \(1 - g_syn\) \(clock-driven: every step\)/m);
    expect(nmda.stdout).toMatch(/^ {2}every step, per synapse, summed into the target input: w \* g_syn \* \(E - v_post\)/m);
    const reward = await cliInProcess('models', 'RewardStdp');
    expect(reward.stdout).toMatch(/^ {2}on reward delivery \(sim\.deliverReward; reward in 1\): w = clip\(w \+ eta \* reward \* c, wmin, wmax\)$/m);
    expect(reward.stdout).toMatch(/^ {2}trace apre \(µS\) per presynaptic neuron: decays with taupre, \+= Apre on its spikes$/m);
    const bad = await cliInProcess('models', 'NoSuchModel');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: unknown model 'NoSuchModel'; known: AdEx, .*LIF/m);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
