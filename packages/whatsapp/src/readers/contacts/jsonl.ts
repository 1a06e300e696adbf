import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { InputError } from '@ferry/core';
import type { ReadIssue } from '../types.js';
import { type ColumnLayout, hasIdentifierColumn, resolveColumns } from './fields.js';
import { buildContactRecord, type RowCells, type RowContext } from './record.js';
import { BatchBuilder, type PeekedStream } from './stream.js';
import type { ContactBatch, ContactColumnMapping, ContactField } from './types.js';

/** Settings of one JSON-lines read. */
export interface JsonLinesReadSettings {
  readonly mapping: ContactColumnMapping | undefined;
  readonly batchSize: number;
  readonly context: RowContext;
}

/** Distinct key sets seen; files usually have one or a few, so layouts are resolved once each. */
const LAYOUT_CACHE_LIMIT = 64;
const UNKNOWN_KEY_WARNINGS_LIMIT = 20;

/**
 * Streams contacts from JSON lines: one object per line, keys named like CSV headers
 * (`{"phone": "+39 333 1234567", "name": "Ada", "opted_in": true}`), one level of nesting read as
 * `profile.name`. A line that is not a JSON object is a rejected row; a file whose first line is
 * not one is not JSON lines at all (`InputError`).
 */
export async function* readContactsJsonLines(
  peeked: PeekedStream,
  settings: JsonLinesReadSettings,
): AsyncGenerator<ContactBatch> {
  const { file } = settings.context;
  if (peeked.empty) throw new InputError(`${file} is empty.`, { details: { file, line: 1 } });
  const source = Readable.from(peeked.chunks);
  let sourceError: unknown;
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  source.on('error', (error) => {
    sourceError = error;
    lines.close();
  });
  try {
    yield* readLines(lines, settings, () => sourceError);
  } finally {
    lines.close();
    source.destroy();
  }
  if (sourceError !== undefined) {
    const reason = sourceError instanceof Error ? sourceError.message : String(sourceError);
    throw new InputError(`${file} cannot be read: ${reason}`, { cause: sourceError, details: { file } });
  }
}

async function* readLines(
  lines: AsyncIterable<string>,
  settings: JsonLinesReadSettings,
  failed: () => unknown,
): AsyncGenerator<ContactBatch> {
  const { file } = settings.context;
  const batch = new BatchBuilder(settings.batchSize);
  const layouts = new Map<string, ColumnLayout>();
  const warnedKeys = new Set<string>();
  let lineNumber = 0;
  let sawObject = false;
  for await (const rawLine of lines) {
    lineNumber += 1;
    const text = (lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine).trim();
    if (text === '') continue;
    const parsed = parseObject(text);
    if (typeof parsed === 'string') {
      if (!sawObject) {
        throw new InputError(`${file} is not JSON lines: line ${lineNumber} ${parsed}.`, {
          details: { file, line: lineNumber },
          hint: 'Each line must hold one JSON object, for example {"phone": "+5511912345678", "opted_in": true}.',
        });
      }
      batch.reject({ file, line: lineNumber, reason: parsed, severity: 'error' });
    } else {
      sawObject = true;
      const cells = flatten(parsed);
      const layout = layoutFor(cells, layouts, settings.mapping);
      for (const key of layout.unused) {
        if (warnedKeys.size >= UNKNOWN_KEY_WARNINGS_LIMIT || warnedKeys.has(key)) continue;
        warnedKeys.add(key);
        batch.warn(unknownKeyWarning(file, lineNumber, key));
      }
      if (hasIdentifierColumn(layout)) {
        batch.add(buildContactRecord(cellsOf(cells, layout), lineNumber, settings.context));
      } else {
        batch.reject({
          file,
          line: lineNumber,
          field: 'phone',
          reason: 'no phone, wa_id or bsuid key on this line',
          severity: 'error',
        });
      }
    }
    if (batch.full) yield batch.take();
  }
  if (failed() !== undefined) return;
  if (!sawObject) throw new InputError(`${file} is empty.`, { details: { file, line: 1 } });
  if (batch.pending) yield batch.take();
}

function parseObject(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
  return value as Record<string, unknown>;
}

/** Keys and their cell text; nested objects one level deep become `outer.inner`. */
type Cells = ReadonlyArray<readonly [key: string, text: string | undefined]>;

function flatten(object: Record<string, unknown>): Cells {
  const cells: [string, string | undefined][] = [];
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [innerKey, inner] of Object.entries(value))
        cells.push([`${key}.${innerKey}`, cellText(inner)]);
    } else cells.push([key, cellText(value)]);
  }
  return cells;
}

function cellText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    const parts = value.filter((part) => typeof part === 'string' || typeof part === 'number').map(String);
    return parts.length === 0 ? undefined : parts.join('|');
  }
  return undefined;
}

function layoutFor(
  cells: Cells,
  layouts: Map<string, ColumnLayout>,
  mapping: ContactColumnMapping | undefined,
): ColumnLayout {
  const keys = cells.map(([key]) => key);
  const signature = keys.join('\u0000');
  let layout = layouts.get(signature);
  if (layout === undefined) {
    // A mapping names keys that may be absent from some lines; absent simply means no value here.
    layout = resolveColumns(keys, mapping).layout;
    if (layouts.size >= LAYOUT_CACHE_LIMIT) layouts.clear();
    layouts.set(signature, layout);
  }
  return layout;
}

function cellsOf(cells: Cells, layout: ColumnLayout): RowCells {
  const { columns } = layout;
  return {
    value(field: ContactField): string | undefined {
      const index = columns[field];
      return index === undefined ? undefined : cells[index]?.[1];
    },
    header(field: ContactField): string {
      const index = columns[field];
      return index === undefined ? field : (cells[index]?.[0] ?? field);
    },
  };
}

function unknownKeyWarning(file: string, line: number, key: string): ReadIssue {
  return {
    file,
    line,
    field: key,
    reason: `key "${key}" is not a contact field Ferry knows; it is not imported`,
    severity: 'warning',
  };
}
