import type { ChannelName, ContactId, HistoryEntry, HistoryEntryInput, HistoryRepository } from '@ferry/core';
import type { SqliteConnection } from './connection.js';
import { fromJson, optional, toJson } from './rows.js';

interface HistoryRow {
  readonly id: number;
  readonly contact_id: number;
  readonly channel: ChannelName;
  readonly direction: 'inbound' | 'outbound';
  readonly message_id: string | null;
  readonly text: string | null;
  readonly payload: string | null;
  readonly at: number;
}

function entryFromRow(row: HistoryRow): HistoryEntry {
  return {
    id: row.id,
    contactId: row.contact_id,
    channel: row.channel,
    direction: row.direction,
    ...optional('messageId', row.message_id),
    ...optional('text', row.text),
    ...(row.payload === null ? {} : { payload: fromJson(row.payload) }),
    at: row.at,
  };
}

/** Conversation history on SQLite; a message id is stored once per contact and channel. */
export class SqliteHistoryRepository implements HistoryRepository {
  constructor(private readonly connection: SqliteConnection) {}

  append(entries: readonly HistoryEntryInput[]): Promise<number> {
    return this.connection.run(() => {
      let appended = 0;
      for (const entry of entries) {
        appended += this.connection.execute(
          `INSERT INTO history (contact_id, channel, direction, message_id, text, payload, at)
           VALUES (@contactId, @channel, @direction, @messageId, @text, @payload, @at) ON CONFLICT DO NOTHING`,
          {
            contactId: entry.contactId,
            channel: entry.channel,
            direction: entry.direction,
            messageId: entry.messageId,
            text: entry.text,
            payload: entry.payload === undefined ? undefined : toJson(entry.payload),
            at: entry.at,
          },
        );
      }
      return appended;
    }, true);
  }

  recent(contactId: ContactId, limit: number): Promise<readonly HistoryEntry[]> {
    return this.connection.run(() =>
      this.connection
        .many<HistoryRow>(
          `SELECT * FROM (SELECT * FROM history WHERE contact_id = ? ORDER BY at DESC, id DESC LIMIT ?)
           ORDER BY at, id`,
          [contactId, limit],
        )
        .map(entryFromRow),
    );
  }
}
