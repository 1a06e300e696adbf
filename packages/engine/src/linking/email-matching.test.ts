import type { Contact, FerryStore } from '@ferry/core';
import { SlackEmulator } from '@ferry/sandbox';
import { createSlackChannel } from '@ferry/slack';
import { describe, expect, it } from 'vitest';
import { onCleanup, openTestStore, phoneOf, type SeedContact, seedContacts } from '../../test/helpers.js';
import { matchContactsByEmail } from './email-matching.js';
import { LinkService } from './link-service.js';

const SECRET = 'a-test-signing-secret-of-at-least-32-bytes!';

async function world() {
  const slack = new SlackEmulator();
  await slack.start();
  onCleanup(() => slack.stop());
  const credentials = slack.credentials();
  const lookups: string[] = [];
  const channel = createSlackChannel({
    token: credentials.botToken,
    signingSecret: credentials.signingSecret,
    slackApiUrl: credentials.slackApiUrl,
    emailMatching: true,
    // Counts the Web API calls the channel makes, to prove which addresses reached Slack.
    fetch: async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/users.lookupByEmail')) lookups.push(String(init?.body ?? ''));
      return fetch(input, init);
    },
  });
  const store = openTestStore();
  const links = new LinkService({ store, secret: SECRET, channels: { slack: channel } });
  return { slack, channel, store, links, lookups };
}

/** Seeds contacts, then gives each its e-mail address through an import-like upsert. */
async function seedWithEmail(
  store: FerryStore,
  seeds: readonly (SeedContact & { readonly email?: string })[],
): Promise<Contact[]> {
  const contacts = await seedContacts(store, seeds);
  for (const [index, seed] of seeds.entries()) {
    if (seed.email !== undefined)
      await store.contacts.upsert({ phone: seed.phone, email: seed.email, firstSeenAt: 1_000 });
    contacts[index] = (await store.contacts.findByPhone(seed.phone)) ?? (contacts[index] as Contact);
  }
  return contacts;
}

