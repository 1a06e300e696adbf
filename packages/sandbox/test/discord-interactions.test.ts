import { createPublicKey, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  DiscordEmulator,
  DiscordEmulatorOptions,
  DiscordInteractionPayload,
} from '../src/discord/index.js';
import { openDm, startDiscord, stopStartedDiscords } from './discord-helpers.js';

type Handler = (interaction: DiscordInteractionPayload) => unknown;

interface App {
  readonly url: string;
  readonly received: DiscordInteractionPayload[];
  handler: Handler;
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A minimal HTTP interactions app: verifies Ed25519 with node:crypto and the advertised public key. */
async function startApp(publicKeyHex: string, options: { checkSignature?: boolean } = {}): Promise<App> {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') },
    format: 'jwk',
  });
  const app: App = { url: '', received: [], handler: () => ({ type: 5 }) };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const signature = String(req.headers['x-signature-ed25519'] ?? '');
    const timestamp = String(req.headers['x-signature-timestamp'] ?? '');
    const valid = verify(null, Buffer.from(timestamp + body), key, Buffer.from(signature, 'hex'));
    if (options.checkSignature !== false && !valid) {
      res.writeHead(401).end('invalid request signature');
      return;
    }
    const interaction = JSON.parse(body) as DiscordInteractionPayload;
    const answer = interaction.type === 1 ? { type: 1 } : await app.handler(interaction);
    if (interaction.type !== 1) app.received.push(interaction);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return Object.assign(app, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`,
  });
}

afterEach(stopStartedDiscords);

async function setup(options: DiscordEmulatorOptions = {}) {
  const { emulator, rest, credentials } = await startDiscord(options);
  const app = await startApp(credentials.publicKey);
  return { emulator, rest, app, credentials };
}

async function dmWithMessage(emulator: DiscordEmulator, rest: REST, body: Record<string, unknown>) {
  const user = emulator.users.create({ username: 'Ada' });
  const channelId = await openDm(rest, user.id);
  const message = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
  return { user, channelId, messageId: message.id };
}

const consentButtons = {
  content: 'Continue on Discord?',
  components: [
    {
      type: 1,
      components: [
        { type: 2, style: 3, label: 'Yes', custom_id: 'consent:yes' },
        { type: 2, style: 4, label: 'No', custom_id: 'consent:no' },
        { type: 2, style: 5, label: 'Why?', url: 'https://example.com/why' },
      ],
    },
    {
      type: 1,
      components: [
        {
          type: 3,
          custom_id: 'lang',
          options: [
            { label: 'English', value: 'en' },
            { label: 'Français', value: 'fr' },
          ],
        },
      ],
    },
  ],
};

describe('Discord interactions', () => {
  it('saves an interactions URL only after a signed PING gets {type:1} and a forged one gets 401', async () => {
    const { emulator, credentials, app } = await setup();
    await emulator.setInteractionsUrl(app.url);

    const careless = await startApp(credentials.publicKey, { checkSignature: false });
    await expect(emulator.setInteractionsUrl(careless.url)).rejects.toThrow(
      /wrong signature got 200 instead of 401/,
    );
    const silent = `${emulator.baseUrl}/not-an-app`;
    await expect(emulator.setInteractionsUrl(silent)).rejects.toThrow(/could not be verified/);

    const user = emulator.users.create({ username: 'Ada' });
    emulator.users.get(user.id)!.sendDm('hello');
    await emulator.setInteractionsUrl(undefined);
    expect(emulator.inboundDms()).toEqual([expect.objectContaining({ deliveredViaGateway: false })]);
  });

  it('delivers a signed button press for a real component and applies an UPDATE_MESSAGE response', async () => {
    const { emulator, rest, app } = await setup();
    await emulator.setInteractionsUrl(app.url);
    const { user, channelId, messageId } = await dmWithMessage(emulator, rest, consentButtons);
    app.handler = () => ({ type: 7, data: { content: 'Thanks, you are in.', components: [] } });

    const delivery = await user.pressButton(messageId, 'consent:yes');
    expect(delivery).toMatchObject({ via: 'http', status: 200, response: { type: 7 } });
    expect(delivery.error).toBeUndefined();
    const [interaction] = app.received;
    expect(interaction).toMatchObject({
      type: 3,
      application_id: emulator.app.applicationId,
      channel_id: channelId,
      user: { id: user.id },
      data: { custom_id: 'consent:yes', component_type: 2 },
      message: { id: messageId },
    });
    expect(interaction?.id).toMatch(/^\d+$/);
    expect(interaction?.token).toEqual(expect.any(String));
    expect(emulator.message(messageId)).toMatchObject({ content: 'Thanks, you are in.', components: [] });
    expect(emulator.interactionDeliveries()).toHaveLength(1);

    await expect(user.pressButton(messageId, 'consent:maybe')).rejects.toThrow(/no button/);
  });

  it('delivers select values and refuses values the menu does not offer', async () => {
    const { emulator, rest, app } = await setup();
    await emulator.setInteractionsUrl(app.url);
    const { user, messageId } = await dmWithMessage(emulator, rest, consentButtons);
    app.handler = () => ({ type: 6 });
    const delivery = await user.selectOption(messageId, 'lang', ['fr']);
    expect(delivery.response).toEqual({ type: 6 });
    expect(app.received[0]?.['data']).toEqual({ custom_id: 'lang', component_type: 3, values: ['fr'] });
    await expect(user.selectOption(messageId, 'lang', ['de'])).rejects.toThrow(/no option "de"/);
    await expect(user.selectOption(messageId, 'lang', ['en', 'fr'])).rejects.toThrow(/between 1 and 1/);
  });

  it('runs a registered slash command, opens a modal, submits it and records the reply', async () => {
    const { emulator, rest, app } = await setup();
    await emulator.setInteractionsUrl(app.url);
    const appId = emulator.app.applicationId;
    await rest.put(Routes.applicationCommands(appId), {
      body: [
        {
          name: 'link',
          description: 'Link your WhatsApp contact',
          options: [{ type: 3, name: 'code', description: 'The code from WhatsApp', required: true }],
        },
      ],
    });
    expect(emulator.commands().map((command) => command['name'])).toEqual(['link']);
    const user = emulator.users.create({ username: 'Ada' });
    const modal = {
      custom_id: 'confirm-link',
      title: 'Confirm your account',
      components: [{ type: 18, label: 'Email', component: { type: 4, custom_id: 'email', style: 1 } }],
    };
    app.handler = (interaction) =>
      interaction.type === 2
        ? { type: 9, data: modal }
        : { type: 4, data: { content: `Linked ${JSON.stringify(interaction['data'])}` } };

    const command = await user.runCommand('link', { code: 'ABC' });
    expect(command.response).toEqual({ type: 9, data: modal });
    expect(app.received[0]?.['data']).toMatchObject({
      name: 'link',
      type: 1,
      options: [{ name: 'code', type: 3, value: 'ABC' }],
    });

    const submitted = await user.submitModal('confirm-link', { email: 'ada@example.com' });
    expect(submitted.error).toBeUndefined();
    expect(app.received[1]).toMatchObject({
      type: 5,
      data: {
        custom_id: 'confirm-link',
        components: [{ type: 18, component: { type: 4, custom_id: 'email', value: 'ada@example.com' } }],
      },
    });
    const reply = emulator.messagesIn(user.dmChannelId!).at(-1);
    expect(reply?.content).toContain('ada@example.com');
    expect(emulator.ledger.entries()).toEqual([
      expect.objectContaining({
        method: 'POST /interactions/:id/:token/callback',
        recipient: user.dmChannelId,
      }),
    ]);
    await expect(user.submitModal('confirm-link', { email: 'again' })).rejects.toThrow(
      /has not opened a modal/,
    );
    await expect(user.runCommand('unlink')).rejects.toThrow(/No slash command/);
    await expect(user.runCommand('link')).rejects.toThrow(/needs the option "code"/);
  });

  it('refuses an invalid modal (title over 45) and does not open it', async () => {
    const { emulator, rest, app } = await setup();
    await emulator.setInteractionsUrl(app.url);
    await rest.post(Routes.applicationCommands(emulator.app.applicationId), {
      body: { name: 'start', description: 'Start' },
    });
    app.handler = () => ({
      type: 9,
      data: {
        custom_id: 'm',
        title: 't'.repeat(46),
        components: [{ type: 1, components: [{ type: 4, custom_id: 'x', style: 1, label: 'X' }] }],
      },
    });
    const user = emulator.users.create({ username: 'Ada' });
    const delivery = await user.runCommand('start');
    expect(delivery.response).toBeUndefined();
    expect(delivery.error).toContain(
      '"title":{"_errors":[{"code":"BASE_TYPE_BAD_LENGTH","message":"Must be between 1 and 45 in length."}]',
    );
    await expect(user.submitModal('m', { x: 'y' })).rejects.toThrow(/has not opened a modal/);
  });

  it('supports a deferred reply edited through @original, follow-ups, and 40060 on a second response', async () => {
    const { emulator, rest, app } = await setup();
    await emulator.setInteractionsUrl(app.url);
    const { user, channelId, messageId } = await dmWithMessage(emulator, rest, consentButtons);
    app.handler = () => ({ type: 5 });
    const delivery = await user.pressButton(messageId, 'consent:no');
    const { id, token } = delivery.interaction;
    const appId = emulator.app.applicationId;

    const original = (await rest.patch(Routes.webhookMessage(appId, token, '@original'), {
      body: { content: 'Done thinking' },
      auth: false,
    })) as { id: string; channel_id: string };
    expect(original.channel_id).toBe(channelId);
    const followUp = (await rest.post(Routes.webhook(appId, token), {
      body: { content: 'One more thing' },
      auth: false,
    })) as {
      content: string;
    };
    expect(followUp.content).toBe('One more thing');
    expect(emulator.ledger.entries().map((entry) => entry.method)).toEqual([
      'POST /channels/:id/messages',
      'PATCH /webhooks/:appId/:token/messages/@original',
      'POST /webhooks/:appId/:token',
    ]);

    const again = await rest
      .post(Routes.interactionCallback(id, token), {
        body: { type: 4, data: { content: 'late' } },
        auth: false,
      })
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(DiscordAPIError);
    expect((again as DiscordAPIError).rawError).toEqual({
      message: 'Interaction has already been acknowledged.',
      code: 40060,
    });
    const unknownToken = await rest
      .post(Routes.webhook(appId, 'no-such-token'), { body: { content: 'x' }, auth: false })
      .catch((error: unknown) => error);
    expect((unknownToken as DiscordAPIError).code).toBe(10015);
  });

  it('accepts the callback endpoint within 3 seconds and answers 10062 after', async () => {
    let now = Date.UTC(2026, 0, 1);
    const { emulator, rest } = await setup({ clock: { now: () => now } });
    const { user, messageId } = await dmWithMessage(emulator, rest, consentButtons);

    const first = await user.pressButton(messageId, 'consent:yes');
    expect(first).toMatchObject({ via: 'none', error: 'no interactions URL and no gateway connection' });
    now += 2000;
    await rest.post(Routes.interactionCallback(first.interaction.id, first.interaction.token), {
      body: { type: 4, data: { content: 'via the callback endpoint' } },
      auth: false,
    });
    expect(emulator.ledger.entries().at(-1)).toMatchObject({
      method: 'POST /interactions/:id/:token/callback',
    });

    const second = await user.pressButton(messageId, 'consent:no');
    now += 3001;
    const late = await rest
      .post(Routes.interactionCallback(second.interaction.id, second.interaction.token), {
        body: { type: 6 },
        auth: false,
      })
      .catch((error: unknown) => error);
    expect((late as DiscordAPIError).rawError).toEqual({ message: 'Unknown interaction', code: 10062 });
  });
});
