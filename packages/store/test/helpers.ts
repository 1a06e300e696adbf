import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContactInput } from '@ferry/core';
import { afterEach } from 'vitest';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from '../src/index.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh directory under the OS temp dir, removed after the test. */
export function tempDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'ferry-store-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** Opens a store (closed after the test) on a new temp file, or on `path` when given. */
export function openTestStore(path?: string, options: SqliteStoreOptions = {}): SqliteStore {
  const store = openSqliteStore(path ?? join(tempDirectory(), 'workspace', 'ferry.db'), {
    clock: { now: () => 1_000 },
    ...options,
  });
  cleanups.push(() => store.close());
  return store;
}

/** A contact record with a phone number derived from `n`. */
export function phoneContact(n: number, extra: Partial<ContactInput> = {}): ContactInput {
  return { phone: `+1555${String(n).padStart(7, '0')}`, firstSeenAt: 100, ...extra };
}
