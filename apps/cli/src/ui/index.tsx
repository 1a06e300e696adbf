/** @jsxRuntime automatic @jsxImportSource react */
import { render } from 'ink';
import { CliError, EXIT_CODES } from '../errors.js';
import type { WizardServices } from './services.js';
import { ThemeContext, themeFor } from './theme.js';
import { Wizard, type WizardResult } from './wizard.js';

export type { WizardServices } from './services.js';
export type { StepId, WizardResult } from './wizard.js';

/** Where the wizard runs: its start folder and the terminal streams (the process's by default). */
export interface WizardOptions {
  /** The workspace folder to start from. */
  readonly dir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
}

/** The error for running the wizard without a terminal: the batch commands are the way there. */
export function noTerminalError(): CliError {
  return new CliError('The wizard needs an interactive terminal, and this is not one.', {
    hint: 'Use the batch commands instead: ferry init, ferry import, ferry plan, ferry notify (see ferry --help).',
    exitCode: EXIT_CODES.usage,
    code: 'usage',
  });
}

/**
 * The variable that marks `env` as a CI run, the way Ink detects it (`CI` or
 * `CONTINUOUS_INTEGRATION` set to anything but `0` or `false`), or undefined.
 */
export function ciVariable(env: NodeJS.ProcessEnv): 'CI' | 'CONTINUOUS_INTEGRATION' | undefined {
  const set = (key: string) => key in env && env[key] !== '0' && env[key] !== 'false';
  if (set('CI')) return 'CI';
  if (set('CONTINUOUS_INTEGRATION')) return 'CONTINUOUS_INTEGRATION';
  return undefined;
}

/** The error for starting the wizard under CI, where Ink draws it without taking keys. */
export function underCiError(variable: string): CliError {
  return new CliError(`The wizard does not run under CI (${variable} is set), where it cannot take keys.`, {
    hint: `Use the batch commands instead: ferry init, ferry import, ferry plan, ferry notify (see ferry --help); or unset ${variable} in an interactive terminal.`,
    exitCode: EXIT_CODES.usage,
    code: 'usage',
  });
}

/**
 * Runs the wizard until the user finishes or quits; refuses (a usage error naming the batch
 * commands) when stdin or stdout is not a terminal, or when the environment says CI.
 */
export async function renderWizard(services: WizardServices, options: WizardOptions): Promise<WizardResult> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  if (stdin.isTTY !== true || stdout.isTTY !== true) throw noTerminalError();
  // Ink renders non-interactively under CI (its is-in-ci check): the wizard would sit there deaf.
  const ci = ciVariable(options.env ?? process.env);
  if (ci !== undefined) throw underCiError(ci);
  // Ctrl-C unmounts without a result: the wizard did not get to say how it ended.
  let result: WizardResult = { end: 'interrupted', done: [], skipped: [], workspace: options.dir };
  const instance = render(
    <ThemeContext.Provider value={themeFor(options.env ?? process.env)}>
      <Wizard
        services={services}
        dir={options.dir}
        onExit={(final) => {
          result = final;
        }}
      />
    </ThemeContext.Provider>,
    { stdin, stdout, exitOnCtrlC: true, patchConsole: false },
  );
  await instance.waitUntilExit();
  return result;
}
