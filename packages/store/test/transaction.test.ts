import { describe, expect, it } from 'vitest';
import { openTestStore, phoneContact } from './helpers.js';

/** A promise the test resolves by hand, to hold a transaction open at a chosen point. */
function gate(): { readonly opened: Promise<void>; open: () => void } {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('transactions', () => {
  it('leaves nothing behind when the work throws', async () => {
    const store = openTestStore(':memory:');
    await expect(
      store.transaction(async () => {
        const created = await store.contacts.upsert(phoneContact(1));
        if (created.outcome === 'conflict') throw new Error('conflict');
        await store.consents.append({
          contactId: created.contact.id,
          kind: 'opt-in',
          channel: 'whatsapp',
          source: 'import:bad.csv',
          at: 1,
        });
        await store.audit.append({
          command: 'import',
          args: { file: 'bad.csv' },
          counts: { created: 1 },
          at: 1,
        });
        throw new Error('line 3: invalid phone');
      }),
    ).rejects.toThrow('line 3');
    expect(await store.contacts.count()).toBe(0);
    expect(await store.audit.list()).toEqual([]);
  });

  it('commits everything together and returns the work result', async () => {
    const store = openTestStore(':memory:');
    const result = await store.transaction(async () => {
      await store.contacts.upsertMany([phoneContact(1), phoneContact(2)]);
      return store.contacts.count();
    });
    expect(result).toBe(2);
    expect(await store.contacts.count()).toBe(2);
  });

  it('turns a nested transaction into a savepoint that can fail alone', async () => {
    const store = openTestStore(':memory:');
    await store.transaction(async () => {
      await store.contacts.upsert(phoneContact(1));
      await expect(
        store.transaction(async () => {
          await store.contacts.upsert(phoneContact(2));
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await store.transaction(async () => {
        await store.contacts.upsert(phoneContact(3));
      });
    });
    expect(await store.contacts.findByPhone(phoneContact(1).phone!)).toBeDefined();
    expect(await store.contacts.findByPhone(phoneContact(2).phone!)).toBeUndefined();
    expect(await store.contacts.findByPhone(phoneContact(3).phone!)).toBeDefined();
  });

  it('keeps a concurrent caller out of an open transaction, so its write survives a rollback', async () => {
    const store = openTestStore(':memory:');
    const hold = gate();
    const importing = store.transaction(async () => {
      await store.contacts.upsert(phoneContact(1));
      await hold.opened;
      throw new Error('import failed');
    });
    // Meanwhile, elsewhere (say, a webhook): this call must wait for the import to finish.
    let outsideDone = false;
    const outside = store.contacts.upsert(phoneContact(2)).then((result) => {
      outsideDone = true;
      return result;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(outsideDone).toBe(false);
    hold.open();
    await expect(importing).rejects.toThrow('import failed');
    expect((await outside).outcome).toBe('created');
    expect(await store.contacts.findByPhone(phoneContact(1).phone!)).toBeUndefined();
    expect(await store.contacts.findByPhone(phoneContact(2).phone!)).toBeDefined();
  });

  it('runs concurrent top-level transactions one after the other', async () => {
    const store = openTestStore(':memory:');
    const order: string[] = [];
    const run = (name: string, n: number) =>
      store.transaction(async () => {
        order.push(`${name} start`);
        await store.contacts.upsert(phoneContact(n));
        await new Promise((resolve) => setImmediate(resolve));
        order.push(`${name} end`);
      });
    await Promise.all([run('a', 1), run('b', 2)]);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(await store.contacts.count()).toBe(2);
  });

  it('fails calls after close', async () => {
    const store = openTestStore(':memory:');
    await store.close();
    await expect(store.contacts.count()).rejects.toThrow(/not open/);
  });
});
