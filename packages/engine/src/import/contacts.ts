import { stat } from 'node:fs/promises';
import type { ContactUpsertResult, FerryStore } from '@ferry/core';
import {
  type ContactBatch,
  type PhoneNormaliser,
  type ReadContactsOptions,
  type ReadIssue,
  readContacts,
  readContactsInWorker,
} from '@ferry/whatsapp';
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
 * Streams a contacts export into the store batch by batch through `contacts.importBatch`: the store
 * merges the same person met through phone, wa_id or BSUID and appends each row's consent events to
 * the contact it became, idempotently. Must run inside the file's transaction.
 */
export async function importContacts(store: FerryStore, context: ContactsImportContext): Promise<void> {
  const { options } = context;
  const readOptions: ReadContactsOptions = {
    file: context.file,
    format: context.format,
    defaultTime: context.defaultTime,
    ...(options.defaultCountry === undefined ? {} : { defaultCountry: options.defaultCountry }),
    ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.assumeOptIn === undefined ? {} : { assumeOptIn: options.assumeOptIn }),
  };
  // A custom normaliser is a function: it cannot cross to a worker thread.
  const batches =
    context.normalisePhone === undefined && (await inWorker(context.path, options.readInWorker ?? 'auto'))
      ? readContactsInWorker(
          context.path,
          readOptions,
          options.readerThreads === undefined ? {} : { workers: options.readerThreads },
        )
      : readContacts(context.path, readOptions, context.normalisePhone);
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
  const imported = await store.contacts.importBatch(batch.records);
  const conflicts: ReadIssue[] = [];
  imported.results.forEach((result, index) => {
    if (result.outcome === 'conflict') {
      counts.rejected += 1;
      conflicts.push({
        file: context.file,
        line: batch.records[index]!.line,
        field: 'phone',
        reason: conflictReason(result),
        severity: 'error',
      });
      return;
    }
    counts.imported += 1;
    if (result.outcome === 'created') counts.created += 1;
    else counts.merged += 1;
  });
  await sink.add(conflicts);
  counts.consentsAppended += imported.consentsAppended;
  counts.consentsExisting += imported.consentsExisting;
}

/** Files from this size on are read on a worker thread when `readInWorker` is `auto`. */
const WORKER_THRESHOLD_BYTES = 4 * 2 ** 20;

async function inWorker(path: string, setting: boolean | 'auto'): Promise<boolean> {
  if (setting !== 'auto') return setting;
  return (await stat(path)).size >= WORKER_THRESHOLD_BYTES;
}

function conflictReason(result: Extract<ContactUpsertResult, { outcome: 'conflict' }>): string {
  const ids = result.contactIds.join(', ');
  return result.reason === 'matches-several-contacts'
    ? `the row's phone, wa_id and BSUID belong to different stored contacts (${ids}); fix the row or merge them first`
    : `the row contradicts the phone, wa_id or BSUID stored for contact ${ids}`;
}
