import { Command, InvalidArgumentError, Option } from 'commander';
import { SCENARIOS, SCENARIO_NAMES } from '@spikeflow/experiments';
import { version } from './version.js';

// Strict: '', ' 3', '0x10' and '1e3' are not integers a user meant to type.
const integer = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}, got '${value}'`);
  return n;
};
const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!/^\d*\.?\d+(e[-+]?\d+)?$/i.test(value) || !(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number > 0, got '${value}'`);
  return n;
};

/** `--checkpoint-every`: whole steps or a duration in ms or s; whether it is whole steps of dt is checked once dt is known. */
const checkpointInterval = (value: string) => {
  if (!/^(\d+|\d+(\.\d+)?(ms|s))$/.test(value) || !(Number.parseFloat(value) > 0)) throw new InvalidArgumentError(`--checkpoint-every must be a number of steps >= 1 or a duration such as 500ms or 2s, got '${value}'`);
  return value;
};

/** Receives each command's exit code (commander actions return nothing). */
export type ExitCodeSink = (code: number) => void;

/**
 * The `spikeflow` command tree (commander does the parsing, help and usage errors). Each command's
 * module is imported when the command runs, so help, the version and usage errors do not load the
 * experiment-file schema (zod), the plotting stack or the backends.
 */
export function createProgram(setExitCode: ExitCodeSink = () => {}): Command {
  const program = new Command('spikeflow')
    .description('spikeflow: spiking neural networks from TypeScript')
    .version(version, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  const scenarioHelp = SCENARIO_NAMES.map((n) => `  ${n.padEnd(24)}${SCENARIOS[n]!.title}: ${SCENARIOS[n]!.claim}`).join('\n');
  program
    .command('run')
    .description('run the built-in decision network or an experiment file; write data, summary.json and the figure')
    .argument('<experiment>', "'decision' (built in) or a .json/.yaml experiment file")
    .option('--scenario <name>', 'scenario of the decision network', 'default')
    .option('--seed <n>', 'random seed (one seed, one result); overrides the file', integer('--seed', 0))
    .option('--out <dir>', 'directory for data, summary.json, run.json and figure.svg/png', 'results')
    .addOption(new Option('--format <format>', 'data format for spikes and recorded state').choices(['csv', 'json', 'npy']).default('csv'))
    .addOption(new Option('--backend <backend>', 'cpu (reference, float64) or webgpu (GPU, float32; falls back to Mesa/SwiftShader without a GPU)').choices(['cpu', 'webgpu']))
    .option('--threads <n>', 'cpu: threads to simulate with (same spikes as one thread; pays off for large networks)', integer('--threads', 1))
    .option('--no-figure', 'do not render figure.svg and figure.png (nor the weight figures of synapse monitors)')
    .option('--steps <n>', 'number of steps: decision (seed: 1000), or the first N steps of an experiment file', integer('--steps', 1))
    .option('--size <n>', 'decision: neurons per population (seed: 100)', integer('--size', 1))
    .option('--dt <ms>', 'decision: time step in ms (seed: 1)', positive('--dt'))
    .option('--quiet', 'print nothing but errors')
    .option('--max-memory <GiB>', 'largest estimated network memory an experiment file may need (default 4)', positive('--max-memory'))
    .option('--allow-non-finite', 'go on when a state becomes NaN or Infinity (default: stop, naming population, variable, neuron and step; exit 1)')
    .option('--flush-every <steps>', 'steps between flushes: after each, every data file and run.json are complete on disk, even if the process is then killed', integer('--flush-every', 1), 10_000)
    .option('--checkpoint-every <steps|duration>', "save the simulation's state into --out every N steps (or a duration: 500ms, 2s); 'spikeflow resume DIR' continues from the last one", checkpointInterval)
    .addHelpText(
      'after',
      `\nScenarios of 'decision':\n${scenarioHelp}\n\nExamples:\n  spikeflow run decision --scenario one-strong-current --seed 3 --out results/strong\n  spikeflow run examples/ei-network.yaml --format npy --out results/ei\n\nA progress bar appears on a terminal. Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the run at a step boundary and keep what was\nrecorded (exit 128 + the signal's number: 130, 143, 129); after a SIGKILL the files hold every step up to the last flush.\n\nWith --checkpoint-every, a run that was killed or stopped continues with 'spikeflow resume DIR': it restarts from the last\ncheckpoint (resume.json and checkpoint-<step>.sfck in DIR) and ends with the same files as an uninterrupted run.`,
    )
    .action(async (experiment: string, opts) => setExitCode(await (await import('./commands/run.js')).runCommand(experiment, opts)));

  program
    .command('resume')
    .description("continue a run started with --checkpoint-every (killed, stopped or crashed) from its last checkpoint to its full length")
    .argument('<results-dir>', "the --out directory of the interrupted 'spikeflow run'")
    .option('--quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      '\nThe run is rebuilt from the experiment file and flags it was started with (the file must be unchanged: a checkpoint of\nanother network is an error); the data files are cut back to the checkpoint and continued, so afterwards they equal\nthose of an uninterrupted run. Example:\n  spikeflow run examples/ei-network.yaml --out results/ei --checkpoint-every 1s\n  # ... killed ...\n  spikeflow resume results/ei',
    )
    .action(async (dir: string, opts) => setExitCode(await (await import('./commands/resume.js')).resumeCommand(dir, opts)));

  program
    .command('plot')
    .description('re-render figure.svg and figure.png (and the weight figures of synapse monitors) from a results directory, without re-running')
    .argument('<results-dir>', "a directory written by 'spikeflow run'")
    .option('--quiet', 'print nothing but errors')
    .action(async (dir: string, opts) => setExitCode(await (await import('./commands/plot.js')).plotCommand(dir, opts)));

  program
    .command('models')
    .description('list the neuron and synapse models with parameters, units, defaults and docs; with a NAME, one model in full')
    .argument('[name]', 'a model name (e.g. AdEx): show its equations, units, threshold, reset, integrator and presets')
    .option('--json', 'machine-readable output')
    .action(async (name: string | undefined, opts) => setExitCode((await import('./commands/models.js')).modelsCommand(name, opts)));

  program
    .command('export')
    .description('write the network (as built for its seed) as a NEURON project for MPI clusters, or a Brian2 script')
    .argument('<experiment>', "'decision' (built in) or a .json/.yaml experiment file")
    .addOption(new Option('--to <engine>', 'target engine').choices(['neuron', 'brian2']).makeOptionMandatory())
    .requiredOption('--out <dir>', 'directory to write (mod/ and data/ in it are replaced)')
    .option('--scenario <name>', 'scenario of the decision network', 'default')
    .option('--seed <n>', 'random seed; overrides the file', integer('--seed', 0))
    .addOption(new Option('--format <format>', 'format of the spikes the exported run writes').choices(['csv', 'npy']).default('csv'))
    .option('--steps <n>', 'number of steps: decision (seed: 1000), or the first N steps of an experiment file', integer('--steps', 1))
    .option('--size <n>', 'decision: neurons per population (seed: 100)', integer('--size', 1))
    .option('--dt <ms>', 'decision: time step in ms (seed: 1)', positive('--dt'))
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n  spikeflow export decision --scenario one-strong-current --to neuron --out out/neuron\n  spikeflow export examples/ei-network.yaml --to brian2 --out out/brian2\n\nThe directory\'s README.md says how to run it (one machine, or mpiexec -n N on a cluster); then spikeflow plot DIR.')
    // Loaded on use: the exporters add nothing to the start-up of the other commands.
    .action(async (experiment: string, opts) => setExitCode(await (await import('./commands/export.js')).exportCommand(experiment, opts)));

  program
    .command('validate')
    .description('check an experiment file without running it (all errors at once)')
    .argument('<file>', '.json or .yaml experiment file')
    .option('--quiet', 'print nothing but errors')
    .option('--max-memory <GiB>', 'largest estimated network memory the file may need (default 4)', positive('--max-memory'))
    .action(async (file: string, opts) => setExitCode(await (await import('./commands/validate.js')).validateCommand(file, opts)));
  return program;
}
