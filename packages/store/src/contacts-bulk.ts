import { type ContactInput, type ContactRepository, InputError } from '@ferry/core';
import type BetterSqlite3 from 'better-sqlite3';
import { type ContactFields, mergeContactFields, newContactFields } from './contact-merge.js';

/** One row of a bulk import: the contact and its consent events (without the contact id). */
export type BulkImportRow = Parameters<ContactRepository['importBatch']>[0][number];

/** What `importBatch` returns. */
export type BulkImportResult = Awaited<ReturnType<ContactRepository['importBatch']>>;

type RowResult = BulkImportResult['results'][number];

/** A contact as the batch sees it: loaded from the table or created by an earlier row of the batch. */
interface Held {
  id: number;
  waId: string | null;
  phone: string | null;
  bsuid: string | null;
  profileName: string | null;
  language: string | null;
  country: string | null;
  email: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  /** Changed since loaded; written once at the end of the batch. */
  dirty: boolean;
  /** A wa_id, phone or BSUID was filled in since loaded, so the update must touch their indexes. */
  identifiersChanged: boolean;
  /** Created by this batch: inserted once, with its final fields, at the end of the batch. */
  created: boolean;
  tags: readonly string[];
}

interface HeldRow {
  readonly id: number;
  readonly wa_id: string | null;
  readonly phone: string | null;
  readonly bsuid: string | null;
  readonly profile_name: string | null;
  readonly language: string | null;
  readonly country: string | null;
  readonly email: string | null;
  /** JSON array, sorted. */
  readonly tags: string;
  readonly first_seen_at: number;
  readonly last_seen_at: number;
}

// One index probe per listed identifier (CROSS JOIN keeps json_each the outer loop; an OR of IN-lists
// would not use the indexes, and IN (SELECT …) first builds and sorts a temporary list). A contact
// found twice comes back twice; BatchIndex keeps one.
const FIND_EXISTING = `SELECT c.* FROM json_each(?) j CROSS JOIN contacts c ON c.wa_id = j.value
  UNION ALL SELECT c.* FROM json_each(?) j CROSS JOIN contacts c ON c.phone = j.value
  UNION ALL SELECT c.* FROM json_each(?) j CROSS JOIN contacts c ON c.bsuid = j.value`;
// Whether any contact has a wa_id or a BSUID (one probe of each partial index): most imports are
// phone-only, and then the batch's look-ups by those identifiers are skipped.
const HAS_WA_ID = 'SELECT EXISTS (SELECT 1 FROM contacts WHERE wa_id IS NOT NULL) AS found';
const HAS_BSUID = 'SELECT EXISTS (SELECT 1 FROM contacts WHERE bsuid IS NOT NULL) AS found';
// Inside the write transaction nothing else inserts, so new ids are handed out from the largest.
const LAST_ID = 'SELECT coalesce(max(id), 0) AS id FROM contacts';
const UPDATE_CONTACT = `UPDATE contacts SET wa_id = ?, phone = ?, bsuid = ?, profile_name = ?, language = ?,
  country = ?, email = ?, tags = ?, first_seen_at = ?, last_seen_at = ? WHERE id = ?`;
// Most merges keep the identifiers: an UPDATE that names them rewrites their index entries anyway.
const UPDATE_PROFILE = `UPDATE contacts SET profile_name = ?, language = ?, country = ?, email = ?, tags = ?,
  first_seen_at = ?, last_seen_at = ? WHERE id = ?`;
