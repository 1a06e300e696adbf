import type { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimulatedTelegramUser, TelegramEmulator } from '../src/telegram/index.js';
import { grammyErrorOf, startTelegram } from './telegram-helpers.js';

let emulator: TelegramEmulator;
let api: Api;
let alice: SimulatedTelegramUser;

beforeEach(async () => {
  ({ emulator, api } = await startTelegram());
  alice = emulator.users.create({ firstName: 'Alice' });
});

afterEach(async () => {
  await emulator.stop();
});

describe('TelegramEmulator setMessageReaction', () => {
  it('sets, replaces and removes the bot’s reaction on a user’s message and on its own', async () => {
    const update = alice.sendText('I paid the invoice');
    const incoming = update.message?.message_id ?? 0;
    expect(await api.setMessageReaction(alice.id, incoming, [{ type: 'emoji', emoji: '👍' }])).toBe(true);
    expect(alice.botReactions(incoming)).toEqual([{ type: 'emoji', emoji: '👍' }]);
    await api.setMessageReaction(alice.id, incoming, [{ type: 'emoji', emoji: '🎉' }]);
    expect(alice.botReactions(incoming)).toEqual([{ type: 'emoji', emoji: '🎉' }]);
    await api.setMessageReaction(alice.id, incoming, []);
    expect(alice.botReactions(incoming)).toEqual([]);
    const own = await api.sendMessage(alice.id, 'Thanks!');
    await api.setMessageReaction(alice.id, own.message_id, [{ type: 'emoji', emoji: '❤' }], { is_big: true });
    expect(alice.botReactions(own.message_id)).toEqual([{ type: 'emoji', emoji: '❤' }]);
    expect(emulator.ledger.entries((entry) => entry.method === 'setMessageReaction')).toHaveLength(4);
  });

  it('answers REACTION_INVALID, REACTIONS_TOO_MANY, MESSAGE_ID_INVALID and chat not found', async () => {
    const incoming = alice.sendText('hello').message?.message_id ?? 0;
    for (const reaction of [
      [{ type: 'emoji', emoji: '🦖' }],
      [{ type: 'emoji', emoji: '❤️' }],
      [{ type: 'custom_emoji', custom_emoji_id: '5368324170671202286' }],
    ]) {
      const error = await grammyErrorOf(api.setMessageReaction(alice.id, incoming, reaction as never));
      expect([error.error_code, error.description]).toEqual([400, 'Bad Request: REACTION_INVALID']);
    }
    const tooMany = await grammyErrorOf(
      api.setMessageReaction(alice.id, incoming, [
        { type: 'emoji', emoji: '👍' },
        { type: 'emoji', emoji: '🔥' },
      ]),
    );
    expect(tooMany.description).toBe('Bad Request: REACTIONS_TOO_MANY');
    const missing = await grammyErrorOf(
      api.setMessageReaction(alice.id, 9999, [{ type: 'emoji', emoji: '👍' }]),
    );
    expect(missing.description).toBe('Bad Request: MESSAGE_ID_INVALID');
    const nowhere = await grammyErrorOf(
      api.setMessageReaction(42, incoming, [{ type: 'emoji', emoji: '👍' }]),
    );
    expect(nowhere.description).toBe('Bad Request: chat not found');
    expect(alice.botReactions(incoming)).toEqual([]);
  });

  it('is refused with 403 once the user blocked the bot', async () => {
    const incoming = alice.sendText('hello').message?.message_id ?? 0;
    alice.block();
    const blocked = await grammyErrorOf(
      api.setMessageReaction(alice.id, incoming, [{ type: 'emoji', emoji: '👍' }]),
    );
    expect([blocked.error_code, blocked.description]).toEqual([
      403,
      'Forbidden: bot was blocked by the user',
    ]);
  });
});
