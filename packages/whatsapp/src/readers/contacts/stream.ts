import type { ReadIssue } from '../types.js';
import type { RowOutcome } from './record.js';
import { firstLineOf, HEAD_BYTES } from './slices.js';
import type { ContactBatch, ContactRecord } from './types.js';

/** The start of a stream (decoded, BOM removed) and every chunk, the peeked ones included. */
export interface PeekedStream {
  readonly firstLine: string;
  /** The stream's first `HEAD_BYTES` (or all of it when shorter), decoded: enough to guess its line breaks. */
  readonly head: string;
  /** True when the stream holds nothing but whitespace up to the first line break and ends there. */
  readonly empty: boolean;
  readonly chunks: AsyncIterable<Buffer>;
}

const PEEK_LIMIT = 1 << 20;

/** Reads just enough of `source` to see its first line and `HEAD_BYTES`, without losing anything for the real parser. */
export async function peekFirstLine(source: AsyncIterable<Buffer | string>): Promise<PeekedStream> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  let sawLineFeed = false;
  while (size < PEEK_LIMIT && (size < HEAD_BYTES || !sawLineFeed)) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    size += chunk.length;
    sawLineFeed ||= chunk.includes(10);
  }
  const bytes = Buffer.concat(head);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = firstLineOf(text);
  async function* chunks(): AsyncGenerator<Buffer> {
    yield* head;
    if (ended) return;
    while (true) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  const start = bytes
    .subarray(0, HEAD_BYTES)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return { firstLine, head: start, empty: ended && text.trim() === '', chunks: chunks() };
}

/** Collects rows into batches of at most `size` rows. */
export class BatchBuilder {
  #records: ContactRecord[] = [];
  #issues: ReadIssue[] = [];
  #rows = 0;
  #rejected = 0;

  constructor(private readonly size: number) {}

  /** Adds one row's outcome. */
  add(outcome: RowOutcome): void {
    this.#rows += 1;
    if (outcome.record === undefined) this.#rejected += 1;
    else this.#records.push(outcome.record);
    for (const issue of outcome.issues) this.#issues.push(issue);
  }

  /** Adds a row that could not be read at all. */
  reject(issue: ReadIssue): void {
    this.add({ issues: [issue] });
  }

  /** Adds a file-level warning (not tied to a row). */
  warn(issue: ReadIssue): void {
    this.#issues.push(issue);
  }

  get full(): boolean {
    return this.#rows >= this.size;
  }

  get pending(): boolean {
    return this.#rows > 0 || this.#issues.length > 0;
  }

  /** Hands over the batch collected so far and starts a new one. */
  take(): ContactBatch {
    const batch: ContactBatch = {
      records: this.#records,
      issues: this.#issues,
      rows: this.#rows,
      rejectedRows: this.#rejected,
    };
    this.#records = [];
    this.#issues = [];
    this.#rows = 0;
    this.#rejected = 0;
    return batch;
  }
}
