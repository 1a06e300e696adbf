import { join } from 'node:path';
import type { ContactId, JournalTransition } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../src/index.js';
import { openTestStore, phoneContact, tempDirectory } from './helpers.js';

async function seed(store: SqliteStore, count: number): Promise<ContactId[]> {
  const results = await store.contacts.upsertMany(Array.from({ length: count }, (_, n) => phoneContact(n)));
  await store.campaigns.create(
    { id: 'notice', name: 'We moved', channel: 'whatsapp', audience: {}, message: {} },
    1,
  );
  return results.map((result) => {
    if (result.outcome === 'conflict') throw new Error('conflict');
    return result.contact.id;
  });
}

describe('delivery journal', () => {
  it('journals each recipient once, in batches', async () => {
    const store = openTestStore(':memory:');
    const ids = await seed(store, 250);
    expect(await store.journal.enqueue('notice', ids.slice(0, 100), 10)).toBe(100);
    expect(await store.journal.enqueue('notice', ids.slice(50, 250), 11)).toBe(150);
    expect(await store.journal.enqueue('notice', ids, 12)).toBe(0);
    expect((await store.journal.counts('notice')).pending).toBe(250);
    expect(await store.journal.get('notice', ids[0]!)).toEqual({
      campaignId: 'notice',
      contactId: ids[0],
      state: 'pending',
      attempts: 0,
      createdAt: 10,
      updatedAt: 10,
    });
  });

  it('refuses to journal into a campaign that does not exist', async () => {
    const store = openTestStore(':memory:');
    const ids = await seed(store, 1);
    await expect(store.journal.enqueue('nope', ids, 1)).rejects.toThrow(/FOREIGN KEY/);
  });

  it('applies a group of transitions in one commit and resumes after a crash', async () => {
    const path = join(tempDirectory(), 'ferry.db');
    const store = openTestStore(path);
    const ids = await seed(store, 100);
    await store.journal.enqueue('notice', ids, 10);

    // One send wave: 40 go in flight (written BEFORE the network), 30 come back sent.
    const wave = await store.journal.pendingBatch('notice', 40);
    expect(wave.map((entry) => entry.contactId)).toEqual(ids.slice(0, 40));
    const inFlight: JournalTransition[] = wave.map((entry) => ({
      campaignId: 'notice',
      contactId: entry.contactId,
      to: 'in-flight',
      from: ['pending'],
      countAttempt: true,
      callbackData: `notice:${entry.contactId}`,
      at: 20,
    }));
    expect(await store.journal.applyTransitions(inFlight)).toEqual({ applied: 40, skipped: 0 });
    const sent: JournalTransition[] = wave.slice(0, 30).map((entry) => ({
      campaignId: 'notice',
      contactId: entry.contactId,
      to: 'sent',
      from: ['in-flight'],
      platformMessageId: `wamid.${entry.contactId}`,
      at: 30,
    }));
    expect(await store.journal.applyTransitions(sent)).toEqual({ applied: 30, skipped: 0 });
    // A duplicate, late update is skipped by the `from` guard instead of rewinding the state.
    expect(await store.journal.applyTransitions([{ ...inFlight[0]!, at: 31 }])).toEqual({
      applied: 0,
      skipped: 1,
    });

    // "Crash": the process goes away without any further write; a new one opens the same file.
    await store.close();
    const resumed = openTestStore(path);
    expect(await resumed.journal.counts('notice')).toEqual({
      pending: 60,
      'in-flight': 10,
      sent: 30,
      failed: 0,
      blocked: 0,
      skipped: 0,
      ambiguous: 0,
    });
    const stranded = await resumed.journal.listByState('notice', 'in-flight');
    expect(stranded.map((entry) => entry.contactId)).toEqual(ids.slice(30, 40));
    expect(stranded[0]).toMatchObject({ attempts: 1, callbackData: `notice:${ids[30]}` });
    const next = await resumed.journal.pendingBatch('notice', 25);
    expect(next.map((entry) => entry.contactId)).toEqual(ids.slice(40, 65));
    const after = await resumed.journal.pendingBatch('notice', 25, { afterContactId: ids[89]! });
    expect(after.map((entry) => entry.contactId)).toEqual(ids.slice(90));

    const sentEntry = await resumed.journal.findByPlatformMessageId(`wamid.${ids[5]}`);
    expect(sentEntry).toMatchObject({ contactId: ids[5], state: 'sent', callbackData: `notice:${ids[5]}` });
    expect((await resumed.journal.findByCallbackData(`notice:${ids[35]}`))?.state).toBe('in-flight');
    expect(await resumed.journal.findByPlatformMessageId('wamid.unknown')).toBeUndefined();
  });

  it('rolls the whole group back when one transition is invalid', async () => {
    const store = openTestStore(':memory:');
    const ids = await seed(store, 3);
    await store.journal.enqueue('notice', ids, 1);
    const group: JournalTransition[] = [
      { campaignId: 'notice', contactId: ids[0]!, to: 'sent', at: 2 },
      { campaignId: 'notice', contactId: ids[1]!, to: 'lost' as 'sent', at: 2 },
    ];
    await expect(store.journal.applyTransitions(group)).rejects.toThrow(/CHECK/);
    expect((await store.journal.get('notice', ids[0]!))?.state).toBe('pending');
  });

  it('records failure reasons and delivery statuses, keeping the first time of each', async () => {
    const store = openTestStore(':memory:');
    const ids = await seed(store, 2);
    await store.journal.enqueue('notice', ids, 1);
    await store.journal.applyTransitions([
      { campaignId: 'notice', contactId: ids[0]!, to: 'sent', platformMessageId: 'wamid.A', at: 2 },
      { campaignId: 'notice', contactId: ids[1]!, to: 'blocked', reason: 'user blocked the business', at: 2 },
    ]);
    expect(await store.journal.recordDelivery('wamid.A', 'read', 50)).toBe(true);
    expect(await store.journal.recordDelivery('wamid.A', 'delivered', 40)).toBe(true);
    expect(await store.journal.recordDelivery('wamid.missing', 'read', 50)).toBe(false);
    expect(await store.journal.get('notice', ids[0]!)).toMatchObject({ deliveredAt: 50, readAt: 50 });
    expect(await store.journal.get('notice', ids[1]!)).toMatchObject({
      state: 'blocked',
      reason: 'user blocked the business',
    });
  });
});
