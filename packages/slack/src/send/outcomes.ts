import { AuthError, type SendOutcome } from '@ferry/core';
import {
  ErrorCode,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
  type WebAPIRequestError,
} from '@slack/web-api';

const UNKNOWN_RECIPIENT = new Set([
  'channel_not_found',
  'user_not_found',
  'users_not_found',
  'cannot_dm_bot',
]);
const BLOCKED = new Set([
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_disabled',
  'restricted_action',
]);
const AUTH_FAILED = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);
const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The one place Slack Web API errors become Ferry's: a `SendOutcome` for per-recipient problems,
 * a thrown `AuthError` for credential faults (never with the token in it). `sideEffect` says
 * whether the call may have done something if its response was lost (`chat.postMessage` does).
 * @see PLATFORMS.md §3.1 (429 + Retry-After), §3.4 (v8 error classes)
 */
export function outcomeOfError(error: unknown, method: string, sideEffect: boolean): SendOutcome {
  switch (codeOf(error)) {
    case ErrorCode.RateLimitedError: {
      const seconds = (error as WebAPIRateLimitedError).retryAfter;
      return {
        status: 'rate-limited',
        retryAfterMs: Math.max(1, seconds) * 1000,
        scope: method === 'chat.postMessage' ? 'recipient' : 'global',
      };
    }
    case ErrorCode.PlatformError: {
      const data = (error as WebAPIPlatformError).data;
      const slackError = data.error;
      if (AUTH_FAILED.has(slackError)) {
        throw new AuthError(`Slack refused the bot token (${slackError}).`, {
          hint: 'Check the bot token (xoxb-…) and that the app is installed in the workspace.',
        });
      }
      if (slackError === 'missing_scope') {
        const raw = (data as unknown as Record<string, unknown>)['needed'];
        const needed = typeof raw === 'string' ? raw : 'unknown';
        throw new AuthError(`The Slack app lacks the scope "${needed}" for ${method}.`, {
          code: 'missing_scope',
          details: { needed, method },
          hint: `Add the "${needed}" bot scope to the app and reinstall it.`,
        });
      }
      if (UNKNOWN_RECIPIENT.has(slackError)) return { status: 'unknown-recipient', reason: slackError };
      if (BLOCKED.has(slackError)) return { status: 'blocked', reason: slackError };
      if (TRANSIENT.has(slackError)) return { status: 'transient', reason: slackError };
      return { status: 'rejected', reason: describe(data), code: slackError };
    }
    case ErrorCode.HTTPError: {
      const status = (error as WebAPIHTTPError).statusCode;
      if (status === 429) return { status: 'rate-limited', retryAfterMs: 1000, scope: 'recipient' };
      if (status >= 500) return { status: 'transient', reason: `HTTP ${status} from Slack` };
      return { status: 'rejected', reason: `HTTP ${status} from Slack`, code: `http_${status}` };
    }
    case ErrorCode.RequestError: {
      const original = (error as WebAPIRequestError).original;
      const neverSent = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(
        `${codeOf(original?.cause) ?? ''} ${original?.message ?? ''}`,
      );
      return sideEffect && !neverSent
        ? {
            status: 'ambiguous',
            reason: `The connection failed after ${method} was sent; it may have been delivered.`,
          }
        : { status: 'transient', reason: `Could not reach Slack for ${method}.` };
    }
    default:
      return { status: 'transient', reason: `Unexpected failure calling ${method}.`, cause: error };
  }
}

function describe(data: WebAPIPlatformError['data']): string {
  const messages = data.response_metadata?.messages;
  return Array.isArray(messages) && messages.length > 0
    ? `${data.error}: ${messages.join('; ')}`
    : data.error;
}
