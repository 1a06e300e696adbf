import type { Migration } from './types.js';

/** The columns of `contacts`, in table order. */
const COLUMNS = `id, wa_id, phone, bsuid, profile_name, language, country, first_seen_at, last_seen_at, email, tags`;

/**
 * Rebuilds `contacts` with partial unique indexes on `wa_id`, `phone` and `bsuid` in place of the
 * column UNIQUE constraints, which indexed every row, NULL included: most imported contacts have
 * only a phone, so each insert wrote two index entries nobody looks up. Ids and rows are copied as
 * they are, so the tables that reference contacts keep pointing at the same people.
 * @see https://www.sqlite.org/lang_altertable.html#otheralter (the 12-step rebuild)
 */
export const partialIdentifierIndexes: Migration = {
  version: 5,
  name: 'partial-identifier-indexes',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE contacts_rebuilt (
        id            INTEGER PRIMARY KEY,
        wa_id         TEXT,
        phone         TEXT,
        bsuid         TEXT,
        profile_name  TEXT,
        language      TEXT,
        country       TEXT,
        first_seen_at INTEGER NOT NULL,
        last_seen_at  INTEGER NOT NULL,
        email         TEXT,
        tags          TEXT NOT NULL DEFAULT '[]',
        CHECK (wa_id IS NOT NULL OR phone IS NOT NULL OR bsuid IS NOT NULL)
      );
      INSERT INTO contacts_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM contacts ORDER BY id;
      DROP TABLE contacts;
      ALTER TABLE contacts_rebuilt RENAME TO contacts;
      CREATE UNIQUE INDEX contacts_by_wa_id ON contacts (wa_id) WHERE wa_id IS NOT NULL;
      CREATE UNIQUE INDEX contacts_by_phone ON contacts (phone) WHERE phone IS NOT NULL;
      CREATE UNIQUE INDEX contacts_by_bsuid ON contacts (bsuid) WHERE bsuid IS NOT NULL;
      CREATE INDEX contacts_by_email ON contacts (email) WHERE email IS NOT NULL;
    `);
  },
};
