import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import type { SendOutcome } from '@ferry/core';
import { AuthError, FerryError, redact } from '@ferry/core';

/** Discord's JSON error codes this package acts on. @see PLATFORMS.md §4.3 */
export const DiscordErrorCodes = {
  unknownChannel: 10003,
  unknownUser: 10013,
  openingDmsTooFast: 40003,
  missingAccess: 50001,
  cannotSendToUser: 50007,
} as const;

/** When Discord says DMs open too fast it gives no wait; one second is a sandbox-tested guess. */
const DM_OPEN_BACKOFF_MS = 1000;

/**
 * The one place Discord's errors become Ferry's: a typed outcome per recipient, or an exception
 * for credentials (401) and for the invalid-request stop. `delivered` says whether the failing
 * request may have created a message (a lost answer to a message create is `ambiguous`).
 * @see PLATFORMS.md §4.3 (50007, 10013, 40003), §4.4 (429)
 */
export function outcomeOf(error: unknown, stage: 'open' | 'create', secrets: readonly string[]): SendOutcome {
  if (error instanceof FerryError) throw error;
  if (error instanceof RateLimitError) {
    return {
      status: 'rate-limited',
      retryAfterMs: Math.max(1, Math.ceil(error.retryAfter)),
      scope: error.global ? 'global' : 'recipient',
    };
  }
  if (error instanceof DiscordAPIError) {
    const reason = redact(`${error.code} ${error.message}`, secrets);
    if (error.status === 401) {
      throw new AuthError('Discord refused the bot token (401 Unauthorized).', {
        hint: 'Check the bot token in the Discord developer portal (Bot → Reset Token).',
      });
    }
    switch (error.code) {
      case DiscordErrorCodes.cannotSendToUser:
        return { status: 'blocked', reason };
      case DiscordErrorCodes.unknownUser:
      case DiscordErrorCodes.unknownChannel:
        return { status: 'unknown-recipient', reason };
      case DiscordErrorCodes.openingDmsTooFast:
        return { status: 'rate-limited', retryAfterMs: DM_OPEN_BACKOFF_MS, scope: 'global' };
      default:
        return { status: 'rejected', reason, code: String(error.code) };
    }
  }
  if (error instanceof HTTPError) {
    return { status: 'transient', reason: redact(`${error.status} ${error.message}`, secrets) };
  }
  const reason = redact(error instanceof Error ? error.message : String(error), secrets);
  return stage === 'create'
    ? { status: 'ambiguous', reason: `The answer to a message create was lost: ${reason}` }
    : { status: 'transient', reason, cause: error };
}

/** Whether sending again (with the same nonce) can help. */
export function isRetryable(outcome: SendOutcome): boolean {
  return outcome.status === 'transient' || outcome.status === 'ambiguous';
}
