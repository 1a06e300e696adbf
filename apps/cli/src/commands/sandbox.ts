import type { CommandContext } from '../context.js';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import { sandboxEnvironment, startEmulators } from '../services/sandbox.js';

/** Ctrl-C is how the sandbox is meant to stop. */
export const stopsOnSignal = true;

/** `ferry sandbox`: runs the four emulators until Ctrl-C and prints how to point Ferry at them. */
export async function run(
  context: CommandContext,
  _args: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const firstPort = Number(options['port'] ?? 0);
  if (!Number.isInteger(firstPort) || firstPort < 0 || firstPort > 65_532) {
    throw new CliError(`--port must be a port number, not "${String(options['port'])}".`, {
      hint: 'Use 0 for any free ports, or a port below 65533 (the emulators take it and the next three).',
      exitCode: EXIT_CODES.usage,
      code: 'usage',
    });
  }
  const sandbox = await startEmulators(firstPort);
  const description = sandbox.describe();
  const environment = sandboxEnvironment(description);
  const { paint } = context.output;
  context.output.record({ type: 'sandbox', ...description, environment }, () =>
    [
      `${paint('success', '✓')} Sandbox running (test credentials, valid only here):`,
      `  WhatsApp  ${description.whatsapp.baseUrl}`,
      `  Telegram  ${description.telegram.baseUrl}`,
      `  Slack     ${description.slack.baseUrl}`,
      `  Discord   ${description.discord.baseUrl}`,
      '',
      'Point Ferry at it from another terminal:',
      ...Object.entries(environment).map(([name, value]) => paint('code', `  export ${name}=${value}`)),
      '',
      paint('muted', 'Ctrl-C stops it.'),
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    if (context.signal.aborted) resolve();
    context.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.stop();
  context.output.line('Sandbox stopped.');
  return EXIT_CODES.ok;
}
