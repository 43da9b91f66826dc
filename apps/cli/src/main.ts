import { CommanderError } from 'commander';
import { SpikeflowError } from '@spikeflow/core';
import { createProgram } from './program.js';

/**
 * Runs the CLI and returns the exit code: 0 success, 2 usage or validation error, 1 runtime
 * failure, 128 + n stopped by signal n (SIGINT 130, SIGTERM 143, SIGHUP 129; data kept). User mistakes print `error: …`, never a stack trace;
 * `--verbose` adds the stack of unexpected failures.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const verbose = argv.includes('--verbose');
  const program = createProgram((c) => (code = c));
  program.option('--verbose', 'print stack traces of unexpected failures');
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.invalidArgument' && !err.message.startsWith('error:')) console.error(`error: ${err.message}`);
      return 2;
    }
    if (err instanceof SpikeflowError) {
      console.error(`error: ${err.message}`);
      // No WebGPU adapter, or an output directory in use, is the machine's state, not a usage mistake.
      return err.code === 'no-webgpu-adapter' || err.code === 'output-locked' ? 1 : 2;
    }
    if (isFileError(err)) {
      console.error(`error: cannot ${err.syscall} ${err.path ?? ''}: ${err.code}`);
      return 1;
    }
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    if (verbose && err instanceof Error && err.stack) console.error(err.stack);
    return 1;
  }
}

/** Errors from the file system (a bad --out, an unreadable file) are reported in one line. */
function isFileError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}
