import type { AuditEntry, AuditEntryInput, AuditRepository } from '@ferry/core';
import type { SqliteConnection } from './connection.js';
import { fromJson, toJson } from './rows.js';

interface AuditRow {
  readonly id: number;
  readonly command: string;
  readonly args: string;
  readonly counts: string;
  readonly outcome: 'ok' | 'failed';
  readonly at: number;
}

function auditFromRow(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    command: row.command,
    args: fromJson(row.args),
    counts: JSON.parse(row.counts) as Record<string, number>,
    outcome: row.outcome,
    at: row.at,
  };
}

const DEFAULT_LIMIT = 100;

/** The audit log on SQLite; triggers refuse UPDATE and DELETE. */
export class SqliteAuditRepository implements AuditRepository {
  constructor(private readonly connection: SqliteConnection) {}

  append(entry: AuditEntryInput): Promise<AuditEntry> {
    return this.connection.run(() => {
      const { rowid } = this.connection.insert(
        'INSERT INTO audit_log (command, args, counts, outcome, at) VALUES (?, ?, ?, ?, ?)',
        [entry.command, toJson(entry.args), toJson(entry.counts), entry.outcome ?? 'ok', entry.at],
      );
      return auditFromRow(this.connection.one<AuditRow>('SELECT * FROM audit_log WHERE id = ?', [rowid])!);
    });
  }

  list(options: { readonly limit?: number; readonly command?: string } = {}): Promise<readonly AuditEntry[]> {
    return this.connection.run(() =>
      this.connection
        .many<AuditRow>(
          `SELECT * FROM audit_log WHERE (@command IS NULL OR command = @command) ORDER BY id DESC LIMIT @limit`,
          { command: options.command, limit: options.limit ?? DEFAULT_LIMIT },
        )
        .map(auditFromRow),
    );
  }
}
