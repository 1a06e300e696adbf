import type BetterSqlite3 from 'better-sqlite3';

/** One schema step; `version` is written to SQLite's `user_version` in the same transaction as `up`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: BetterSqlite3.Database): void;
}
