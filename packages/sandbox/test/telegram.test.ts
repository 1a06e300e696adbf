import { type Api, InlineKeyboard, InputFile, Keyboard } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimulatedTelegramUser, TelegramEmulator } from '../src/telegram/index.js';
import { grammyErrorOf, manualClock, startTelegram } from './telegram-helpers.js';

let emulator: TelegramEmulator;
let api: Api;
let alice: SimulatedTelegramUser;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock();
  ({ emulator, api } = await startTelegram({ clock }));
  alice = emulator.users.create({ firstName: 'Alice', username: 'alice', phone: '+4915112345678' });
  alice.openDeepLink('welcome');
});

afterEach(async () => {
  await emulator.stop();
});

describe('TelegramEmulator: the API surface', () => {
  it('answers getMe with the configured bot and refuses a wrong token or an unknown method', async () => {
    expect(await api.getMe()).toMatchObject({ is_bot: true, username: 'ferry_sandbox_bot', id: 123456789 });
    const { apiRoot } = emulator.credentials();
    const wrongToken = await fetch(`${apiRoot}/bot123:nope/getMe`);
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const unknown = await fetch(`${apiRoot}/bot${emulator.credentials().token}/sendTelepathy`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('accepts form-encoded bodies and case-insensitive method names', async () => {
    const { apiRoot, token } = emulator.credentials();
    const response = await fetch(`${apiRoot}/bot${token}/SENDMESSAGE`, {
      method: 'POST',
      body: new URLSearchParams({
        chat_id: String(alice.id),
        text: 'from a form',
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] }),
      }),
    });
    expect(response.status).toBe(200);
    expect(alice.inbox().at(-1)).toMatchObject({
      text: 'from a form',
      reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
    });
  });

  it('sends a formatted message with an inline keyboard and records it in the ledger and stats', async () => {
    const message = await api.sendMessage(alice.id, '*Hello* [there](https://ferry.example/)\\!', {
      parse_mode: 'MarkdownV2',
      reply_markup: new InlineKeyboard().text('Yes', 'consent:yes').url('Docs', 'https://ferry.example/docs'),
    });
    expect(message).toMatchObject({
      chat: { id: alice.id, type: 'private' },
      from: { is_bot: true },
      text: 'Hello there!',
      entities: [
        { type: 'bold', offset: 0, length: 5 },
        { type: 'text_link', offset: 6, length: 5, url: 'https://ferry.example/' },
      ],
    });
    expect(alice.inbox()).toEqual([message]);
    expect(emulator.ledger.forRecipient(String(alice.id))).toMatchObject([
      { method: 'sendMessage', messageId: String(message.message_id) },
    ]);
    expect(emulator.stats.snapshot()).toMatchObject({ accepted: 1, maxPerSecond: { global: 1 } });
  });

  it('refuses texts Telegram refuses, with its exact descriptions', async () => {
    const cases: [Promise<unknown>, string][] = [
      [api.sendMessage(alice.id, ''), 'Bad Request: message text is empty'],
      [api.sendMessage(alice.id, '   '), 'Bad Request: message text is empty'],
      [api.sendMessage(alice.id, 'x'.repeat(4097)), 'Bad Request: message is too long'],
      [
        api.sendMessage(alice.id, 'Version 1.2', { parse_mode: 'MarkdownV2' }),
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
      ],
      [
        api.sendMessage(alice.id, '<b>bold <i>both</b></i>', { parse_mode: 'HTML' }),
        'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 15, expected "</i>", found "</b>"',
      ],
      [
        api.sendMessage(alice.id, '<blink>hi</blink>', { parse_mode: 'HTML' }),
        'Bad Request: can\'t parse entities: Unsupported start tag "blink" at byte offset 0',
      ],
    ];
    for (const [call, description] of cases) {
      const error = await grammyErrorOf(call);
      expect(error.error_code).toBe(400);
      expect(error.description).toBe(description);
    }
    expect(
      await api.sendMessage(alice.id, `<b>${'x'.repeat(4096)}</b>`, { parse_mode: 'HTML' }),
    ).toMatchObject({
      entities: [{ type: 'bold', offset: 0, length: 4096 }],
    });
    expect(emulator.ledger.size).toBe(1);
    expect(emulator.stats.snapshot().rejectedByReason['Bad Request: message text is empty']).toBe(2);
  });

  it('validates inline keyboards: one action per button, callback data of 1-64 bytes', async () => {
    const send = (markup: unknown) =>
      api.sendMessage(alice.id, 'pick', { reply_markup: markup as InlineKeyboard });
    expect((await grammyErrorOf(send(new InlineKeyboard().text('A', 'x'.repeat(65))))).description).toBe(
      'Bad Request: BUTTON_DATA_INVALID',
    );
    expect((await grammyErrorOf(send(new InlineKeyboard().text('A', 'é'.repeat(33))))).description).toBe(
      'Bad Request: BUTTON_DATA_INVALID',
    );
    expect(
      (await grammyErrorOf(send({ inline_keyboard: [[{ text: 'A', callback_data: '' }]] }))).description,
    ).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect((await grammyErrorOf(send({ inline_keyboard: [[{ text: 'plain' }]] }))).description).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    expect(
      (
        await grammyErrorOf(
          send({ inline_keyboard: [[{ text: 'A', callback_data: 'a', url: 'https://x.y' }]] }),
        )
      ).description,
    ).toBe('Bad Request: BUTTON_TYPE_INVALID');
    expect((await grammyErrorOf(send({ inline_keyboard: [{ text: 'A' }] }))).description).toBe(
      'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
    );
    expect(await send(new InlineKeyboard().text('A', 'x'.repeat(64)))).toMatchObject({ text: 'pick' });
  });

  it('shows a reply keyboard with a contact request; the shared contact carries the user id', async () => {
    await api.sendMessage(alice.id, 'Share your number', {
      reply_markup: new Keyboard().requestContact('Share').oneTime(),
    });
    expect(alice.keyboard()?.keyboard).toEqual([[{ text: 'Share', request_contact: true }]]);
    const bob = emulator.users.create({ firstName: 'Bob', phone: '+4915199999999' });
    alice.shareContact();
    expect(alice.keyboard()).toBeUndefined();
    alice.forwardContact(bob);
    const contacts = (await api.getUpdates()).map((update) => update.message?.contact);
    expect(contacts.slice(-2)).toEqual([
      { phone_number: '+4915112345678', first_name: 'Alice', user_id: alice.id },
      { phone_number: '+4915199999999', first_name: 'Bob', user_id: bob.id },
    ]);
  });

  it('sends photos (uploaded, by file id, by URL), documents, video, audio, locations and contacts', async () => {
    // One message per second into the chat, the pace Telegram asks for.
    const paced = <T>(call: () => Promise<T>) => {
      clock.advance(1000);
      return call();
    };
    const photo = await paced(() =>
      api.sendPhoto(alice.id, new InputFile(Buffer.from('fake png'), 'pic.png'), {
        caption: '<b>Look</b>',
        parse_mode: 'HTML',
      }),
    );
    expect(photo).toMatchObject({
      caption: 'Look',
      caption_entities: [{ type: 'bold', offset: 0, length: 4 }],
    });
    const fileId = photo.photo.at(-1)!.file_id;
    expect(photo.photo.at(-1)?.file_size).toBe(8);
    expect((await paced(() => api.sendPhoto(alice.id, fileId))).photo.at(-1)?.file_id).toBe(fileId);
    expect((await grammyErrorOf(api.sendPhoto(alice.id, 'no-such-file'))).description).toBe(
      'Bad Request: wrong file identifier/HTTP URL specified',
    );
    expect(
      (await grammyErrorOf(api.sendPhoto(alice.id, fileId, { caption: 'c'.repeat(1025) }))).description,
    ).toBe('Bad Request: message caption is too long');
    const document = await paced(() => api.sendDocument(alice.id, 'https://ferry.example/terms.pdf'));
    expect(document.document).toMatchObject({ file_name: 'terms.pdf' });
    expect(
      (await paced(() => api.sendVideo(alice.id, new InputFile(Buffer.from('mp4'))))).video,
    ).toBeDefined();
    expect(
      (await paced(() => api.sendAudio(alice.id, new InputFile(Buffer.from('mp3'))))).audio,
    ).toBeDefined();
    expect((await paced(() => api.sendLocation(alice.id, 52.52, 13.405))).location).toEqual({
      latitude: 52.52,
      longitude: 13.405,
    });
    expect((await paced(() => api.sendContact(alice.id, '+4930123456', 'Ferry'))).contact).toEqual({
      phone_number: '+4930123456',
      first_name: 'Ferry',
    });
    expect(emulator.ledger.entries().map((entry) => entry.method)).toEqual([
      'sendPhoto',
      'sendPhoto',
      'sendDocument',
      'sendVideo',
      'sendAudio',
      'sendLocation',
      'sendContact',
    ]);
    expect(emulator.stats.maxPerSecond(`chat:${alice.id}`)).toBe(1);
  });

  it('edits texts and keyboards, refusing identical edits and other people’s messages', async () => {
    const sent = await api.sendMessage(alice.id, 'Step 1', {
      reply_markup: new InlineKeyboard().text('Next', 'n'),
    });
    const edited = await api.editMessageText(alice.id, sent.message_id, '<i>Step 2</i>', {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard().text('Done', 'd'),
    });
    expect(edited).toMatchObject({ text: 'Step 2', entities: [{ type: 'italic', offset: 0, length: 6 }] });
    expect(alice.inbox()[0]).toMatchObject({
      text: 'Step 2',
      reply_markup: { inline_keyboard: [[{ text: 'Done' }]] },
    });
    const again = await grammyErrorOf(
      api.editMessageText(alice.id, sent.message_id, '<i>Step 2</i>', {
        parse_mode: 'HTML',
        reply_markup: new InlineKeyboard().text('Done', 'd'),
      }),
    );
    expect(again.description).toMatch(/^Bad Request: message is not modified: specified new message content/);
    await api.editMessageReplyMarkup(alice.id, sent.message_id);
    expect(alice.inbox()[0]?.reply_markup).toBeUndefined();
    expect((await grammyErrorOf(api.editMessageText(alice.id, 999, 'x'))).description).toBe(
      'Bad Request: message to edit not found',
    );
    const ownMessageId = alice.sendText('hello').message?.message_id ?? 0;
    expect((await grammyErrorOf(api.editMessageText(alice.id, ownMessageId, 'x'))).description).toBe(
      "Bad Request: message can't be edited",
    );
    expect(emulator.ledger.size).toBe(1);
  });

  it('answers a callback query once, with at most 200 characters', async () => {
    const sent = await api.sendMessage(alice.id, 'Agree?', {
      reply_markup: new InlineKeyboard().text('Yes', 'yes'),
    });
    expect(() => alice.pressButton(sent.message_id, 'no')).toThrow(/no button with callback data "no"/);
    const queryId = alice.pressButton(sent.message_id, 'yes').callback_query?.id ?? '';
    expect(
      (await grammyErrorOf(api.answerCallbackQuery(queryId, { text: 'x'.repeat(201) }))).description,
    ).toBe('Bad Request: MESSAGE_TOO_LONG');
    expect(await api.answerCallbackQuery(queryId, { text: 'Thanks!' })).toBe(true);
    expect((await grammyErrorOf(api.answerCallbackQuery(queryId))).description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
    expect(alice.callbackAnswers()).toEqual([
      { callbackQueryId: queryId, text: 'Thanks!', showAlert: false },
    ]);
  });

  it('refuses unknown chats, users who never started the bot, and users who blocked it', async () => {
    const unknown = await grammyErrorOf(api.sendMessage(424242, 'hi'));
    expect([unknown.error_code, unknown.description]).toEqual([400, 'Bad Request: chat not found']);
    const stranger = emulator.users.create({ firstName: 'Stranger' });
    expect((await grammyErrorOf(api.sendMessage(stranger.id, 'hi'))).description).toBe(
      "Forbidden: bot can't initiate conversation with a user",
    );
    await api.getUpdates({ offset: -1 });
    alice.block();
    const blocked = await grammyErrorOf(api.sendMessage(alice.id, 'still there?'));
    expect([blocked.error_code, blocked.description]).toEqual([
      403,
      'Forbidden: bot was blocked by the user',
    ]);
    expect(() => alice.sendText('hi')).toThrow(/blocked the bot/);
    alice.openDeepLink('back');
    expect(await api.sendMessage(alice.id, 'welcome back')).toMatchObject({ text: 'welcome back' });
    const updates = await api.getUpdates();
    expect(
      updates
        .slice(-3)
        .map((update) => update.my_chat_member?.new_chat_member.status ?? update.message?.text),
    ).toEqual(['kicked', 'member', '/start back']);
  });

  it('passes a valid deep-link payload on, drops an invalid one, and rejects links to other bots', async () => {
    const carol = emulator.users.create({ firstName: 'Carol' });
    carol.openLink('https://t.me/ferry_sandbox_bot?start=abc-DEF_123');
    carol.openDeepLink('has spaces and is not base64url');
    carol.openLink('tg://resolve?domain=ferry_sandbox_bot&start=x');
    expect(() => carol.openLink('https://t.me/other_bot?start=abc')).toThrow(/@other_bot/);
    const texts = (await api.getUpdates()).filter((update) => update.message?.from?.id === carol.id);
    expect(texts.map((update) => update.message?.text)).toEqual(['/start abc-DEF_123', '/start', '/start x']);
    expect(texts[0]?.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
  });

  it('forgets users, messages, limits and the ledger on reset()', async () => {
    await api.sendMessage(alice.id, 'before reset');
    emulator.reset();
    expect(emulator.ledger.size).toBe(0);
    expect((await grammyErrorOf(api.sendMessage(alice.id, 'after reset'))).description).toBe(
      'Bad Request: chat not found',
    );
    expect(await api.getUpdates()).toEqual([]);
  });
});
