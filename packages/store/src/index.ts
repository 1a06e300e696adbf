/**
 * @ferry/store — Ferry's store on SQLite (better-sqlite3, WAL): the implementation of the
 * `FerryStore` ports declared in `@ferry/core`.
 */

export { LATEST_DECISIVE_KIND } from './audience.js';
export { FLOW_TOKEN_RETENTION, type FlowTokenRetention } from './flow-tokens.js';
export { migrate, SCHEMA_VERSION } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export { DEFAULT_STORE_PATH, openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './open.js';
