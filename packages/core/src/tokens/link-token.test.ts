import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import {
  createLinkToken,
  hashLinkToken,
  type IssuedLinkToken,
  LINK_TOKEN_LENGTH,
  LINK_TOKEN_MAX_EXPIRY,
  LINK_TOKEN_PATTERN,
  readLinkTokenId,
  verifyLinkToken,
} from './index.js';

const secret = 'an-operator-secret-of-at-least-32-bytes!';
const otherSecret = 'a-different-secret-also-32-bytes-long!!';
const now = Date.UTC(2025, 5, 1);
const expiresAt = now + 60_000;
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A store of issued tokens, as the real store keeps them: by id, hashed. */
function storeOf(...issued: { tokenId: string; hash: string }[]): Map<string, IssuedLinkToken> {
  return new Map(issued.map((entry) => [entry.tokenId, { hash: entry.hash }]));
}

function verify(token: unknown, store: Map<string, IssuedLinkToken>, at = now, key = secret) {
  return verifyLinkToken(token, { secret: key, now: at, lookup: (tokenId) => store.get(tokenId) });
}

function fixedRandom(byte: number): (size: number) => Uint8Array {
  return (size) => new Uint8Array(size).fill(byte);
}

describe('createLinkToken / verifyLinkToken', () => {
  it('round-trips: an issued, unclaimed, unexpired token verifies to its id', () => {
    const created = createLinkToken({ secret, expiresAt });
    expect(created.token).toHaveLength(LINK_TOKEN_LENGTH);
    expect(created.token.length).toBeLessThanOrEqual(64);
    expect(created.hash).toBe(hashLinkToken(created.token));
    expect(created.hash).not.toContain(created.token);
    expect(readLinkTokenId(created.token)).toBe(created.tokenId);
    expect(verify(created.token, storeOf(created))).toEqual({
      ok: true,
      tokenId: created.tokenId,
      expiresAt,
    });
  });

  it('draws fresh randomness for every token', () => {
    const ids = new Set(Array.from({ length: 200 }, () => createLinkToken({ secret, expiresAt }).tokenId));
    expect(ids.size).toBe(200);
  });

  it('defaults the expiry to 30 days after now, or now + ttlMs', () => {
    expect(createLinkToken({ secret, now }).expiresAt).toBe(now + 30 * 24 * 3600 * 1000);
    expect(createLinkToken({ secret, now, ttlMs: 5_000 }).expiresAt).toBe(now + 5_000);
  });

  it('refuses text that is not one of our tokens as malformed', () => {
    const created = createLinkToken({ secret, expiresAt });
    const store = storeOf(created);
    const wrongVersion = Buffer.from(created.token, 'base64url');
    wrongVersion[0] = 2;
    for (const candidate of [
      '',
      created.token.slice(1),
      `${created.token}A`,
      `${created.token.slice(0, -1)}=`,
      `${created.token.slice(0, -1)}+`,
      `${created.token.slice(0, 10)}/${created.token.slice(11)}`,
      'x'.repeat(64),
      wrongVersion.toString('base64url'),
      undefined,
      42,
    ]) {
      expect(verify(candidate, store)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a well-shaped token with a bad signature and no such id as forged', () => {
    const bytes = Buffer.alloc(39, 7);
    bytes[0] = 1;
    const forged = bytes.toString('base64url');
    expect(verify(forged, storeOf())).toEqual({ ok: false, reason: 'forged' });
    // Signed with somebody else's secret: same verdict.
    const foreign = createLinkToken({ secret: otherSecret, expiresAt });
    expect(verify(foreign.token, storeOf())).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses an issued token whose expiry was edited as altered', () => {
    const created = createLinkToken({ secret, expiresAt });
    const bytes = Buffer.from(created.token, 'base64url');
    bytes.writeUIntBE(expiresAt + 365 * 24 * 3600 * 1000, 17, 6);
    const extended = bytes.toString('base64url');
    expect(verify(extended, storeOf(created), expiresAt + 1)).toEqual({
      ok: false,
      reason: 'altered',
      tokenId: created.tokenId,
    });
  });

  it('refuses a well-signed token whose hash differs from the stored one as altered', () => {
    const issued = createLinkToken({ secret, expiresAt, random: fixedRandom(9) });
    const sibling = createLinkToken({ secret, expiresAt: expiresAt + 1, random: fixedRandom(9) });
    expect(sibling.tokenId).toBe(issued.tokenId);
    expect(verify(sibling.token, storeOf(issued))).toEqual({
      ok: false,
      reason: 'altered',
      tokenId: issued.tokenId,
    });
    // A stored hash of another length is compared safely, not thrown on.
    const truncated = new Map([[issued.tokenId, { hash: issued.hash.slice(0, 10) }]]);
    expect(verify(issued.token, truncated)).toMatchObject({ ok: false, reason: 'altered' });
  });

  it('refuses a well-signed token that was never issued or was revoked as unknown', () => {
    const created = createLinkToken({ secret, expiresAt });
    expect(verify(created.token, storeOf())).toEqual({
      ok: false,
      reason: 'unknown',
      tokenId: created.tokenId,
    });
    const revoked = new Map([[created.tokenId, { hash: created.hash, revokedAt: now - 1 }]]);
    expect(verify(created.token, revoked)).toEqual({
      ok: false,
      reason: 'unknown',
      tokenId: created.tokenId,
    });
  });

  it('expires exactly at expiresAt, and honours an earlier stored expiry', () => {
    const created = createLinkToken({ secret, expiresAt });
    const store = storeOf(created);
    expect(verify(created.token, store, expiresAt - 1).ok).toBe(true);
    expect(verify(created.token, store, expiresAt)).toEqual({
      ok: false,
      reason: 'expired',
      tokenId: created.tokenId,
    });
    expect(verify(created.token, store, expiresAt + 1).ok).toBe(false);
    const shortened = new Map([[created.tokenId, { hash: created.hash, expiresAt: now + 10 }]]);
    expect(verify(created.token, shortened, now + 9).ok).toBe(true);
    expect(verify(created.token, shortened, now + 10)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuses a claimed token as reused', () => {
    const created = createLinkToken({ secret, expiresAt });
    const claimed = new Map([[created.tokenId, { hash: created.hash, claimedAt: now - 5 }]]);
    expect(verify(created.token, claimed)).toEqual({ ok: false, reason: 'reused', tokenId: created.tokenId });
  });

  it('refuses every single-character edit of a real token', () => {
    const created = createLinkToken({ secret, expiresAt });
    const store = storeOf(created);
    let edits = 0;
    for (let position = 0; position < created.token.length; position++) {
      for (const replacement of alphabet) {
        if (replacement === created.token[position]) continue;
        const edited = created.token.slice(0, position) + replacement + created.token.slice(position + 1);
        const result = verify(edited, store);
        expect(result.ok, `edit at ${position}`).toBe(false);
        if (!result.ok) expect(['malformed', 'forged', 'altered']).toContain(result.reason);
        edits++;
      }
    }
    expect(edits).toBe(LINK_TOKEN_LENGTH * 63);
  });

  it('refuses a tag wrong only in its first or only in its last byte', () => {
    const created = createLinkToken({ secret, expiresAt });
    for (const index of [23, 38]) {
      const bytes = Buffer.from(created.token, 'base64url');
      bytes[index] = (bytes[index] ?? 0) ^ 1;
      expect(verify(bytes.toString('base64url'), storeOf(created))).toMatchObject({
        ok: false,
        reason: 'altered',
      });
    }
  });

  it('property: any randomness and expiry give a Telegram-safe token that round-trips', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: LINK_TOKEN_MAX_EXPIRY }),
        (random, expiry) => {
          const created = createLinkToken({ secret, expiresAt: expiry, random: () => random });
          expect(created.token).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
          expect(created.token).toMatch(LINK_TOKEN_PATTERN);
          expect(created.expiresAt).toBe(expiry);
          const result = verify(created.token, storeOf(created), expiry - 1);
          expect(result).toEqual({ ok: true, tokenId: created.tokenId, expiresAt: expiry });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: random single-character edits are always refused', () => {
    const created = createLinkToken({ secret, expiresAt });
    const store = storeOf(created);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: LINK_TOKEN_LENGTH - 1 }),
        fc.constantFrom(...alphabet),
        (position, replacement) => {
          fc.pre(created.token[position] !== replacement);
          const edited = created.token.slice(0, position) + replacement + created.token.slice(position + 1);
          expect(verify(edited, store).ok).toBe(false);
        },
      ),
    );
  });

  it('requires a secret of at least 32 bytes, without echoing it', () => {
    const short = 'short-secret-1234567890';
    expect(() => createLinkToken({ secret: short, expiresAt })).toThrow(ConfigError);
    try {
      verifyLinkToken('x', { secret: short, now, lookup: () => undefined });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).not.toContain(short);
      expect(JSON.stringify(error)).not.toContain(short);
    }
    expect(() => createLinkToken({ secret: new Uint8Array(31), expiresAt })).toThrow(ConfigError);
    expect(createLinkToken({ secret: new Uint8Array(32).fill(1), expiresAt }).token).toMatch(
      LINK_TOKEN_PATTERN,
    );
  });

  it('rejects an expiry that cannot be signed, without echoing the secret', () => {
    for (const bad of [-1, Number.NaN, LINK_TOKEN_MAX_EXPIRY + 1]) {
      expect(() => createLinkToken({ secret, expiresAt: bad })).toThrow(/expiry/);
    }
  });
});
