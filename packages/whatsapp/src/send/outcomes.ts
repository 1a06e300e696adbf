import { AuthError, type SendOutcome } from '@ferry/core';
import type { GraphError } from './graph.js';

/**
 * How long to wait after a rate limit, in ms. Graph sends no Retry-After header, so these are
 * Ferry's policy: throughput (130429) is measured per second, so 1 s; the pair rate (131056) is
 * about one message per 6 s to a user, so 6 s for that recipient; app and WABA call limits
 * (4, 80007) are counted over longer windows Meta does not publish, so 60 s.
 * @see PLATFORMS.md §1.5 (throughput, pair rate, Graph call limits)
 */
export const RETRY_AFTER_MS = { throughput: 1_000, pairRate: 6_000, callLimit: 60_000 } as const;

/** Stable `code`s of `rejected` outcomes for WhatsApp errors a caller may act on. @see PLATFORMS.md §1.6 */
const REJECTED_CODES: Readonly<Record<number, string>> = {
  131047: 'outside-window',
  131048: 'spam-limit',
  131049: 'marketing-limit',
  131051: 'unsupported-type',
  132000: 'template-parameter-mismatch',
  132001: 'template-not-found',
  132012: 'template-parameter-format',
  132015: 'template-paused',
  132016: 'template-disabled',
  368: 'account-restricted',
  131031: 'account-locked',
};

/** Graph codes meaning "try again later", besides HTTP 5xx: unknown error, service down, maintenance. */
const TRANSIENT_CODES = new Set([1, 2, 131000, 131016, 131057]);

function describe(error: GraphError | undefined, httpStatus: number): string {
  if (error === undefined) return `HTTP ${httpStatus}`;
  const details = error.error_data?.details;
  return `${error.message ?? `Graph error ${error.code}`}${details ? `: ${details}` : ''}`;
}

/**
 * The credential fault a Graph error means, if any: a refused token (190, HTTP 401) or a missing
 * permission (10, 200–299). The message names the code, never the token.
 * @see PLATFORMS.md §1.6
 */
export function authErrorOf(error: GraphError | undefined, httpStatus: number): AuthError | undefined {
  const code = error?.code;
  if (code === 190 || httpStatus === 401)
    return new AuthError('WhatsApp refused the access token (Graph error 190).', {
      hint: 'Check the system-user access token; it may be expired or revoked.',
    });
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299))
    return new AuthError(`The access token lacks a permission this call needs (Graph error ${code}).`, {
      code: 'missing_scope',
      hint: 'Grant whatsapp_business_messaging and whatsapp_business_management to the system user.',
    });
  return undefined;
}

/**
 * The one place Cloud API errors become Ferry outcomes, for synchronous Graph errors and for
 * `failed` statuses alike. Throws `AuthError` (without the token) for 190 / HTTP 401 and missing permissions. 131026
 * ("message undeliverable": not on WhatsApp, blocked the business, or an outdated app; Meta does
 * not say which) becomes `blocked`, meaning "cannot receive messages, skip them".
 * @see PLATFORMS.md §1.6 (codes; key on `code`, not the title), §1.5, §1.7
 */
export function outcomeOfGraphError(error: GraphError | undefined, httpStatus: number): SendOutcome {
  const code = error?.code;
  const authError = authErrorOf(error, httpStatus);
  if (authError !== undefined) throw authError;
  const reason = describe(error, httpStatus);
  switch (code) {
    case 130429:
      return { status: 'rate-limited', retryAfterMs: RETRY_AFTER_MS.throughput, scope: 'global' };
    case 131056:
      return { status: 'rate-limited', retryAfterMs: RETRY_AFTER_MS.pairRate, scope: 'recipient' };
    case 4:
    case 80007:
      return { status: 'rate-limited', retryAfterMs: RETRY_AFTER_MS.callLimit, scope: 'global' };
    case 131026:
      return { status: 'blocked', reason };
  }
  if (code !== undefined && REJECTED_CODES[code] !== undefined)
    return { status: 'rejected', reason, code: REJECTED_CODES[code] };
  if (httpStatus >= 500 || error?.is_transient === true || (code !== undefined && TRANSIENT_CODES.has(code)))
    return { status: 'transient', reason };
  if (httpStatus === 429)
    return { status: 'rate-limited', retryAfterMs: RETRY_AFTER_MS.throughput, scope: 'global' };
  return { status: 'rejected', reason, ...(code === undefined ? {} : { code: `graph-${code}` }) };
}
