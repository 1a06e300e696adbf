import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { InputError } from '@ferry/core';
import { detectDelimiter } from './csv.js';
import { detectContactsFormat } from './format.js';
import {
  type CsvNewline,
  csvSlices,
  firstLineOf,
  guessNewline,
  HEAD_BYTES,
  sliceableHeader,
} from './slices.js';
import type { ContactBatch, ReadContactsOptions } from './types.js';
import {
  batchOf,
  type PartMessage,
  type ReaderWorkerData,
  type ReaderWorkerMessage,
  reviveError,
} from './worker-protocol.js';

/** How the reading worker runs. */
export interface WorkerReadSettings {
  /** Batches a worker streaming a whole file posts ahead of the consumer (default 6, of 500 rows each unless `batchSize` is set). */
  readonly ahead?: number;
  /** Each worker's V8 heap limits (default: 64 MB old generation; 24 MB young reading parts, 32 MB streaming a file), so RSS cannot creep. */
  readonly resourceLimits?: ResourceLimits;
  /**
   * Workers reading parts of a CSV file side by side (default: one per core but the consumer's,
   * at least one and at most four).
   * JSON lines and a CSV that cannot be split are streamed by one worker instead.
   */
  readonly workers?: number;
  /** Size of the parts a CSV file is split into for several workers (default 32 KB, about 500 rows: small parts keep the batches short-lived on both sides). */
  readonly partBytes?: number;
}

/**
 * A streaming worker posts batches of this many rows (unless the caller sets `batchSize`), about a
 * part's worth: short-lived on both sides. With 5,000-row batches a 1M-row import peaked at 320 MB
 * RSS (the batches outlived the young generation and piled up in the old one) and ran 20% slower.
 */
const STREAM_BATCH_SIZE = 500;
/** Batches a streaming worker may post ahead of the consumer: as many rows as the parts queued at a worker. */
const STREAM_AHEAD = 6;
/** A worker streaming a whole file holds `ahead` batches and its reader's buffers. */
const FILE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 32 };
/**
 * A worker reading parts holds a few parts. Its young generation once decided its speed (at 1M rows:
 * 44k rows/s with 8 MB, 56k with 48 MB); since the reader allocates less (flat hand-over, memoised
 * cells) 16 to 48 MB run alike, and 24 MB keeps peak RSS ~20 MB lower.
 */
const PART_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 24 };
/** From the TypeScript sources the tsx loader and its transpiled modules live in the worker's heap too. */
const SOURCES_HEAP_MB = 64;
const DEFAULT_PART_BYTES = 32 * 1024;
const MAX_DEFAULT_WORKERS = 4;
/**
 * Parts queued at each worker: enough that it never idles while the writer commits a batch (with two
 * the 1M-row import ran at ~85k rows/s, with six ~92k; twelve gained nothing).
 */
const PARTS_PER_WORKER = 6;

// From the TypeScript sources (tests, tsx) the worker is worker.ts: Node 20 gives worker threads
// no loader hooks from --import, so the worker loads it through tsx's API itself.
const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSources ? './worker.ts' : './worker.js', import.meta.url);

function heapLimits(limits: ResourceLimits): ResourceLimits {
  if (!fromSources) return limits;
  return { ...limits, maxOldGenerationSizeMb: (limits.maxOldGenerationSizeMb ?? 0) + SOURCES_HEAP_MB };
}

