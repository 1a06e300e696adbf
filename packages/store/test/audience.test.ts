import type {
  AudienceQuery,
  ChannelName,
  ConsentEventInput,
  Contact,
  ContactInput,
  LinkedIdentity,
} from '@ferry/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../src/index.js';
import { openTestStore, tempDirectory } from './helpers.js';

const TOTAL = 50_000;
const LANGUAGES = ['en_US', 'pt_BR', 'es_MX'] as const;
const COUNTRIES = ['US', 'BR', 'MX', 'IT', 'IN'] as const;

/** The attributes contact number `n` is given, so expectations are computed independently of SQL. */
interface Person {
  readonly n: number;
  readonly language: string;
  readonly country: string;
  readonly tags: readonly string[];
  readonly consent: 'opted-in' | 'opted-out' | 'unknown';
  readonly linked: readonly ChannelName[];
}

function person(n: number): Person {
  const tags = [...(n % 7 === 0 ? ['vip'] : []), ...(n % 11 === 0 ? ['beta'] : [])];
  // Even numbers opted in; every tenth later opted out; odd numbers never decided.
  const consent = n % 10 === 0 ? 'opted-out' : n % 2 === 0 ? 'opted-in' : 'unknown';
  const linked: ChannelName[] = [
    ...(n % 4 === 0 ? ['telegram' as const] : []),
    ...(n % 6 === 0 ? ['slack' as const] : []),
  ];
  return { n, language: LANGUAGES[n % 3]!, country: COUNTRIES[n % 5]!, tags, consent, linked };
}

let store: SqliteStore;
const people = new Map<number, Person>();

beforeAll(async () => {
  store = openSqliteStore(`${tempDirectory()}/ferry.db`);
  await store.transaction(async () => {
    const inputs: ContactInput[] = [];
    for (let n = 0; n < TOTAL; n += 1) {
      const p = person(n);
      inputs.push({
        phone: `+1555${String(n).padStart(7, '0')}`,
        language: p.language,
        country: p.country,
        tags: p.tags,
        firstSeenAt: n,
      });
    }
    const results = await store.contacts.upsertMany(inputs);
    const events: ConsentEventInput[] = [];
    const identities: LinkedIdentity[] = [];
    results.forEach((result, n) => {
      if (result.outcome === 'conflict') throw new Error('conflict');
      const id = result.contact.id;
      const p = person(n);
      people.set(id, p);
      const base = { contactId: id, channel: 'whatsapp' as const, source: 'import:optins.csv' };
      if (p.consent !== 'unknown') events.push({ ...base, kind: 'opt-in', at: 1000 });
      if (p.consent === 'opted-out') events.push({ ...base, kind: 'opt-out', at: 2000 });
      for (const channel of p.linked) {
        identities.push({
          contactId: id,
          channel,
          platformUserId: `${channel}-${n}`,
          method: 'token',
          linkedAt: 3000,
        });
      }
    });
    await store.consents.appendMany(events);
    for (const identity of identities) await store.identities.link(identity);
  });
  return () => store.close();
}, 120_000);

async function collect(
  query: AudienceQuery,
  batchSize: number,
): Promise<{ ids: number[]; batches: number[] }> {
  const ids: number[] = [];
  const batches: number[] = [];
  for await (const batch of store.contacts.iterateAudience(query, { batchSize })) {
    batches.push(batch.length);
    ids.push(...batch.map((contact: Contact) => contact.id));
  }
  return { ids, batches };
}

function expectedIds(keep: (p: Person, id: number) => boolean): number[] {
  return [...people].filter(([id, p]) => keep(p, id)).map(([id]) => id);
}

