import { type Api, HttpError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelegramEmulator } from '../src/telegram/index.js';
import { grammyErrorOf, manualClock, startTelegram } from './telegram-helpers.js';

let emulator: TelegramEmulator;
let api: Api;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock();
  ({ emulator, api } = await startTelegram({ clock }));
});

afterEach(async () => {
  await emulator.stop();
});

/** Users who each opened the bot, so it may write to them. */
function startedUsers(count: number) {
  return Array.from({ length: count }, (_, index) =>
    emulator.users.create({ firstName: `User ${index}`, started: true }),
  );
}

describe('TelegramEmulator: flood control', () => {
  it('never lets more than one message a second into a chat when the client paces', async () => {
    const [user] = startedUsers(1);
    for (let index = 0; index < 10; index++) {
      await api.sendMessage(user!.id, `message ${index}`);
      clock.advance(1000);
    }
    expect(emulator.ledger.forRecipient(String(user!.id))).toHaveLength(10);
    expect(emulator.stats.maxPerSecond(`chat:${user!.id}`)).toBe(1);
    expect(emulator.stats.snapshot().rejected).toBe(0);
  });

  it('tolerates a burst of 3 into one chat, then answers 429 with retry_after', async () => {
    const [user] = startedUsers(1);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) => api.sendMessage(user!.id, `burst ${index}`)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    const error = await grammyErrorOf(api.sendMessage(user!.id, 'one more'));
    expect(error.error_code).toBe(429);
    expect(error.description).toBe('Too Many Requests: retry after 3');
    expect(error.parameters.retry_after).toBe(3);
    clock.advance(2500);
    expect((await grammyErrorOf(api.sendMessage(user!.id, 'too early'))).parameters.retry_after).toBe(1);
    clock.advance(500);
    expect(await api.sendMessage(user!.id, 'after waiting')).toMatchObject({ text: 'after waiting' });
    expect(emulator.stats.maxPerSecond(`chat:${user!.id}`)).toBe(3);
    expect(emulator.stats.snapshot().rejectedByReason).toEqual({
      'Too Many Requests: retry after 3': 3,
      'Too Many Requests: retry after 1': 1,
    });
  });

  it('caps all chats together at 30 a second unless the send is a paid broadcast', async () => {
    const users = startedUsers(35);
    const normal = await Promise.allSettled(users.map((user) => api.sendMessage(user.id, 'news')));
    expect(normal.filter((result) => result.status === 'fulfilled')).toHaveLength(30);
    const refused = normal.filter((result) => result.status === 'rejected');
    expect(refused.map((result) => (result.reason as { parameters: unknown }).parameters)).toEqual(
      Array(5).fill({ retry_after: 1 }),
    );
    expect(emulator.stats.maxPerSecond('global')).toBe(30);

    clock.advance(1000);
    const paid = await Promise.allSettled(
      users.map((user) => api.sendMessage(user.id, 'paid news', { allow_paid_broadcast: true })),
    );
    expect(paid.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(emulator.stats.maxPerSecond('global')).toBe(35);
  });

  it('caps a group at 20 messages a minute', async () => {
    const group = emulator.groups.create({ title: 'Ferry fans' });
    for (let index = 0; index < 20; index++) {
      await api.sendMessage(group.id, `post ${index}`);
      clock.advance(1000);
    }
    const error = await grammyErrorOf(api.sendMessage(group.id, 'post 21'));
    expect(error.parameters.retry_after).toBe(40);
    expect(group.inbox()).toHaveLength(20);
  });

  it('honours custom limits', async () => {
    await emulator.stop();
    ({ emulator, api } = await startTelegram({ clock, limits: { perChatBurst: 1 } }));
    const [user] = startedUsers(1);
    await api.sendMessage(user!.id, 'one');
    expect((await grammyErrorOf(api.sendMessage(user!.id, 'two'))).parameters.retry_after).toBe(1);
  });
});

describe('TelegramEmulator: injected faults', () => {
  it('answers an injected 5xx in Telegram’s shape and delivers nothing', async () => {
    const [user] = startedUsers(1);
    emulator.faults.schedule({ kind: 'server-error', method: 'sendMessage' });
    const error = await grammyErrorOf(api.sendMessage(user!.id, 'hello'));
    expect([error.error_code, error.description]).toEqual([502, 'Bad Gateway']);
    expect(emulator.ledger.size).toBe(0);
    expect(emulator.stats.snapshot().faultsInjected).toEqual({ 'server-error': 1 });
  });

  it('answers an injected 429 with retry_after in whole seconds', async () => {
    const [user] = startedUsers(1);
    emulator.faults.schedule({ kind: 'rate-limit', retryAfterMs: 4200 });
    const error = await grammyErrorOf(api.sendMessage(user!.id, 'hello'));
    expect([error.error_code, error.description, error.parameters.retry_after]).toEqual([
      429,
      'Too Many Requests: retry after 5',
      5,
    ]);
  });

  it('delivers the message but drops the response on a drop-response fault', async () => {
    const [user] = startedUsers(1);
    emulator.faults.schedule({ kind: 'drop-response', method: 'sendMessage' });
    await expect(api.sendMessage(user!.id, 'did it arrive?')).rejects.toBeInstanceOf(HttpError);
    expect(user!.inbox().map((message) => message.text)).toEqual(['did it arrive?']);
    expect(emulator.ledger.forRecipient(String(user!.id))).toHaveLength(1);
  });

  it('spares reads from random faults: only send and edit methods are eligible', async () => {
    await emulator.stop();
    ({ emulator, api } = await startTelegram({ clock, faults: { seed: 3, serverError: 1 } }));
    const [user] = startedUsers(1);
    expect(await api.getMe()).toMatchObject({ is_bot: true });
    expect(await api.getUpdates()).toEqual([]);
    expect((await grammyErrorOf(api.sendMessage(user!.id, 'x'))).error_code).toBe(502);
  });
});
