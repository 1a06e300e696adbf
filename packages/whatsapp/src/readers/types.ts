/**
 * The shared contract of every WhatsApp reader: what a reader returns and how it reports problems.
 * Readers are pure: they get the file's text and name, never touch a store or the file system, and
 * never throw for a user's mistake — a mistake is a {@link ReadIssue} with its file, line and field.
 */

/** One problem found in a file: `error` means something was not imported, `warning` means it was imported with a loss. */
export interface ReadIssue {
  readonly file: string;
  /** 1-based line in the file, when the reader can tell. */
  readonly line?: number;
  /** 1-based column in that line, when the reader can tell. */
  readonly column?: number;
  /** A JSON-path-like pointer into the document (`data[0].components[1].text`). */
  readonly field?: string;
  readonly reason: string;
  readonly severity: 'error' | 'warning';
}

/** What every reader returns: the items it could read and the issues it met, in file order. */
export interface ReadResult<T> {
  readonly items: readonly T[];
  readonly issues: readonly ReadIssue[];
}

/** The WhatsApp artefacts Ferry imports. */
export type ArtifactKind =
  | 'templates'
  | 'flow'
  | 'webhook-log'
  | 'sent-log'
  | 'contacts-csv'
  | 'contacts-jsonl';

/** What {@link detectArtifactKind} concluded. */
export type DetectedArtifact =
  | { readonly kind: ArtifactKind }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The options every reader takes: the file's name, used in every issue. */
export interface ReaderOptions {
  readonly file: string;
}

export { detectArtifactKind } from './detect.js';
