import { FerryError } from '@ferry/core';
import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** The schema version this build writes and understands. */
export const SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the database to `SCHEMA_VERSION`, one transaction per step, and returns the version.
 * Refuses a database written by a newer Ferry rather than guessing at its tables.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > latest) {
    throw new FerryError(
      'conflict',
      `This store has schema version ${current}, newer than the ${latest} this Ferry understands.`,
      {
        details: { schemaVersion: current, supportedVersion: latest },
        hint: 'Upgrade Ferry, or point it at another store file.',
      },
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return Math.max(current, latest);
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new FerryError(
        'internal',
        `Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}.`,
      );
    }
  });
}
