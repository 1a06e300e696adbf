import type { InboundEvent, LogLevel } from '@ferry/core';
import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TELEGRAM_SECRET_HEADER } from '../src/index.js';
import { serveWebRequests, startWorld, type TelegramWorld, until } from './helpers.js';

let world: TelegramWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.emulator.stop();
});

describe('receiving by long polling (grammY bot.start against the emulator)', () => {
  it('turns deep links, buttons, contacts, text and /stop into neutral events', async () => {
    const channel = world.channel();
    const events: InboundEvent[] = [];
    const stopper = new AbortController();
    const listening = channel.listen((event) => void events.push(event), { signal: stopper.signal });
    try {
      const dana = world.emulator.users.create({
        firstName: 'Dana',
        lastName: 'K',
        phone: '+49 170 0000001',
      });
      const eve = world.emulator.users.create({ firstName: 'Eve', phone: '+4917000000002', started: true });

      dana.openLink(channel.inviteLink('wa_4917000000001'));
      await until(() => events.length === 1);
      expect(events[0]).toMatchObject({
        channel: 'telegram',
        type: 'link-claim',
        token: 'wa_4917000000001',
        via: 'deep-link',
        sender: { id: String(dana.id), name: 'Dana K', conversationId: String(dana.id) },
      });

      const longId = `topic-${'x'.repeat(100)}`;
      const sent = await channel.send(String(dana.id), {
        text: 'Pick one',
        buttons: [
          { kind: 'reply', id: longId, title: 'Long' },
          { kind: 'reply', id: 'short', title: 'Short' },
        ],
      });
      if (sent.status !== 'sent') throw new Error(`send failed: ${sent.status}`);
      const keyboard = dana.inbox().at(-1)?.reply_markup?.inline_keyboard.flat() ?? [];
      const pressed = keyboard[0] as { callback_data: string };
      expect(pressed.callback_data).not.toBe(longId);
      dana.pressButton(Number(sent.id), pressed.callback_data);
      await until(() => events.length === 2);
      expect(events[1]).toMatchObject({ type: 'choice', id: longId, title: 'Long', messageId: sent.id });
      await until(() => dana.callbackAnswers().length === 1);

      await channel.requestContact(String(dana.id), 'Share your number to link your account');
      expect(dana.keyboard()?.keyboard[0]?.[0]).toMatchObject({ request_contact: true });
      dana.forwardContact(eve);
      dana.shareContact();
      await until(() => events.length === 3);
      expect(events[2]).toMatchObject({
        type: 'contact-shared',
        phone: '+491700000001',
        sender: { id: String(dana.id) },
      });

      dana.sendText('hello there');
      dana.stop();
      await until(() => events.length === 5);
      expect(events.slice(3).map((event) => event.type)).toEqual(['text', 'stop']);
      expect(events[3]).toMatchObject({ type: 'text', text: 'hello there' });

      dana.block();
      await until(() => events.length === 6);
      expect(events[5]).toMatchObject({ type: 'blocked', sender: { id: String(dana.id) } });
    } finally {
      stopper.abort();
      await listening;
    }
  });
});

describe('receiving by webhook (handleWebhook behind node:http)', () => {
  /** A channel expecting `secret`, its webhook served on 127.0.0.1, and a Bot API client. */
  async function webhookRig(secret: string) {
    const channel = world.channel({ webhookSecret: secret });
    const events: InboundEvent[] = [];
    const server = await serveWebRequests((request) =>
      channel.handleWebhook(request, (event) => void events.push(event)),
    );
    const { token, apiRoot } = world.emulator.credentials();
    return { events, server, api: new Api(token, { apiRoot }) };
  }

  it('accepts deliveries with the right secret and turns them into events', async () => {
    const { events, server, api } = await webhookRig('hook_secret-1');
    try {
      await api.setWebhook(server.url, { secret_token: 'hook_secret-1' });
      const user = world.emulator.users.create({ firstName: 'Hooked' });
      user.openDeepLink('claim_token_1');
      await world.emulator.webhookIdle();
      expect(events).toMatchObject([{ type: 'link-claim', token: 'claim_token_1' }]);
      expect(world.emulator.webhookAttempts().at(-1)?.status).toBe(200);
    } finally {
      await api.deleteWebhook();
      await server.close();
    }
  });

  it('a failing handler answers 500, so Telegram delivers again, and the reason reaches the logger', async () => {
    const lines: [LogLevel, string, unknown][] = [];
    const channel = world.channel({
      webhookSecret: 'hook_secret-2',
      logger: { log: (level, message, fields) => void lines.push([level, message, fields]) },
    });
    const update = {
      update_id: 9,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 5, type: 'private' },
        from: { id: 5, is_bot: false, first_name: 'Ada' },
        text: 'hi',
      },
    };
    const response = await channel.handleWebhook(
      new Request('http://127.0.0.1/telegram', {
        method: 'POST',
        headers: { [TELEGRAM_SECRET_HEADER]: 'hook_secret-2', 'content-type': 'application/json' },
        body: JSON.stringify(update),
      }),
      () => {
        throw new Error('the store is down');
      },
    );
    expect(response.status).toBe(500);
    expect(lines).toEqual([['error', 'telegram webhook handler failed', { reason: 'the store is down' }]]);
  });

  it('rejects deliveries with a wrong or missing secret (401), and Telegram gives up after retrying', async () => {
    const { events, server, api } = await webhookRig('the_expected_secret');
    try {
      await api.setWebhook(server.url, { secret_token: 'an_attackers_guess' });
      world.emulator.users.create({ firstName: 'Forged' }).openDeepLink('stolen');
      await world.emulator.webhookIdle();
      expect(events).toEqual([]);
      expect(world.emulator.webhookAttempts().at(-1)?.status).toBe(401);
      const bare = await fetch(server.url, { method: 'POST', body: JSON.stringify({ update_id: 5 }) });
      expect(bare.status).toBe(401);
      const right = await fetch(server.url, {
        method: 'POST',
        headers: { [TELEGRAM_SECRET_HEADER]: 'the_expected_secret' },
        body: 'not json',
      });
      expect(right.status).toBe(400);
    } finally {
      await api.deleteWebhook();
      await server.close();
    }
  });
});
