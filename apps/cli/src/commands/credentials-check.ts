import type { CommandContext } from '../context.js';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import { checkCredentials } from '../services/check.js';
import { openCredentialStore } from '../services/credentials.js';
import { optionalPlan } from '../services/plan-optional.js';
import { channelSettings } from '../services/settings.js';
import { CHANNELS, type ChannelId, parseChannelList } from '../services/targets.js';
import { workspaceAt } from '../services/workspace.js';

/** `ferry credentials check [channels…]`: asks each platform whose credentials these are. */
export async function run(context: CommandContext, args: readonly string[]): Promise<ExitCode> {
  const credentials = await openCredentialStore({ env: context.env });
  const plan = await optionalPlan(workspaceAt(context.workspace), context.now());
  const channels: ChannelId[] =
    args.length > 0
      ? parseChannelList(args.join(','), CHANNELS)
      : credentials.configured().filter((account): account is ChannelId => account !== 'linking');
  if (channels.length === 0) {
    throw new CliError('No credentials are configured.', {
      hint: 'Run `ferry credentials set <channel> --from-env` or set the FERRY_* environment variables.',
      exitCode: EXIT_CODES.auth,
      code: 'auth_failed',
    });
  }
  const results = await checkCredentials(channels, channelSettings(credentials, plan), credentials);
  const { paint } = context.output;
  for (const result of results) {
    context.output.record({ type: 'credential-check', ...result }, () =>
      result.ok
        ? `${paint('success', '✓')} ${result.channel}: ${result.name}${result.handle === undefined ? '' : ` (${result.handle})`}, id ${result.id}`
        : `${paint('error', '✗')} ${result.channel}: ${result.message}${result.hint === undefined ? '' : `\n  ${paint('muted', result.hint)}`}`,
    );
  }
  return results.every((result) => result.ok) ? EXIT_CODES.ok : EXIT_CODES.auth;
}
