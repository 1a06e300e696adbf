import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, ConfigError, InputError } from '@ferry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../src/index.js';
import { startWorld, type TelegramWorld } from './helpers.js';

let world: TelegramWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.emulator.stop();
});

const started = () => String(world.emulator.users.create({ firstName: 'Reader', started: true }).id);

describe('send outcomes through real grammY', () => {
  it('classifies a user who blocked the bot, or never started it, as blocked', async () => {
    const channel = world.channel();
    const blocker = world.emulator.users.create({ firstName: 'Blocker', started: true });
    blocker.block();
    expect(await channel.send(String(blocker.id), { text: 'hi' })).toEqual({
      status: 'blocked',
      reason: 'Forbidden: bot was blocked by the user',
    });
    const stranger = world.emulator.users.create({ firstName: 'Stranger' });
    expect(await channel.send(String(stranger.id), { text: 'hi' })).toEqual({
      status: 'blocked',
      reason: "Forbidden: bot can't initiate conversation with a user",
    });
  });

  it('classifies an unknown chat, and a recipient that is not a chat id, as unknown-recipient', async () => {
    const channel = world.channel();
    expect(await channel.send('987654321987', { text: 'hi' })).toEqual({
      status: 'unknown-recipient',
      reason: 'Bad Request: chat not found',
    });
    expect((await channel.send('+4917000000001', { text: 'hi' })).status).toBe('unknown-recipient');
  });

  it('classifies an injected 429 as rate-limited with its retry-after, and 5xx as transient', async () => {
    const channel = world.channel();
    world.emulator.faults.schedule({ kind: 'rate-limit', method: 'sendMessage', retryAfterMs: 3000 });
    expect(await channel.send(started(), { text: 'hi' })).toEqual({
      status: 'rate-limited',
      retryAfterMs: 3000,
      scope: 'recipient',
    });
    world.emulator.faults.schedule({ kind: 'server-error', method: 'sendMessage' });
    expect(await channel.send(started(), { text: 'hi' })).toEqual({
      status: 'transient',
      reason: 'Bad Gateway',
    });
  });

  it('treats 429s in two chats within a second as the bot-wide limit', async () => {
    const channel = world.channel();
    world.emulator.faults.schedule({
      kind: 'rate-limit',
      method: 'sendMessage',
      retryAfterMs: 1000,
      times: 2,
    });
    expect(await channel.send(started(), { text: 'a' })).toMatchObject({
      status: 'rate-limited',
      scope: 'recipient',
    });
    expect(await channel.send(started(), { text: 'b' })).toMatchObject({
      status: 'rate-limited',
      scope: 'global',
    });
  });

  it('a refused connection is transient; a response lost after sending is ambiguous; the token is never echoed', async () => {
    const { token } = world.emulator.credentials();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = createTelegramChannel({ token, apiRoot: `http://127.0.0.1:${port}` });
    const outcome = await unreachable.send('700000001', { text: 'hi' });
    expect(outcome.status).toBe('transient');
    expect(JSON.stringify(outcome)).not.toContain(token.split(':')[1]);
    const chat = started();
    world.emulator.faults.schedule({ kind: 'drop-response', method: 'sendMessage' });
    const lost = await world.channel().send(chat, { text: 'hi' });
    expect(lost.status).toBe('ambiguous');
    expect(JSON.stringify(lost)).not.toContain(token.split(':')[1]);
    // The message did arrive: a blind retry would have doubled it.
    expect(world.emulator.ledger.forRecipient(chat)).toHaveLength(1);
  });

  it('classifies a 400 as rejected with Telegram’s reason', async () => {
    const outcome = await world.channel().send(started(), {
      text: 'Open',
      buttons: [{ kind: 'url', title: 'Open', url: 'not a url' }],
    });
    expect(outcome).toMatchObject({ status: 'rejected', code: '400' });
    expect(outcome.status === 'rejected' && outcome.reason).toMatch(/^Bad Request: /);
  });

  it('a local file that cannot be read is an InputError naming the path, not a network failure', async () => {
    const channel = world.channel();
    const chat = started();
    const missing = '/nonexistent/ferry/brochure.pdf';
    const error = await channel
      .send(chat, { text: 'Our brochure', media: [{ kind: 'document', source: { path: missing } }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(missing);
    expect(world.emulator.ledger.forRecipient(chat)).toHaveLength(0);
  });

  it('returns every message id of a message sent in several parts', async () => {
    const outcome = await world.channel().send(started(), {
      media: [{ kind: 'image', source: { url: 'https://example.com/a.png' }, caption: 'x'.repeat(1500) }],
    });
    expect(outcome.status).toBe('sent');
    if (outcome.status === 'sent') {
      expect(outcome.ids).toHaveLength(2);
      expect(outcome.id).toBe(outcome.ids[0]);
    }
  });
});

describe('whoAmI and credentials', () => {
  it('says who the bot is and caches the username for inviteLink', async () => {
    const { token, apiRoot } = world.emulator.credentials();
    const channel = createTelegramChannel({ token, apiRoot });
    expect(() => channel.inviteLink('abc')).toThrow(ConfigError);
    expect(await channel.whoAmI()).toEqual({
      id: '123456789',
      name: 'Ferry Sandbox',
      handle: 'ferry_sandbox_bot',
    });
    expect(channel.inviteLink('tok_123-x')).toBe('https://t.me/ferry_sandbox_bot?start=tok_123-x');
    expect(() => channel.inviteLink('not a token!')).toThrow(/1–64 characters/);
  });

  it('refuses a revoked token with AuthError and never echoes it', async () => {
    const revoked = '123456789:AAHrevoked_token_do_not_echo_00000';
    const error = await world
      .channel({ token: revoked })
      .whoAmI()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('auth_failed');
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('revoked_token');
    const sendError = await world
      .channel({ token: revoked })
      .send(started(), { text: 'hi' })
      .catch((caught: unknown) => caught);
    expect(sendError).toBeInstanceOf(AuthError);
  });

  it('refuses to listen with a revoked token, and to serve a webhook without a secret', async () => {
    const revoked = world.channel({ token: '123456789:AAHrevoked_token_do_not_echo_00000' });
    await expect(revoked.listen(() => {})).rejects.toBeInstanceOf(AuthError);
    const request = new Request('http://127.0.0.1/hook', { method: 'POST', body: '{}' });
    await expect(world.channel().handleWebhook(request, () => {})).rejects.toBeInstanceOf(ConfigError);
  });

  it('refuses a malformed token at creation without echoing it', () => {
    const attempt = () => createTelegramChannel({ token: 'not-a-token-secret-value' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).not.toThrow(/secret-value/);
  });
});
