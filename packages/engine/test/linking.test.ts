import type { InboundEvent } from '@ferry/core';
import { ManualClock } from '@ferry/core/testing';
import { TelegramEmulator, type telegram } from '@ferry/sandbox';
import { createTelegramChannel, type TelegramChannel } from '@ferry/telegram';

type Update = Parameters<TelegramChannel['handleUpdate']>[0];

import { describe, expect, it } from 'vitest';
import { applyDeliveryStatus } from '../src/campaign/index.js';
import { computeFunnel } from '../src/funnel/index.js';
import { LinkService } from '../src/linking/index.js';
import { onCleanup, openTestStore, phoneOf, seedContacts } from './helpers.js';

const START = Date.UTC(2026, 2, 2, 12, 0, 0);
const SECRET = 'a-test-signing-secret-of-at-least-32-bytes!';

async function world() {
  const clock = new ManualClock(START);
  const emulator = new TelegramEmulator({ clock });
  await emulator.start();
  onCleanup(() => emulator.stop());
  const { token, apiRoot, username } = emulator.credentials();
  const channel = createTelegramChannel({ token, apiRoot, username });
  const store = openTestStore();
  const links = new LinkService({
    store,
    secret: SECRET,
    channels: { telegram: channel },
    clock,
    ttlMs: 86_400_000,
  });
  return { clock, emulator, channel, store, links };
}

/** The events the channel makes of an update the emulator queued, each handled by the link service. */
async function deliver(channel: TelegramChannel, links: LinkService, update: telegram.TelegramUpdate) {
  const events: InboundEvent[] = [];
  await channel.handleUpdate(update as unknown as Update, (event) => {
    events.push(event);
  });
  return Promise.all(events.map((event) => links.handle(event)));
}

function lastText(user: telegram.SimulatedTelegramUser): string | undefined {
  return user.inbox().at(-1)?.text;
}

describe('link service against the Telegram emulator', () => {
  it('links by deep-link token once, with consent evidence and a welcome; refuses reuse, expiry and unknown tokens', async () => {
    const { clock, emulator, channel, store, links } = await world();
    const [ana, bo] = await seedContacts(store, [{ phone: phoneOf(1) }, { phone: phoneOf(2) }]);
    const issued = await links.issue(ana?.id ?? 0, 'telegram');
    expect(issued?.link).toBe(`https://t.me/${emulator.credentials().username}?start=${issued?.token}`);
    const stored = await store.linkTokens.findByTokenId(issued?.tokenId ?? '');
    expect(stored?.hash).not.toContain(issued?.token);

    const user = emulator.users.create({ firstName: 'Ana' });
    const [outcome] = await deliver(channel, links, user.openLink(issued?.link ?? ''));
    expect(outcome).toMatchObject({
      status: 'linked',
      identity: { contactId: ana?.id, method: 'token', platformUserId: String(user.id) },
    });
    expect(lastText(user)).toMatch(/all set/);
    const consents = await store.consents.listByContact(ana?.id ?? 0);
    const link = consents.find((event) => event.kind === 'link');
    expect(link).toMatchObject({ channel: 'telegram', source: 'link-claim', at: START });
    expect(link?.evidence).toContain(issued?.tokenId);
    expect(link?.evidence).not.toContain(issued?.token);

    const thief = emulator.users.create({ firstName: 'Thief' });
    const [reused] = await deliver(channel, links, thief.openLink(issued?.link ?? ''));
    expect(reused).toMatchObject({ status: 'refused', reason: 'reused' });
    expect(lastText(thief)).toMatch(/already used/);
    expect(await store.identities.findByPlatformUser('telegram', String(thief.id))).toBeUndefined();

    const late = await links.issue(bo?.id ?? 0, 'telegram');
    await clock.advance(86_400_000 + 1);
    const slow = emulator.users.create({ firstName: 'Bo' });
    const [expired] = await deliver(channel, links, slow.openLink(late?.link ?? ''));
    expect(expired).toMatchObject({ status: 'refused', reason: 'expired' });
    expect(lastText(slow)).toMatch(/expired/);

    const [unknown] = await deliver(channel, links, slow.openDeepLink('x'.repeat(52)));
    expect(unknown).toMatchObject({ status: 'refused', reason: 'unknown' });
    expect(lastText(slow)).toMatch(/did not recognise/);
  });

  it('never links nor messages a contact who opted out', async () => {
    const { emulator, channel, store, links } = await world();
    const [gone] = await seedContacts(store, [{ phone: phoneOf(3) }]);
    const issued = await links.issue(gone?.id ?? 0, 'telegram');
    await store.consents.append({
      contactId: gone?.id ?? 0,
      kind: 'opt-out',
      channel: 'whatsapp',
      source: 'webhook',
      at: START + 1,
    });
    expect(await links.issue(gone?.id ?? 0, 'telegram')).toBeUndefined();
    const user = emulator.users.create({ firstName: 'Gone' });
    const [outcome] = await deliver(channel, links, user.openLink(issued?.link ?? ''));
    expect(outcome).toMatchObject({ status: 'refused', reason: 'opted-out', reply: undefined });
    expect(user.inbox()).toHaveLength(0);
    expect(await store.identities.listByContact(gone?.id ?? 0)).toEqual([]);
  });

  it('links by a shared phone number through the same service, and says so when nobody matches', async () => {
    const { emulator, channel, store, links } = await world();
    const [carla] = await seedContacts(store, [{ phone: phoneOf(4) }]);
    const user = emulator.users.create({ firstName: 'Carla', phone: phoneOf(4), started: true });
    const [outcome] = await deliver(channel, links, user.shareContact());
    expect(outcome).toMatchObject({ status: 'linked', identity: { contactId: carla?.id, method: 'phone' } });
    const stranger = emulator.users.create({ firstName: 'Dan', phone: '+4915100000000', started: true });
    const [missing] = await deliver(channel, links, stranger.shareContact());
    expect(missing).toMatchObject({ status: 'refused', reason: 'not-found' });
    expect(lastText(stranger)).toMatch(/could not find you/);
  });
});

