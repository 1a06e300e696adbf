/**
 * Telegram webhook verification, free of grammY and @ferry/core so any HTTP stack can use it.
 * @see PLATFORMS.md §2.6 (`setWebhook.secret_token`, header `X-Telegram-Bot-Api-Secret-Token`)
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The header Telegram sends the webhook secret in. */
export const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/** A valid `secret_token`: 1–256 of `A-Z a-z 0-9 _ -`. @see PLATFORMS.md §2.6 */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/** Whether `secret` is a secret Telegram accepts in `setWebhook`. */
export function isValidWebhookSecret(secret: string): boolean {
  return SECRET_PATTERN.test(secret);
}

/**
 * Whether the received header value equals the configured secret, compared in constant time
 * (both sides hashed first, so their lengths leak nothing either).
 */
export function verifyTelegramSecret(received: string | null | undefined, secret: string): boolean {
  if (received === null || received === undefined || secret === '') return false;
  const expected = createHash('sha256').update(secret).digest();
  const actual = createHash('sha256').update(received).digest();
  return timingSafeEqual(expected, actual);
}

/** Whether a web `Request` carries the right secret header. */
export function verifyTelegramRequest(request: Request, secret: string): boolean {
  return verifyTelegramSecret(request.headers.get(TELEGRAM_SECRET_HEADER), secret);
}
