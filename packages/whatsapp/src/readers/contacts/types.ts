import type { ConsentEventInput, ContactInput } from '@ferry/core';
import type { CountryCode } from 'libphonenumber-js/max';
import type { ReadIssue } from '../types.js';

/** The contact facts a contacts export can carry; each maps to one column (CSV) or key (JSON lines). */
export type ContactField =
  | 'phone'
  | 'waId'
  | 'bsuid'
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'language'
  | 'country'
  | 'email'
  | 'tags'
  | 'optedIn'
  | 'optInAt'
  | 'consentText'
  | 'consentVersion'
  | 'consentSource'
  | 'optedOut'
  | 'optOutAt'
  | 'firstSeenAt'
  | 'lastSeenAt';

/** An explicit column for some fields (`{ phone: 'Celular do cliente' }`); it wins over header detection. */
export type ContactColumnMapping = Readonly<Partial<Record<ContactField, string>>>;

/** A consent event read from a row, waiting for the store to tell which contact it belongs to. */
export type PendingConsentEvent = Omit<ConsentEventInput, 'contactId'>;

/** One usable row: the contact to upsert and the consent events to append for it. */
export interface ContactRecord {
  /** 1-based line the row starts on. */
  readonly line: number;
  readonly contact: ContactInput;
  readonly consents: readonly PendingConsentEvent[];
}

/**
 * One slice of a contacts file, in file order: the usable rows and the issues met on the rows in
 * between. Every row of the file ends up in exactly one batch, either as a record or as an error issue.
 */
export interface ContactBatch {
  readonly records: readonly ContactRecord[];
  /** Row-level problems; `error` issues are rows that were not usable (rejected), `warning`s lost a field. */
  readonly issues: readonly ReadIssue[];
  /** How many data rows (not counting the header or blank lines) this batch covers. */
  readonly rows: number;
  /** Rows rejected in this batch (the distinct lines of its `error` issues). */
  readonly rejectedRows: number;
}

/** The two layouts a contacts export comes in. */
export type ContactFileFormat = 'csv' | 'jsonl';

/** How to read a contacts export; only `defaultTime` is required. */
export interface ReadContactsOptions {
  /** The file's name in issues and consent evidence; defaults to the path's base name, or `contacts`. */
  readonly file?: string;
  /** `csv` or `jsonl`; detected from the extension, then from the first character, when omitted. */
  readonly format?: ContactFileFormat;
  /** Country for numbers written without `+` and a country code (`(011) 91234-5678` with `BR`). */
  readonly defaultCountry?: CountryCode;
  /** Explicit columns; fields not named here are still found by their common header names. */
  readonly mapping?: ContactColumnMapping;
  /** CSV delimiter; detected from the header line (`,` `;` or tab) when omitted. */
  readonly delimiter?: ',' | ';' | '\t';
  /** Records per batch (default 5000). */
  readonly batchSize?: number;
  /**
   * The time (ms since epoch) of rows that carry none: first seen, and the opt-in/opt-out time.
   * Pass something stable for the file (its modification time) so re-importing it changes nothing.
   */
  readonly defaultTime: number;
  /** Consent event `source`; defaults to `import:<file>`. */
  readonly source?: string;
  /** Treat every row as an opt-in even without a consent column (the file is an opt-in export). */
  readonly assumeOptIn?: boolean;
}