describe('funnel', () => {
  it('counts notified, delivered, read, linked and active per campaign, target, country and language', async () => {
    const { emulator, channel, store, links } = await world();
    const contacts = await seedContacts(store, [
      { phone: phoneOf(10, '+55119'), country: 'BR', language: 'pt_BR' },
      { phone: phoneOf(11, '+55119'), country: 'BR', language: 'pt_BR' },
      { phone: phoneOf(12, '+55119'), country: 'BR', language: 'pt_BR' },
      { phone: phoneOf(13, '+39333'), country: 'IT', language: 'it' },
    ]);
    await store.campaigns.create(
      { id: 'notice', name: 'notice', channel: 'whatsapp', audience: {}, message: null },
      START,
    );
    const ids = contacts.map((contact) => contact.id);
    await store.journal.enqueue('notice', ids, START);
    await store.journal.applyTransitions(
      ids.map((contactId) => ({
        campaignId: 'notice',
        contactId,
        to: 'in-flight',
        callbackData: `notice:${contactId}`,
        at: START,
      })),
    );
    // The statuses arrive from WhatsApp webhooks; the first one also reconciles the in-flight send.
    for (const [index, contactId] of ids.entries()) {
      const messageId = `wamid.${contactId}`;
      expect(
        await applyDeliveryStatus(store, {
          messageId,
          status: 'sent',
          callbackData: `notice:${contactId}`,
          at: START + 1,
        }),
      ).toBe('reconciled');
      if (index < 3) await applyDeliveryStatus(store, { messageId, status: 'delivered', at: START + 2 });
      if (index < 2) await applyDeliveryStatus(store, { messageId, status: 'read', at: START + 3 });
    }
    for (const contact of contacts.slice(0, 2)) {
      const issued = await links.issue(contact.id, 'telegram');
      const user = emulator.users.create({ firstName: `U${contact.id}` });
      await deliver(channel, links, user.openLink(issued?.link ?? ''));
      if (contact === contacts[0]) await deliver(channel, links, user.sendText('hello from Telegram'));
    }

    const funnel = await computeFunnel(store, { campaignIds: ['notice'], targets: ['telegram'] });
    const brazil = funnel.rows.find((row) => row.country === 'BR');
    expect(brazil?.counts).toEqual({ notified: 3, delivered: 3, read: 2, linked: 2, active: 1 });
    expect(brazil?.rates).toMatchObject({ delivered: 1, linked: 2 / 3, active: 0.5 });
    expect(brazil?.language).toBe('pt_BR');
    expect(funnel.rows.find((row) => row.country === 'IT')?.counts).toEqual({
      notified: 1,
      delivered: 0,
      read: 0,
      linked: 0,
      active: 0,
    });
    expect(funnel.totals[0]?.counts).toEqual({ notified: 4, delivered: 3, read: 2, linked: 2, active: 1 });
    expect(funnel.chart.series).toEqual([{ label: 'notice → telegram', values: [4, 3, 2, 2, 1] }]);
    expect(JSON.parse(JSON.stringify(funnel))).toEqual(funnel);
  });
});
