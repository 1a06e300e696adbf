import { Readable } from 'node:stream';
import { InputError } from '@ferry/core';
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { ReadIssue } from '../types.js';
import { type ColumnLayout, hasConsentColumn, hasIdentifierColumn, resolveColumns } from './fields.js';
import { buildContactRecord, type RowCells, type RowContext } from './record.js';
import { BatchBuilder, type PeekedStream } from './stream.js';
import type { ContactBatch, ContactColumnMapping, ContactField } from './types.js';

/** Settings of one CSV read. */
export interface CsvReadSettings {
  readonly delimiter: ',' | ';' | '\t' | undefined;
  readonly mapping: ContactColumnMapping | undefined;
  readonly batchSize: number;
  readonly context: RowContext;
  /** The line the stream's first line is on in the file (default 1): a part of a split file. */
  readonly firstLine?: number;
  /** The stream continues a file whose header was already checked: no header warnings again. */
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

/** Line breaks inside a record's quoted fields, so the next record's line number stays right. */
function lineBreaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    if (field.length === 0 || (!field.includes('\n') && !field.includes('\r'))) continue;
    breaks += field.replace(/\r\n/g, '\n').split(/[\r\n]/).length - 1;
  }
  return breaks;
}

function isBlank(record: readonly string[]): boolean {
  return record.every((field) => field.trim() === '');
}

function parseOptions(delimiter: ',' | ';' | '\t') {
  return { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false };
}

/**
 * Streams a contacts CSV: UTF-8 with or without BOM, `,` `;` or tab, RFC 4180 quotes, LF or CRLF.
 * Throws `InputError` for a file that cannot be read as contacts (empty, no phone column, an
 * unclosed quote); each unusable row is an error issue in its batch instead.
 */
export async function* readContactsCsv(
  peeked: PeekedStream,
  settings: CsvReadSettings,
): AsyncGenerator<ContactBatch> {
  const { file } = settings.context;
  if (peeked.empty) throw new InputError(`${file} is empty.`, { details: { file, line: 1 } });
  const parser = parse(parseOptions(settings.delimiter ?? detectDelimiter(peeked.firstLine)));
  const source = Readable.from(peeked.chunks);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const rows = new CsvRows(settings);
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const full = rows.add(record);
      if (full !== undefined) yield full;
    }
  } catch (error) {
    throw asInputError(error, file, 0);
  } finally {
    source.destroy();
    parser.destroy();
  }
  const last = rows.finish();
  if (last !== undefined) yield last;
}

/**
 * `readContactsCsv` for a part of a file held in memory (`settings.firstLine` is the line of its
 * first byte), parsed in one synchronous call: no stream and no promise per row.
 */
export function* readCsvPart(bytes: Buffer, settings: CsvReadSettings): Generator<ContactBatch> {
  const { file } = settings.context;
  const delimiter =
    settings.delimiter ?? detectDelimiter(bytes.subarray(0, 4096).toString().split(/\r?\n/)[0]!);
  let records: string[][];
  try {
    records = parseSync(bytes, parseOptions(delimiter)) as string[][];
  } catch (error) {
    throw asInputError(error, file, (settings.firstLine ?? 1) - 1);
  }
  const rows = new CsvRows(settings);
  for (const record of records) {
    const full = rows.add(record);
    if (full !== undefined) yield full;
  }
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

  /** Takes the next record; returns a batch when one is full. */
  add(record: readonly string[]): ContactBatch | undefined {
    const { settings, batch } = this;
    const line = this.nextLine;
    this.nextLine += 1 + lineBreaksIn(record);
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

/** The user's error for a parse failure; `lineOffset` turns a part's line numbers into the file's. */
function asInputError(error: unknown, file: string, lineOffset: number): unknown {
  if (error instanceof InputError) return error;
  if (error instanceof CsvError) {
    const lines = (error as CsvError & { lines?: number }).lines;
    const line = lines === undefined ? undefined : lines + lineOffset;
    const message =
      lineOffset === 0
        ? error.message
        : error.message.replace(
            /\bline (\d+)/g,
            (_, number: string) => `line ${Number(number) + lineOffset}`,
          );
    return new InputError(`${file}: ${message}`, {
      cause: error,
      details: { file, ...(line === undefined ? {} : { line }), code: error.code },
    });
  }
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
