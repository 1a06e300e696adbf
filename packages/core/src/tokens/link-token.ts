import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { systemClock } from '../contract/ports.js';
import { ConfigError, InputError } from '../errors/index.js';
import {
  computeTag,
  decodeLinkToken,
  encodeLinkToken,
  LINK_TOKEN_ID_BYTES,
  LINK_TOKEN_MAX_EXPIRY,
} from './token-format.js';

/** Shortest accepted signing secret, in bytes (the HMAC-SHA256 key). */
export const LINK_TOKEN_MIN_SECRET_BYTES = 32;

/** How long a token lives when the caller gives no expiry: 30 days. */
export const LINK_TOKEN_DEFAULT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** The operator's signing secret: a string (UTF-8) or raw bytes, at least 32 bytes either way. */
export type LinkTokenSecret = string | Uint8Array;

/** Options for {@link createLinkToken}. */
export interface CreateLinkTokenOptions {
  readonly secret: LinkTokenSecret;
  /** When the token stops working, in epoch milliseconds; default `now + ttlMs`. */
  readonly expiresAt?: number;
  /** Lifetime used when `expiresAt` is absent; default {@link LINK_TOKEN_DEFAULT_TTL_MS}. */
  readonly ttlMs?: number;
  /** The current time, used only with `ttlMs`; default the system clock. */
  readonly now?: number;
  /** Source of random bytes; default `node:crypto` `randomBytes` (a CSPRNG). Inject only in tests. */
  readonly random?: (size: number) => Uint8Array;
}

/** A freshly minted link token: give `token` to the user, store `tokenId`, `hash` and `expiresAt`. */
export interface CreatedLinkToken {
  /** The 52-character base64url token to put in the invite link; never store or log it. */
  readonly token: string;
  /** Public identifier of the token (base64url of its 128 random bits), the store's lookup key. */
  readonly tokenId: string;
  /** What to store instead of the token, from {@link hashLinkToken}. */
  readonly hash: string;
  /** When it expires, in epoch milliseconds (as signed into the token). */
  readonly expiresAt: number;
}

/** What the store holds about an issued token. */
export interface IssuedLinkToken {
  readonly hash: string;
  /** A stored expiry; the earlier of this and the signed one applies. */
  readonly expiresAt?: number;
  /** Set once the token has been used; a second use is refused as `reused`. */
  readonly claimedAt?: number;
  /** Set when the operator withdrew the token; it is then refused as `unknown`. */
  readonly revokedAt?: number;
}

/**
 * Why a token was refused: `malformed` (not shaped like one of ours), `forged` (bad signature and
 * no such token issued), `altered` (a real token id with a bad signature or a different stored
 * hash: someone edited an issued token), `unknown` (well signed but never issued, or revoked),
 * `expired`, `reused` (already claimed).
 */
export type LinkTokenRefusal = 'malformed' | 'forged' | 'altered' | 'unknown' | 'expired' | 'reused';

/** The outcome of {@link verifyLinkToken}; a refusal is a value, not an exception. */
export type LinkTokenVerification =
  | { readonly ok: true; readonly tokenId: string; readonly expiresAt: number }
  | { readonly ok: false; readonly reason: LinkTokenRefusal; readonly tokenId?: string };

/** Options for {@link verifyLinkToken}. */
export interface VerifyLinkTokenOptions {
  readonly secret: LinkTokenSecret;
  /** The current time in epoch milliseconds; a token is expired from its `expiresAt` on. */
  readonly now: number;
  /** Finds the stored record of an issued token by id (see {@link readLinkTokenId} for async stores). */
  readonly lookup: (tokenId: string) => IssuedLinkToken | undefined;
}

function secretBytes(secret: LinkTokenSecret): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (bytes.length < LINK_TOKEN_MIN_SECRET_BYTES) {
    throw new ConfigError(
      `The link-token secret must be at least ${LINK_TOKEN_MIN_SECRET_BYTES} bytes long.`,
      {
        hint: 'Generate one with `openssl rand -base64 48` and keep it in the config or environment.',
      },
    );
  }
  return bytes;
}

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Mints a signed, expiring, single-use link token that fits a Telegram `start` parameter (52 of
 * `A-Za-z0-9_-`): 128 random bits, the expiry, and a 128-bit HMAC-SHA256 tag keyed by `secret`.
 * @see PLATFORMS.md §2.1 (deep-link parameter: at most 64 characters of `A-Za-z0-9_-`)
 */
export function createLinkToken(options: CreateLinkTokenOptions): CreatedLinkToken {
  const secret = secretBytes(options.secret);
  const requested =
    options.expiresAt ?? (options.now ?? systemClock.now()) + (options.ttlMs ?? LINK_TOKEN_DEFAULT_TTL_MS);
  const expiresAt = Math.floor(requested);
  if (!Number.isFinite(requested) || expiresAt < 0 || expiresAt > LINK_TOKEN_MAX_EXPIRY) {
    throw new InputError('A link token expiry must be a time in epoch milliseconds.', {
      details: { field: 'expiresAt' },
    });
  }
  const id = (options.random ?? randomBytes)(LINK_TOKEN_ID_BYTES);
  if (id.length !== LINK_TOKEN_ID_BYTES) {
    throw new ConfigError(`The random source must return ${LINK_TOKEN_ID_BYTES} bytes when asked for them.`);
  }
  const token = encodeLinkToken(secret, id, expiresAt);
  return { token, tokenId: Buffer.from(id).toString('base64url'), hash: hashLinkToken(token), expiresAt };
}

/** The value to store for a token (SHA-256, hex); the token itself is never stored. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The token id a token claims to carry, without checking its signature, so a caller with an
 * asynchronous store can fetch the record first; `undefined` when the text is not a token of ours.
 */
export function readLinkTokenId(token: unknown): string | undefined {
  return decodeLinkToken(token)?.id.toString('base64url');
}

/**
 * Checks a presented token against its signature, the store and the clock, telling apart
 * malformed, forged, altered, unknown, expired and reused tokens; comparisons are constant-time.
 * It does not claim the token: the caller records `claimedAt` in the same transaction as the link.
 */
export function verifyLinkToken(token: unknown, options: VerifyLinkTokenOptions): LinkTokenVerification {
  const secret = secretBytes(options.secret);
  const decoded = decodeLinkToken(token);
  if (decoded === undefined || typeof token !== 'string') return { ok: false, reason: 'malformed' };
  const tokenId = decoded.id.toString('base64url');
  const signatureValid = timingSafeEqual(computeTag(secret, decoded.signed), decoded.tag);
  const record = options.lookup(tokenId);
  if (!signatureValid)
    return record === undefined ? { ok: false, reason: 'forged' } : { ok: false, reason: 'altered', tokenId };
  if (record === undefined || record.revokedAt !== undefined)
    return { ok: false, reason: 'unknown', tokenId };
  if (!sameText(record.hash, hashLinkToken(token))) return { ok: false, reason: 'altered', tokenId };
  if (record.claimedAt !== undefined) return { ok: false, reason: 'reused', tokenId };
  const expiresAt = Math.min(decoded.expiresAt, record.expiresAt ?? Number.POSITIVE_INFINITY);
  if (options.now >= expiresAt) return { ok: false, reason: 'expired', tokenId };
  return { ok: true, tokenId, expiresAt };
}
