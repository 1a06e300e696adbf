import { AsyncLocalStorage } from 'node:async_hooks';
import type BetterSqlite3 from 'better-sqlite3';

/** Named or positional parameters for one statement; `undefined` is bound as NULL. */
export type SqlParameters = Readonly<Record<string, unknown>> | readonly unknown[];

/** A transaction in progress at one nesting level; `done` settles when it commits or rolls back. */
interface Scope {
  child: { readonly done: Promise<void> } | undefined;
}

const STATEMENT_CACHE_LIMIT = 256;

/**
 * One better-sqlite3 connection shared by every repository: a prepared-statement cache and the
 * rules that make the async `transaction(work)` safe on a single connection.
 *
 * SQLite has one transaction per connection, so while `work` runs (and awaits), calls from OTHER
 * async contexts must not slip into it. An AsyncLocalStorage scope marks calls made from within
 * `work`; everyone else waits until the transaction ends. Nested transactions become savepoints.
 */
export class SqliteConnection {
  readonly db: BetterSqlite3.Database;
  private readonly statements = new Map<string, BetterSqlite3.Statement<unknown[], unknown>>();
  private readonly scopes = new AsyncLocalStorage<Scope>();
  private readonly root: Scope = { child: undefined };
  private savepointCounter = 0;

  constructor(db: BetterSqlite3.Database) {
    this.db = db;
  }

  /** The cached prepared statement for `sql`. */
  statement(sql: string): BetterSqlite3.Statement<unknown[], unknown> {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      // Audience queries vary in shape; a bound keeps a long-running process from growing forever.
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs a statement for its effect; returns the number of rows changed. */
  execute(sql: string, parameters: SqlParameters = []): number {
    return this.statement(sql).run(...bind(parameters)).changes;
  }

  /** Inserts a row and returns its rowid. */
  insert(sql: string, parameters: SqlParameters = []): { readonly changes: number; readonly rowid: number } {
    const result = this.statement(sql).run(...bind(parameters));
    return { changes: result.changes, rowid: Number(result.lastInsertRowid) };
  }

  /** The first row, typed by the caller who wrote the SELECT. */
  one<Row>(sql: string, parameters: SqlParameters = []): Row | undefined {
    return this.statement(sql).get(...bind(parameters)) as Row | undefined;
  }

  /** All rows, typed by the caller who wrote the SELECT. */
  many<Row>(sql: string, parameters: SqlParameters = []): Row[] {
    return this.statement(sql).all(...bind(parameters)) as Row[];
  }

  /**
   * Runs synchronous `work` once no transaction but the caller's own is open. Multi-statement work
   * goes through better-sqlite3's `db.transaction`, which becomes a savepoint inside an open one.
   */
  async run<T>(work: () => T, atomic = false): Promise<T> {
    const scope = this.scopes.getStore() ?? this.root;
    // Re-check after every wake-up: another transaction may have started in between. No await may
    // separate the final check from `work()`, or a foreign transaction could capture the call.
    while (scope.child !== undefined) await scope.child.done;
    return atomic ? this.db.transaction(work)() : work();
  }

  /** Runs async `work` as one transaction (a savepoint when nested); see the class comment. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const parent = this.scopes.getStore() ?? this.root;
    while (parent.child !== undefined) await parent.child.done;
    const nested = parent !== this.root || this.db.inTransaction;
    const savepoint = `ferry_savepoint_${++this.savepointCounter}`;
    let settle: () => void = () => {};
    parent.child = { done: new Promise<void>((resolve) => (settle = resolve)) };
    try {
      this.db.exec(nested ? `SAVEPOINT ${savepoint}` : 'BEGIN IMMEDIATE');
    } catch (error) {
      parent.child = undefined;
      settle();
      throw error;
    }
    try {
      const result = await this.scopes.run({ child: undefined }, work);
      this.db.exec(nested ? `RELEASE ${savepoint}` : 'COMMIT');
      return result;
    } catch (error) {
      // SQLite may already have rolled back on its own (for example after SQLITE_FULL).
      if (this.db.inTransaction) {
        this.db.exec(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
      }
      throw error;
    } finally {
      parent.child = undefined;
      settle();
    }
  }

  /** Waits for an open transaction to end, then closes the connection. */
  async close(): Promise<void> {
    await this.run(() => {
      this.statements.clear();
      if (this.db.open) this.db.close();
    });
  }
}

function bind(parameters: SqlParameters): unknown[] {
  if (Array.isArray(parameters)) return parameters.map(nullIfUndefined);
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parameters)) named[key] = nullIfUndefined(value);
  return [named];
}

function nullIfUndefined(value: unknown): unknown {
  return value === undefined ? null : value;
}
