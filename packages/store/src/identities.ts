import type {
  ChannelName,
  ContactId,
  IdentityRepository,
  LinkedIdentity,
  LinkMethod,
  LinkResult,
} from '@ferry/core';
import type { SqliteConnection } from './connection.js';
import { optional } from './rows.js';

interface IdentityRow {
  readonly contact_id: number;
  readonly channel: ChannelName;
  readonly platform_user_id: string;
  readonly method: LinkMethod;
  readonly linked_at: number;
  readonly evidence: string | null;
}

function identityFromRow(row: IdentityRow): LinkedIdentity {
  return {
    contactId: row.contact_id,
    channel: row.channel,
    platformUserId: row.platform_user_id,
    method: row.method,
    linkedAt: row.linked_at,
    ...optional('evidence', row.evidence),
  };
}

/** Identities on SQLite: one contact per platform account, one account per contact and channel. */
export class SqliteIdentityRepository implements IdentityRepository {
  constructor(private readonly connection: SqliteConnection) {}

  link(identity: LinkedIdentity): Promise<LinkResult> {
    return this.connection.run(() => {
      const byUser = this.selectByUser(identity.channel, identity.platformUserId);
      if (byUser !== undefined) {
        return byUser.contactId === identity.contactId
          ? { outcome: 'already-linked', identity: byUser }
          : { outcome: 'conflict', reason: 'platform-user-linked-elsewhere', existing: byUser };
      }
      const byContact = this.connection.one<IdentityRow>(
        'SELECT * FROM identities WHERE contact_id = ? AND channel = ?',
        [identity.contactId, identity.channel],
      );
      if (byContact !== undefined) {
        return {
          outcome: 'conflict',
          reason: 'contact-linked-to-other-user',
          existing: identityFromRow(byContact),
        };
      }
      this.connection.execute(
        `INSERT INTO identities (contact_id, channel, platform_user_id, method, linked_at, evidence)
         VALUES (@contactId, @channel, @platformUserId, @method, @linkedAt, @evidence)`,
        { ...identity, evidence: identity.evidence },
      );
      return { outcome: 'linked', identity: this.selectByUser(identity.channel, identity.platformUserId)! };
    }, true);
  }

  findByPlatformUser(channel: ChannelName, platformUserId: string): Promise<LinkedIdentity | undefined> {
    return this.connection.run(() => this.selectByUser(channel, platformUserId));
  }

  listByContact(contactId: ContactId): Promise<readonly LinkedIdentity[]> {
    return this.connection.run(() =>
      this.connection
        .many<IdentityRow>('SELECT * FROM identities WHERE contact_id = ? ORDER BY channel', [contactId])
        .map(identityFromRow),
    );
  }

  private selectByUser(channel: ChannelName, platformUserId: string): LinkedIdentity | undefined {
    const row = this.connection.one<IdentityRow>(
      'SELECT * FROM identities WHERE channel = ? AND platform_user_id = ?',
      [channel, platformUserId],
    );
    return row === undefined ? undefined : identityFromRow(row);
  }
}
