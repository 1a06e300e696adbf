import { describeError, EXIT_CODES, type ExitCode } from '../errors.js';
import { createOutput } from '../output/index.js';

/** Where `ferry` with no arguments runs: the folder, the environment and the streams (the process's by default). */
export interface WizardCommandOptions {
  readonly dir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
}

/**
 * `ferry` with no arguments: the wizard in a terminal, else one error naming the batch commands.
 * Resolves to the exit code (0 finished or quit, 2 without a terminal, 130 on Ctrl-C).
 */
export async function runWizardCommand(options: WizardCommandOptions = {}): Promise<ExitCode> {
  const env = options.env ?? process.env;
  const output = createOutput({ json: false, env });
  try {
    const [{ renderWizard }, { createWizardServices }] = await Promise.all([
      import('./index.js'),
      import('./adapter.js'),
    ]);
    const result = await renderWizard(createWizardServices({ env }), {
      dir: options.dir ?? process.cwd(),
      env,
      ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
      ...(options.stdout === undefined ? {} : { stdout: options.stdout }),
    });
    return result.end === 'interrupted' ? EXIT_CODES.interrupted : EXIT_CODES.ok;
  } catch (error) {
    const described = describeError(error);
    output.error(described);
    return described.exitCode;
  }
}
