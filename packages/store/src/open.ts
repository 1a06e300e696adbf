import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Clock, type FerryStore, systemClock } from '@ferry/core';
import Database from 'better-sqlite3';
import { SqliteAuditRepository } from './audit.js';
import { SqliteCampaignRepository } from './campaigns.js';
import { SqliteCatalogRepository } from './catalog.js';
import { SqliteConnection } from './connection.js';
import { SqliteConsentRepository } from './consents.js';
import { SqliteContactRepository } from './contacts.js';
import { SqliteFlowSessionRepository } from './flow-sessions.js';
import { type FlowTokenRetention, SqliteFlowTokenRepository } from './flow-tokens.js';
import { SqliteHistoryRepository } from './history.js';
import { SqliteIdentityRepository } from './identities.js';
import { SqliteJournalRepository } from './journal.js';
import { SqliteLinkTokenRepository } from './link-tokens.js';
import { migrate } from './migrate.js';

/** Where a workspace keeps its store unless told otherwise (one file per migration workspace). */
export const DEFAULT_STORE_PATH = '.ferry/ferry.db';

/** Options for `openSqliteStore`; every field has a safe default. */
export interface SqliteStoreOptions {
  /** Stamps `recordedAt` on consent events; inject a fake one in tests. Defaults to the system clock. */
  readonly clock?: Pick<Clock, 'now'>;
  /** How long to wait for another process's write lock before failing, in ms. Defaults to 5000. */
  readonly busyTimeoutMs?: number;
  /**
   * `full` (default) fsyncs every commit, so a journaled send survives a power cut, not just a
   * crash; `normal` trades that for speed (WAL stays consistent either way).
   */
  readonly synchronous?: 'full' | 'normal';
  /** How long and how many custom WhatsApp Flow tokens are kept; defaults to `FLOW_TOKEN_RETENTION`. */
  readonly flowTokenRetention?: FlowTokenRetention;
}

/** The SQLite store: `FerryStore` plus what only a file-backed store can tell. */
export interface SqliteStore extends FerryStore {
  /** The file path, or `:memory:`. */
  readonly path: string;
  /** The schema version after migration. */
  readonly schemaVersion: number;
}

/**
 * Opens (creating the file and its directory if needed) and migrates a SQLite store in WAL mode
 * with foreign keys on. Throws a `conflict` FerryError for a store written by a newer Ferry.
 */
export function openSqliteStore(
  path: string = DEFAULT_STORE_PATH,
  options: SqliteStoreOptions = {},
): SqliteStore {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
  let schemaVersion: number;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    // Set before anything opens temporary storage: inside a transaction (an import) it can't change.
    db.pragma('temp_store = MEMORY');
    schemaVersion = migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const connection = new SqliteConnection(db);
  const clock = options.clock ?? systemClock;
  return {
    path,
    schemaVersion,
    contacts: new SqliteContactRepository(connection, () => clock.now()),
    consents: new SqliteConsentRepository(connection, () => clock.now()),
    identities: new SqliteIdentityRepository(connection),
    linkTokens: new SqliteLinkTokenRepository(connection),
    catalog: new SqliteCatalogRepository(connection),
    history: new SqliteHistoryRepository(connection),
    campaigns: new SqliteCampaignRepository(connection),
    journal: new SqliteJournalRepository(connection),
    flowSessions: new SqliteFlowSessionRepository(connection),
    flowTokens: new SqliteFlowTokenRepository(connection, options.flowTokenRetention),
    audit: new SqliteAuditRepository(connection),
    transaction: (work) => connection.transaction(work),
    close: () => connection.close(),
  };
}
