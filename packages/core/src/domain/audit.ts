import type { StoredJson } from './json.js';

/** One command that changed the store, for the operator's audit trail (append-only). */
export interface AuditEntry {
  readonly id: number;
  /** The command as the user typed it (`import contacts`, `campaign launch`). */
  readonly command: string;
  /** Its arguments with secrets removed BY THE CALLER (core's `redact`). */
  readonly args: StoredJson;
  /** What it changed: `{ created: 120, updated: 3, rejected: 2 }`. */
  readonly counts: Readonly<Record<string, number>>;
  readonly outcome: 'ok' | 'failed';
  readonly at: number;
}

/** An audit entry to append; the store assigns `id`. */
export type AuditEntryInput = Omit<AuditEntry, 'id' | 'outcome'> & { readonly outcome?: 'ok' | 'failed' };
