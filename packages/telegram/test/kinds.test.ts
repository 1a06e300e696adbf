import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from '@ferry/core';
import { CONTRACT_MESSAGES } from '@ferry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type TelegramWorld } from './helpers.js';

let world: TelegramWorld;
beforeAll(async () => {
  world = await startWorld({ limits: { perChatPerSecond: 100, perChatBurst: 100 } });
});
afterAll(async () => {
  await world.emulator.stop();
});

const started = () => String(world.emulator.users.create({ firstName: 'Reader', started: true }).id);

describe('every message kind is accepted by the emulator’s Telegram parsers', () => {
  const markdown = () => world.channel({ parseMode: 'MarkdownV2', pacing: { perChatPerSecond: 100 } });

  for (const [label, message] of Object.entries(CONTRACT_MESSAGES)) {
    it(`delivers "${label}" in MarkdownV2`, async () => {
      expect(await markdown().send(started(), message)).toMatchObject({ status: 'sent' });
    });
  }

  it('sends video, audio and document by URL, and uploads a local file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ferry-telegram-'));
    const file = join(directory, 'report.txt');
    writeFileSync(file, 'quarterly report');
    const message: Message = {
      media: [
        { kind: 'video', source: { url: 'https://example.com/clip.mp4' }, caption: 'A _clip_' },
        { kind: 'audio', source: { url: 'https://example.com/song.mp3' } },
        { kind: 'document', source: { path: file }, filename: 'report.txt', caption: 'The *report*' },
      ],
    };
    const chat = started();
    expect(await world.channel({ pacing: { perChatPerSecond: 100 } }).send(chat, message)).toMatchObject({
      status: 'sent',
    });
    expect(world.emulator.ledger.forRecipient(chat).map((entry) => entry.method)).toEqual([
      'sendVideo',
      'sendAudio',
      'sendDocument',
    ]);
  });

  it('notes a file id from another platform as lost instead of sending it', () => {
    const rendered = world.channel().render({
      text: 'See attachment',
      media: [{ kind: 'image', source: { fileId: 'wa-media-1', platform: 'whatsapp' } }],
    });
    expect(rendered.payloads.map((payload) => payload.method)).toEqual(['sendMessage']);
    expect(rendered.notes).toContainEqual(expect.objectContaining({ severity: 'lost', path: 'media[0]' }));
  });
});
