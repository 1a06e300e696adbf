import { redact } from '@ferry/core';
import { type CommandContext, createContext, type GlobalFlags } from './context.js';
import { describeError, EXIT_CODES, type ExitCode } from './errors.js';
import { createOutput } from './output/index.js';

/** A command module: `run` turns flags into a service call and output, and returns the exit code. */
export interface CommandModule {
  /** True for commands that run until Ctrl-C (serve, sandbox): stopping them is a normal end. */
  readonly stopsOnSignal?: boolean;
  run(
    context: CommandContext,
    args: readonly string[],
    options: Readonly<Record<string, unknown>>,
  ): Promise<ExitCode>;
}

/**
 * Loads `./commands/<name>.js` (only now, so `--help` never pays for it), runs it, and sets the exit
 * code; an error becomes one sentence plus a hint (with the stack only under `--debug`).
 */
export async function runCommand(
  name: string,
  args: readonly string[],
  options: Readonly<Record<string, unknown>> & GlobalFlags,
): Promise<void> {
  const output = createOutput({ json: options.json === true });
  const controller = new AbortController();
  let interrupted = false;
  const interrupt = () => {
    if (interrupted) process.exit(EXIT_CODES.interrupted);
    interrupted = true;
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    const context = createContext(options, output, controller.signal);
    const module = (await import(`./commands/${name}.js`)) as CommandModule;
    const code = await module.run(context, args, options);
    process.exitCode = interrupted && module.stopsOnSignal !== true ? EXIT_CODES.interrupted : code;
  } catch (error) {
    if (interrupted) {
      output.error({
        message: 'Interrupted.',
        hint: 'Run the same command again to resume.',
        exitCode: 130,
        code: 'interrupted',
      });
      process.exitCode = EXIT_CODES.interrupted;
      return;
    }
    const described = describeError(error);
    const detail =
      options.debug === true && error instanceof Error ? redact(error.stack ?? String(error)) : undefined;
    output.error(described, detail);
    process.exitCode = described.exitCode;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}