function startWorker(data: ReaderWorkerData, resourceLimits: ResourceLimits): Worker {
  if (!fromSources) return new Worker(workerUrl, { workerData: data, resourceLimits });
  const tsxDirectory = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDirectory, 'dist/esm/api/index.mjs')).href;
  const target = JSON.stringify(workerUrl.href);
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${target}, ${target}))`;
  return new Worker(code, {
    eval: true,
    workerData: data,
    resourceLimits,
    execArgv: withSourceConditions(process.execArgv),
  });
}

/**
 * `readContacts` for a file path, parsed and normalised on worker threads so a consumer that
 * writes each batch (SQLite) runs in parallel with the parsing: a CSV file is split into
 * record-aligned parts read side by side by several workers, anything else is streamed by one.
 * Yields the same records and issues in the same order as `readContacts` (batches may be cut
 * elsewhere), and throws the same `InputError`s.
 */
export async function* readContactsInWorker(
  path: string,
  options: ReadContactsOptions,
  settings: WorkerReadSettings = {},
): AsyncGenerator<ContactBatch> {
  // The consumer (the SQLite writer) keeps a core of its own.
  const workers = settings.workers ?? Math.max(1, Math.min(MAX_DEFAULT_WORKERS, availableParallelism() - 1));
  if (!Number.isInteger(workers) || workers < 1) {
    throw new InputError(
      `The number of reading workers must be a whole number of at least 1, got ${workers}.`,
    );
  }
  const { batchSize } = options;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
    throw new InputError(`batchSize must be a positive integer, got ${batchSize}.`);
  }
  const split = await splittableCsv(path, options);
  if (split === undefined) yield* streamInWorker(path, options, settings);
  else yield* readPartsInWorkers(path, options, split, workers, settings);
}

/** What the parts of a split CSV file share. */
interface SplitCsv {
  /** The header line with its line break. */
  readonly header: string;
  readonly delimiter: ',' | ';' | '\t';
  readonly newline: CsvNewline;
}

/** How a CSV file can be split into parts, or `undefined` when it cannot (or is not a CSV). */
async function splittableCsv(path: string, options: ReadContactsOptions): Promise<SplitCsv | undefined> {
  const file = await open(path).catch(() => undefined);
  // An unreadable file is reported by the streaming reader, with its usual message.
  if (file === undefined) return undefined;
  try {
    // The same head the streaming reader guesses the line breaks from: both read the file alike.
    const bytes = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(bytes, 0, bytes.length, 0);
    const head = bytes
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const firstLine = firstLineOf(head);
    const format = options.format ?? detectContactsFormat(options.file ?? basename(path), firstLine);
    if (format !== 'csv') return undefined;
    const delimiter = options.delimiter ?? detectDelimiter(firstLine);
    const newline = guessNewline(head);
    const header = sliceableHeader(head, delimiter, newline);
    return header === undefined ? undefined : { header, delimiter, newline };
  } finally {
    await file.close();
  }
}

async function* readPartsInWorkers(
  path: string,
  options: ReadContactsOptions,
  split: SplitCsv,
  count: number,
  settings: WorkerReadSettings,
): AsyncGenerator<ContactBatch> {
  const { header, delimiter, newline } = split;
  const file = options.file ?? basename(path);
  const data: ReaderWorkerData = {
    mode: 'parts',
    header,
    newline,
    options: { ...options, file, format: 'csv', delimiter },
  };
  const limits = settings.resourceLimits ?? heapLimits(PART_LIMITS);
  // Opened before any worker starts, so a failure here leaves no thread behind.
  const handle = await open(path);
  const workers = Array.from({ length: count }, () => startWorker(data, limits));
  /** Messages per part index, in arrival order; a part's messages come from one worker, in order. */
  const arrived = new Map<number, ReaderWorkerMessage[]>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  for (const worker of workers) {
    worker.on('message', (message: ReaderWorkerMessage) => {
      const part = message.part ?? 0;
      const list = arrived.get(part) ?? [];
      list.push(message);
      arrived.set(part, list);
      notify();
    });
    worker.on('error', (error) => {
      failure = error;
      notify();
    });
    worker.on('exit', () => {
      failure ??= new Error('a contacts reader worker stopped before the end of the file');
      notify();
    });
  }
  try {
    const sliceBytes = settings.partBytes ?? DEFAULT_PART_BYTES;
    const parts = csvSlices(handle, { file, delimiter, newline, sliceBytes });
    let sent = 0;
    let done = false;
    const fill = async (current: number): Promise<void> => {
      while (!done && sent < current + count * PARTS_PER_WORKER) {
        const next = await parts.next();
        if (next.done === true) {
          done = true;
          return;
        }
        const { index, bytes, firstLine } = next.value;
        const message: PartMessage = { index, bytes, firstLine };
        const worker = workers[index % count];
        if (worker === undefined) throw new Error(`no reading worker for part ${index}`);
        worker.postMessage(message);
        sent += 1;
      }
    };
    for (let current = 0; ; current += 1) {
      await fill(current);
      if (current >= sent) return;
      while (true) {
        const message = arrived.get(current)?.shift();
        if (message === undefined) {
          if (failure !== undefined) throw failure;
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        if (message.type === 'error') throw reviveError(message.error);
        if (message.type === 'end') break;
        yield batchOf(message);
      }
      arrived.delete(current);
    }
  } finally {
    await handle.close();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The whole file streamed by one worker, at most `ahead` batches in front of the consumer. */
async function* streamInWorker(
  path: string,
  options: ReadContactsOptions,
  settings: WorkerReadSettings,
): AsyncGenerator<ContactBatch> {
  const ahead = settings.ahead ?? STREAM_AHEAD;
  const data: ReaderWorkerData = {
    mode: 'file',
    path,
    options: { ...options, batchSize: options.batchSize ?? STREAM_BATCH_SIZE },
    ahead,
  };
  const worker = startWorker(data, settings.resourceLimits ?? heapLimits(FILE_LIMITS));
  const queue: ReaderWorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: ReaderWorkerMessage) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    while (true) {
      const message = queue.shift();
      if (message === undefined) {
        if (failure !== undefined) throw failure;
        if (exited) throw new Error('the contacts reader worker stopped before the end of the file');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.type === 'end') return;
      if (message.type === 'error') throw reviveError(message.error);
      worker.postMessage('next');
      yield batchOf(message);
    }
  } finally {
    await worker.terminate();
  }
}

function withSourceConditions(execArgv: readonly string[]): string[] {
  const argv = [...execArgv];
  const hasConditions = argv.some((argument) => argument.startsWith('--conditions') || argument === '-C');
  if (!hasConditions) argv.push('--conditions=source');
  return argv;
}
