import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, Contact, FerryStore } from '@ferry/core';
import { openSqliteStore, type SqliteStore } from '@ferry/store';
import { afterEach } from 'vitest';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `cleanup` after the current test. */
export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

/** A fresh directory under the OS temp dir, removed after the test. */
export function tempDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'ferry-engine-'));
  onCleanup(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** A SQLite store on a temp file, closed after the test. */
export function openTestStore(path?: string): SqliteStore {
  const store = openSqliteStore(path ?? join(tempDirectory(), 'ferry.db'), { synchronous: 'normal' });
  onCleanup(() => store.close().catch(() => {}));
  return store;
}

/** Options for one seeded contact. */
export interface SeedContact {
  readonly phone: string;
  readonly country?: string;
  readonly language?: string;
  readonly profileName?: string;
  readonly tags?: readonly string[];
  /** Default `opt-in`; `none` leaves the ledger empty. */
  readonly consent?: 'opt-in' | 'opt-out' | 'none';
  /** Linked identity on a target channel. */
  readonly linked?: { readonly channel: ChannelName; readonly userId: string };
}

/** Adds contacts with their consent and identities; returns them in order. */
export async function seedContacts(
  store: FerryStore,
  seeds: readonly SeedContact[],
  at = 1_000,
): Promise<Contact[]> {
  const results = await store.contacts.upsertMany(
    seeds.map((seed) => ({
      phone: seed.phone,
      waId: seed.phone.replace(/\D/g, ''),
      firstSeenAt: at,
      ...(seed.country === undefined ? {} : { country: seed.country }),
      ...(seed.language === undefined ? {} : { language: seed.language }),
      ...(seed.profileName === undefined ? {} : { profileName: seed.profileName }),
      ...(seed.tags === undefined ? {} : { tags: seed.tags }),
    })),
  );
  const contacts: Contact[] = [];
  await store.transaction(async () => {
    for (const [index, result] of results.entries()) {
      if (result.outcome === 'conflict') throw new Error('seed conflict');
      const seed = seeds[index] as SeedContact;
      contacts.push(result.contact);
      const consent = seed.consent ?? 'opt-in';
      if (consent !== 'none')
        await store.consents.append({
          contactId: result.contact.id,
          kind: consent,
          channel: 'whatsapp',
          source: 'test',
          at,
        });
      if (seed.linked !== undefined)
        await store.identities.link({
          contactId: result.contact.id,
          channel: seed.linked.channel,
          platformUserId: seed.linked.userId,
          method: 'token',
          linkedAt: at,
        });
    }
  });
  return contacts;
}

/** A phone number for index `n`. */
export function phoneOf(n: number, prefix = '+1555'): string {
  return `${prefix}${String(n).padStart(7, '0')}`;
}
