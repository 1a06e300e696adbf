import {
  type AudienceQuery,
  type Contact,
  type ContactId,
  type ContactInput,
  type ContactRepository,
  type ContactUpsertResult,
  InputError,
} from '@ferry/core';
import { audienceFilter } from './audience.js';
import type { SqliteConnection } from './connection.js';
import { mergeContactFields, newContactFields, storedEmail } from './contact-merge.js';
import { BulkContactImporter, type BulkImportResult, type BulkImportRow } from './contacts-bulk.js';
import { optional } from './rows.js';

interface ContactRow {
  readonly id: number;
  readonly wa_id: string | null;
  readonly phone: string | null;
  readonly bsuid: string | null;
  readonly profile_name: string | null;
  readonly language: string | null;
  readonly country: string | null;
  readonly email: string | null;
  readonly first_seen_at: number;
  readonly last_seen_at: number;
  readonly tags: string;
}

/** Columns of `contacts c` plus its tags as a sorted JSON array. */
const CONTACT_SELECT = `SELECT c.id, c.wa_id, c.phone, c.bsuid, c.profile_name, c.language, c.country, c.email,
  c.first_seen_at, c.last_seen_at, c.tags
FROM contacts c`;

const DEFAULT_BATCH_SIZE = 1000;

/** Maps a contacts row (with its tags) to the domain object. */
function contactFromRow(row: ContactRow): Contact {
  return {
    id: row.id,
    ...optional('waId', row.wa_id),
    ...optional('phone', row.phone),
    ...optional('bsuid', row.bsuid),
    ...optional('profileName', row.profile_name),
    ...optional('language', row.language),
    ...optional('country', row.country),
    ...optional('email', row.email),
    tags: JSON.parse(row.tags) as string[],
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** Contacts on SQLite: merge-on-upsert and keyset-paginated audiences. */
export class SqliteContactRepository implements ContactRepository {
  private bulk: BulkContactImporter | undefined;

  constructor(
    private readonly connection: SqliteConnection,
    /** Stamps `recordedAt` on the consent events `importBatch` appends. */
    private readonly now: () => number = Date.now,
  ) {}

  importBatch(rows: readonly BulkImportRow[]): Promise<BulkImportResult> {
    return this.connection.run(() => {
      if (this.bulk === undefined) {
        // A bigger page cache keeps the growing unique indexes of a large import in memory.
        this.connection.db.pragma('cache_size = -16384');
        this.bulk = new BulkContactImporter(this.connection.db, this.now);
      }
      return this.bulk.importNow(rows);
    }, true);
  }

  upsert(input: ContactInput): Promise<ContactUpsertResult> {
    return this.connection.run(() => this.upsertNow(input), true);
  }

  upsertMany(inputs: readonly ContactInput[]): Promise<readonly ContactUpsertResult[]> {
    return this.connection.run(() => inputs.map((input) => this.upsertNow(input)), true);
  }

  get(id: ContactId): Promise<Contact | undefined> {
    return this.connection.run(() => this.selectOne('c.id = ?', id));
  }

  findByWaId(waId: string): Promise<Contact | undefined> {
    return this.connection.run(() => this.selectOne('c.wa_id = ?', waId));
  }

  findByPhone(phone: string): Promise<Contact | undefined> {
    return this.connection.run(() => this.selectOne('c.phone = ?', phone));
  }

  findByBsuid(bsuid: string): Promise<Contact | undefined> {
    return this.connection.run(() => this.selectOne('c.bsuid = ?', bsuid));
  }

  findByEmail(email: string): Promise<readonly Contact[]> {
    const wanted = storedEmail(email);
    if (wanted === undefined) return Promise.resolve([]);
    return this.connection.run(() =>
      this.connection
        .many<ContactRow>(`${CONTACT_SELECT} WHERE c.email = ? ORDER BY c.id`, [wanted])
        .map(contactFromRow),
    );
  }

  count(): Promise<number> {
    return this.connection.run(
      () => this.connection.one<{ n: number }>('SELECT count(*) AS n FROM contacts')?.n ?? 0,
    );
  }

  countAudience(query: AudienceQuery): Promise<number> {
    const filter = audienceFilter(query);
    return this.connection.run(
      () =>
        this.connection.one<{ n: number }>(
          `SELECT count(*) AS n FROM contacts c WHERE ${filter.where}`,
          filter.parameters,
        )?.n ?? 0,
    );
  }

  async *iterateAudience(
    query: AudienceQuery,
    options: { readonly batchSize?: number; readonly afterId?: ContactId } = {},
  ): AsyncIterable<readonly Contact[]> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new InputError(`batchSize must be a positive integer, got ${batchSize}.`);
    }
    const filter = audienceFilter(query);
    const sql = `${CONTACT_SELECT} WHERE ${filter.where} AND c.id > @afterId ORDER BY c.id LIMIT @limit`;
    let afterId = options.afterId ?? 0;
    while (true) {
      const rows = await this.connection.run(() =>
        this.connection.many<ContactRow>(sql, { ...filter.parameters, afterId, limit: batchSize }),
      );
      const last = rows.at(-1);
      if (last === undefined) return;
      yield rows.map(contactFromRow);
      if (rows.length < batchSize) return;
      afterId = last.id;
    }
  }

  private selectOne(condition: string, value: string | number): Contact | undefined {
    const row = this.connection.one<ContactRow>(`${CONTACT_SELECT} WHERE ${condition}`, [value]);
    return row === undefined ? undefined : contactFromRow(row);
  }

  /** Synchronous body of `upsert`; runs inside a transaction or savepoint. */
  private upsertNow(input: ContactInput): ContactUpsertResult {
    if (input.waId === undefined && input.phone === undefined && input.bsuid === undefined) {
      throw new InputError('A contact needs a wa_id, a phone number or a BSUID.');
    }
    // A phone account's wa_id is its E.164 number without '+', so each also names the other.
    const matches = this.connection.many<ContactRow>(
      `SELECT c.* FROM contacts c
       WHERE c.wa_id = @waId OR c.phone = @phone OR c.bsuid = @bsuid
          OR c.phone = @waIdAsPhone OR c.wa_id = @phoneAsWaId`,
      {
        waId: input.waId,
        phone: input.phone,
        bsuid: input.bsuid,
        waIdAsPhone: input.waId !== undefined && /^\d+$/.test(input.waId) ? `+${input.waId}` : undefined,
        phoneAsWaId: input.phone?.startsWith('+') ? input.phone.slice(1) : undefined,
      },
    );
    if (matches.length > 1) {
      return {
        outcome: 'conflict',
        reason: 'matches-several-contacts',
        contactIds: matches.map((row) => row.id),
      };
    }
    const existing = matches[0];
    if (existing === undefined) {
      const fields = newContactFields(input);
      const { rowid } = this.connection.insert(
        `INSERT INTO contacts (wa_id, phone, bsuid, profile_name, language, country, email, tags, first_seen_at, last_seen_at)
         VALUES (@waId, @phone, @bsuid, @profileName, @language, @country, @email, @tags, @firstSeenAt, @lastSeenAt)`,
        { ...fields, tags: JSON.stringify(fields.tags) },
      );
      return { outcome: 'created', contact: this.selectOne('c.id = ?', rowid)! };
    }
    const merged = mergeContactFields(
      {
        waId: existing.wa_id,
        phone: existing.phone,
        bsuid: existing.bsuid,
        profileName: existing.profile_name,
        language: existing.language,
        country: existing.country,
        email: existing.email,
        tags: JSON.parse(existing.tags) as string[],
        firstSeenAt: existing.first_seen_at,
        lastSeenAt: existing.last_seen_at,
      },
      input,
    );
    if (merged === undefined) {
      return { outcome: 'conflict', reason: 'identifier-mismatch', contactIds: [existing.id] };
    }
    this.connection.execute(
      `UPDATE contacts SET wa_id = @waId, phone = @phone, bsuid = @bsuid, profile_name = @profileName,
         language = @language, country = @country, email = @email, tags = @tags, first_seen_at = @firstSeenAt,
         last_seen_at = @lastSeenAt
       WHERE id = @id`,
      { id: existing.id, ...merged, tags: JSON.stringify(merged.tags) },
    );
    return { outcome: 'updated', contact: this.selectOne('c.id = ?', existing.id)! };
  }
}
