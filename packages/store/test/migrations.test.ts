import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isFerryError } from '@ferry/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration, migrate, openSqliteStore, SCHEMA_VERSION } from '../src/index.js';
import { openTestStore, phoneContact, tempDirectory } from './helpers.js';

function userVersion(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
}

describe('opening and migrating', () => {
  it('creates the directory and file, migrates from zero and turns WAL on', async () => {
    const path = join(tempDirectory(), 'deep', 'er', 'ferry.db');
    const store = openTestStore(path);
    expect(existsSync(path)).toBe(true);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    await store.close();
    expect(userVersion(path)).toBe(SCHEMA_VERSION);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('keeps data across reopening and does not migrate twice', async () => {
    const path = join(tempDirectory(), 'ferry.db');
    const first = openSqliteStore(path);
    await first.contacts.upsert(phoneContact(1));
    await first.close();
    const second = openTestStore(path);
    expect(second.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await second.contacts.count()).toBe(1);
  });

  it('refuses a store written by a newer Ferry and leaves it untouched', () => {
    const path = join(tempDirectory(), 'ferry.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    raw.close();
    let caught: unknown;
    try {
      openSqliteStore(path);
    } catch (error) {
      caught = error;
    }
    expect(isFerryError(caught)).toBe(true);
    expect((caught as Error).message).toContain(`schema version ${SCHEMA_VERSION + 3}`);
    expect((caught as { code: string }).code).toBe('conflict');
    expect(userVersion(path)).toBe(SCHEMA_VERSION + 3);
  });

  it('applies only the steps after the stored version, each all-or-nothing', () => {
    const db = new Database(':memory:');
    const applied: number[] = [];
    const step = (version: number, sql: string): Migration => ({
      version,
      name: `step ${version}`,
      up: (database) => {
        applied.push(version);
        database.exec(sql);
      },
    });
    const one = step(1, 'CREATE TABLE a (x)');
    const two = step(2, 'CREATE TABLE b (x)');
    expect(migrate(db, [one])).toBe(1);
    expect(migrate(db, [one, two])).toBe(2);
    expect(applied).toEqual([1, 2]);
    const broken = step(3, 'CREATE TABLE c (x); CREATE TABLE a (x)');
    expect(() => migrate(db, [one, two, broken])).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'c'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('adds the e-mail column to a version-2 store without touching its contacts, with a partial index', () => {
    const path = join(tempDirectory(), 'ferry.db');
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare('INSERT INTO contacts (phone, first_seen_at, last_seen_at) VALUES (?, 1, 1)').run(
      '+15550000001',
    );
    expect(migrate(db, MIGRATIONS.slice(0, 3))).toBe(3);
    expect(db.prepare('SELECT phone, email FROM contacts').all()).toEqual([
      { phone: '+15550000001', email: null },
    ]);
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'contacts_by_email'").get() as {
      sql: string;
    };
    expect(index.sql).toMatch(/WHERE email IS NOT NULL/);
    db.close();
  });

  it("moves a version-3 store's tags into each contact's row, sorted, and audiences still filter by them", async () => {
    const path = join(tempDirectory(), 'ferry.db');
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 3));
    const insert = db.prepare('INSERT INTO contacts (phone, first_seen_at, last_seen_at) VALUES (?, 1, 1)');
    const tagged = Number(insert.run('+15550000001').lastInsertRowid);
    insert.run('+15550000002');
    const tag = db.prepare('INSERT INTO contact_tags (contact_id, tag) VALUES (?, ?)');
    tag.run(tagged, 'vip');
    tag.run(tagged, 'beta');
    expect(migrate(db, MIGRATIONS.slice(0, 4))).toBe(4);
    expect(db.prepare('SELECT phone, tags FROM contacts ORDER BY id').all()).toEqual([
      { phone: '+15550000001', tags: '["beta","vip"]' },
      { phone: '+15550000002', tags: '[]' },
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'contact_tags'").get()).toBeUndefined();
    db.close();

    const store = openTestStore(path);
    expect((await store.contacts.findByPhone('+15550000001'))?.tags).toEqual(['beta', 'vip']);
    expect(await store.contacts.countAudience({ consent: 'any', tagsAll: ['vip', 'beta'] })).toBe(1);
    expect(await store.contacts.countAudience({ consent: 'any', tagsNone: ['vip'] })).toBe(1);
    await store.close();
  });

  it('rebuilds a version-4 store with partial identifier indexes, keeping ids, rows and every reference', () => {
    const path = join(tempDirectory(), 'ferry.db');
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 4));
    const insert = db.prepare(
      'INSERT INTO contacts (id, wa_id, phone, bsuid, email, tags, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, 1, 2)',
    );
    insert.run(3, null, '+15550000001', null, null, '["vip"]');
    insert.run(7, '15550000002', null, null, 'ana@example.com', '[]');
    insert.run(9, null, null, 'US.1', null, '[]');
    db.prepare(
      "INSERT INTO consent_events (contact_id, kind, channel, source, at, recorded_at) VALUES (7, 'opt-in', 'whatsapp', 'import:a.csv', 5, 5)",
    ).run();
    db.prepare(
      "INSERT INTO identities (contact_id, channel, platform_user_id, method, linked_at) VALUES (9, 'telegram', '42', 'token', 5)",
    ).run();
    db.prepare(
      "INSERT INTO link_tokens (token_id, hash, contact_id, channel, created_at, expires_at) VALUES ('t', 'h', 3, 'telegram', 1, 2)",
    ).run();
    db.prepare(
      "INSERT INTO history (contact_id, channel, direction, text, at) VALUES (3, 'whatsapp', 'inbound', 'hi', 4)",
    ).run();
    db.prepare(
      "INSERT INTO campaigns (id, name, channel, audience, message, status, created_at, updated_at) VALUES ('c', 'C', 'whatsapp', '{}', '{}', 'draft', 1, 1)",
    ).run();
    db.prepare(
      "INSERT INTO journal (campaign_id, contact_id, state, created_at, updated_at) VALUES ('c', 9, 'pending', 1, 1)",
    ).run();
    db.prepare(
      "INSERT INTO flow_sessions (id, contact_id, channel, flow_name, state, status, started_at, updated_at) VALUES ('f', 7, 'whatsapp', 'survey', '{}', 'active', 1, 1)",
    ).run();
    const before = db.prepare('SELECT * FROM contacts ORDER BY id').all();

    expect(migrate(db, MIGRATIONS.slice(0, 5))).toBe(5);

    expect(db.prepare('SELECT * FROM contacts ORDER BY id').all()).toEqual(before);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const references = `SELECT
      (SELECT contact_id FROM consent_events) AS consent, (SELECT contact_id FROM identities) AS identity,
      (SELECT contact_id FROM link_tokens) AS token, (SELECT contact_id FROM history) AS history,
      (SELECT contact_id FROM journal) AS journal, (SELECT contact_id FROM flow_sessions) AS session`;
    expect(db.prepare(references).get()).toEqual({
      consent: 7,
      identity: 9,
      token: 3,
      history: 3,
      journal: 9,
      session: 7,
    });
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts' ORDER BY name",
      )
      .all() as { name: string; sql: string }[];
    expect(indexes.map((index) => index.name)).toEqual([
      'contacts_by_bsuid',
      'contacts_by_email',
      'contacts_by_phone',
      'contacts_by_wa_id',
    ]);
    expect(indexes.every((index) => / WHERE \w+ IS NOT NULL$/.test(index.sql))).toBe(true);

    // The unique rules still hold for every identifier, and contacts without one still coexist.
    const another = db.prepare(
      'INSERT INTO contacts (wa_id, phone, bsuid, first_seen_at, last_seen_at) VALUES (?, ?, ?, 1, 1)',
    );
    expect(() => another.run(null, '+15550000001', null)).toThrow(/UNIQUE constraint failed: contacts.phone/);
    expect(() => another.run('15550000002', null, null)).toThrow(/UNIQUE constraint failed: contacts.wa_id/);
    expect(() => another.run(null, null, 'US.1')).toThrow(/UNIQUE constraint failed: contacts.bsuid/);
    expect(() => another.run(null, null, null)).toThrow(/CHECK constraint failed/);
    another.run(null, '+15550000003', null);
    another.run(null, '+15550000004', null);
    // References are enforced again against the rebuilt table.
    expect(() =>
      db
        .prepare(
          "INSERT INTO consent_events (contact_id, kind, channel, source, at, recorded_at) VALUES (99, 'opt-in', 'whatsapp', 's', 5, 5)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    db.close();
  });

  it('adds flow_tokens to a version-5 store, keeping its contacts, and the store remembers tokens in it', async () => {
    const path = join(tempDirectory(), 'ferry.db');
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 5));
    db.prepare('INSERT INTO contacts (phone, first_seen_at, last_seen_at) VALUES (?, 1, 1)').run(
      '+15550000001',
    );
    expect(migrate(db, MIGRATIONS.slice(0, 6))).toBe(6);
    expect(db.prepare('SELECT phone FROM contacts').all()).toEqual([{ phone: '+15550000001' }]);
    expect(db.prepare('SELECT * FROM flow_tokens').all()).toEqual([]);
    db.close();

    const store = openTestStore(path);
    expect(store.schemaVersion).toBe(6);
    expect(await store.contacts.count()).toBe(1);
    await store.flowTokens.remember('order-42', 'order-form', 5);
    expect(await store.flowTokens.formIdOf('order-42')).toBe('order-form');
  });

  it('finds contacts by each identifier through its partial index, one value or a JSON list of them', () => {
    const db = new Database(':memory:');
    migrate(db);
    for (const column of ['wa_id', 'phone', 'bsuid']) {
      const plans = [
        `SELECT * FROM contacts c WHERE c.${column} = ?`,
        `SELECT c.* FROM json_each(?) j CROSS JOIN contacts c ON c.${column} = j.value`,
        `SELECT * FROM contacts c WHERE c.${column} IN (SELECT value FROM json_each(?))`,
      ].map((sql) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[]') as { detail: string }[])
          .map((row) => row.detail)
          .join('; '),
      );
      for (const plan of plans) expect(plan).toContain(`USING INDEX contacts_by_${column} (${column}=?)`);
    }
    db.close();
  });

  it('rolls a table rebuild back when it would leave a reference dangling', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const parent: Migration = {
      version: 1,
      name: 'parent',
      up: (database) =>
        database.exec(
          'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id REFERENCES p (id)); INSERT INTO p VALUES (1); INSERT INTO c VALUES (1);',
        ),
    };
    const lossy: Migration = {
      version: 2,
      name: 'lossy rebuild',
      rebuildsTables: true,
      up: (database) =>
        database.exec(
          'CREATE TABLE p_new (id INTEGER PRIMARY KEY); DROP TABLE p; ALTER TABLE p_new RENAME TO p;',
        ),
    };
    migrate(db, [parent]);
    expect(() => migrate(db, [parent, lossy])).toThrow(/left 1 row\(s\) of c without their p row/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id FROM p').all()).toEqual([{ id: 1 }]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('rejects a migration list with a gap', () => {
    const db = new Database(':memory:');
    const lonely: Migration = { version: 2, name: 'gap', up: () => {} };
    expect(() => migrate(db, [lonely])).toThrow(/expected 1/);
    db.close();
  });

  it('works in memory', async () => {
    const store = openTestStore(':memory:');
    await store.contacts.upsert(phoneContact(7));
    expect(await store.contacts.count()).toBe(1);
  });
});
