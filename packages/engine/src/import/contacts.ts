import type { ConsentEventInput, ContactUpsertResult, FerryStore } from '@ferry/core';
import { type ContactBatch, type PhoneNormaliser, type ReadIssue, readContacts } from '@ferry/whatsapp';
import type { MutableCounts } from './counts.js';
import type { IssueSink } from './issue-sink.js';
import type { ImportOptions } from './types.js';

/** What the contacts importer needs besides the store. */
export interface ContactsImportContext {
  readonly path: string;
  readonly file: string;
  readonly format: 'csv' | 'jsonl';
  readonly defaultTime: number;
  readonly options: ImportOptions;
  readonly counts: MutableCounts;
  readonly sink: IssueSink;
  readonly normalisePhone?: PhoneNormaliser;
}

/**
 * Streams a contacts export into the store batch by batch: contacts are upserted (the store merges
 * the same person met through phone or wa_id), then their consent events are appended with the
 * contact ids the upserts returned. Must run inside the file's transaction.
 */
export async function importContacts(store: FerryStore, context: ContactsImportContext): Promise<void> {
  const { options } = context;
  const batches = readContacts(
    context.path,
    {
      file: context.file,
      format: context.format,
      defaultTime: context.defaultTime,
      ...(options.defaultCountry === undefined ? {} : { defaultCountry: options.defaultCountry }),
      ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.assumeOptIn === undefined ? {} : { assumeOptIn: options.assumeOptIn }),
    },
    context.normalisePhone,
  );
  for await (const batch of batches) await writeBatch(store, batch, context);
}

async function writeBatch(
  store: FerryStore,
  batch: ContactBatch,
  context: ContactsImportContext,
): Promise<void> {
  const { counts, sink } = context;
  counts.read += batch.rows;
  counts.rejected += batch.rejectedRows;
  await sink.add(batch.issues);
  if (batch.records.length === 0) return;
  const results = await store.contacts.upsertMany(batch.records.map((record) => record.contact));
  const events: ConsentEventInput[] = [];
  const conflicts: ReadIssue[] = [];
  results.forEach((result, index) => {
    const record = batch.records[index]!;
    if (result.outcome === 'conflict') {
      counts.rejected += 1;
      conflicts.push({
        file: context.file,
        line: record.line,
        field: 'phone',
        reason: conflictReason(result),
        severity: 'error',
      });
      return;
    }
    counts.imported += 1;
    if (result.outcome === 'created') counts.created += 1;
    else counts.merged += 1;
    for (const consent of record.consents) events.push({ ...consent, contactId: result.contact.id });
  });
  await sink.add(conflicts);
  if (events.length === 0) return;
  const appended = await store.consents.appendMany(events);
  counts.consentsAppended += appended.appended;
  counts.consentsExisting += appended.duplicates;
}

function conflictReason(result: Extract<ContactUpsertResult, { outcome: 'conflict' }>): string {
  const ids = result.contactIds.join(', ');
  return result.reason === 'matches-several-contacts'
    ? `the row's phone, wa_id and BSUID belong to different stored contacts (${ids}); fix the row or merge them first`
    : `the row contradicts the phone, wa_id or BSUID stored for contact ${ids}`;
}
