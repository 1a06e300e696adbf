import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../src/discord/index.js';
import { rejection } from './helpers.js';

const started: DiscordEmulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((emulator) => emulator.stop()));
});

async function start() {
  const emulator = new DiscordEmulator({ gateway: false });
  started.push(emulator);
  await emulator.start();
  const { api, botToken } = emulator.credentials();
  const rest = new REST({ api, version: '10', retries: 0 }).setToken(botToken);
  const ada = emulator.users.create({ username: 'Ada' });
  const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: ada.id } })) as {
    id: string;
  };
  return { emulator, rest, channelId: channel.id };
}

async function apiError(call: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await rejection(call);
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

type Message = { id: string; attachments: Record<string, unknown>[]; reactions?: unknown[] };

describe('DiscordEmulator reactions (PUT …/reactions/:emoji/@me)', () => {
  it('adds the bot’s reaction (204), idempotently, and lists it on the message', async () => {
    const { emulator, rest, channelId } = await start();
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: { content: 'hi' },
    })) as Message;
    const answer = await rest.put(
      Routes.channelMessageOwnReaction(channelId, message.id, encodeURIComponent('👍')),
    );
    expect((answer as ArrayBuffer).byteLength).toBe(0);
    await rest.put(Routes.channelMessageOwnReaction(channelId, message.id, encodeURIComponent('👍')));
    await rest.put(Routes.channelMessageOwnReaction(channelId, message.id, encodeURIComponent('❤️')));
    expect(emulator.message(message.id)?.reactions).toEqual([
      { emoji: { id: null, name: '👍' }, count: 1, me: true },
      { emoji: { id: null, name: '❤️' }, count: 1, me: true },
    ]);
    const fetched = (await rest.get(Routes.channelMessage(channelId, message.id))) as Message;
    expect(fetched.reactions).toHaveLength(2);
    expect(emulator.ledger.entries((entry) => entry.method.includes('reactions'))).toHaveLength(3);
  });

  it('answers 10008 for an unknown message and 400 10014 "Unknown Emoji" for anything but an emoji', async () => {
    const { rest, channelId } = await start();
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: { content: 'hi' },
    })) as Message;
    const unknown = await apiError(
      rest.put(Routes.channelMessageOwnReaction(channelId, '123456789012345678', encodeURIComponent('👍'))),
    );
    expect([unknown.status, unknown.rawError]).toEqual([404, { message: 'Unknown Message', code: 10008 }]);
    for (const emoji of ['thumbsup', ':thumbsup:', 'party:123456789012345678', '👍👍'])
      expect(
        (
          await apiError(
            rest.put(Routes.channelMessageOwnReaction(channelId, message.id, encodeURIComponent(emoji))),
          )
        ).rawError,
      ).toEqual({ message: 'Unknown Emoji', code: 10014 });
  });
});

describe('DiscordEmulator multipart message create (payload_json + files[n])', () => {
  it('records uploaded files as attachments, named by payload_json, with their bytes', async () => {
    const { emulator, rest, channelId } = await start();
    const pdf = Buffer.from('%PDF-1.4 sandbox invoice');
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: {
        content: 'Your invoice',
        attachments: [{ id: 0, filename: 'invoice.pdf', description: 'March invoice' }],
      },
      files: [
        { key: 'files[0]', name: 'local-name.pdf', data: pdf, contentType: 'application/pdf' },
        { key: 'files[1]', name: 'photo.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      ],
    })) as Message & { content: string };
    expect(message.content).toBe('Your invoice');
    expect(message.attachments).toEqual([
      expect.objectContaining({
        filename: 'invoice.pdf',
        description: 'March invoice',
        size: pdf.length,
        content_type: 'application/pdf',
      }),
      expect.objectContaining({ filename: 'photo.png', size: 4 }),
    ]);
    const [first] = message.attachments;
    expect(emulator.attachmentData(String(first?.['id']))?.equals(pdf)).toBe(true);
    expect(emulator.messagesIn(channelId).at(-1)?.attachments).toHaveLength(2);
  });

  it('accepts a message that is only a file, still validates payload_json, refuses bodies over 25 MiB', async () => {
    const { emulator, rest, channelId } = await start();
    const fileOnly = (await rest.post(Routes.channelMessages(channelId), {
      files: [{ key: 'files[0]', name: 'a.txt', data: Buffer.from('a') }],
    })) as Message;
    expect(fileOnly.attachments).toHaveLength(1);
    const invalid = await apiError(
      rest.post(Routes.channelMessages(channelId), {
        body: { content: 'x'.repeat(2001) },
        files: [{ key: 'files[0]', name: 'a.txt', data: Buffer.from('a') }],
      }),
    );
    expect(invalid.code).toBe(50035);
    const tooLarge = await apiError(
      rest.post(Routes.channelMessages(channelId), {
        body: { content: 'big' },
        files: [{ key: 'files[0]', name: 'big.bin', data: Buffer.alloc(25 * 1024 * 1024 + 1) }],
      }),
    );
    expect([tooLarge.status, tooLarge.rawError]).toEqual([
      413,
      { message: 'Request entity too large', code: 40005 },
    ]);
    expect(emulator.messagesIn(channelId)).toHaveLength(1);
  });
});
