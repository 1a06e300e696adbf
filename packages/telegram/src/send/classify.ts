import { AuthError, redact, type SendOutcome, wasNeverSent } from '@ferry/core';
import { GrammyError, HttpError } from 'grammy';

/** Descriptions Telegram uses for a chat it does not know. @see PLATFORMS.md §2.4 */
const UNKNOWN_CHAT = /chat not found|user not found|PEER_ID_INVALID|chat_id is empty/i;

/**
 * Maps one failed Bot API call to a typed outcome: 403 -> `blocked` (blocked, deactivated or never
 * started), "chat not found" -> `unknown-recipient`, 429 -> `rate-limited` with `retry_after`,
 * 5xx and failures to connect -> `transient`, a connection lost after the request may have been
 * written -> `ambiguous` (Telegram has no idempotency key, so a blind retry could send twice),
 * other 400s -> `rejected` with Telegram's reason.
 * Throws `AuthError` for 401/404 (a revoked or malformed token), which no retry can fix.
 * @see PLATFORMS.md §2.4 "Error responses"
 */
export function outcomeOfError(error: unknown, token: string): Exclude<SendOutcome, { status: 'sent' }> {
  if (error instanceof GrammyError) {
    const reason = redact(error.description, [token]);
    const code = error.error_code;
    if (code === 401 || code === 404) throw authError(code);
    if (code === 403) return { status: 'blocked', reason };
    if (code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return { status: 'rate-limited', retryAfterMs: Math.max(1, seconds) * 1000, scope: 'recipient' };
    }
    if (code >= 500) return { status: 'transient', reason };
    if (UNKNOWN_CHAT.test(error.description)) return { status: 'unknown-recipient', reason };
    return { status: 'rejected', reason, code: String(code) };
  }
  if (error instanceof HttpError) {
    // The cause may quote the request URL, which holds the token: keep only a redacted message.
    const reason = `Network failure: ${redact(describe(error.error), [token])}`;
    return wasNeverSent(error.error) ? { status: 'transient', reason } : { status: 'ambiguous', reason };
  }
  return { status: 'transient', reason: redact(describe(error), [token]) };
}

/** The error for credentials Telegram refuses, never quoting the token. */
export function authError(code: number): AuthError {
  return new AuthError(
    code === 404
      ? 'Telegram does not recognise the bot token format (404 Not Found): check the token from @BotFather.'
      : 'Telegram refused the bot token (401 Unauthorized): it was revoked or is wrong; get the current one from @BotFather.',
    { details: { status: code }, hint: 'Run /token in @BotFather to see or regenerate the token.' },
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
