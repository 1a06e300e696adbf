import { join } from 'node:path';
import { type ConsentEventInput, type ConsentKind, consentStatusOf } from '@ferry/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openTestStore, phoneContact, tempDirectory } from './helpers.js';

describe('consent ledger', () => {
  it('refuses UPDATE and DELETE even through raw SQL', async () => {
    const path = join(tempDirectory(), 'ferry.db');
    const store = openTestStore(path);
    const created = await store.contacts.upsert(phoneContact(1));
    if (created.outcome === 'conflict') throw new Error('conflict');
    await store.consents.append({
      contactId: created.contact.id,
      kind: 'opt-out',
      channel: 'whatsapp',
      source: 'webhook',
      evidence: 'wamid.STOP',
      at: 10,
    });
    const raw = new Database(path);
    expect(() => raw.exec("UPDATE consent_events SET kind = 'opt-in'")).toThrow(/append-only/);
    expect(() => raw.exec('DELETE FROM consent_events')).toThrow(/append-only/);
    raw.close();
    expect((await store.consents.statusOf(created.contact.id)).state).toBe('opted-out');
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(store.consents));
    expect(methods).toContain('append');
    expect(methods.join()).not.toMatch(/update|delete|remove/i);
  });

  it('derives the status from the ledger: the latest decisive event wins, links never decide', async () => {
    const store = openTestStore(':memory:', { clock: { now: () => 4242 } });
    const created = await store.contacts.upsert(phoneContact(1));
    if (created.outcome === 'conflict') throw new Error('conflict');
    const contactId = created.contact.id;
    const append = (kind: ConsentKind, at: number) =>
      store.consents.append({ contactId, kind, channel: 'whatsapp', source: 'test', at });
    expect((await store.consents.statusOf(contactId)).state).toBe('unknown');
    await append('opt-in', 10);
    expect((await store.consents.statusOf(contactId)).state).toBe('opted-in');
    await append('opt-out', 20);
    await append('link', 30);
    const status = await store.consents.statusOf(contactId);
    expect(status).toMatchObject({ state: 'opted-out', since: 20 });
    expect(status.decidedBy?.recordedAt).toBe(4242);
    await append('re-consent', 40);
    expect((await store.consents.statusOf(contactId)).state).toBe('opted-in');
    expect((await store.consents.listByContact(contactId)).map((event) => event.kind)).toEqual([
      'opt-in',
      'opt-out',
      'link',
      're-consent',
    ]);
  });

  it('changes nothing when the same file is appended again', async () => {
    const store = openTestStore(':memory:');
    const ids: number[] = [];
    for (let n = 0; n < 20; n += 1) {
      const result = await store.contacts.upsert(phoneContact(n));
      if (result.outcome !== 'conflict') ids.push(result.contact.id);
    }
    const file: ConsentEventInput[] = ids.map((contactId, line) => ({
      contactId,
      kind: 'opt-in',
      channel: 'whatsapp',
      source: 'import:optins.csv',
      text: 'Yes, Acme may message me on WhatsApp.',
      // Every other row has no evidence: the natural key must still match NULL to NULL.
      ...(line % 2 === 0 ? { evidence: `optins.csv:${line + 2}` } : {}),
      at: 1_700_000_000_000 + line,
    }));
    expect(await store.consents.appendMany(file)).toEqual({ appended: 20, duplicates: 0 });
    expect(await store.consents.appendMany(file)).toEqual({ appended: 0, duplicates: 20 });
    const first = file[1]!;
    const again = await store.consents.append(first);
    expect(again.appended).toBe(false);
    expect(again.event).toMatchObject({ contactId: first.contactId, kind: 'opt-in', at: first.at });
    expect(again.event.evidence).toBeUndefined();
    const total = (
      await Promise.all(ids.map(async (contactId) => (await store.consents.listByContact(contactId)).length))
    ).reduce((sum, n) => sum + n, 0);
    expect(total).toBe(20);
  });

  it('selects exactly the contacts consentStatusOf calls opted-in, on random ledgers', async () => {
    const store = openTestStore(':memory:');
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const kinds: ConsentKind[] = ['opt-in', 'opt-out', 'link', 're-consent'];
    const expectedOptedIn = new Set<number>();
    const expectedNotOptedOut = new Set<number>();
    await store.transaction(async () => {
      for (let n = 0; n < 300; n += 1) {
        const created = await store.contacts.upsert(phoneContact(n));
        if (created.outcome === 'conflict') throw new Error('conflict');
        const events: ConsentEventInput[] = [];
        const count = Math.floor(random() * 5);
        for (let k = 0; k < count; k += 1) {
          events.push({
            contactId: created.contact.id,
            kind: kinds[Math.floor(random() * kinds.length)]!,
            channel: 'whatsapp',
            source: 'random',
            evidence: `e${k}`,
            // Few distinct times, so same-instant ties are common.
            at: Math.floor(random() * 4),
          });
        }
        await store.consents.appendMany(events);
        const state = consentStatusOf(await store.consents.listByContact(created.contact.id)).state;
        if (state === 'opted-in') expectedOptedIn.add(created.contact.id);
        if (state !== 'opted-out') expectedNotOptedOut.add(created.contact.id);
      }
    });
    const collect = async (consent: 'opted-in' | 'not-opted-out') => {
      const ids = new Set<number>();
      for await (const batch of store.contacts.iterateAudience({ consent }, { batchSize: 37 })) {
        for (const contact of batch) ids.add(contact.id);
      }
      return ids;
    };
    expect(expectedOptedIn.size).toBeGreaterThan(20);
    expect(await collect('opted-in')).toEqual(expectedOptedIn);
    expect(await collect('not-opted-out')).toEqual(expectedNotOptedOut);
  });
});
