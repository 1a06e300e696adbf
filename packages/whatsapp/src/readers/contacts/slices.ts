import type { FileHandle } from 'node:fs/promises';

/** One record-aligned part of a CSV file: whole records only, and the line the first one starts on. */
export interface CsvSlice {
  /** 0 for the part that starts the file (BOM, blank lines and header included). */
  readonly index: number;
  readonly bytes: Buffer;
  /** The 1-based line the part's first byte is on. */
  readonly firstLine: number;
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a CSV file into parts of about `sliceBytes` that end on record boundaries, so each part can
 * be parsed on its own thread. A boundary is a line feed outside quotes, with csv-parse's reading of
 * quotes (`relax_quotes`): a quote opens a quoted field only at the start of a field, `""` inside
 * one is a quote, and any other quote closes it. Line numbers count line feeds and bare carriage
 * returns, as the reader's do (a file whose lines end in bare CRs is not split: see
 * {@link sliceableHeader}).
 */
export async function* csvSlices(
  file: FileHandle,
  delimiter: number,
  sliceBytes: number,
): AsyncGenerator<CsvSlice> {
  let pending = Buffer.alloc(0);
  let firstLine = 1;
  let index = 0;
  let ended = false;
  while (!ended) {
    const block = Buffer.allocUnsafe(sliceBytes);
    const { bytesRead } = await file.read(block, 0, sliceBytes, null);
    ended = bytesRead === 0;
    const joined = ended ? pending : Buffer.concat([pending, block.subarray(0, bytesRead)]);
    const end = ended ? joined.length : lastRecordEnd(joined, delimiter);
    if (end < 0) {
      pending = joined;
      continue;
    }
    const bytes = joined.subarray(0, end);
    if (bytes.length > 0) {
      yield { index, bytes, firstLine };
      index += 1;
      firstLine += lineBreaks(bytes);
    }
    pending = Buffer.from(joined.subarray(end));
  }
}

/**
 * The header line, with its line break, when the file's start allows splitting: line feeds end its
 * lines, and its first line is the header, not blank and without quotes (so it can be repeated in
 * front of every part, ending as the file's lines end); `undefined` otherwise.
 */
export function sliceableHeader(head: Buffer): string | undefined {
  const firstFeed = head.indexOf(LINE_FEED);
  if (firstFeed < 0) return undefined;
  const firstReturn = head.indexOf(CARRIAGE_RETURN);
  if (firstReturn >= 0 && firstReturn !== firstFeed - 1) return undefined;
  const header = head
    .subarray(0, firstFeed + 1)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return header.trim() === '' || header.includes('"') ? undefined : header;
}

/**
 * The end (after its line feed) of the last whole record in `bytes`, which start on a record
 * boundary; -1 when `bytes` holds no line feed outside quotes.
 */
export function lastRecordEnd(bytes: Buffer, delimiter: number): number {
  let quoted = false;
  let boundary = -1;
  let position = 0;
  while (position < bytes.length) {
    const quote = bytes.indexOf(QUOTE, position);
    if (!quoted) {
      const limit = quote < 0 ? bytes.length : quote;
      // lastIndexOf with a negative offset would count from the end: only look when there is room.
      const feed = limit > position ? bytes.lastIndexOf(LINE_FEED, limit - 1) : -1;
      if (feed >= position) boundary = feed + 1;
      if (quote < 0) break;
      const before = quote === 0 ? LINE_FEED : bytes[quote - 1];
      // A quote inside an unquoted field is a literal character (relax_quotes).
      quoted = before === delimiter || before === LINE_FEED || before === CARRIAGE_RETURN;
      position = quote + 1;
      continue;
    }
    // Inside quotes: the bytes after an unclosed quote wait for the next block.
    if (quote < 0 || quote === bytes.length - 1) break;
    // `""` is a quote; any other quote closes the field (relax_quotes reads what follows as text).
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
