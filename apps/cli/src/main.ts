import { CommanderError } from 'commander';
import { SpikeflowError } from '@spikeflow/core';
import { createProgram } from './program.js';

/**
 * Runs the CLI and returns the exit code: 0 success, 2 usage or validation error, 1 runtime
 * failure. User mistakes print one message, never a stack trace.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit with code 0; everything else commander reports is a usage error
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.invalidArgument' && !err.message.startsWith('error:')) console.error(`error: ${err.message}`);
      return 2;
    }
    if (err instanceof SpikeflowError) {
      console.error(`error: ${err.message}`);
      return 2;
    }
    if (isFileError(err)) {
      console.error(`error: cannot write ${err.path ?? 'output'}: ${err.code}`);
      return 1;
    }
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 1;
  }
}

/** Errors from the file system (a bad --out) are reported in one line, like user mistakes. */
function isFileError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}
