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
    expect(migrate(db, MIGRATIONS)).toBe(4);
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
