import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Api, Bot, InlineKeyboard, webhookCallback } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelegramEmulator } from '../src/telegram/index.js';
import { eventQueue, grammyErrorOf, startTelegram } from './telegram-helpers.js';

let emulator: TelegramEmulator;
let api: Api;
const servers: Server[] = [];

beforeEach(async () => {
  ({ emulator, api } = await startTelegram({ webhook: { maxAttempts: 3, retryDelayMs: 5 } }));
});

afterEach(async () => {
  await emulator.stop();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A real HTTP server on 127.0.0.1:0; answers its URL. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
}

describe('TelegramEmulator: long polling', () => {
  it('feeds bot.start() a deep-link /start, a button press and a shared contact', async () => {
    const { token, apiRoot } = emulator.credentials();
    const bot = new Bot(token, { client: { apiRoot } });
    const events = eventQueue<string>();
    bot.command('start', async (context) => {
      await context.reply(`Link ${context.match}?`, {
        reply_markup: new InlineKeyboard().text('Yes', 'link:yes'),
      });
      events.push(`start ${context.match}`);
    });
    bot.on('callback_query:data', async (context) => {
      await context.answerCallbackQuery({ text: 'Linked' });
      await context.editMessageText('Linked!');
      events.push(`pressed ${context.callbackQuery.data}`);
    });
    bot.on('message:contact', (context) => {
      const contact = context.message.contact;
      events.push(
        `contact ${contact.user_id === context.from.id ? 'own' : 'foreign'} ${contact.phone_number}`,
      );
    });
    const running = bot.start();
    const user = emulator.users.create({ firstName: 'Dana', phone: '+4917000000001' });

    user.openLink(emulator.deepLink('wa_4917000000001'));
    expect(await events.next()).toBe('start wa_4917000000001');
    const prompt = user.inbox()[0]!;
    expect(prompt.text).toBe('Link wa_4917000000001?');

    user.pressButton(prompt.message_id, 'link:yes');
    expect(await events.next()).toBe('pressed link:yes');
    expect(user.callbackAnswers()).toMatchObject([{ text: 'Linked' }]);
    expect(user.inbox()[0]).toMatchObject({ text: 'Linked!' });

    user.shareContact();
    expect(await events.next()).toBe('contact own +4917000000001');
    await bot.stop();
    await running;
    expect(emulator.pendingUpdates()).toEqual([]);
  });

  it('holds getUpdates until an update arrives, and confirms by offset', async () => {
    const user = emulator.users.create({ firstName: 'Eve' });
    const held = api.getUpdates({ timeout: 30 });
    while (!emulator.isLongPollHeld) await api.getMe();
    user.sendText('/help me');
    const [update] = await held;
    expect(update?.message).toMatchObject({
      text: '/help me',
      entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      from: { id: user.id, first_name: 'Eve' },
    });
    expect(await api.getUpdates()).toHaveLength(1);
    expect(await api.getUpdates({ offset: update!.update_id + 1 })).toEqual([]);
    user.sendText('a');
    user.sendText('b');
    expect((await api.getUpdates({ limit: 1 })).map((item) => item.message?.text)).toEqual(['a']);
    expect((await api.getUpdates({ offset: -1 })).map((item) => item.message?.text)).toEqual(['b']);
  });

  it('answers an empty list when the long-poll timeout passes', async () => {
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
  });

  it('terminates the older of two pollers with 409 Conflict', async () => {
    const first = grammyErrorOf(api.getUpdates({ timeout: 30 }));
    while (!emulator.isLongPollHeld) await api.getMe();
    const second = api.getUpdates({ timeout: 30 });
    const error = await first;
    expect([error.error_code, error.description]).toEqual([
      409,
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    ]);
    emulator.users.create({ firstName: 'Finn' }).sendText('hi');
    expect(await second).toHaveLength(1);
  });
});

describe('TelegramEmulator: webhooks', () => {
  it('POSTs each update with the secret header and refuses getUpdates meanwhile', async () => {
    const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];
    const url = await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        response.end();
      });
    });
    expect((await grammyErrorOf(api.setWebhook(url, { secret_token: 'not allowed!' }))).description).toBe(
      'Bad Request: secret token contains unallowed characters',
    );
    expect((await grammyErrorOf(api.setWebhook('http://ferry.example/hook'))).description).toBe(
      'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
    );
    expect(await api.setWebhook(url, { secret_token: 'ferry_Secret-1' })).toBe(true);
    const user = emulator.users.create({ firstName: 'Gus' });
    user.sendText('one');
    user.sendText('two');
    await emulator.webhookIdle();
    expect(received.map((item) => item.headers['x-telegram-bot-api-secret-token'])).toEqual([
      'ferry_Secret-1',
      'ferry_Secret-1',
    ]);
    expect(received.map((item) => (item.body as { message: { text: string } }).message.text)).toEqual([
      'one',
      'two',
    ]);
    const conflict = await grammyErrorOf(api.getUpdates());
    expect(conflict.error_code).toBe(409);
    expect(await api.getWebhookInfo()).toMatchObject({ url, pending_update_count: 0, max_connections: 40 });
    expect(await api.deleteWebhook()).toBe(true);
    expect(await api.getUpdates()).toEqual([]);
  });

  it('drives a real grammY webhookCallback that checks the secret, and retries then drops on non-2xx', async () => {
    const { token, apiRoot } = emulator.credentials();
    const bot = new Bot(token, { client: { apiRoot }, botInfo: await api.getMe() });
    bot.on('message:text', (context) => context.reply(`echo: ${context.message.text}`));
    const url = await listen(webhookCallback(bot, 'http', { secretToken: 'right_secret' }));
    const user = emulator.users.create({ firstName: 'Hal' });

    await api.setWebhook(url, { secret_token: 'right_secret' });
    user.sendText('ping');
    await emulator.webhookIdle();
    expect(user.inbox().map((message) => message.text)).toEqual(['echo: ping']);

    await api.setWebhook(url, { secret_token: 'wrong_secret' });
    user.sendText('lost');
    await emulator.webhookIdle();
    expect(user.inbox()).toHaveLength(1);
    expect(emulator.webhookAttempts().map((attempt) => attempt.status)).toEqual([200, 401, 401, 401]);
    expect(await api.getWebhookInfo()).toMatchObject({
      pending_update_count: 0,
      last_error_message: 'Wrong response from the webhook: 401 Unauthorized',
    });
  });

  it('delivers after a transient failure and runs a method returned in the webhook response', async () => {
    let calls = 0;
    const url = await listen((request, response) => {
      request.resume();
      request.on('end', () => {
        calls++;
        if (calls === 1) {
          response.statusCode = 500;
          response.end();
          return;
        }
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ method: 'sendMessage', chat_id: user.id, text: 'replied in the webhook' }),
        );
      });
    });
    const user = emulator.users.create({ firstName: 'Ida' });
    await api.setWebhook(url);
    user.sendText('hello');
    await emulator.webhookIdle();
    expect(calls).toBe(2);
    expect(user.inbox().map((message) => message.text)).toEqual(['replied in the webhook']);
    expect(emulator.ledger.forRecipient(String(user.id))).toHaveLength(1);
  });
});
