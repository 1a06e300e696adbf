import type { CommandContext } from '../context.js';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import type { Output } from '../output/index.js';
import { openRuntime } from '../services/runtime.js';
import { type ServeEvent, startServer } from '../services/serve.js';
import { workspaceAt } from '../services/workspace.js';

/** Ctrl-C is how the server is meant to stop. */
export const stopsOnSignal = true;

function show(output: Output, event: ServeEvent): void {
  output.record(event, () => {
    switch (event.type) {
      case 'listening':
        return `${output.paint('success', '✓')} Listening on ${event.url} (Telegram: ${event.telegram}, Discord: ${event.discord})\n${event.routes.map((route) => `  ${event.url}${route}`).join('\n')}\n${output.paint('muted', 'Ctrl-C stops it.')}`;
      case 'link':
        return `${event.channel}: ${event.status}${event.reason === undefined ? '' : ` (${event.reason})`}`;
      case 'status':
        return output.paint('muted', `whatsapp status ${event.status}: ${event.result}`);
      case 'opt-out':
        return `${event.channel}: opt-out recorded`;
      case 'redirect-reply':
        return `whatsapp: redirect reply to a ${event.target} user: ${event.outcome}`;
      case 'error':
        return `${output.paint('error', 'error')} ${event.route}: ${event.message}`;
    }
  });
}

/** `ferry serve`: the webhook server for every platform, linking users and sending welcomes until Ctrl-C. */
export async function run(
  context: CommandContext,
  _args: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const port = Number(options['port'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliError(`--port must be a port number, not "${String(options['port'])}".`, {
      hint: 'Use a number from 0 (any free port) to 65535.',
      exitCode: EXIT_CODES.usage,
      code: 'usage',
    });
  }
  const host = typeof options['host'] === 'string' ? options['host'] : '127.0.0.1';
  const publicUrl = context.env['FERRY_PUBLIC_URL'] ?? `http://${host}:${port}`;
  const runtime = await openRuntime(workspaceAt(context.workspace), {
    now: context.now(),
    env: context.env,
    requireLinks: true,
    publicUrl,
  });
  try {
    const server = await startServer(runtime, {
      host,
      port,
      now: () => context.now(),
      onEvent: (event) => show(context.output, event),
    });
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
  } finally {
    await runtime.close();
  }
  return EXIT_CODES.ok;
}
