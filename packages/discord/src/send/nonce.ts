import { createHash, randomUUID } from 'node:crypto';

/** Discord's nonce limit. @see PLATFORMS.md §4.1 (`nonce` ≤25 chars) */
export const NONCE_MAX = 25;

/**
 * The nonce base of one send: derived from the idempotency key, so a retry after a crash reuses it,
 * or random per send call (reused across that call's own retries).
 */
export function nonceBase(idempotencyKey: string | undefined): string {
  return idempotencyKey === undefined ? randomUUID() : `key:${idempotencyKey}`;
}

/** The nonce of part `index` of a send: a 25-character hash of the base and the part. */
export function nonceFor(base: string, index: number): string {
  return createHash('sha256').update(`${base}\u0000${index}`).digest('base64url').slice(0, NONCE_MAX);
}
