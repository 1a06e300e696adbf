import { Readable } from 'node:stream';
import { InputError } from '@ferry/core';
import { CsvError, parse } from 'csv-parse';
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
  const delimiter = settings.delimiter ?? detectDelimiter(peeked.firstLine);
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  const source = Readable.from(peeked.chunks);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  const batch = new BatchBuilder(settings.batchSize);
  let headers: string[] | undefined;
  let cells: RecordCells | undefined;
  let nextLine = settings.firstLine ?? 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      nextLine += 1 + lineBreaksIn(record);
      if (isBlank(record)) continue;
      if (headers === undefined || cells === undefined) {
        headers = record.map((header) => header.trim());
        const layout = layoutOf(headers, line, settings);
        cells = new RecordCells(headers, layout);
        if (settings.continuation !== true)
          for (const issue of headerWarnings(layout, line, settings)) batch.warn(issue);
        continue;
      }
      const shapeIssue = checkShape(record, headers.length, line, file);
      if (shapeIssue === undefined) {
        cells.record = record;
        batch.add(buildContactRecord(cells, line, settings.context));
      } else batch.reject(shapeIssue);
      if (batch.full) yield batch.take();
    }
  } catch (error) {
    throw asInputError(error, file);
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (headers === undefined) throw new InputError(`${file} is empty.`, { details: { file, line: 1 } });
  if (batch.pending) yield batch.take();
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

function asInputError(error: unknown, file: string): unknown {
  if (error instanceof InputError) return error;
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines;
    return new InputError(`${file}: ${error.message}`, {
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
