import { randomBytes } from 'node:crypto';
import type { EmulatorResponse } from '../shared/emulator.js';
import type { WebhookError } from './types.js';

/**
 * A Graph error the emulator can answer with or put in a `failed` status: code, title and the
 * human detail Meta puts in `error_data.details`. @see PLATFORMS.md §1.6
 */
export interface GraphFailure {
  readonly code: number;
  readonly details: string;
  /** HTTP status when answered synchronously (default 400). */
  readonly httpStatus?: number;
  readonly subcode?: number;
}

/** Titles Meta embeds in `message` as `(#code) Title`. @see PLATFORMS.md §1.6 */
export const GRAPH_ERROR_TITLES: Readonly<Record<number, string>> = {
  1: 'An unknown error occurred',
  2: 'Service temporarily unavailable',
  100: 'Invalid parameter',
  190: 'Invalid OAuth access token',
  130429: 'Rate limit hit',
  131009: 'Parameter value is not valid',
  131026: 'Message undeliverable',
  131047: 'Re-engagement message',
  131048: 'Spam rate limit hit',
  131051: 'Unsupported message type',
  131056: '(Business Account, Consumer Account) pair rate limit hit',
  132000: 'Number of parameters does not match the expected number of params',
  132001: 'Template name does not exist in the translation',
  132012: 'Parameter format does not match format in the created template',
  132015: 'Template is Paused',
  132016: 'Template is Disabled',
};

/** `(#100) Invalid parameter` with a detail naming the field. */
export function invalidParameter(details: string): GraphFailure {
  return { code: 100, details };
}

/** `(#131009) Parameter value is not valid` with a detail naming the field. */
export function invalidValue(details: string): GraphFailure {
  return { code: 131009, details };
}

function titleOf(code: number): string {
  return GRAPH_ERROR_TITLES[code] ?? 'Unknown error';
}

/** A Graph-shaped error response: `{error:{message,type,code,error_data,fbtrace_id}}`. */
export function graphErrorResponse(failure: GraphFailure): EmulatorResponse {
  const transient = failure.code === 1 || failure.code === 2 || failure.code === 130429;
  return {
    status: failure.httpStatus ?? 400,
    body: {
      error: {
        message: `(#${failure.code}) ${titleOf(failure.code)}`,
        type: 'OAuthException',
        code: failure.code,
        ...(failure.subcode === undefined ? {} : { error_subcode: failure.subcode }),
        ...(transient ? { is_transient: true } : {}),
        error_data: { messaging_product: 'whatsapp', details: failure.details },
        fbtrace_id: randomBytes(12).toString('base64url'),
      },
    },
  };
}

/** The 401 Graph answers for a missing or wrong token (code 190); the token is never echoed. */
export function invalidTokenResponse(): EmulatorResponse {
  return {
    status: 401,
    body: {
      error: {
        message: 'Invalid OAuth access token - Cannot parse access token',
        type: 'OAuthException',
        code: 190,
        fbtrace_id: randomBytes(12).toString('base64url'),
      },
    },
  };
}

/** The `errors[]` item of a `failed` status webhook. @see PLATFORMS.md §1.1 statuses */
export function webhookError(failure: GraphFailure): WebhookError {
  const title = titleOf(failure.code);
  return {
    code: failure.code,
    title,
    message: title,
    error_data: { details: failure.details },
    href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
  };
}
