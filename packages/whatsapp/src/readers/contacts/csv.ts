import { InputError } from '@ferry/core';
import Papa from 'papaparse';
import type { ReadIssue } from '../types.js';
import { type ColumnLayout, hasConsentColumn, hasIdentifierColumn, resolveColumns } from './fields.js';
import { buildContactRecord, type RowCells, type RowContext } from './record.js';
import { type CsvNewline, firstLineOf, guessNewline, recordSlices } from './slices.js';
import { BatchBuilder, type PeekedStream } from './stream.js';
import type { ContactBatch, ContactColumnMapping, ContactField } from './types.js';

/** Settings of one CSV read. */
export interface CsvReadSettings {
  readonly delimiter: ',' | ';' | '\t' | undefined;
  readonly mapping: ContactColumnMapping | undefined;
  readonly batchSize: number;
  readonly context: RowContext;
  /** The line the text's first line is on in the file (default 1): a part of a split file. */
  readonly firstLine?: number;
  /** The text continues a file whose header was already checked: no header warnings again. */
  readonly continuation?: boolean;
}

/** The delimiter the header line uses most outside quotes: `,`, `;` or tab (`,` when none appears). */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === ',' || character === ';' || character === '\t'))
      counts[character] += 1;
  }
  const best = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] === 0 ? ',' : best[0];
}

/**
 * Line breaks inside a record's fields, so the next record's line number stays right. A CR ending
 * the last field of an LF record (or an LF starting the first field after a CR record) is half of
 * a CRLF whose other half ended the record: that line break is counted once, as the splitter does.
 */
function lineBreaksIn(record: readonly string[], newline: CsvNewline): number {
  let breaks = 0;
  const last = record.length - 1;
  for (let index = 0; index <= last; index += 1) {
    let field = record[index]!;
    if (field.length === 0 || (!field.includes('\n') && !field.includes('\r'))) continue;
    if (newline === '\n' && index === last && field.endsWith('\r')) field = field.slice(0, -1);
    if (newline === '\r' && index === 0 && field.startsWith('\n')) field = field.slice(1);
    breaks += field.replace(/\r\n/g, '\n').split(/[\r\n]/).length - 1;
  }
  return breaks;
}

function isBlank(record: readonly string[]): boolean {
  return record.every((field) => field.trim() === '');
}

/** Bytes parsed at a time when streaming (the stream's chunks are gathered up to this much). */
const STREAM_SLICE_BYTES = 256 * 1024;

/**
 * Streams a contacts CSV: UTF-8 with or without BOM, `,` `;` or tab, RFC 4180 quotes, LF, CRLF or
 * CR line breaks. The stream is cut into record-aligned slices, each parsed in one synchronous
 * Papa Parse call. Throws `InputError` for a file that cannot be read as contacts (empty, no phone
 * column, a quote error); each unusable row is an error issue in its batch instead.
 */
export async function* readContactsCsv(
  peeked: PeekedStream,
  settings: CsvReadSettings,
): AsyncGenerator<ContactBatch> {
  const { file } = settings.context;
  if (peeked.empty) throw new InputError(`${file} is empty.`, { details: { file, line: 1 } });
  const delimiter = settings.delimiter ?? detectDelimiter(peeked.firstLine);
  const newline = guessNewline(peeked.head);
  const rows = new CsvRows(settings);
  try {
    const slices = recordSlices(peeked.chunks, { file, delimiter, newline, sliceBytes: STREAM_SLICE_BYTES });
    for await (const slice of slices) yield* rows.parse(slice.bytes.toString(), delimiter, newline);
  } catch (error) {
    throw asInputError(error, file);
  }
  const last = rows.finish();
  if (last !== undefined) yield last;
}

/**
 * `readContactsCsv` for a part of a file held in memory (`settings.firstLine` is the line of its
 * first byte; `newline` is the file's), parsed in one synchronous call.
 */
export function* readCsvPart(
  bytes: Buffer,
  settings: CsvReadSettings & { readonly newline: CsvNewline },
): Generator<ContactBatch> {
  const text = bytes.toString();
  const delimiter = settings.delimiter ?? detectDelimiter(firstLineOf(text.slice(0, 4096)));
  const rows = new CsvRows(settings);
  yield* rows.parse(text, delimiter, settings.newline);
  const last = rows.finish();
  if (last !== undefined) yield last;
}

/** Turns parsed records into batches: blank lines skipped, the header resolved, then one row each. */
class CsvRows {
  private readonly batch: BatchBuilder;
  private headers: string[] | undefined;
  private cells: RecordCells | undefined;
  private nextLine: number;

  constructor(private readonly settings: CsvReadSettings) {
    this.batch = new BatchBuilder(settings.batchSize);
    this.nextLine = settings.firstLine ?? 1;
  }

  /**
   * Parses `text` (whole records, continuing where the last text ended) and yields each batch that
   * fills. A quote error throws at the line of the record it is in, after the records before it.
   */
  *parse(text: string, delimiter: string, newline: CsvNewline): Generator<ContactBatch> {
    // Every text is read as ending in a line break (a file's last line may lack one; Papa Parse
    // would call a space after a closing quote there a quote error), and Papa Parse reads a text
    // ending in a line break as ending with one more, empty record, which is no line of the file.
    const whole = text.endsWith(newline) ? text : `${text}${newline}`;
    const { data, errors } = Papa.parse<string[]>(whole, { delimiter, newline, skipEmptyLines: false });
    const failure = errors[0];
    const end = failure === undefined ? data.length - 1 : (failure.row ?? 0);
    for (let index = 0; index < end; index += 1) {
      const full = this.add(data[index]!, newline);
      if (full !== undefined) yield full;
    }
    if (failure !== undefined) throw this.quoteError(data[end] ?? [], failure);
  }

