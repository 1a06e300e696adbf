import { InputError } from '@ferry/core';
import type { ContactBatch, ReadContactsOptions } from './types.js';

/** What the main thread hands the reading worker. */
export interface ReaderWorkerData {
  readonly path: string;
  readonly options: ReadContactsOptions;
  /** Batches the worker may post before the main thread has taken them (bounds memory). */
  readonly ahead: number;
}

/** A worker's message to the main thread. */
export type ReaderWorkerMessage =
  | { readonly type: 'batch'; readonly batch: ContactBatch }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly error: SerialisedError };

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
