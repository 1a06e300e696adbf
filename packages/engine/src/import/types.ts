import type { Clock } from '@ferry/core';
import type { ContactColumnMapping, CountryCode, ReadIssue } from '@ferry/whatsapp';

/** What a file holds, as the import pipeline knows it. */
export type ImportKind =
  | 'templates'
  | 'flow'
  | 'webhook-log'
  | 'sent-log'
  | 'contacts-csv'
  | 'contacts-jsonl';

/** What an import counts; every key is present (0 when it does not apply to the file's kind). */
export interface ImportCounts {
  /** Rows (contacts) or items (templates, flows, webhook events, sent messages) read from the file. */
  readonly read: number;
  /** Rows or items written to the store. */
  readonly imported: number;
  /** New contacts or catalog entries. */
  readonly created: number;
  /** Rows merged into a contact that already existed, or catalog entries replaced by a changed version. */
  readonly merged: number;
  /** Catalog entries already stored exactly as in the file (re-imports). */
  readonly unchanged: number;
  /** Rows or items that could not be used (each is an `error` issue and a line of the rejects file). */
  readonly rejected: number;
  /** Imported with a loss (a dropped column or field). */
  readonly warnings: number;
  /** Consent events written, and those already in the ledger (a re-import appends none). */
  readonly consentsAppended: number;
  readonly consentsExisting: number;
  /** History entries written (duplicates of stored ones are skipped by the store). */
  readonly historyAppended: number;
  /** Delivery statuses matched to a journaled campaign message. */
  readonly deliveriesRecorded: number;
}

/** The outcome of importing one file. */
export interface ImportFileReport {
  /** The path as given. */
  readonly file: string;
  readonly kind: ImportKind | 'unknown';
  /** True when the file was imported (its usable rows committed); false when nothing was written. */
  readonly ok: boolean;
  readonly counts: ImportCounts;
  /** Row and file issues, at most `maxIssues` of them (all rejected rows are in the rejects file). */
  readonly issues: readonly ReadIssue[];
  /** Issues left out of `issues` because of `maxIssues`. */
  readonly issuesOmitted: number;
  /** The JSON-lines file listing every rejected row, when there was one. */
  readonly rejectsFile?: string;
  /** Why the file was not imported (a user mistake is `invalid_input`, with file, line and field in `details`). */
  readonly error?: {
    readonly code: string;
    readonly message: string;
    readonly hint?: string;
    readonly details: Readonly<Record<string, unknown>>;
  };
}

/** How to import; every field is optional. */
export interface ImportOptions {
  /** What the files hold; detected from content and name when omitted. */
  readonly kind?: ImportKind;
  /** The workspace directory; rejects go to `<workspace>/.ferry/rejects/`. Defaults to the current directory. */
  readonly workspace?: string;
  /** Where rejects files go instead of `<workspace>/.ferry/rejects/`. */
  readonly rejectsDir?: string;
  /** Country for phone numbers written without a country code. */
  readonly defaultCountry?: CountryCode;
  /** Explicit contact columns (`{ phone: 'Celular' }`). */
  readonly mapping?: ContactColumnMapping;
  /** Every row of a contacts file is an opt-in (the file is an opt-in export). */
  readonly assumeOptIn?: boolean;
  /**
   * Time of rows that carry none (ms since epoch). Defaults to the file's modification time, so
   * re-importing the same file appends no new consent events.
   */
  readonly defaultTime?: number;
  /** Contact rows written per store call (default 5000). */
  readonly batchSize?: number;
  /**
   * Parse and normalise a contacts file on a worker thread while this thread writes the store:
   * `auto` (default) does so for files of 4 MiB and more, where it pays for the thread's start-up.
   */
  readonly readInWorker?: boolean | 'auto';
  /**
   * Worker threads reading a large contacts CSV side by side (default: one per core but the one the
   * main thread writes on, at least one and at most four).
   */
  readonly readerThreads?: number;
  /** Cap on `issues` in the report (default 1000). */
  readonly maxIssues?: number;
  /** Stamps the audit entries; defaults to the system clock. */
  readonly clock?: Pick<Clock, 'now'>;
  /** The command recorded in the audit log (default `import`). */
  readonly command?: string;
}
