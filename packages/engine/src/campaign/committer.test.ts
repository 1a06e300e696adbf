import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@ferry/store';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommitter } from './committer.js';

let directory: string | undefined;
afterEach(() => {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
});

describe('group commits', () => {
  it('puts every transition queued in one turn into one commit, durable once awaited', async () => {
    directory = mkdtempSync(join(tmpdir(), 'ferry-committer-'));
    const store = openSqliteStore(join(directory, 'ferry.db'));
    const upserted = await store.contacts.upsertMany(
      Array.from({ length: 50 }, (_, index) => ({
        phone: `+1555000${String(index).padStart(4, '0')}`,
        firstSeenAt: 1,
      })),
    );
    const ids = upserted.map((result) => (result.outcome === 'conflict' ? 0 : result.contact.id));
    await store.campaigns.create({ id: 'c', name: 'c', channel: 'telegram', audience: {}, message: null }, 1);
    await store.journal.enqueue('c', ids, 1);
    const committer = new GroupCommitter(store);
    await Promise.all(
      ids.map((contactId) =>
        committer.commit({
          campaignId: 'c',
          contactId,
          to: 'in-flight',
          from: ['pending'],
          countAttempt: true,
          at: 2,
        }),
      ),
    );
    expect(committer.commits).toBe(1);
    expect(await store.journal.counts('c')).toMatchObject({ 'in-flight': 50, pending: 0 });
    for (const contactId of ids)
      committer.add({ campaignId: 'c', contactId, to: 'sent', from: ['in-flight'], at: 3 });
    await committer.flush();
    expect(committer.commits).toBe(2);
    expect(await store.journal.counts('c')).toMatchObject({ sent: 50 });
    await store.close();
  });

  it('rejects the waiters when a commit fails, and keeps failing', async () => {
    directory = mkdtempSync(join(tmpdir(), 'ferry-committer-'));
    const store = openSqliteStore(join(directory, 'ferry.db'));
    const committer = new GroupCommitter(store);
    await store.close();
    await expect(
      committer.commit({ campaignId: 'c', contactId: 1, to: 'in-flight', at: 1 }),
    ).rejects.toThrow();
    expect(() => committer.add({ campaignId: 'c', contactId: 1, to: 'sent', at: 1 })).toThrow();
  });
});
