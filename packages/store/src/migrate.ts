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
    // The pragma is a no-op inside a transaction, so it is switched before the step's own one.
    const foreignKeysOff =
      migration.rebuildsTables === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.rebuildsTables === true) assertReferencesHold(db, migration);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (foreignKeysOff) db.pragma('foreign_keys = ON');
    }
  }
  return Math.max(current, latest);
}

/** Throws (rolling the step back) when a rebuild left a reference without its row. */
function assertReferencesHold(db: BetterSqlite3.Database, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as readonly {
    readonly table: string;
    readonly parent: string;
  }[];
  const first = broken[0];
  if (first !== undefined) {
    throw new FerryError(
      'internal',
      `Migration "${migration.name}" left ${broken.length} row(s) of ${first.table} without their ${first.parent} row.`,
    );
  }
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
