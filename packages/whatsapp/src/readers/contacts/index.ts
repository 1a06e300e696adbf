import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError } from '@ferry/core';
import { readContactsCsv } from './csv.js';
import { detectContactsFormat } from './format.js';
import { readContactsJsonLines } from './jsonl.js';
import { DEFAULT_BATCH_SIZE, rowContext } from './part.js';
import { createPhoneNormaliser, type PhoneNormaliser } from './phone.js';
import { peekFirstLine } from './stream.js';
import type { ContactBatch, ReadContactsOptions } from './types.js';

export type { CountryCode } from 'libphonenumber-js/max';
export type { ReadIssue } from '../types.js';
export { detectDelimiter } from './csv.js';
export { normaliseHeader, resolveColumns } from './fields.js';
export { detectContactsFormat } from './format.js';
export { readContactsInWorker, type WorkerReadSettings } from './parallel.js';
export { type CsvPart, readContactsPart } from './part.js';
export { createPhoneNormaliser, type PhoneNormalisation, type PhoneNormaliser } from './phone.js';
export type {
  ContactBatch,
  ContactColumnMapping,
  ContactField,
  ContactFileFormat,
  ContactRecord,
  PendingConsentEvent,
  ReadContactsOptions,
} from './types.js';
export { normaliseLanguage, parseTime, parseYesNo, splitTags } from './values.js';

/**
 * Streams a contacts/opt-ins export (CSV or JSON lines) as batches of contacts with their consent
 * events and row issues, never holding the whole file in memory. `input` is a path or a stream.
 * Phones become E.164 (`defaultCountry` for national numbers), so one person written three ways
 * is one contact after the store's merge. Throws `InputError` when the file is not a usable
 * contacts export; each unusable row is an `error` issue with its file, line and field instead.
 * @see PLATFORMS.md §1.7 (opt-in must be prior and explicit; opt-outs must be honoured)
 */
export async function* readContacts(
  input: string | Readable,
  options: ReadContactsOptions,
  normalisePhone: PhoneNormaliser = createPhoneNormaliser(),
): AsyncGenerator<ContactBatch> {
  const file = options.file ?? (typeof input === 'string' ? basename(input) : 'contacts');
  const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  yield* readStream(stream, { ...options, file }, normalisePhone);
}

async function* readStream(
  stream: Readable,
  options: ReadContactsOptions & { readonly file: string },
  normalisePhone: PhoneNormaliser,
): AsyncGenerator<ContactBatch> {
  const { file } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    stream.destroy();
    throw new InputError(`batchSize must be a positive integer, got ${batchSize}.`, { details: { file } });
  }
  let peeked: Awaited<ReturnType<typeof peekFirstLine>>;
  try {
    peeked = await peekFirstLine(stream);
  } catch (error) {
    stream.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${file} cannot be read: ${reason}`, { cause: error, details: { file } });
  }
  const context = rowContext(options, normalisePhone);
  const format = options.format ?? detectContactsFormat(file, peeked.firstLine);
  try {
    if (format === 'jsonl') {
      yield* readContactsJsonLines(peeked, { mapping: options.mapping, batchSize, context });
    } else {
      yield* readContactsCsv(peeked, {
        delimiter: options.delimiter,
        mapping: options.mapping,
        batchSize,
        context,
      });
    }
  } finally {
    stream.destroy();
  }
}
