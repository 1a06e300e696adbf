import {
  type ChannelName,
  type ClaimResult,
  type ContactId,
  FerryError,
  InputError,
  type LinkTokenRecord,
  type LinkTokenRepository,
  type NewLinkToken,
} from '@ferry/core';
import type { SqliteConnection } from './connection.js';
import { optional } from './rows.js';

interface LinkTokenRow {
  readonly token_id: string;
  readonly hash: string;
  readonly contact_id: number;
  readonly channel: ChannelName;
  readonly created_at: number;
  readonly expires_at: number;
  readonly claimed_at: number | null;
  readonly claimed_by: string | null;
}

function tokenFromRow(row: LinkTokenRow): LinkTokenRecord {
  return {
    tokenId: row.token_id,
    hash: row.hash,
    contactId: row.contact_id,
    channel: row.channel,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...optional('claimedAt', row.claimed_at),
    ...optional('claimedBy', row.claimed_by),
  };
}

/**
 * Link tokens on SQLite. Only hashes are stored; a claim is one conditional UPDATE, so of any
 * number of racing claims (even from several processes) exactly one succeeds.
 * @see ARCHITECTURE.md "Data that must never be lost" (tokens stored hashed)
 */
export class SqliteLinkTokenRepository implements LinkTokenRepository {
  constructor(private readonly connection: SqliteConnection) {}

  insert(token: NewLinkToken): Promise<void> {
    // The type has no such field; this stops a caller that spreads a whole token object by mistake.
    if (Object.hasOwn(token, 'token') || Object.hasOwn(token, 'secret')) {
      return Promise.reject(
        new InputError('Link tokens are stored as hashes only; remove the raw token field.'),
      );
    }
    return this.connection.run(() => {
      const changes = this.connection.execute(
        `INSERT INTO link_tokens (token_id, hash, contact_id, channel, created_at, expires_at)
         VALUES (@tokenId, @hash, @contactId, @channel, @createdAt, @expiresAt) ON CONFLICT DO NOTHING`,
        {
          tokenId: token.tokenId,
          hash: token.hash,
          contactId: token.contactId,
          channel: token.channel,
          createdAt: token.createdAt,
          expiresAt: token.expiresAt,
        },
      );
      if (changes === 0) {
        throw new FerryError(
          'conflict',
          `A link token with id ${token.tokenId} or the same hash already exists.`,
        );
      }
    });
  }

  findByTokenId(tokenId: string): Promise<LinkTokenRecord | undefined> {
    return this.connection.run(() => this.select('token_id', tokenId));
  }

  findByHash(hash: string): Promise<LinkTokenRecord | undefined> {
    return this.connection.run(() => this.select('hash', hash));
  }

  listByContact(contactId: ContactId): Promise<readonly LinkTokenRecord[]> {
    return this.connection.run(() =>
      this.connection
        .many<LinkTokenRow>('SELECT * FROM link_tokens WHERE contact_id = ? ORDER BY created_at, token_id', [
          contactId,
        ])
        .map(tokenFromRow),
    );
  }

  claim(tokenId: string, claim: { readonly claimedBy: string; readonly at: number }): Promise<ClaimResult> {
    return this.connection.run((): ClaimResult => {
      const changes = this.connection.execute(
        `UPDATE link_tokens SET claimed_at = @at, claimed_by = @claimedBy
         WHERE token_id = @tokenId AND claimed_at IS NULL AND expires_at > @at`,
        { tokenId, claimedBy: claim.claimedBy, at: claim.at },
      );
      const record = this.select('token_id', tokenId);
      if (record === undefined) return { claimed: false, reason: 'not-found' };
      if (changes === 1) return { claimed: true, record };
      return {
        claimed: false,
        reason: record.claimedAt === undefined ? 'expired' : 'already-claimed',
        record,
      };
    }, true);
  }

  private select(column: 'token_id' | 'hash', value: string): LinkTokenRecord | undefined {
    const row = this.connection.one<LinkTokenRow>(`SELECT * FROM link_tokens WHERE ${column} = ?`, [value]);
    return row === undefined ? undefined : tokenFromRow(row);
  }
}
