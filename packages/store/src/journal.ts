import {
  type AudienceQuery,
  type ContactId,
  JOURNAL_STATES,
  type JournalCounts,
  type JournalEntry,
  type JournalRepository,
  type JournalState,
  type JournalTransition,
} from '@ferry/core';
import { audienceFilter } from './audience.js';
import type { SqliteConnection } from './connection.js';
import { optional } from './rows.js';

interface JournalRow {
  readonly campaign_id: string;
  readonly contact_id: number;
  readonly state: JournalState;
  readonly reason: string | null;
  readonly platform_message_id: string | null;
  readonly callback_data: string | null;
  readonly attempts: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly delivered_at: number | null;
  readonly read_at: number | null;
}

function entryFromRow(row: JournalRow): JournalEntry {
  return {
    campaignId: row.campaign_id,
    contactId: row.contact_id,
    state: row.state,
    ...optional('reason', row.reason),
    ...optional('platformMessageId', row.platform_message_id),
    ...optional('callbackData', row.callback_data),
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...optional('deliveredAt', row.delivered_at),
    ...optional('readAt', row.read_at),
  };
}

const ENQUEUE = `INSERT INTO journal (campaign_id, contact_id, state, attempts, created_at, updated_at)
  VALUES (?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING`;

// Message id and callback data are kept once known: a later transition without them must not erase them.
const TRANSITION = `UPDATE journal SET state = ?, reason = ?,
    platform_message_id = ifnull(?, platform_message_id),
    callback_data = ifnull(?, callback_data),
    attempts = attempts + ?, updated_at = ?
  WHERE campaign_id = ? AND contact_id = ?`;

/** The transition statement for `fromCount` allowed prior states (0: any); one prepared statement each. */
const transitionSql: string[] = [];
function transitionSqlFor(fromCount: number): string {
  let sql = transitionSql[fromCount];
  if (sql === undefined) {
    sql =
      fromCount === 0 ? TRANSITION : `${TRANSITION} AND state IN (${Array(fromCount).fill('?').join(', ')})`;
    transitionSql[fromCount] = sql;
  }
  return sql;
}

const DEFAULT_LIST_LIMIT = 1000;

/**
 * The delivery journal on SQLite: (campaign, contact) is the primary key, so nobody is journaled
 * twice, and transitions are applied in group commits (one fsync for many recipients).
 * @see ARCHITECTURE.md "Data that must never be lost"
 */
export class SqliteJournalRepository implements JournalRepository {
  constructor(private readonly connection: SqliteConnection) {}

  enqueue(campaignId: string, contactIds: readonly ContactId[], at: number): Promise<number> {
    return this.connection.run(() => {
      let added = 0;
      for (const contactId of contactIds)
        added += this.connection.execute(ENQUEUE, [campaignId, contactId, at, at]);
      return added;
    }, true);
  }

  enqueueAudience(campaignId: string, query: AudienceQuery, at: number): Promise<number> {
    const filter = audienceFilter(query);
    return this.connection.run(() =>
      this.connection.execute(
        `INSERT INTO journal (campaign_id, contact_id, state, attempts, created_at, updated_at)
         SELECT @campaignId, c.id, 'pending', 0, @enqueuedAt, @enqueuedAt FROM contacts c WHERE ${filter.where}
         ON CONFLICT DO NOTHING`,
        { ...filter.parameters, campaignId, enqueuedAt: at },
      ),
    );
  }

  applyTransitions(
    transitions: readonly JournalTransition[],
  ): Promise<{ readonly applied: number; readonly skipped: number }> {
    // Positional parameters and one statement per number of prior states: a campaign applies two
    // transitions per recipient, so no per-row JSON or parameter objects.
    return this.connection.run(() => {
      let applied = 0;
      for (const transition of transitions) {
        const from = transition.from ?? [];
        // An empty list of prior states matches no entry.
        if (transition.from !== undefined && from.length === 0) continue;
        const parameters: unknown[] = [
          transition.to,
          transition.reason ?? null,
          transition.platformMessageId ?? null,
          transition.callbackData ?? null,
          transition.countAttempt === true ? 1 : 0,
          transition.at,
          transition.campaignId,
          transition.contactId,
        ];
        for (const state of from) parameters.push(state);
        applied += this.connection.statement(transitionSqlFor(from.length)).run(...parameters).changes;
      }
      return { applied, skipped: transitions.length - applied };
    }, true);
  }

  get(campaignId: string, contactId: ContactId): Promise<JournalEntry | undefined> {
    return this.connection.run(() => {
      const row = this.connection.one<JournalRow>(
        'SELECT * FROM journal WHERE campaign_id = ? AND contact_id = ?',
        [campaignId, contactId],
      );
      return row === undefined ? undefined : entryFromRow(row);
    });
  }

  pendingBatch(
    campaignId: string,
    limit: number,
    options: { readonly afterContactId?: ContactId } = {},
  ): Promise<readonly JournalEntry[]> {
    return this.listByState(campaignId, 'pending', { ...options, limit });
  }

  listByState(
    campaignId: string,
    state: JournalState,
    options: { readonly limit?: number; readonly afterContactId?: ContactId } = {},
  ): Promise<readonly JournalEntry[]> {
    return this.connection.run(() =>
      this.connection
        .many<JournalRow>(
          `SELECT * FROM journal WHERE campaign_id = ? AND state = ? AND contact_id > ?
           ORDER BY contact_id LIMIT ?`,
          [campaignId, state, options.afterContactId ?? 0, options.limit ?? DEFAULT_LIST_LIMIT],
        )
        .map(entryFromRow),
    );
  }

  counts(campaignId: string): Promise<JournalCounts> {
    return this.connection.run(() => {
      const counts = Object.fromEntries(JOURNAL_STATES.map((state) => [state, 0])) as Record<
        JournalState,
        number
      >;
      const rows = this.connection.many<{ state: JournalState; n: number }>(
        'SELECT state, count(*) AS n FROM journal WHERE campaign_id = ? GROUP BY state',
        [campaignId],
      );
      for (const row of rows) counts[row.state] = row.n;
      return counts;
    });
  }

  findByPlatformMessageId(platformMessageId: string): Promise<JournalEntry | undefined> {
    return this.findBy('platform_message_id', platformMessageId);
  }

  findByCallbackData(callbackData: string): Promise<JournalEntry | undefined> {
    return this.findBy('callback_data', callbackData);
  }

  recordDelivery(platformMessageId: string, status: 'delivered' | 'read', at: number): Promise<boolean> {
    // Reading implies delivery; statuses can arrive out of order, so the first time of each is kept.
    const sql =
      status === 'read'
        ? `UPDATE journal SET read_at = ifnull(read_at, @at), delivered_at = ifnull(delivered_at, @at)
           WHERE platform_message_id = @platformMessageId`
        : `UPDATE journal SET delivered_at = ifnull(delivered_at, @at) WHERE platform_message_id = @platformMessageId`;
    return this.connection.run(() => this.connection.execute(sql, { platformMessageId, at }) > 0);
  }

  private findBy(
    column: 'platform_message_id' | 'callback_data',
    value: string,
  ): Promise<JournalEntry | undefined> {
    return this.connection.run(() => {
      const row = this.connection.one<JournalRow>(`SELECT * FROM journal WHERE ${column} = ? LIMIT 1`, [
        value,
      ]);
      return row === undefined ? undefined : entryFromRow(row);
    });
  }
}
