import { describe, expect, it } from 'vitest';
import { openTestStore } from './helpers.js';

describe('contacts', () => {
  it('merges records of the same phone: tags union, first seen min, last seen max, newer fields win', async () => {
    const store = openTestStore(':memory:');
    const created = await store.contacts.upsert({
      phone: '+5511999990000',
      profileName: 'Ana',
      language: 'pt_BR',
      tags: ['beta', 'vip'],
      firstSeenAt: 500,
      lastSeenAt: 900,
    });
    expect(created.outcome).toBe('created');
    const newer = await store.contacts.upsert({
      phone: '+5511999990000',
      profileName: 'Ana Souza',
      tags: ['vip', 'brazil'],
      firstSeenAt: 300,
      lastSeenAt: 1200,
    });
    const older = await store.contacts.upsert({
      phone: '+5511999990000',
      profileName: 'A.',
      country: 'BR',
      firstSeenAt: 100,
      lastSeenAt: 200,
    });
    expect(older.outcome).toBe('updated');
    if (older.outcome === 'conflict' || created.outcome === 'conflict' || newer.outcome === 'conflict') {
      throw new Error('unexpected conflict');
    }
    expect(older.contact).toEqual({
      id: created.contact.id,
      phone: '+5511999990000',
      profileName: 'Ana Souza',
      language: 'pt_BR',
      country: 'BR',
      tags: ['beta', 'brazil', 'vip'],
      firstSeenAt: 100,
      lastSeenAt: 1200,
    });
    expect(await store.contacts.count()).toBe(1);
  });

  it('treats a wa_id and the E.164 number with the same digits as one person', async () => {
    const store = openTestStore(':memory:');
    const byWaId = await store.contacts.upsert({ waId: '16505551234', firstSeenAt: 1 });
    const byPhone = await store.contacts.upsert({ phone: '+16505551234', language: 'en_US', firstSeenAt: 2 });
    expect(byPhone.outcome).toBe('updated');
    const contact = await store.contacts.findByPhone('+16505551234');
    expect(contact?.waId).toBe('16505551234');
    expect(contact?.language).toBe('en_US');
    expect(byWaId.outcome === 'created' && contact?.id === byWaId.contact.id).toBe(true);
    expect((await store.contacts.findByWaId('16505551234'))?.id).toBe(contact?.id);
  });

  it('finds a contact by BSUID and merges on it', async () => {
    const store = openTestStore(':memory:');
    await store.contacts.upsert({ bsuid: 'BR.abc123', firstSeenAt: 1 });
    const merged = await store.contacts.upsert({
      bsuid: 'BR.abc123',
      phone: '+5521988887777',
      firstSeenAt: 2,
    });
    expect(merged.outcome).toBe('updated');
    expect((await store.contacts.findByBsuid('BR.abc123'))?.phone).toBe('+5521988887777');
  });

  it('reports a record naming two stored contacts as a conflict and changes nothing', async () => {
    const store = openTestStore(':memory:');
    await store.contacts.upsert({ phone: '+15550000001', firstSeenAt: 1 });
    await store.contacts.upsert({ waId: '15550000002', firstSeenAt: 1 });
    const result = await store.contacts.upsert({
      phone: '+15550000001',
      waId: '15550000002',
      tags: ['x'],
      firstSeenAt: 5,
    });
    expect(result).toMatchObject({ outcome: 'conflict', reason: 'matches-several-contacts' });
    expect(result.outcome === 'conflict' && result.contactIds.length).toBe(2);
    expect((await store.contacts.findByPhone('+15550000001'))?.tags).toEqual([]);
  });

  it('reports a contradicting identifier as a conflict', async () => {
    const store = openTestStore(':memory:');
    await store.contacts.upsert({ phone: '+15550000001', bsuid: 'US.one', firstSeenAt: 1 });
    const result = await store.contacts.upsert({ phone: '+15550000001', bsuid: 'US.two', firstSeenAt: 1 });
    expect(result).toMatchObject({ outcome: 'conflict', reason: 'identifier-mismatch' });
    expect((await store.contacts.findByPhone('+15550000001'))?.bsuid).toBe('US.one');
  });

  it('refuses a record without any identifier', async () => {
    const store = openTestStore(':memory:');
    await expect(store.contacts.upsert({ profileName: 'nobody', firstSeenAt: 1 })).rejects.toThrow(/wa_id/);
  });

  it('upserts many records in order and in one transaction', async () => {
    const store = openTestStore(':memory:');
    const results = await store.contacts.upsertMany([
      { phone: '+15550000001', firstSeenAt: 1 },
      { waId: '15550000001', profileName: 'Same person', firstSeenAt: 2 },
      { phone: '+15550000002', firstSeenAt: 3 },
    ]);
    expect(results.map((result) => result.outcome)).toEqual(['created', 'updated', 'created']);
    expect(await store.contacts.count()).toBe(2);
    await expect(
      store.contacts.upsertMany([{ phone: '+15550000009', firstSeenAt: 1 }, { firstSeenAt: 1 }]),
    ).rejects.toThrow();
    expect(await store.contacts.findByPhone('+15550000009')).toBeUndefined();
  });

  it('keeps an e-mail lower-cased and trimmed: the newest sighting wins, an older one only fills the gap', async () => {
    const store = openTestStore(':memory:');
    await store.contacts.upsert({ phone: '+15550000001', firstSeenAt: 100, lastSeenAt: 500 });
    const filled = await store.contacts.upsert({
      phone: '+15550000001',
      email: '  Ana.Souza@Example.COM ',
      firstSeenAt: 50,
      lastSeenAt: 60,
    });
    expect(filled.outcome === 'updated' && filled.contact.email).toBe('ana.souza@example.com');
    const older = await store.contacts.upsert({
      phone: '+15550000001',
      email: 'old@example.com',
      firstSeenAt: 70,
    });
    expect(older.outcome === 'updated' && older.contact.email).toBe('ana.souza@example.com');
    const newer = await store.contacts.upsert({
      phone: '+15550000001',
      email: 'new@example.com',
      firstSeenAt: 900,
    });
    expect(newer.outcome === 'updated' && newer.contact.email).toBe('new@example.com');
    const silent = await store.contacts.upsert({ phone: '+15550000001', firstSeenAt: 1000 });
    expect(silent.outcome === 'updated' && silent.contact.email).toBe('new@example.com');
  });

  it('finds every contact sharing an e-mail, in id order, whatever the case of the query', async () => {
    const store = openTestStore(':memory:');
    await store.contacts.upsertMany([
      { phone: '+15550000001', email: 'family@example.com', firstSeenAt: 1 },
      { phone: '+15550000002', firstSeenAt: 1 },
      { phone: '+15550000003', email: 'Family@Example.com', firstSeenAt: 1 },
      { phone: '+15550000004', email: 'solo@example.com', firstSeenAt: 1 },
    ]);
    const shared = await store.contacts.findByEmail(' FAMILY@example.com');
    expect(shared.map((contact) => contact.phone)).toEqual(['+15550000001', '+15550000003']);
    expect(shared[0]?.email).toBe('family@example.com');
    expect((await store.contacts.findByEmail('solo@example.com')).map((contact) => contact.phone)).toEqual([
      '+15550000004',
    ]);
    expect(await store.contacts.findByEmail('nobody@example.com')).toEqual([]);
    expect(await store.contacts.findByEmail('')).toEqual([]);
    expect((await store.contacts.findByPhone('+15550000002'))?.email).toBeUndefined();
  });
});
