import type { Channel } from '@ferry/core';
import type { EmailMatcher, EmailMatchReport } from '@ferry/engine';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import { routeOf } from './routing.js';
import { missingLinkSecret, type Runtime } from './runtime.js';

/** How to run the e-mail matching. */
export interface LinkByEmailRequest {
  readonly signal?: AbortSignal;
  /** Called after every contact looked up, with the counts so far. */
  readonly onProgress?: (report: EmailMatchReport) => void;
}

function isEmailMatcher(channel: Channel): channel is Channel & EmailMatcher {
  return typeof (channel as Partial<EmailMatcher>).matchByEmail === 'function';
}

/**
 * Links the contacts routed to Slack by their e-mail address (the plan's `linking.emailMatching`):
 * checks the Slack app's scopes first, then walks the unlinked contacts through the engine's
 * `matchContactsByEmail`, which links each unique match and sends the welcome.
 * @see PLATFORMS.md §3.1 (`users.lookupByEmail`: Tier 3, `users:read.email`)
 */
export async function linkByEmail(
  runtime: Runtime,
  request: LinkByEmailRequest = {},
): Promise<EmailMatchReport> {
  const { plan } = runtime;
  if (!plan.linking.emailMatching) {
    throw new CliError('E-mail matching is off in the plan.', {
      hint: 'Set `linking: { emailMatching: true }` in ferry.plan.yaml (the Slack app then needs the users:read.email scope).',
      exitCode: EXIT_CODES.input,
      code: 'invalid_input',
    });
  }
  if (plan.targets.slack === undefined) {
    throw new CliError('The plan has no Slack target, and e-mail matching looks users up on Slack.', {
      hint: 'Add `targets: { slack: { appId: A… } }` to ferry.plan.yaml and route contacts to it.',
      exitCode: EXIT_CODES.input,
      code: 'invalid_input',
    });
  }
  const channel = runtime.targets.slack;
  if (channel === undefined) {
    throw new CliError('No slack credentials are configured.', {
      hint: 'Run `ferry credentials set slack --from-env` (or set its FERRY_* environment variables).',
      exitCode: EXIT_CODES.auth,
      code: 'auth_failed',
    });
  }
  if (runtime.links === undefined) throw missingLinkSecret();
  if (!isEmailMatcher(channel)) {
    throw new CliError('This build of the Slack channel cannot look users up by e-mail.', {
      code: 'internal',
    });
  }
  // Fails early, naming the scope, when the app was installed without users:read.email.
  await channel.whoAmI();
  const { matchContactsByEmail } = await import('@ferry/engine');
  return matchContactsByEmail({
    store: runtime.store,
    channel,
    linkService: runtime.links,
    audience: { consent: plan.linking.requireOptIn ? 'opted-in' : 'not-opted-out' },
    routedHere: (contact) => routeOf(plan, contact) === 'slack',
    ...(request.signal === undefined ? {} : { signal: request.signal }),
    ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
  });
}

/** 0 when every look-up got an answer, 5 when some failed, 130 when stopped before the end. */
export function linkExitCode(report: EmailMatchReport): ExitCode {
  if (report.stopped) return EXIT_CODES.interrupted;
  return report.failed > 0 ? EXIT_CODES.partial : EXIT_CODES.ok;
}
