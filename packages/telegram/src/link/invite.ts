import { InputError } from '@ferry/core';

/** A start parameter Telegram passes on: 1–64 of `A-Z a-z 0-9 _ -`. @see PLATFORMS.md §2.1 */
const START_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `token` can travel as a deep-link start parameter. */
export function isStartParameter(token: string): boolean {
  return START_PARAMETER.test(token);
}

/**
 * `https://t.me/<bot>?start=<token>`; throws `InputError` for a token Telegram would drop.
 * @see PLATFORMS.md §2.1 "Deep linking"
 */
export function deepLink(username: string, token: string): string {
  if (!isStartParameter(token)) {
    throw new InputError(
      'A Telegram start parameter is 1–64 characters of A-Z, a-z, 0-9, _ and -: encode the link token as base64url.',
    );
  }
  return `https://t.me/${username}?start=${token}`;
}

/** The link token of a `/start <token>` message (also `/start@bot <token>`), if any. */
export function startToken(text: string): string | undefined {
  const match = /^\/start(?:@\w+)?\s+(\S+)\s*$/.exec(text);
  const token = match?.[1];
  return token !== undefined && isStartParameter(token) ? token : undefined;
}
