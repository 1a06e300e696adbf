import type { ChannelName, Contact } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { openTestStore, seedContacts } from '../../test/helpers.js';
import { computeFunnel } from './funnel.js';

const START = 1_000;

/** The plan's routing as a user would write it: Spain moves to Slack, everyone else to Telegram. */
function routeBySpain(contact: Contact): ChannelName | 'stay' {
  if (contact.country === 'BR') return 'stay';
  return contact.country === 'ES' ? 'slack' : 'telegram';
}

async function sentCampaign(contactIds: readonly number[], store: ReturnType<typeof openTestStore>) {
  await store.campaigns.create(
    { id: 'notice', name: 'notice', channel: 'whatsapp', audience: {}, message: null },
    START,
  );
  await store.journal.enqueue('notice', contactIds, START);
  await store.journal.applyTransitions(
    contactIds.map((contactId) => ({
      campaignId: 'notice',
      contactId,
      to: 'sent',
      platformMessageId: `wamid.${contactId}`,
      at: START,
    })),
  );
}

describe('computeFunnel with two targets', () => {
  it('counts each recipient under exactly one target: where they linked, else where routing sends them', async () => {
    const store = openTestStore();
    const contacts = await seedContacts(store, [
      { phone: '+34600000001', country: 'ES' },
      { phone: '+34600000002', country: 'ES', linked: { channel: 'slack', userId: 'U1' } },
      { phone: '+39300000003', country: 'IT' },
      { phone: '+39300000004', country: 'IT', linked: { channel: 'telegram', userId: '4' } },
      // Routed to Slack but chose Telegram: counted where they went, not twice.
      { phone: '+34600000005', country: 'ES', linked: { channel: 'telegram', userId: '5' } },
      // Stays on WhatsApp: in no target's funnel.
      { phone: '+5511900000006', country: 'BR' },
    ]);
    await sentCampaign(
      contacts.map((contact) => contact.id),
      store,
    );
    await store.journal.recordDelivery(`wamid.${contacts[0]?.id}`, 'delivered', START + 1);
    await store.history.append([
      {
        contactId: contacts[1]?.id ?? 0,
        channel: 'slack',
        direction: 'inbound',
        text: 'hola',
        at: START + 5,
      },
    ]);

    const funnel = await computeFunnel(store, {
      campaignIds: ['notice'],
      targets: ['telegram', 'slack'],
      targetOf: routeBySpain,
    });

    const total = (target: ChannelName) => funnel.totals.find((row) => row.target === target)?.counts;
    expect(total('slack')).toEqual({ notified: 2, delivered: 1, read: 0, linked: 1, active: 1 });
    expect(total('telegram')).toEqual({ notified: 3, delivered: 0, read: 0, linked: 2, active: 0 });
    const notified = funnel.totals.reduce((sum, row) => sum + row.counts.notified, 0);
    expect(notified).toBe(5);
    expect(funnel.rows.some((row) => row.country === 'BR')).toBe(false);
  });

  it('without a routing function counts everyone who has not linked under the first target', async () => {
    const store = openTestStore();
    const contacts = await seedContacts(store, [
      { phone: '+34600000001', country: 'ES' },
      { phone: '+34600000002', country: 'ES', linked: { channel: 'slack', userId: 'U1' } },
    ]);
    await sentCampaign(
      contacts.map((contact) => contact.id),
      store,
    );

    const funnel = await computeFunnel(store, { campaignIds: ['notice'], targets: ['telegram', 'slack'] });

    expect(funnel.chart.series).toEqual([
      { label: 'notice → slack', values: [1, 0, 0, 1, 0] },
      { label: 'notice → telegram', values: [1, 0, 0, 0, 0] },
    ]);
  });
});

describe('computeFunnel and platform timestamps', () => {
  it('counts a message stamped in the second of the link as active (platforms stamp to the second), one from the second before not', async () => {
    const store = openTestStore();
    const linkedAt = 1_700_000_000_600;
    const contacts = await seedContacts(store, [{ phone: '+39300000011' }, { phone: '+39300000012' }]);
    await sentCampaign(
      contacts.map((contact) => contact.id),
      store,
    );
    for (const [index, contact] of contacts.entries()) {
      await store.identities.link({
        contactId: contact.id,
        channel: 'slack',
        platformUserId: `U${index}`,
        method: 'token',
        linkedAt,
      });
    }
    await store.history.append([
      // Slack's ts of a message sent 100 ms after the link, read as its whole second.
      {
        contactId: contacts[0]?.id ?? 0,
        channel: 'slack',
        direction: 'inbound',
        text: 'hi',
        at: 1_700_000_000_000,
      },
      {
        contactId: contacts[1]?.id ?? 0,
        channel: 'slack',
        direction: 'inbound',
        text: 'old',
        at: 1_699_999_999_900,
      },
    ]);

    const funnel = await computeFunnel(store, { campaignIds: ['notice'], targets: ['slack'] });

    expect(funnel.totals.find((row) => row.target === 'slack')?.counts).toMatchObject({
      linked: 2,
      active: 1,
    });
  });
});
