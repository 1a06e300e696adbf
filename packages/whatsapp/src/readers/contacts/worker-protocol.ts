import { InputError } from '@ferry/core';
import { decodeContactBatch, type EncodedContactBatch } from './batch-codec.js';
import type { CsvNewline } from './slices.js';
import type { ContactBatch, ReadContactsOptions } from './types.js';

/** What the main thread hands a reading worker: a whole file to stream, or parts of one to come. */
export type ReaderWorkerData =
  | {
      readonly mode: 'file';
      readonly path: string;
      readonly options: ReadContactsOptions;
      /** Batches the worker may post before the main thread has taken them (bounds memory). */
      readonly ahead: number;
    }
  | {
      readonly mode: 'parts';
      readonly options: ReadContactsOptions & { readonly file: string };
      /** The file's header line with its line break, put in front of every part but the first. */
      readonly header: string;
      readonly newline: CsvNewline;
    };

/** A part of a split CSV file, sent to a worker in `parts` mode. */
export interface PartMessage {
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly firstLine: number;
}

/** A worker's message to the main thread; `part` is set in `parts` mode. */
export type ReaderWorkerMessage =
  | {
      readonly type: 'batch';
      /** The `ContactBatch` in `encodeContactBatch`'s form. */
      readonly encoded: EncodedContactBatch;
      readonly part?: number;
    }
  | { readonly type: 'end'; readonly part?: number }
  | { readonly type: 'error'; readonly error: SerialisedError; readonly part?: number };

/** An error as it crosses the thread boundary (structured clone drops class and custom fields). */
export interface SerialisedError {
  readonly name: string;
  readonly message: string;
  readonly hint?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Flattens an error for `postMessage`. */
export function serialiseError(error: unknown): SerialisedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const extra = error as Error & { hint?: string; details?: Readonly<Record<string, unknown>> };
  return {
    name: error.name,
    message: error.message,
    ...(extra.hint === undefined ? {} : { hint: extra.hint }),
    ...(extra.details === undefined ? {} : { details: extra.details }),
  };
}

/** Rebuilds the error the worker met: an `InputError` stays one, so the import reports it as the user's. */
export function reviveError(error: SerialisedError): Error {
  if (error.name === 'InputError') {
    return new InputError(error.message, {
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.details === undefined ? {} : { details: error.details }),
    });
  }
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

/** The batch a `batch` message carries. */
export function batchOf(message: Extract<ReaderWorkerMessage, { type: 'batch' }>): ContactBatch {
  return decodeContactBatch(message.encoded);
}
