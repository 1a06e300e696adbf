import type { FileHandle } from 'node:fs/promises';
import { InputError } from '@ferry/core';
import Papa from 'papaparse';

/** How a CSV file's records end. */
export type CsvNewline = '\n' | '\r\n' | '\r';

/** One record-aligned part of a CSV file: whole records only, and the line the first one starts on. */
export interface CsvSlice {
  /** 0 for the part that starts the file (blank lines and header included; the BOM removed). */
  readonly index: number;
  readonly bytes: Buffer;
  /** The 1-based line the part's first byte is on. */
  readonly firstLine: number;
}

/** What the splitter needs to know of the file. */
export interface SliceSettings {
  /** The file's name, for the error about a record that never ends. */
  readonly file: string;
  readonly delimiter: string;
  readonly newline: CsvNewline;
  /** Bytes read at a time: parts are about this size. */
  readonly sliceBytes: number;
  /** A record longer than this is refused (an unclosed quote would otherwise hold the rest of the file in memory). */
  readonly maxRecordBytes?: number;
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Bytes of the file's start the line-break guess looks at (the same for both readers). */
export const HEAD_BYTES = 64 * 1024;
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** The text's first line, whichever line break (CRLF, LF or CR) ends it. */
export function firstLineOf(text: string): string {
  return text.split(/\r\n|\n|\r/, 1)[0] ?? '';
}

/**
 * The line break `text` (the start of a CSV file) ends its records with: the most frequent of
 * CRLF, LF and bare CR outside quoted fields (ties: CRLF, then LF). Papa Parse's own guess only
 * looks at which comes first, so a CRLF header above LF rows made every row one record.
 */
export function guessNewline(text: string): CsvNewline {
  // Quoted fields (an escaped "" is two quoted runs side by side) may hold any line break.
  const outside = text.replace(/"[^"]*"/g, '');
  const crlf = outside.split('\r\n').length - 1;
  const lineFeeds = outside.split('\n').length - 1 - crlf;
  const returns = outside.split('\r').length - 1 - crlf;
  if (crlf > 0 && crlf >= lineFeeds && crlf >= returns) return '\r\n';
  return returns > lineFeeds ? '\r' : '\n';
}

/**
 * Cuts a CSV byte stream into parts of about `sliceBytes` that end on record boundaries, so each
 * part can be parsed on its own (on another thread, or one after another without a streaming
 * parser). A boundary is a line break outside quotes, quotes read as Papa Parse reads them: a
 * quote opens a quoted field only as the field's first character and `""` inside one is a quote.
 * Line numbers count line feeds and bare carriage returns, as the reader's do.
 */
export async function* recordSlices(
  chunks: AsyncIterable<Buffer>,
  settings: SliceSettings,
): AsyncGenerator<CsvSlice> {
  const delimiter = settings.delimiter.charCodeAt(0);
  const limit = settings.maxRecordBytes ?? MAX_RECORD_BYTES;
  let pending: Buffer = Buffer.alloc(0);
  let firstLine = 1;
  let index = 0;
  const slice = (bytes: Buffer): CsvSlice => {
    const part = { index, bytes, firstLine };
    index += 1;
    firstLine += lineBreaks(bytes);
    return part;
  };
  let atStart = true;
  for await (const chunk of chunks) {
    let joined: Buffer = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    if (atStart && joined.length >= BOM.length) {
      atStart = false;
      if (joined.subarray(0, BOM.length).equals(BOM)) joined = joined.subarray(BOM.length);
    }
    // A big chunk (a stream's are 1 MB) gives several parts, each ending at the last boundary in its
    // first `sliceBytes`, or (a record longer than that) at the last boundary in all that was read.
    let start = 0;
    while (joined.length - start >= settings.sliceBytes) {
      const rest = joined.subarray(start);
      let end = lastRecordEnd(rest.subarray(0, settings.sliceBytes), delimiter, settings.newline);
      if (end <= 0) end = lastRecordEnd(rest, delimiter, settings.newline);
      if (end <= 0) break;
      yield slice(rest.subarray(0, end));
      start += end;
    }
    pending = start === 0 ? joined : Buffer.from(joined.subarray(start));
    if (pending.length > limit) throw recordTooLong(settings, firstLine, limit);
  }
  if (pending.length > 0) yield slice(pending);
}

/** `recordSlices` over a file read `settings.sliceBytes` at a time from its current position. */
export function csvSlices(file: FileHandle, settings: SliceSettings): AsyncGenerator<CsvSlice> {
  return recordSlices(fileChunks(file, settings.sliceBytes), settings);
}

async function* fileChunks(file: FileHandle, size: number): AsyncGenerator<Buffer> {
  while (true) {
    const block = Buffer.allocUnsafe(size);
    const { bytesRead } = await file.read(block, 0, size, null);
    if (bytesRead === 0) return;
    yield block.subarray(0, bytesRead);
  }
}

function recordTooLong(settings: SliceSettings, line: number, limit: number): InputError {
  const megabytes = Math.round(limit / 2 ** 20);
  return new InputError(
    `${settings.file}: the record starting at line ${line} or soon after runs on for more than ${megabytes} MB without a line break outside quotes.`,
    {
      details: { file: settings.file, line },
      hint: 'A quoted field is probably never closed: check the quotes (") near that line.',
    },
  );
}

/**
 * The header line, with its line break, when the file's start allows splitting: its first line is
 * the whole header record, not blank (so it can be repeated in front of every part, ending as the
 * file's records end). Quoted names are fine; a line break inside one is not. `head` is the file's
 * start without its BOM.
 */
export function sliceableHeader(head: string, delimiter: string, newline: CsvNewline): string | undefined {
  const end = head.indexOf(newline);
  if (end < 0) return undefined;
  const header = head.slice(0, end + newline.length);
  const line = header.slice(0, end);
  // A line break of another kind inside the header would make the parts disagree on line numbers.
  if (line.trim() === '' || /[\r\n]/.test(line)) return undefined;
  // A quote left open means the header record goes on past this line.
  return Papa.parse(header, { delimiter, newline, preview: 1 }).errors.length === 0 ? header : undefined;
}

/**
 * The end (after its line break) of the last whole record in `bytes`, which start on a record
 * boundary; -1 when `bytes` holds no record line break outside quotes.
 */
export function lastRecordEnd(bytes: Buffer, delimiter: number, newline: CsvNewline): number {
  // Records end on the break's last byte: LF for LF and CRLF, CR for bare CR.
  const terminator = newline === '\r' ? CARRIAGE_RETURN : LINE_FEED;
  const crlf = newline === '\r\n';
  // In a CR file a CR followed by LF (or whose next byte is not read yet) is no boundary: the LF
  // would start the next part and be counted as a second line break.
  const endsRecord = (at: number): boolean =>
    newline === '\r'
      ? at + 1 < bytes.length && bytes[at + 1] !== LINE_FEED
      : !crlf || (at > 0 && bytes[at - 1] === CARRIAGE_RETURN);
  let quoted = false;
  let boundary = -1;
  let position = 0;
  while (position < bytes.length) {
    const quote = bytes.indexOf(QUOTE, position);
    if (!quoted) {
      const limit = quote < 0 ? bytes.length : quote;
      // lastIndexOf with a negative offset would count from the end: only look when there is room.
      let end = limit > position ? bytes.lastIndexOf(terminator, limit - 1) : -1;
      while (end >= position && !endsRecord(end)) end = end > 0 ? bytes.lastIndexOf(terminator, end - 1) : -1;
      if (end >= position) boundary = end + 1;
      if (quote < 0) break;
      // A quote opens a quoted field only as its first character; elsewhere it is a literal character.
      quoted =
        quote === 0 ||
        bytes[quote - 1] === delimiter ||
        (bytes[quote - 1] === terminator && endsRecord(quote - 1));
      position = quote + 1;
      continue;
    }
    // Inside quotes: the bytes after an unclosed quote wait for the next block.
    if (quote < 0 || quote === bytes.length - 1) break;
    // `""` is a quote. Any other quote closes the field (text after it is a quote error the parser reports).
    if (bytes[quote + 1] === QUOTE) position = quote + 2;
    else {
      quoted = false;
      position = quote + 1;
    }
  }
  return boundary;
}

/** Line breaks in `bytes` as the reader counts them: LF, CRLF (once) and a bare CR. */
function lineBreaks(bytes: Buffer): number {
  let count = 0;
  for (
    let position = bytes.indexOf(LINE_FEED);
    position >= 0;
    position = bytes.indexOf(LINE_FEED, position + 1)
  )
    count += 1;
  for (
    let position = bytes.indexOf(CARRIAGE_RETURN);
    position >= 0;
    position = bytes.indexOf(CARRIAGE_RETURN, position + 1)
  )
    if (bytes[position + 1] !== LINE_FEED) count += 1;
  return count;
}
