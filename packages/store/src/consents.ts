import {
  type ChannelName,
  type ConsentEvent,
  type ConsentEventInput,
  type ConsentKind,
  type ConsentRepository,
  type ConsentStatus,
  type ContactId,
  consentStatusOf,
} from '@ferry/core';
import type { SqliteConnection } from './connection.js';
import { optional } from './rows.js';

interface ConsentRow {
  readonly id: number;
  readonly contact_id: number;
  readonly kind: ConsentKind;
  readonly channel: ChannelName;
  readonly source: string;
  readonly text: string | null;
  readonly text_version: string | null;
  readonly evidence: string | null;
  readonly at: number;
  readonly recorded_at: number;
}

const INSERT = `INSERT INTO consent_events
  (contact_id, kind, channel, source, text, text_version, evidence, at, recorded_at)
  VALUES (@contactId, @kind, @channel, @source, @text, @textVersion, @evidence, @at, @recordedAt)
  ON CONFLICT DO NOTHING`;

// Spelled exactly like the unique index's expression so SQLite can use it.
const BY_NATURAL_KEY = `SELECT * FROM consent_events
  WHERE contact_id = @contactId AND kind = @kind AND source = @source
    AND ifnull(evidence, '') = ifnull(@evidence, '') AND at = @at`;

function eventFromRow(row: ConsentRow): ConsentEvent {
  return {
    id: row.id,
    contactId: row.contact_id,
    kind: row.kind,
    channel: row.channel,
    source: row.source,
    ...optional('text', row.text),
    ...optional('textVersion', row.text_version),
    ...optional('evidence', row.evidence),
    at: row.at,
    recordedAt: row.recorded_at,
  };
}

/**
 * The consent ledger on SQLite. There is no update or delete here, and triggers refuse both in
 * SQL too; appends are idempotent on (contact, kind, source, evidence, at).
 */
export class SqliteConsentRepository implements ConsentRepository {
  constructor(
    private readonly connection: SqliteConnection,
    private readonly now: () => number,
  ) {}

  append(input: ConsentEventInput): Promise<{ readonly appended: boolean; readonly event: ConsentEvent }> {
    return this.connection.run(() => {
      const appended = this.insertNow(input);
      const row = this.connection.one<ConsentRow>(BY_NATURAL_KEY, naturalKey(input));
      return { appended, event: eventFromRow(row!) };
    }, true);
  }

  appendMany(
    inputs: readonly ConsentEventInput[],
  ): Promise<{ readonly appended: number; readonly duplicates: number }> {
    return this.connection.run(() => {
      let appended = 0;
      for (const input of inputs) if (this.insertNow(input)) appended += 1;
      return { appended, duplicates: inputs.length - appended };
    }, true);
  }

  listByContact(contactId: ContactId): Promise<readonly ConsentEvent[]> {
    return this.connection.run(() =>
      this.connection
        .many<ConsentRow>('SELECT * FROM consent_events WHERE contact_id = ? ORDER BY at, id', [contactId])
        .map(eventFromRow),
    );
  }

  async statusOf(contactId: ContactId): Promise<ConsentStatus> {
    return consentStatusOf(await this.listByContact(contactId));
  }

  private insertNow(input: ConsentEventInput): boolean {
    const changes = this.connection.execute(INSERT, {
      contactId: input.contactId,
      kind: input.kind,
      channel: input.channel,
      source: input.source,
      text: input.text,
      textVersion: input.textVersion,
      evidence: input.evidence,
      at: input.at,
      recordedAt: this.now(),
    });
    return changes === 1;
  }
}

function naturalKey(input: ConsentEventInput): Readonly<Record<string, unknown>> {
  return {
    contactId: input.contactId,
    kind: input.kind,
    source: input.source,
    evidence: input.evidence,
    at: input.at,
  };
}
