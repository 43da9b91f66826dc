import { Command, InvalidArgumentError } from 'commander';
import { SCENARIOS, SCENARIO_NAMES } from '@spikeflow/experiments';
import { runDecisionCommand } from './run-decision.js';
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

/** The `spikeflow` command tree (commander does the parsing, help and usage errors). */
export function createProgram(): Command {
  const program = new Command('spikeflow')
    .description('spikeflow: spiking neural networks from TypeScript')
    .version(version, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  const scenarioHelp = SCENARIO_NAMES.map((n) => `  ${n.padEnd(24)}${SCENARIOS[n]!.title}: ${SCENARIOS[n]!.claim}`).join('\n');
  program
    .command('run')
    .description('run a built-in experiment (decision) and write summary.json and spikes.csv')
    .argument('<experiment>', "built-in experiment: 'decision'")
    .option('--scenario <name>', 'scenario of the decision network', 'default')
    .option('--seed <n>', 'random seed (one seed, one result)', integer('--seed', 0), 1)
    .option('--out <dir>', 'directory for summary.json and spikes.csv', 'results')
    .option('--steps <n>', 'number of steps (seed: 1000)', integer('--steps', 1))
    .option('--size <n>', 'neurons per population (seed: 100)', integer('--size', 1))
    .option('--dt <ms>', 'time step in ms (seed: 1)', positive('--dt'))
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `\nScenarios of 'decision':\n${scenarioHelp}\n\nExample:\n  spikeflow run decision --scenario one-strong-current --seed 3 --out results/strong`)
    .action(async (experiment: string, opts: RunDecisionFlags) => {
      if (experiment !== 'decision') throw new InvalidArgumentError(`unknown experiment '${experiment}'; built-in: decision`);
      await runDecisionCommand(opts);
    });
  return program;
}

export interface RunDecisionFlags {
  scenario: string;
  seed: number;
  out: string;
  steps?: number;
  size?: number;
  dt?: number;
  quiet?: boolean;
}
