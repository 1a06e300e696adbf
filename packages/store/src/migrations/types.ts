import type BetterSqlite3 from 'better-sqlite3';

/** One schema step; `version` is written to SQLite's `user_version` in the same transaction as `up`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /**
   * The step rebuilds a table other tables reference: `migrate` turns foreign keys off around it and
   * checks every reference before it commits, as SQLite's table rebuild requires.
   * @see https://www.sqlite.org/lang_altertable.html#otheralter
   */
  readonly rebuildsTables?: boolean;
  up(db: BetterSqlite3.Database): void;
}
