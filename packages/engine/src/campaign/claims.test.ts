import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalTransition } from '@ferry/core';
import { openSqliteStore, type SqliteStore } from '@ferry/store';
import { afterEach, describe, expect, it } from 'vitest';
import { RecipientClaims } from './claims.js';
import { GroupCommitter } from './committer.js';

let directory: string | undefined;
afterEach(() => {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
});

async function journaled(count: number): Promise<{ store: SqliteStore; ids: number[] }> {
  directory = mkdtempSync(join(tmpdir(), 'ferry-claims-'));
  const store = openSqliteStore(join(directory, 'ferry.db'));
  const upserted = await store.contacts.upsertMany(
    Array.from({ length: count }, (_, index) => ({
      phone: `+1555100${String(index).padStart(4, '0')}`,
      firstSeenAt: 1,
    })),
  );
  const ids = upserted.map((result) => (result.outcome === 'conflict' ? 0 : result.contact.id));
  await store.campaigns.create({ id: 'c', name: 'c', channel: 'telegram', audience: {}, message: null }, 1);
  await store.journal.enqueue('c', ids, 1);
  return { store, ids };
}

async function* itemsOf(ids: readonly number[]): AsyncGenerator<number> {
  yield* ids;
}

const mark = (contactId: number): JournalTransition => ({
  campaignId: 'c',
  contactId,
  to: 'in-flight',
  from: ['pending'],
  countAttempt: true,
  at: 2,
});

describe('recipient claims', () => {
  it('marks a block of waiting workers in flight in one commit, durably before any of them gets its recipient', async () => {
    const { store, ids } = await journaled(12);
    const committer = new GroupCommitter(store);
    const claims = new RecipientClaims(itemsOf(ids), committer, mark, { block: 4, lingerMs: 60_000 });
    const states: string[] = [];
    const taken = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const item = await claims.take();
        if (item !== undefined) states.push((await store.journal.get('c', item))?.state ?? 'missing');
        return item;
      }),
    );
    expect(taken).toEqual(ids.slice(0, 4));
    expect(states).toEqual(['in-flight', 'in-flight', 'in-flight', 'in-flight']);
    expect(committer.commits).toBe(1);
    expect(await store.journal.counts('c')).toMatchObject({ 'in-flight': 4, pending: 8 });
    await store.close();
  });

  it('carries the outcomes queued since into the next claim, so in-flight entries never exceed the workers', async () => {
    const { store, ids } = await journaled(6);
    const committer = new GroupCommitter(store, 2_000, 60_000);
    const claims = new RecipientClaims(itemsOf(ids), committer, mark, { block: 2, lingerMs: 60_000 });
    const first = await Promise.all([claims.take(), claims.take()]);
    for (const contactId of first)
      if (contactId !== undefined)
        committer.add({ campaignId: 'c', contactId, to: 'sent', from: ['in-flight'], at: 3 });
    await Promise.all([claims.take(), claims.take()]);
    expect(committer.commits).toBe(2);
    expect(await store.journal.counts('c')).toMatchObject({ sent: 2, 'in-flight': 2, pending: 2 });
    await store.close();
  });

  it('claims for fewer workers after the linger, and answers undefined once the recipients run out', async () => {
    const { store, ids } = await journaled(3);
    const committer = new GroupCommitter(store);
    const claims = new RecipientClaims(itemsOf(ids), committer, mark, { block: 8, lingerMs: 1 });
    const taken = await Promise.all(Array.from({ length: 5 }, () => claims.take()));
    expect(taken).toEqual([...ids, undefined, undefined]);
    expect(await claims.take()).toBeUndefined();
    expect(await store.journal.counts('c')).toMatchObject({ 'in-flight': 3, pending: 0 });
    await store.close();
  });
});
