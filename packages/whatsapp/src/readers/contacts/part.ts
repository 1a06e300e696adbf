import { readCsvPart } from './csv.js';
import { createPhoneNormaliser, type PhoneNormaliser } from './phone.js';
import type { RowContext } from './record.js';
import type { CsvNewline } from './slices.js';
import type { ContactBatch, ReadContactsOptions } from './types.js';

/** Records per batch when `batchSize` is not given. */
export const DEFAULT_BATCH_SIZE = 5000;

/** Where a part of a split CSV file starts (see `readContactsInWorker`). */
export interface CsvPart {
  /** The file's header line with its line break, repeated in front of every part but the first. */
  readonly header: string;
  readonly bytes: Uint8Array;
  /** The line the part's first byte is on. */
  readonly firstLine: number;
  /** True for the part that starts the file (blank lines and header included). */
  readonly first: boolean;
  /** The line break the file's records end with (the header's). */
  readonly newline: CsvNewline;
}

/** `readContacts` over one record-aligned part of a CSV file, with the file's line numbers. */
export function readContactsPart(
  part: CsvPart,
  options: ReadContactsOptions & { readonly file: string },
  normalisePhone: PhoneNormaliser = createPhoneNormaliser(),
): Generator<ContactBatch> {
  const bytes = part.first
    ? Buffer.from(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength)
    : Buffer.concat([Buffer.from(part.header), part.bytes]);
  return readCsvPart(bytes, {
    delimiter: options.delimiter,
    mapping: options.mapping,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    context: rowContext(options, normalisePhone),
    newline: part.newline,
    ...(part.first ? {} : { firstLine: part.firstLine - 1, continuation: true }),
  });
}

/** What every row of a file shares, from the read options. */
export function rowContext(
  options: ReadContactsOptions & { readonly file: string },
  normalisePhone: PhoneNormaliser,
): RowContext {
  return {
    file: options.file,
    defaultCountry: options.defaultCountry,
    defaultTime: options.defaultTime,
    source: options.source ?? `import:${options.file}`,
    assumeOptIn: options.assumeOptIn ?? false,
    normalisePhone,
  };
}
