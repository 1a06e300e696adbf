import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashLinkToken } from '@ferry/core';
import { WhatsAppEmulator } from '@ferry/sandbox';
import { createTelegramChannel } from '@ferry/telegram';
import { createWhatsAppChannel, type WhatsAppStatus } from '@ferry/whatsapp';
import { describe, expect, it } from 'vitest';
import { applyDeliveryStatus, type CampaignDefinition, runCampaign } from '../src/campaign/index.js';
import { computeFunnel } from '../src/funnel/index.js';
import { LinkService } from '../src/linking/index.js';
import { onCleanup, openTestStore, seedContacts } from './helpers.js';

const WE_MOVED = {
  name: 'we_moved',
  language: 'en_US',
  category: 'MARKETING',
  parameter_format: 'NAMED',
  components: [
    { type: 'BODY', text: 'Hi {{first_name}}, we now live on Telegram.' },
    {
      type: 'BUTTONS',
      buttons: [{ type: 'URL', text: 'Continue', url: 'https://t.me/ferry_bot?start={{1}}' }],
    },
  ],
} as const;

const notice: CampaignDefinition = {
  id: 'notice',
  audience: { notLinkedTo: ['telegram'] },
  message: {
    kind: 'template',
    template: {
      name: 'we_moved',
      language: 'en_US',
      body: [{ name: 'first_name', text: '{{name}}' }],
      urlButton: { index: 0, suffix: 'token' },
    },
  },
};

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The WhatsApp emulator, a channel on it whose status webhooks go to the journal, a store and a link service. */
async function whatsappWorld(users: number) {
  const whatsapp = new WhatsAppEmulator({ limits: { tier: 'unlimited' } });
  await whatsapp.start();
  onCleanup(() => whatsapp.stop());
  whatsapp.templates.register(WE_MOVED);
  const store = openTestStore();
  const statuses: WhatsAppStatus[] = [];
  const credentials = whatsapp.credentials();
  const channel = createWhatsAppChannel({
    accessToken: credentials.accessToken,
    phoneNumberId: credentials.phoneNumberId,
    appSecret: credentials.appSecret,
    graphBaseUrl: credentials.graphBaseUrl,
    version: credentials.version,
    displayPhoneNumber: whatsapp.account.displayPhoneNumber,
    statusHandler: async (status) => {
      statuses.push(status);
      await applyDeliveryStatus(store, {
        messageId: status.messageId,
        status: status.status,
        at: status.at,
        ...(status.callbackData === undefined ? {} : { callbackData: status.callbackData }),
      });
    },
  });
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    const answer = await channel.handleWebhook(
      new Request(`http://127.0.0.1${request.url ?? '/'}`, {
        method: request.method ?? 'POST',
        headers,
        body,
      }),
      () => {},
    );
    response.writeHead(answer.status);
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  whatsapp.setWebhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/whatsapp`);
  const people = Array.from({ length: users }, (_, index) =>
    whatsapp.users.create({ phone: `+1631555${String(1000 + index)}`, name: `Person ${index}` }),
  );
  const contacts = await seedContacts(
    store,
    people.map((person, index) => ({
      phone: `+${person.waId}`,
      country: 'US',
      language: 'en_US',
      profileName: `Person ${index}`,
    })),
  );
  const telegram = createTelegramChannel({
    token: '123456789:AAHferry_sandbox_test_token_0000000',
    username: 'ferry_bot',
  });
  const links = new LinkService({
    store,
    secret: 'a-test-signing-secret-of-at-least-32-bytes!',
    channels: { telegram },
  });
  return { whatsapp, channel, store, people, contacts, links, statuses };
}

describe('move notice over the WhatsApp Cloud API emulator', () => {
  it('sends the template once per contact with a personal token in the URL button, and statuses feed the funnel', async () => {
    const world = await whatsappWorld(12);
    const report = await runCampaign({
      store: world.store,
      channel: world.channel,
      campaign: notice,
      links: { issuer: world.links, target: 'telegram' },
    });
    expect(report.run.sent).toBe(12);
    const messages = world.whatsapp.messages();
    expect(messages).toHaveLength(12);
    for (const [index, contact] of world.contacts.entries()) {
      const entry = world.whatsapp.ledger.forRecipient(world.people[index]?.waId ?? '');
      expect(entry).toHaveLength(1);
      const payload = entry[0]?.payload as {
        template: { components: { type: string; parameters: { text: string }[] }[] };
        biz_opaque_callback_data: string;
      };
      expect(payload.biz_opaque_callback_data).toBe(`notice:${contact.id}`);
      const body = payload.template.components.find((component) => component.type === 'body');
      expect(body?.parameters[0]?.text).toBe(`Person ${index}`);
      const token = payload.template.components.find((component) => component.type === 'button')
        ?.parameters[0]?.text;
      const tokens = await world.store.linkTokens.listByContact(contact.id);
      expect(tokens.map((record) => record.hash)).toContain(hashLinkToken(token ?? ''));
    }
    await world.whatsapp.idle();
    const read = world.people[0];
    await read?.read(messages.find((message) => message.to === read.waId)?.id ?? '');
    await world.whatsapp.idle();
    const funnel = await computeFunnel(world.store, { campaignIds: ['notice'], targets: ['telegram'] });
    expect(funnel.totals[0]?.counts).toMatchObject({ notified: 12, delivered: 12, read: 1 });
  });

  it('a send whose answer was lost is ambiguous, then reconciled as sent from its status webhook, never resent', async () => {
    const world = await whatsappWorld(6);
    world.whatsapp.faults.schedule({ kind: 'drop-response', times: 2 });
    const report = await runCampaign({
      store: world.store,
      channel: world.channel,
      campaign: notice,
      links: { issuer: world.links, target: 'telegram' },
    });
    expect(report.run).toMatchObject({ sent: 4, ambiguous: 2 });
    await world.whatsapp.idle();
    expect(await world.store.journal.counts('notice')).toMatchObject({ sent: 6, ambiguous: 0 });
    const again = await runCampaign({
      store: world.store,
      channel: world.channel,
      campaign: notice,
      links: { issuer: world.links, target: 'telegram' },
    });
    expect(again.run.sent).toBe(0);
    const counts = world.whatsapp.ledger.countByRecipient();
    expect([...counts.values()]).toEqual(Array(6).fill(1));
  });
});