// Contacts and consents go in multi-row statements of this many rows (fewer calls into SQLite; the
// parameters stay well under SQLite's limit of 32,766).
const ROWS_PER_STATEMENT = 100;
/** Values per row of `insertContacts`. */
const CONTACT_WIDTH = 11;
const insertContacts = (rows: number): string =>
  `INSERT INTO contacts (id, wa_id, phone, bsuid, profile_name, language, country, email, tags, first_seen_at, last_seen_at)
  VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
// The consent repository's statement, many rows at once: the unique natural-key index makes it
// idempotent, and rows are inserted in order, so event ids are the same as one by one. Kind, channel
// and source are named parameters shared by the statement's rows (a file's events mostly share them),
// so they are bound once per statement rather than once per row.
const insertConsents = (rows: number): string => `INSERT INTO consent_events
  (contact_id, kind, channel, source, text, text_version, evidence, at, recorded_at)
  VALUES ${Array(rows).fill('(?, @kind, @channel, @source, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`;
/** Positional values per row of `insertConsents`. */
const CONSENT_WIDTH = 6;

/** The named parameters of `insertConsents`. */
interface ConsentShared {
  readonly kind: string;
  readonly channel: string;
  readonly source: string;
}

/**
 * The contacts bulk-import path: one look-up for the batch, the merge rules of `upsert` applied in
 * memory row by row (so the same person met three ways in one batch is one contact), prepared
 * positional statements, and no re-read. Results equal `upsertMany` + `consents.appendMany`.
 */
export class BulkContactImporter {
  private readonly statements: {
    readonly find: BetterSqlite3.Statement<unknown[], HeldRow>;
    readonly hasWaId: BetterSqlite3.Statement<unknown[], { found: number }>;
    readonly hasBsuid: BetterSqlite3.Statement<unknown[], { found: number }>;
    readonly lastId: BetterSqlite3.Statement<unknown[], { id: number }>;
    readonly update: BetterSqlite3.Statement<unknown[], unknown>;
    readonly updateProfile: BetterSqlite3.Statement<unknown[], unknown>;
  };
  private readonly db: BetterSqlite3.Database;
  /** Multi-row statements by row count (the full size, and the last partial chunk's). */
  private readonly multiRow = new Map<string, BetterSqlite3.Statement<unknown[], unknown>>();
  /** The id the next contact this batch creates gets. */
  private nextId = 0;

  constructor(
    db: BetterSqlite3.Database,
    private readonly now: () => number,
  ) {
    this.statements = {
      find: db.prepare<unknown[], HeldRow>(FIND_EXISTING),
      hasWaId: db.prepare<unknown[], { found: number }>(HAS_WA_ID),
      hasBsuid: db.prepare<unknown[], { found: number }>(HAS_BSUID),
      lastId: db.prepare<unknown[], { id: number }>(LAST_ID),
      update: db.prepare(UPDATE_CONTACT),
      updateProfile: db.prepare(UPDATE_PROFILE),
    };
    this.db = db;
  }

  /** Imports `rows` synchronously; the caller runs it inside a transaction or savepoint. */
  importNow(rows: readonly BulkImportRow[]): BulkImportResult {
    for (const row of rows) {
      const { waId, phone, bsuid } = row.contact;
      if (waId === undefined && phone === undefined && bsuid === undefined) {
        throw new InputError('A contact needs a wa_id, a phone number or a BSUID.');
      }
    }
    this.nextId = (this.statements.lastId.get()?.id ?? 0) + 1;
    const batch = new BatchIndex(this.loadExisting(rows));
    const results: RowResult[] = new Array(rows.length);
    for (let index = 0; index < rows.length; index += 1)
      results[index] = this.mergeRow(batch, rows[index]!.contact);
    const created: unknown[] = [];
    for (const held of batch.all()) {
      if (held.created) {
        created.push(
          held.id,
          held.waId,
          held.phone,
          held.bsuid,
          held.profileName,
          held.language,
          held.country,
          held.email,
          JSON.stringify(held.tags),
          held.firstSeenAt,
          held.lastSeenAt,
        );
      } else if (held.dirty && !held.identifiersChanged) {
        this.statements.updateProfile.run(
          held.profileName,
          held.language,
          held.country,
          held.email,
          JSON.stringify(held.tags),
          held.firstSeenAt,
          held.lastSeenAt,
          held.id,
        );
      } else if (held.dirty) {
        this.statements.update.run(
          held.waId,
          held.phone,
          held.bsuid,
          held.profileName,
          held.language,
          held.country,
          held.email,
          JSON.stringify(held.tags),
          held.firstSeenAt,
          held.lastSeenAt,
          held.id,
        );
      }
    }
    this.writeMany(insertContacts, CONTACT_WIDTH, created);
    // Consecutive events sharing kind, channel and source go together; a change starts a new run,
    // so events keep their order (and ids).
    let consentsAppended = 0;
    let consentsWritten = 0;
    // One reading of the clock for the batch: its events are recorded in the same statement run.
    const recordedAt = this.now();
    let shared: ConsentShared | undefined;
    let consents: unknown[] = [];
    for (let index = 0; index < rows.length; index += 1) {
      const result = results[index]!;
      if (result.outcome === 'conflict') continue;
      for (const event of rows[index]!.consents) {
        if (
          shared === undefined ||
          event.kind !== shared.kind ||
          event.channel !== shared.channel ||
          event.source !== shared.source
        ) {
          if (shared !== undefined)
            consentsAppended += this.writeMany(insertConsents, CONSENT_WIDTH, consents, shared);
          shared = { kind: event.kind, channel: event.channel, source: event.source };
          consents = [];
        }
        consents.push(
          result.contactId,
          event.text ?? null,
          event.textVersion ?? null,
          event.evidence ?? null,
          event.at,
          recordedAt,
        );
        consentsWritten += 1;
      }
    }
    if (shared !== undefined)
      consentsAppended += this.writeMany(insertConsents, CONSENT_WIDTH, consents, shared);
    return { results, consentsAppended, consentsExisting: consentsWritten - consentsAppended };
  }

  /**
   * Runs `sql(rows)` over `values` (`width` positional values a row, plus `named` parameters shared by
   * every row) in chunks; returns the rows changed.
   */
  private writeMany(
    sql: (rows: number) => string,
    width: number,
    values: readonly unknown[],
    named?: ConsentShared,
  ): number {
    let changes = 0;
    const chunk = ROWS_PER_STATEMENT * width;
    for (let start = 0; start < values.length; start += chunk) {
      const slice = values.slice(start, start + chunk);
      const text = sql(slice.length / width);
      let statement = this.multiRow.get(text);
      if (statement === undefined) {
        // Every size is kept: a batch's last partial chunk varies, but at most ROWS_PER_STATEMENT ways.
        statement = this.db.prepare(text);
        this.multiRow.set(text, statement);
      }
      // Spread, not an array: better-sqlite3 then reads arguments, not array elements one by one
      // through the V8 object API (measured ~10% faster on the consent inserts).
      changes += (named === undefined ? statement.run(...slice) : statement.run(named, ...slice)).changes;
    }
    return changes;
  }

  private loadExisting(rows: readonly BulkImportRow[]): HeldRow[] {
    // A phone account's wa_id is its E.164 number without '+', so each also names the other.
    const withWaIds = this.statements.hasWaId.get()?.found === 1;
    const withBsuids = this.statements.hasBsuid.get()?.found === 1;
    const waIds: string[] = [];
    const phones: string[] = [];
    const bsuids: string[] = [];
    for (const { contact } of rows) {
      if (contact.waId !== undefined) {
        if (withWaIds) waIds.push(contact.waId);
        if (/^\d+$/.test(contact.waId)) phones.push(`+${contact.waId}`);
      }
      if (contact.phone !== undefined) {
        phones.push(contact.phone);
        if (withWaIds && contact.phone.startsWith('+')) waIds.push(contact.phone.slice(1));
      }
      if (withBsuids && contact.bsuid !== undefined) bsuids.push(contact.bsuid);
    }
    return this.statements.find.all(JSON.stringify(waIds), JSON.stringify(phones), JSON.stringify(bsuids));
  }

  /** `upsert`'s rules for one row against the batch's view of the table. */
  private mergeRow(batch: BatchIndex, input: ContactInput): RowResult {
    const matches = batch.matches(input);
    if (matches.length > 1) {
      return {
        outcome: 'conflict',
        reason: 'matches-several-contacts',
        contactIds: matches.map((held) => held.id).sort((a, b) => a - b),
      };
    }
    const existing = matches[0];
    if (existing === undefined) {
      // The fields object becomes the held contact: no copy per created row.
      const held: Held = Object.assign(newContactFields(input), {
        id: this.nextId,
        dirty: false,
        identifiersChanged: false,
        created: true,
      });
      this.nextId += 1;
      batch.add(held);
      return { outcome: 'created', contactId: held.id };
    }
    const merged = mergeContactFields(existing, input);
    if (merged === undefined) {
      return { outcome: 'conflict', reason: 'identifier-mismatch', contactIds: [existing.id] };
    }
    // A sighting that changes nothing (the same file imported again) writes nothing.
    if (sameFields(existing, merged)) return { outcome: 'updated', contactId: existing.id };
    const identifiersChanged =
      merged.waId !== existing.waId || merged.phone !== existing.phone || merged.bsuid !== existing.bsuid;
    Object.assign(existing, merged);
    existing.dirty = true;
    if (identifiersChanged) {
      existing.identifiersChanged = true;
      batch.add(existing);
    }
    return { outcome: 'updated', contactId: existing.id };
  }
}

/** The batch's contacts by id and by each identifier, kept current as rows create and merge. */
class BatchIndex {
  private readonly byId = new Map<number, Held>();
  private readonly byWaId = new Map<string, Held>();
  private readonly byPhone = new Map<string, Held>();
  private readonly byBsuid = new Map<string, Held>();

  constructor(rows: readonly HeldRow[]) {
    for (const row of rows) {
      if (this.byId.has(row.id)) continue;
      this.add({
        id: row.id,
        waId: row.wa_id,
        phone: row.phone,
        bsuid: row.bsuid,
        profileName: row.profile_name,
        language: row.language,
        country: row.country,
        email: row.email,
        tags: JSON.parse(row.tags) as string[],
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
        dirty: false,
        identifiersChanged: false,
        created: false,
      });
    }
  }

  /** Registers `held` (again, after its identifiers changed). */
  add(held: Held): void {
    this.byId.set(held.id, held);
    if (held.waId !== null) this.byWaId.set(held.waId, held);
    if (held.phone !== null) this.byPhone.set(held.phone, held);
    if (held.bsuid !== null) this.byBsuid.set(held.bsuid, held);
  }

  /** The distinct contacts `upsert`'s five-way match would find for `input`. */
  matches(input: ContactInput): Held[] {
    const found: Held[] = [];
    if (input.waId !== undefined) {
      addDistinct(found, this.byWaId.get(input.waId));
      if (/^\d+$/.test(input.waId)) addDistinct(found, this.byPhone.get(`+${input.waId}`));
    }
    if (input.phone !== undefined) {
      addDistinct(found, this.byPhone.get(input.phone));
      if (input.phone.startsWith('+')) addDistinct(found, this.byWaId.get(input.phone.slice(1)));
    }
    if (input.bsuid !== undefined) addDistinct(found, this.byBsuid.get(input.bsuid));
    return found;
  }

  all(): IterableIterator<Held> {
    return this.byId.values();
  }
}

/** Whether `merged` stores exactly what `held` does (`mergeContactFields` keeps the tags array when none are new). */
function sameFields(held: Held, merged: ContactFields): boolean {
  return (
    merged.waId === held.waId &&
    merged.phone === held.phone &&
    merged.bsuid === held.bsuid &&
    merged.profileName === held.profileName &&
    merged.language === held.language &&
    merged.country === held.country &&
    merged.email === held.email &&
    merged.tags === held.tags &&
    merged.firstSeenAt === held.firstSeenAt &&
    merged.lastSeenAt === held.lastSeenAt
  );
}

/** Appends `held` to `found` unless absent or already there (a module function: no closure per row). */
function addDistinct(found: Held[], held: Held | undefined): void {
  if (held !== undefined && !found.includes(held)) found.push(held);
}