  /** The error for a record Papa Parse could not read (a quote error: the only kind it reports here). */
  private quoteError(record: readonly string[], failure: Papa.ParseError): InputError {
    const { file } = this.settings.context;
    const line = this.nextLine;
    // An unclosed quoted field runs to the end of the text: it is the record's last field.
    const header = failure.code === 'MissingQuotes' ? this.headers?.[record.length - 1] : undefined;
    const where = header === undefined ? '' : ` (column "${header}")`;
    const details = { file, line, code: failure.code, ...(header === undefined ? {} : { field: header }) };
    if (failure.code === 'MissingQuotes') {
      return new InputError(`${file}: line ${line}: a quoted field is never closed${where}.`, {
        details,
        hint: 'End the field with a closing ". A " inside a quoted field is written twice ("").',
      });
    }
    if (failure.code === 'InvalidQuotes') {
      return new InputError(`${file}: line ${line}: a quoted field has text after its closing quote.`, {
        details,
        hint: 'Quote the whole field and write each " inside it twice: "Joe ""Big"" Silva".',
      });
    }
    return new InputError(`${file}: line ${line}: ${failure.message}.`, { details });
  }

  /** Takes the next record; returns a batch when one is full. */
  private add(record: readonly string[], newline: CsvNewline): ContactBatch | undefined {
    const { settings, batch } = this;
    const line = this.nextLine;
    this.nextLine += 1 + lineBreaksIn(record, newline);
    if (isBlank(record)) return undefined;
    if (this.headers === undefined || this.cells === undefined) {
      this.headers = record.map((header) => header.trim());
      const layout = layoutOf(this.headers, line, settings);
      this.cells = new RecordCells(this.headers, layout);
      if (settings.continuation !== true)
        for (const issue of headerWarnings(layout, line, settings)) batch.warn(issue);
      return undefined;
    }
    const shapeIssue = checkShape(record, this.headers.length, line, settings.context.file);
    if (shapeIssue === undefined) {
      this.cells.record = record;
      batch.add(buildContactRecord(this.cells, line, settings.context));
    } else batch.reject(shapeIssue);
    return batch.full ? batch.take() : undefined;
  }

  /** The last batch, if any; throws when the file had no header at all. */
  finish(): ContactBatch | undefined {
    const { file } = this.settings.context;
    if (this.headers === undefined) throw new InputError(`${file} is empty.`, { details: { file, line: 1 } });
    return this.batch.pending ? this.batch.take() : undefined;
  }
}

function layoutOf(headers: readonly string[], line: number, settings: CsvReadSettings): ColumnLayout {
  const { file } = settings.context;
  const { layout, missing } = resolveColumns(headers, settings.mapping);
  const absent = missing[0];
  if (absent !== undefined) {
    throw new InputError(
      `${file}: the mapping names column "${absent.header}" for ${absent.field}, but the header has no such column.`,
      {
        details: { file, line, field: absent.header },
        hint: `Columns in the file: ${headers.join(', ')}.`,
      },
    );
  }
  if (!hasIdentifierColumn(layout)) {
    throw new InputError(`${file}: no phone column in the header (line ${line}).`, {
      details: { file, line, field: 'phone' },
      hint: 'Name the column phone, phone_number, msisdn, mobile, wa_id or telefone, or pass a mapping such as { phone: "<your column>" }.',
    });
  }
  return layout;
}

function headerWarnings(layout: ColumnLayout, line: number, settings: CsvReadSettings): ReadIssue[] {
  const { file, assumeOptIn } = settings.context;
  const warnings: ReadIssue[] = layout.unused.map((header) => ({
    file,
    line,
    field: header,
    reason: `column "${header}" is not a contact field Ferry knows; it is not imported`,
    severity: 'warning',
  }));
  if (!hasConsentColumn(layout) && !assumeOptIn) {
    warnings.push({
      file,
      line,
      reason:
        'no opt-in column: contacts are imported without consent (pass assumeOptIn for an opt-in export)',
      severity: 'warning',
    });
  }
  return warnings;
}

function checkShape(
  record: readonly string[],
  width: number,
  line: number,
  file: string,
): ReadIssue | undefined {
  if (record.length === width) return undefined;
  if (record.length > width && record.slice(width).every((field) => field.trim() === '')) return undefined;
  return {
    file,
    line,
    reason: `the row has ${record.length} fields but the header has ${width} (an unquoted delimiter inside a value?)`,
    severity: 'error',
  };
}

/** The cells of the current row; one per file, pointed at each row in turn (rows are read one at a time). */
class RecordCells implements RowCells {
  record: readonly string[] = [];

  constructor(
    private readonly headers: readonly string[],
    private readonly layout: ColumnLayout,
  ) {}

  value(field: ContactField): string | undefined {
    const index = this.layout.columns[field];
    if (index === undefined) return undefined;
    const cell = this.record[index];
    return cell === undefined || cell.trim() === '' ? undefined : cell;
  }

  header(field: ContactField): string {
    const index = this.layout.columns[field];
    return index === undefined ? field : (this.headers[index] ?? field);
  }
}

/** The user's error for a stream that fails while being read (a missing or unreadable file). */
function asInputError(error: unknown, file: string): unknown {
  if (error instanceof InputError) return error;
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('E')
  ) {
    return new InputError(`${file} cannot be read: ${error.message}`, { cause: error, details: { file } });
  }
  return error;
}
