import type { ChannelName, ConsentEventInput, Contact, ContactInput, FerryStore } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { openTestStore } from './helpers.js';

type PendingConsent = Omit<ConsentEventInput, 'contactId'>;

function optIn(evidence: string, at = 100): PendingConsent {
  return { kind: 'opt-in', channel: 'whatsapp', source: 'import:a.csv', evidence, at };
}

async function everyone(store: FerryStore): Promise<Contact[]> {
  const contacts: Contact[] = [];
  for await (const batch of store.contacts.iterateAudience({ consent: 'any' })) contacts.push(...batch);
  return contacts;
}

describe('contacts.importBatch', () => {
  it('merges the same person met by phone, wa_id and BSUID within one batch', async () => {
    const store = openTestStore(':memory:');
    const result = await store.contacts.importBatch([
      { contact: { phone: '+5511999990000', tags: ['a'], firstSeenAt: 500 }, consents: [optIn('a.csv:2')] },
      { contact: { waId: '5511999990000', profileName: 'Ana', firstSeenAt: 900 }, consents: [] },
      {
        contact: { waId: '5511999990000', bsuid: 'BR.1', tags: ['b', 'a'], firstSeenAt: 200 },
        consents: [optIn('a.csv:4')],
      },
      { contact: { bsuid: 'BR.1', language: 'pt_BR', firstSeenAt: 100 }, consents: [] },
    ]);
    expect(result.results.map((row) => row.outcome)).toEqual(['created', 'updated', 'updated', 'updated']);
    expect(result.consentsAppended).toBe(2);
    const [ana, ...others] = await everyone(store);
    expect(others).toEqual([]);
    expect(ana).toEqual({
      id: 1,
      waId: '5511999990000',
      phone: '+5511999990000',
      bsuid: 'BR.1',
      profileName: 'Ana',
      language: 'pt_BR',
      tags: ['a', 'b'],
      firstSeenAt: 100,
      lastSeenAt: 900,
    });
    expect(await store.consents.listByContact(1)).toHaveLength(2);
  });

  it('merges into contacts stored by earlier batches and appends nothing when re-run', async () => {
    const store = openTestStore(':memory:');
    const rows = [
      { contact: { phone: '+393331234567', firstSeenAt: 100 }, consents: [optIn('a.csv:2')] },
      { contact: { phone: '+4915112345678', firstSeenAt: 100 }, consents: [optIn('a.csv:3')] },
    ];
    await store.contacts.importBatch(rows);
    const later = await store.contacts.importBatch([
      { contact: { waId: '393331234567', profileName: 'Gio', firstSeenAt: 300 }, consents: [] },
    ]);
    expect(later.results).toEqual([{ outcome: 'updated', contactId: 1 }]);
    const again = await store.contacts.importBatch(rows);
    expect(again).toEqual({
      results: [
        { outcome: 'updated', contactId: 1 },
        { outcome: 'updated', contactId: 2 },
      ],
      consentsAppended: 0,
      consentsExisting: 2,
    });
    expect(await store.contacts.count()).toBe(2);
    expect((await store.contacts.get(1))?.profileName).toBe('Gio');
  });

  it('finds stored contacts by wa_id and BSUID once any has one, after batches of phone-only contacts', async () => {
    const store = openTestStore(':memory:');
    // Phone-only batches: the wa_id and BSUID look-ups are skipped, the phone one still matches.
    await store.contacts.importBatch([{ contact: { phone: '+15550000001', firstSeenAt: 1 }, consents: [] }]);
    const byNumber = await store.contacts.importBatch([
      { contact: { waId: '15550000001', firstSeenAt: 2 }, consents: [] },
    ]);
    expect(byNumber.results).toEqual([{ outcome: 'updated', contactId: 1 }]);
    // Now a wa_id and a BSUID are stored: later batches look them up.
    await store.contacts.importBatch([
      { contact: { waId: '447400000002', bsuid: 'GB.2', firstSeenAt: 3 }, consents: [] },
    ]);
    const later = await store.contacts.importBatch([
      { contact: { phone: '+447400000002', profileName: 'Bea', firstSeenAt: 4 }, consents: [] },
      { contact: { bsuid: 'GB.2', language: 'en', firstSeenAt: 4 }, consents: [] },
    ]);
    expect(later.results).toEqual([
      { outcome: 'updated', contactId: 2 },
      { outcome: 'updated', contactId: 2 },
    ]);
    expect(await store.contacts.count()).toBe(2);
    expect(await store.contacts.get(2)).toMatchObject({
      waId: '447400000002',
      profileName: 'Bea',
      language: 'en',
    });
  });

  it('reports rows naming two contacts or contradicting a stored id as conflicts and writes nothing for them', async () => {
    const store = openTestStore(':memory:');
    await store.contacts.importBatch([
      { contact: { phone: '+5511999990001', firstSeenAt: 1 }, consents: [] },
      { contact: { waId: '5511999990002', bsuid: 'BR.2', firstSeenAt: 1 }, consents: [] },
    ]);
    const result = await store.contacts.importBatch([
      { contact: { phone: '+5511999990001', bsuid: 'BR.2', firstSeenAt: 2 }, consents: [optIn('x')] },
      { contact: { waId: '5511999990002', bsuid: 'BR.9', firstSeenAt: 2 }, consents: [optIn('y')] },
    ]);
    expect(result.results).toEqual([
      { outcome: 'conflict', reason: 'matches-several-contacts', contactIds: [1, 2] },
      { outcome: 'conflict', reason: 'identifier-mismatch', contactIds: [2] },
    ]);
    expect(result.consentsAppended).toBe(0);
    expect(await store.consents.listByContact(1)).toEqual([]);
    expect((await store.contacts.get(1))?.firstSeenAt).toBe(1);
  });

  it('carries e-mail in created and merged contacts with the profile-field rules', async () => {
    const store = openTestStore(':memory:');
    await store.contacts.importBatch([
      { contact: { phone: '+15550000001', email: 'Old@Example.com', firstSeenAt: 100 }, consents: [] },
      { contact: { phone: '+15550000002', firstSeenAt: 100 }, consents: [] },
    ]);
    await store.contacts.importBatch([
      // Newer sighting: replaces the address.
      { contact: { phone: '+15550000001', email: 'new@example.com', firstSeenAt: 200 }, consents: [] },
      // Older sighting of a contact without an address: fills the gap.
      { contact: { phone: '+15550000002', email: ' Gap@Example.com', firstSeenAt: 50 }, consents: [] },
      // Created in this batch, then an older row of the same person in the same batch.
      { contact: { phone: '+15550000003', email: 'three@example.com', firstSeenAt: 300 }, consents: [] },
      { contact: { waId: '15550000003', email: 'older@example.com', firstSeenAt: 10 }, consents: [] },
    ]);
    const emails = await Promise.all(
      ['+15550000001', '+15550000002', '+15550000003'].map(
        async (phone) => (await store.contacts.findByPhone(phone))?.email,
      ),
    );
    expect(emails).toEqual(['new@example.com', 'gap@example.com', 'three@example.com']);
    expect(await store.contacts.findByEmail('old@example.com')).toEqual([]);
  });

  it("stores a new contact's tags sorted and unique whatever order the row lists them in", async () => {
    const store = openTestStore(':memory:');
    await store.contacts.importBatch([
      { contact: { phone: '+15550000001', tags: ['b', 'a', 'b'], firstSeenAt: 1 }, consents: [] },
      { contact: { phone: '+15550000002', tags: ['a', 'a'], firstSeenAt: 1 }, consents: [] },
      { contact: { phone: '+15550000003', tags: ['a', 'b'], firstSeenAt: 1 }, consents: [] },
      { contact: { phone: '+15550000004', tags: ['B', 'a'], firstSeenAt: 1 }, consents: [] },
    ]);
    const tags = (await everyone(store)).map((contact) => contact.tags);
    expect(tags).toEqual([['a', 'b'], ['a'], ['a', 'b'], ['B', 'a']]);
  });

  it('fills a merged identifier so it is found by it, and a re-import of the same rows keeps everything', async () => {
    const store = openTestStore(':memory:');
    const rows = [
      {
        contact: { phone: '+15550000001', profileName: 'Ana', firstSeenAt: 1 },
        consents: [optIn('a.csv:2')],
      },
      {
        contact: { phone: '+15550000001', waId: '15550000001', bsuid: 'US.1', firstSeenAt: 5 },
        consents: [],
      },
      { contact: { bsuid: 'US.1', language: 'en', tags: ['vip'], firstSeenAt: 9 }, consents: [] },
    ];
    await store.contacts.importBatch(rows.slice(0, 1));
    await store.contacts.importBatch(rows.slice(1));
    const stored = await store.contacts.findByBsuid('US.1');
    expect(stored).toEqual({
      id: 1,
      waId: '15550000001',
      phone: '+15550000001',
      bsuid: 'US.1',
      profileName: 'Ana',
      language: 'en',
      tags: ['vip'],
      firstSeenAt: 1,
      lastSeenAt: 9,
    });
    expect(await store.contacts.findByWaId('15550000001')).toEqual(stored);
    const again = await store.contacts.importBatch(rows);
    expect(again.results).toEqual(rows.map(() => ({ outcome: 'updated', contactId: 1 })));
    expect(again.consentsAppended).toBe(0);
    expect(await everyone(store)).toEqual([stored]);
  });

  it('appends events of mixed kinds, channels and sources in row order, with the same ids as appendMany', async () => {
    const bulk = openTestStore(':memory:');
    const perRow = openTestStore(':memory:');
    const event = (
      kind: PendingConsent['kind'],
      channel: ChannelName,
      source: string,
      at: number,
    ): PendingConsent => ({
      kind,
      channel,
      source,
      evidence: `${source}:${at}`,
      at,
    });
    const rows = [
      {
        contact: { phone: '+15550000001', firstSeenAt: 1 },
        consents: [
          event('opt-in', 'whatsapp', 'import:a.csv', 1),
          event('opt-out', 'whatsapp', 'import:a.csv', 1),
        ],
      },
      {
        contact: { phone: '+15550000002', firstSeenAt: 1 },
        consents: [
          event('opt-in', 'telegram', 'import:a.csv', 1),
          event('opt-in', 'whatsapp', 'import:b.csv', 1),
        ],
      },
      {
        contact: { phone: '+15550000001', firstSeenAt: 2 },
        consents: [event('re-consent', 'whatsapp', 'import:a.csv', 1)],
      },
      {
        contact: { phone: '+15550000003', firstSeenAt: 1 },
        consents: [event('opt-in', 'whatsapp', 'import:a.csv', 1)],
      },
    ];
    const result = await bulk.contacts.importBatch(rows);
    expect(result.consentsAppended).toBe(6);
    const upserts = await perRow.contacts.upsertMany(rows.map((row) => row.contact));
    await perRow.consents.appendMany(
      rows.flatMap((row, index) => {
        const upserted = upserts[index]!;
        if (upserted.outcome === 'conflict') return [];
        return row.consents.map((pending) => ({ ...pending, contactId: upserted.contact.id }));
      }),
    );
    for (const contactId of [1, 2, 3]) {
      const events = await bulk.consents.listByContact(contactId);
      expect(events).toEqual(await perRow.consents.listByContact(contactId));
    }
    expect((await bulk.consents.listByContact(1)).map((stored) => [stored.id, stored.kind])).toEqual([
      [1, 'opt-in'],
      [2, 'opt-out'],
      [5, 're-consent'],
    ]);
    const again = await bulk.contacts.importBatch(rows);
    expect(again).toMatchObject({ consentsAppended: 0, consentsExisting: 6 });
  });

  it('rolls back with the surrounding transaction', async () => {
    const store = openTestStore(':memory:');
    await expect(
      store.transaction(async () => {
        await store.contacts.importBatch([
          { contact: { phone: '+1', firstSeenAt: 1 }, consents: [optIn('z')] },
        ]);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await store.contacts.count()).toBe(0);
  });

  it('leaves the same contacts and consent ledger as upsertMany + appendMany on generated data', async () => {
    const perRow = openTestStore(':memory:');
    const bulk = openTestStore(':memory:');
    let seed = 42;
    // mulberry32: small, seeded, and good enough to mix identifiers.
    const random = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) % n) as number;
    };
    let conflicts = 0;
    const pick = <T>(values: readonly T[]): T => values[random(values.length)]!;
    const ids = (person: number): Partial<ContactInput> => {
      const digits = `55119${String(person).padStart(8, '0')}`;
      switch (random(5)) {
        case 0:
          return { phone: `+${digits}` };
        case 1:
          return { waId: digits };
        case 2:
          return { phone: `+${digits}`, waId: digits };
        case 3:
          return { bsuid: `BR.${person}`, ...(random(2) === 0 ? { phone: `+${digits}` } : {}) };
        default:
          // A wrong pairing now and then, to provoke conflicts.
          return { phone: `+${digits}`, bsuid: `BR.${random(40)}` };
      }
    };
    for (let round = 0; round < 4; round += 1) {
      const rows = Array.from({ length: 150 }, () => {
        const person = random(60);
        const contact = {
          ...ids(person),
          ...(random(2) === 0 ? { profileName: pick(['Ana', 'Bia', 'Caio']) } : {}),
          ...(random(3) === 0 ? { language: pick(['pt_BR', 'en']) } : {}),
          ...(random(3) === 0 ? { country: pick(['BR', 'PT']) } : {}),
          ...(random(3) === 0
            ? { email: pick(['ana@example.com', ' Bia@Example.com ', 'caio@example.org']) }
            : {}),
          ...(random(2) === 0 ? { tags: [pick(['vip', 'beta', 'all']), pick(['x', 'all'])] } : {}),
          firstSeenAt: random(1000),
          ...(random(2) === 0 ? { lastSeenAt: random(1000) } : {}),
        } as ContactInput;
        const consents: PendingConsent[] =
          random(3) === 0 ? [] : [optIn(`a.csv:${random(100)}`, random(3) * 100)];
        return { contact, consents };
      });
      const bulkResult = await bulk.contacts.importBatch(rows);
      const upserts = await perRow.contacts.upsertMany(rows.map((row) => row.contact));
      const events: ConsentEventInput[] = [];
      upserts.forEach((result, index) => {
        if (result.outcome === 'conflict') return;
        for (const event of rows[index]!.consents) events.push({ ...event, contactId: result.contact.id });
      });
      const appended = await perRow.consents.appendMany(events);
      expect(
        bulkResult.results.map((result) =>
          result.outcome === 'conflict'
            ? { ...result, contactIds: [...result.contactIds].sort((a, b) => a - b) }
            : result,
        ),
      ).toEqual(
        upserts.map((result) =>
          result.outcome === 'conflict'
            ? { ...result, contactIds: [...result.contactIds].sort((a, b) => a - b) }
            : { outcome: result.outcome, contactId: result.contact.id },
        ),
      );
      conflicts += upserts.filter((result) => result.outcome === 'conflict').length;
      expect(bulkResult.consentsAppended).toBe(appended.appended);
      expect(bulkResult.consentsExisting).toBe(appended.duplicates);
    }
    const contacts = await everyone(bulk);
    expect(contacts.length).toBeGreaterThan(30);
    expect(conflicts).toBeGreaterThan(10);
    expect(contacts).toEqual(await everyone(perRow));
    for (const contact of contacts) {
      expect(await bulk.consents.listByContact(contact.id)).toEqual(
        await perRow.consents.listByContact(contact.id),
      );
    }
  });
});