describe(`audience over ${TOTAL} contacts`, () => {
  it('streams the opted-in audience in keyset pages of at most batchSize, ascending, complete', async () => {
    const expected = expectedIds((p) => p.consent === 'opted-in');
    expect(expected.length).toBe(20_000);
    const { ids, batches } = await collect({}, 1000);
    expect(ids).toEqual(expected);
    expect(batches.length).toBe(20);
    expect(batches.every((size) => size === 1000)).toBe(true);
    expect(await store.contacts.countAudience({})).toBe(20_000);
  });

  it('fetches page by page: a contact added after the first page still arrives', async () => {
    const own = openTestStore(':memory:');
    const iterator = own.contacts
      .iterateAudience({ consent: 'any', tagsAny: ['late'] }, { batchSize: 2 })
      [Symbol.asyncIterator]();
    const late = async (n: number) => {
      const result = await own.contacts.upsert({ phone: `+1999000000${n}`, tags: ['late'], firstSeenAt: 1 });
      if (result.outcome === 'conflict') throw new Error('conflict');
      return result.contact.id;
    };
    const a = await late(1);
    const b = await late(2);
    const first = await iterator.next();
    expect(first.done === false && first.value.map((contact) => contact.id)).toEqual([a, b]);
    const c = await late(3);
    const second = await iterator.next();
    expect(second.done === false && second.value.map((contact) => contact.id)).toEqual([c]);
    expect((await iterator.next()).done).toBe(true);
  });

  it('filters by consent, channel links, language, country, tags and exclusions (exact counts)', async () => {
    const excluded = expectedIds((p) => p.consent === 'opted-in').slice(0, 50);
    const query: AudienceQuery = {
      notLinkedTo: ['telegram'],
      languages: ['pt_BR', 'es_MX'],
      countries: ['BR', 'MX', 'IT'],
      tagsAny: ['vip', 'beta'],
      excludeContactIds: excluded,
    };
    const expected = expectedIds(
      (p, id) =>
        p.consent === 'opted-in' &&
        !p.linked.includes('telegram') &&
        (p.language === 'pt_BR' || p.language === 'es_MX') &&
        ['BR', 'MX', 'IT'].includes(p.country) &&
        (p.tags.includes('vip') || p.tags.includes('beta')) &&
        !excluded.includes(id),
    );
    expect(expected.length).toBeGreaterThan(100);
    const { ids, batches } = await collect(query, 97);
    expect(ids).toEqual(expected);
    expect(Math.max(...batches)).toBeLessThanOrEqual(97);
    expect(await store.contacts.countAudience(query)).toBe(expected.length);
  });

  it('supports every-tag, no-tag, linked-to and the other consent modes', async () => {
    const cases: [AudienceQuery, (p: Person) => boolean][] = [
      [{ consent: 'any', tagsAll: ['vip', 'beta'] }, (p) => p.tags.length === 2],
      [{ tagsNone: ['vip'] }, (p) => p.consent === 'opted-in' && !p.tags.includes('vip')],
      [
        { consent: 'not-opted-out', linkedTo: ['telegram', 'slack'] },
        (p) => p.consent !== 'opted-out' && p.linked.length === 2,
      ],
      [{ consent: 'not-opted-out' }, (p) => p.consent !== 'opted-out'],
      [{ consent: 'any', notLinkedTo: ['telegram', 'slack'] }, (p) => p.linked.length === 0],
      [{ languages: [], tagsAny: [] }, (p) => p.consent === 'opted-in'],
    ];
    for (const [query, keep] of cases) {
      const expected = expectedIds(keep);
      expect(await store.contacts.countAudience(query)).toBe(expected.length);
      const { ids } = await collect(query, 4096);
      expect(ids).toEqual(expected);
    }
  });

  it('never selects anyone who opted out, whatever the other filters say', async () => {
    const { ids } = await collect({ tagsAny: ['vip'], countries: ['US'] }, 500);
    expect(ids.every((id) => people.get(id)?.consent === 'opted-in')).toBe(true);
  });

  it('enqueues an audience into a campaign journal without duplicates', async () => {
    await store.campaigns.create(
      {
        id: 'notice-1',
        name: 'We moved',
        channel: 'whatsapp',
        audience: { notLinkedTo: ['telegram'] },
        message: {},
      },
      5000,
    );
    const expected = expectedIds((p) => p.consent === 'opted-in' && !p.linked.includes('telegram')).length;
    expect(await store.journal.enqueueAudience('notice-1', { notLinkedTo: ['telegram'] }, 5000)).toBe(
      expected,
    );
    expect(await store.journal.enqueueAudience('notice-1', {}, 5001)).toBe(20_000 - expected);
    expect((await store.journal.counts('notice-1')).pending).toBe(20_000);
  });
});