describe('matchContactsByEmail against the Slack emulator', () => {
  it('links the one contact behind an address, welcomes them, and never guesses, looks up opted-out contacts or re-walks linked ones', async () => {
    const { slack, channel, store, links, lookups } = await world();
    const [ana, bo, twin1, twin2, gone, dan, eve, done] = await seedWithEmail(store, [
      { phone: phoneOf(1), email: 'ana@example.com' },
      { phone: phoneOf(2), email: 'bo@example.com' },
      { phone: phoneOf(3), email: 'family@example.com' },
      { phone: phoneOf(4), email: 'Family@Example.com' },
      { phone: phoneOf(5), email: 'gone@example.com', consent: 'opt-out' },
      { phone: phoneOf(6) },
      { phone: phoneOf(7), email: 'eve@example.com', tags: ['stays-on-telegram'] },
      { phone: phoneOf(8), email: 'done@example.com', linked: { channel: 'slack', userId: 'U0DONE' } },
    ]);
    const anaOnSlack = slack.users.create({ name: 'ana', email: 'Ana@Example.com' });
    const family = slack.users.create({ name: 'family', email: 'family@example.com' });
    const goneOnSlack = slack.users.create({ name: 'gone', email: 'gone@example.com' });
    slack.users.create({ name: 'eve', email: 'eve@example.com' });

    const progress: number[] = [];
    const report = await matchContactsByEmail({
      store,
      channel,
      linkService: links,
      routedHere: (contact) => !contact.tags.includes('stays-on-telegram'),
      pageSize: 3,
      onProgress: (counts) => progress.push(counts.lookedUp),
    });
    expect(report).toEqual({
      lookedUp: 2,
      matched: 1,
      notFoundOnSlack: 1,
      ambiguous: 2,
      conflicts: 0,
      skipped: 2,
      failed: 0,
      failedByReason: {},
      welcomesNotSent: 0,
      stopped: false,
    });
    expect(progress).toEqual([1, 2]);
    // Only Ana's and Bo's addresses reached Slack: shared, opted-out, routed-away and linked ones did not.
    expect(lookups).toEqual([
      expect.stringContaining('ana%40example.com'),
      expect.stringContaining('bo%40example.com'),
    ]);

    expect(await store.identities.listByContact(ana?.id ?? 0)).toEqual([
      expect.objectContaining({ channel: 'slack', platformUserId: anaOnSlack.id, method: 'email' }),
    ]);
    expect(anaOnSlack.inbox().at(-1)?.text).toMatch(/all set/);
    const link = (await store.consents.listByContact(ana?.id ?? 0)).find((event) => event.kind === 'link');
    expect(link).toMatchObject({ channel: 'slack', source: 'link-claim' });
    expect(link?.evidence).toContain('users.lookupByEmail ana@example.com');
    expect(link?.evidence).toContain(anaOnSlack.id);

    for (const contact of [bo, twin1, twin2, gone, dan, eve])
      expect(await store.identities.listByContact(contact?.id ?? 0)).toEqual([]);
    expect(family.inbox()).toEqual([]);
    expect(goneOnSlack.inbox()).toEqual([]);
    expect(
      (await store.identities.listByContact(done?.id ?? 0)).map((identity) => identity.platformUserId),
    ).toEqual(['U0DONE']);

    // A second run (now without the routing filter) walks only who is still unlinked: Ana is not
    // looked up nor welcomed again, Eve is linked.
    const again = await matchContactsByEmail({ store, channel, linkService: links });
    expect(again).toMatchObject({ lookedUp: 2, matched: 1, notFoundOnSlack: 1, ambiguous: 2, skipped: 1 });
    expect(lookups.slice(2)).toEqual([
      expect.stringContaining('bo%40example.com'),
      expect.stringContaining('eve%40example.com'),
    ]);
    expect(anaOnSlack.inbox().filter((message) => /all set/.test(message.text ?? ''))).toHaveLength(1);
  });

  it('retries an address Slack answered 429 for, after the pause', async () => {
    const { slack, channel, store, links, lookups } = await world();
    await seedWithEmail(store, [{ phone: phoneOf(1), email: 'ana@example.com' }]);
    slack.users.create({ name: 'ana', email: 'ana@example.com' });
    slack.faults.schedule({ kind: 'rate-limit', method: 'users.lookupByEmail', retryAfterMs: 1_000 });
    const report = await matchContactsByEmail({ store, channel, linkService: links });
    expect(report).toMatchObject({ lookedUp: 1, matched: 1, failed: 0 });
    expect(lookups).toHaveLength(2);
  });

  it('stops when asked and refuses to walk contacts whatever their consent', async () => {
    const { channel, store, links, lookups } = await world();
    await seedWithEmail(store, [{ phone: phoneOf(1), email: 'ana@example.com' }]);
    const controller = new AbortController();
    controller.abort(new Error('operator stopped'));
    const report = await matchContactsByEmail({
      store,
      channel,
      linkService: links,
      signal: controller.signal,
    });
    expect(report).toMatchObject({ stopped: true, lookedUp: 0 });
    expect(lookups).toEqual([]);
    await expect(
      matchContactsByEmail({ store, channel, linkService: links, audience: { consent: 'any' } }),
    ).rejects.toThrow(/opted-out/);
  });
});

describe('link service: e-mail matches', () => {
  it('links exactly one contact, refuses shared and unknown addresses and opted-out contacts silently', async () => {
    const { slack, store, links } = await world();
    const [solo, , , gone] = await seedWithEmail(store, [
      { phone: phoneOf(1), email: 'solo@example.com' },
      { phone: phoneOf(2), email: 'shared@example.com' },
      { phone: phoneOf(3), email: 'shared@example.com' },
      { phone: phoneOf(4), email: 'gone@example.com', consent: 'opt-out' },
    ]);
    const user = slack.users.create({ name: 'someone', email: 'x@example.com' });
    const event = (email: string) =>
      ({
        channel: 'slack',
        type: 'email-match',
        sender: { id: user.id },
        eventId: `email:${user.id}`,
        at: 5_000,
        email,
      }) as const;
    expect(await links.handle(event('nobody@example.com'))).toEqual({
      status: 'refused',
      reason: 'not-found',
      reply: undefined,
    });
    expect(await links.handle(event('shared@example.com'))).toEqual({
      status: 'refused',
      reason: 'ambiguous',
      reply: undefined,
    });
    expect(await links.handle(event('gone@example.com'))).toEqual({
      status: 'refused',
      reason: 'opted-out',
      reply: undefined,
    });
    expect(await store.identities.listByContact(gone?.id ?? 0)).toEqual([]);
    expect(user.inbox()).toEqual([]);
    expect(await links.handle(event('SOLO@example.com'))).toMatchObject({
      status: 'linked',
      identity: { contactId: solo?.id, method: 'email', platformUserId: user.id },
      welcome: { status: 'sent' },
    });
    expect(user.inbox()).toHaveLength(1);
  });
});
