import { Bot } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramEmulator } from '../src/telegram/index.js';

describe('Telegram sendSticker', () => {
  let emulator: TelegramEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
  });

  it('accepts a sticker by URL, records it, and refuses a request without one', async () => {
    emulator = new TelegramEmulator();
    await emulator.start();
    const { token, apiRoot } = emulator.credentials();
    const bot = new Bot(token, { client: { apiRoot } });
    const user = emulator.users.create({ firstName: 'Ada', started: true });
    const sent = await bot.api.sendSticker(user.id, 'https://example.com/sticker.webp');
    expect(sent.sticker?.file_id).toMatch(/^CAACAgI/);
    expect(emulator.ledger.forRecipient(String(user.id))).toHaveLength(1);
    await expect(bot.api.sendSticker(user.id, '')).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: there is no sticker in the request',
    });
  });
});
