import { join } from 'node:path';
import type { NewLinkToken } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../src/index.js';
import { openTestStore, phoneContact, tempDirectory } from './helpers.js';

async function withToken(store: SqliteStore, overrides: Partial<NewLinkToken> = {}): Promise<NewLinkToken> {
  const created = await store.contacts.upsert(phoneContact(1));
  if (created.outcome === 'conflict') throw new Error('conflict');
  const token: NewLinkToken = {
    tokenId: 'tok_1',
    hash: 'a3f1c9',
    contactId: created.contact.id,
    channel: 'telegram',
    createdAt: 100,
    expiresAt: 10_000,
    ...overrides,
  };
  await store.linkTokens.insert(token);
  return token;
}

describe('link tokens', () => {
  it('stores the hash and finds it by token id or hash', async () => {
    const store = openTestStore(':memory:');
    const token = await withToken(store);
    expect(await store.linkTokens.findByTokenId('tok_1')).toEqual(token);
    expect(await store.linkTokens.findByHash('a3f1c9')).toEqual(token);
    expect(await store.linkTokens.listByContact(token.contactId)).toEqual([token]);
    await expect(store.linkTokens.insert(token)).rejects.toThrow(/already exists/);
  });

  it('refuses a record that carries the raw token', async () => {
    const store = openTestStore(':memory:');
    const token = await withToken(store);
    const leaky = { ...token, tokenId: 'tok_2', hash: 'b', token: 'raw-secret-value' } as NewLinkToken;
    await expect(store.linkTokens.insert(leaky)).rejects.toThrow(/hashes only/);
    await expect(store.linkTokens.insert(leaky)).rejects.not.toThrow(/raw-secret-value/);
    expect(await store.linkTokens.findByTokenId('tok_2')).toBeUndefined();
  });

  it('lets exactly one of two racing claims win', async () => {
    const store = openTestStore(':memory:');
    await withToken(store);
    const [first, second] = await Promise.all([
      store.linkTokens.claim('tok_1', { claimedBy: 'tg-111', at: 500 }),
      store.linkTokens.claim('tok_1', { claimedBy: 'tg-222', at: 501 }),
    ]);
    expect(first.claimed).toBe(true);
    expect(second).toMatchObject({
      claimed: false,
      reason: 'already-claimed',
      record: { claimedBy: 'tg-111' },
    });
  });

  it('lets only one of two processes on the same file claim a token', async () => {
    const path = join(tempDirectory(), 'ferry.db');
    const one = openTestStore(path);
    await withToken(one);
    const two = openTestStore(path);
    expect((await two.linkTokens.claim('tok_1', { claimedBy: 'tg-2', at: 600 })).claimed).toBe(true);
    expect(await one.linkTokens.claim('tok_1', { claimedBy: 'tg-1', at: 601 })).toMatchObject({
      claimed: false,
      reason: 'already-claimed',
    });
    expect(await one.linkTokens.findByTokenId('tok_1')).toMatchObject({ claimedAt: 600, claimedBy: 'tg-2' });
  });

  it('does not claim an expired or unknown token', async () => {
    const store = openTestStore(':memory:');
    await withToken(store, { expiresAt: 1000 });
    expect(await store.linkTokens.claim('tok_1', { claimedBy: 'tg-1', at: 1000 })).toMatchObject({
      claimed: false,
      reason: 'expired',
    });
    expect(await store.linkTokens.claim('tok_x', { claimedBy: 'tg-1', at: 10 })).toEqual({
      claimed: false,
      reason: 'not-found',
    });
    expect((await store.linkTokens.findByTokenId('tok_1'))?.claimedAt).toBeUndefined();
  });
});
