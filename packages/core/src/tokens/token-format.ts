import { createHmac } from 'node:crypto';

/**
 * The byte layout of a link token (version 1), chosen so the base64url text is exactly 52
 * characters with no padding bits: 39 bytes = 1 version + 16 random id + 6 expiry + 16 tag.
 * A length divisible by 3 matters: with padding bits, two different texts would decode to the
 * same bytes and an edited last character could still verify.
 * @see PLATFORMS.md §2.1 (Telegram `start` parameter: at most 64 of `A-Za-z0-9_-`)
 */
export const LINK_TOKEN_VERSION = 1;
const ID_BYTES = 16;
const EXPIRY_BYTES = 6;
const TAG_BYTES = 16;
const SIGNED_BYTES = 1 + ID_BYTES + EXPIRY_BYTES;
const TOTAL_BYTES = SIGNED_BYTES + TAG_BYTES;

/** Length in characters of every link token. */
export const LINK_TOKEN_LENGTH = (TOTAL_BYTES / 3) * 4;

/** Random bytes in a token's id (128 bits). */
export const LINK_TOKEN_ID_BYTES = ID_BYTES;

/** Latest expiry a token can carry (a 48-bit count of milliseconds, about the year 10889). */
export const LINK_TOKEN_MAX_EXPIRY = 2 ** 48 - 1;

/** What every link token looks like. */
export const LINK_TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${LINK_TOKEN_LENGTH}}$`);

/** Keeps this HMAC distinct from any other use the operator makes of the same secret. */
const TAG_CONTEXT = Buffer.from('ferry.link-token.v1\0', 'utf8');

/** The fields a token carries. */
export interface DecodedLinkToken {
  readonly id: Buffer;
  readonly expiresAt: number;
  readonly signed: Buffer;
  readonly tag: Buffer;
}

/** The truncated HMAC-SHA256 over the signed part of a token. */
export function computeTag(secret: Buffer, signed: Buffer): Buffer {
  return createHmac('sha256', secret).update(TAG_CONTEXT).update(signed).digest().subarray(0, TAG_BYTES);
}

/** Lays out and signs a token. */
export function encodeLinkToken(secret: Buffer, id: Uint8Array, expiresAt: number): string {
  const signed = Buffer.alloc(SIGNED_BYTES);
  signed.writeUInt8(LINK_TOKEN_VERSION, 0);
  signed.set(id, 1);
  signed.writeUIntBE(expiresAt, 1 + ID_BYTES, EXPIRY_BYTES);
  return Buffer.concat([signed, computeTag(secret, signed)]).toString('base64url');
}

/** Splits a token into its fields without checking its tag; `undefined` when it is not one of ours. */
export function decodeLinkToken(token: unknown): DecodedLinkToken | undefined {
  if (typeof token !== 'string' || !LINK_TOKEN_PATTERN.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== TOTAL_BYTES || bytes.toString('base64url') !== token) return undefined;
  if (bytes.readUInt8(0) !== LINK_TOKEN_VERSION) return undefined;
  return {
    id: bytes.subarray(1, 1 + ID_BYTES),
    expiresAt: bytes.readUIntBE(1 + ID_BYTES, EXPIRY_BYTES),
    signed: bytes.subarray(0, SIGNED_BYTES),
    tag: bytes.subarray(SIGNED_BYTES),
  };
}
