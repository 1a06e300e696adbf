import type { TelegramApiFailure, TelegramApiResult, TelegramApiSuccess } from './types.js';

/**
 * Builders for Telegram-shaped answers; every failure is `{ ok: false, error_code, description }`.
 * @see PLATFORMS.md §2.4
 */
export function success(result: unknown, description?: string): TelegramApiSuccess {
  return description === undefined ? { ok: true, result } : { ok: true, result, description };
}

/** A failure with a given code and full description. */
export function failure(
  errorCode: number,
  description: string,
  parameters?: TelegramApiFailure['parameters'],
): TelegramApiFailure {
  return parameters === undefined
    ? { ok: false, error_code: errorCode, description }
    : { ok: false, error_code: errorCode, description, parameters };
}

/** A 400 `Bad Request: <detail>`. */
export function badRequest(detail: string): TelegramApiFailure {
  return failure(400, `Bad Request: ${detail}`);
}

/** A 403 `Forbidden: <detail>`. */
export function forbidden(detail: string): TelegramApiFailure {
  return failure(403, `Forbidden: ${detail}`);
}

/** The flood-control answer: whole seconds, at least one. @see PLATFORMS.md §2.4 (429) */
export function tooManyRequests(retryAfterMs: number): TelegramApiFailure {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return failure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
}

/** Whether a result is a failure. */
export function isFailure(
  result: TelegramApiResult | TelegramApiFailure | unknown,
): result is TelegramApiFailure {
  return typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === false;
}

/** The HTTP status Telegram answers with for a result (the error code, or 200). */
export function httpStatusOf(result: TelegramApiResult): number {
  return result.ok ? 200 : result.error_code;
}
