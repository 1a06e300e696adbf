import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOW_TOKEN_RETENTION } from '../src/index.js';
import { openTestStore, tempDirectory } from './helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('flow tokens', () => {
  it('names the form a custom token was sent for, in another store opened on the same file', async () => {
    const path = join(tempDirectory(), 'ferry.db');
    const sender = openTestStore(path);
    await sender.flowTokens.remember('order-42', 'order-form', 1_000);
    const receiver = openTestStore(path);
    expect(await receiver.flowTokens.formIdOf('order-42')).toBe('order-form');
    expect(await receiver.flowTokens.formIdOf('order-99')).toBeUndefined();
  });

  it('names the latest form when a token is re-sent for another one, in one row', async () => {
    const store = openTestStore();
    await store.flowTokens.remember('shared', 'first-form', 1_000);
    await store.flowTokens.remember('shared', 'second-form', 2_000);
    expect(await store.flowTokens.formIdOf('shared')).toBe('second-form');
    expect(await store.flowTokens.count()).toBe(1);
  });

  it('keeps no row for a token equal to its form id, and drops the older one it replaces', async () => {
    const store = openTestStore();
    await store.flowTokens.remember('signup', 'signup', 1_000);
    expect(await store.flowTokens.count()).toBe(0);
    await store.flowTokens.remember('x', 'form-a', 1_000);
    await store.flowTokens.remember('x', 'x', 2_000);
    expect(await store.flowTokens.formIdOf('x')).toBeUndefined();
    expect(await store.flowTokens.count()).toBe(0);
  });

  it('prunes tokens older than the bound and all but the newest, and reports how many', async () => {
    const store = openTestStore();
    for (let index = 1; index <= 10; index++)
      await store.flowTokens.remember(`token-${index}`, 'form', index * 1_000);
    // Sent before 3 s: tokens 1 and 2; past the newest 5: tokens 3 to 5.
    expect(await store.flowTokens.prune({ sentBefore: 3_000, keepNewest: 5 })).toBe(5);
    expect(await store.flowTokens.count()).toBe(5);
    expect(await store.flowTokens.formIdOf('token-5')).toBeUndefined();
    expect(await store.flowTokens.formIdOf('token-6')).toBe('form');
    expect(await store.flowTokens.prune({ sentBefore: 0, keepNewest: 5 })).toBe(0);
  });

  it('stays within its retention as tokens are remembered, forgetting the oldest first', async () => {
    const store = openTestStore(undefined, {
      flowTokenRetention: { maxAgeMs: 100 * DAY_MS, maxTokens: 3, pruneEvery: 2 },
    });
    for (let index = 1; index <= 9; index++) {
      await store.flowTokens.remember(`token-${index}`, `form-${index}`, index * 1_000);
      // Pruned every second write: the bound is exceeded by at most one write in between.
      expect(await store.flowTokens.count()).toBeLessThanOrEqual(4);
    }
    expect(await store.flowTokens.formIdOf('token-9')).toBe('form-9');
    expect(await store.flowTokens.formIdOf('token-1')).toBeUndefined();

    const aging = openTestStore(undefined, {
      flowTokenRetention: { maxAgeMs: DAY_MS, maxTokens: 100, pruneEvery: 1 },
    });
    await aging.flowTokens.remember('old', 'form', 0);
    await aging.flowTokens.remember('new', 'form', DAY_MS + 1);
    expect(await aging.flowTokens.formIdOf('old')).toBeUndefined();
    expect(await aging.flowTokens.formIdOf('new')).toBe('form');
  });

  it('keeps a month of tokens and a million by default', () => {
    expect(FLOW_TOKEN_RETENTION).toMatchObject({ maxAgeMs: 30 * DAY_MS, maxTokens: 1_000_000 });
  });
});
