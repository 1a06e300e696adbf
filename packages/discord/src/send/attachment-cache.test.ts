import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestMethod } from '@discordjs/rest';
import { InputError, systemClock } from '@ferry/core';
import { DiscordEmulator } from '@ferry/sandbox';
import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordChannel } from '../index.js';
import { DiscordApi } from './api.js';
import { AttachmentCache } from './attachment-cache.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(): Promise<{ emulator: DiscordEmulator; folder: string }> {
  const emulator = new DiscordEmulator({ gateway: false });
  await emulator.start();
  const folder = await mkdtemp(join(tmpdir(), 'ferry-discord-'));
  cleanups.push(() => emulator.stop());
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  return { emulator, folder };
}

describe('attachments of a campaign', () => {
  it('are read from disk once for N recipients, and every recipient gets the bytes', async () => {
    const { emulator, folder } = await started();
    const path = join(folder, 'menu.pdf');
    const bytes = Buffer.from('%PDF-1.4 the new menu');
    await writeFile(path, bytes);
    const reads: string[] = [];
    const attachments = new AttachmentCache({
      stat,
      readFile: (file) => {
        reads.push(file);
        return readFile(file);
      },
    });
    const credentials = emulator.credentials();
    const api = new DiscordApi({
      token: credentials.botToken,
      api: credentials.api,
      timeoutMs: 5_000,
      invalidRequestBudget: 5_000,
      clock: systemClock,
      attachments,
    });
    const recipients = ['Ada', 'Grace', 'Linus', 'Barbara', 'Ken'].map((username) =>
      emulator.users.create({ username }),
    );
    for (const user of recipients) {
      const dm = await api.call<{ id: string }>({
        method: RequestMethod.Post,
        route: Routes.userChannels(),
        body: { recipient_id: user.id },
        key: 'dm',
      });
      await api.call({
        method: RequestMethod.Post,
        route: Routes.channelMessages(dm.id),
        body: { content: 'Our new menu', attachments: [{ id: 0, filename: 'menu.pdf' }] },
        files: [{ path, name: 'menu.pdf' }],
        key: dm.id,
      });
    }
    expect(reads).toEqual([path]);
    for (const user of recipients) {
      const attachment = user.messages()[0]?.attachments[0];
      expect(emulator.attachmentData(String(attachment?.['id']))?.equals(bytes)).toBe(true);
    }
  });

  it('are read again when the file changes between sends, and a removed file is an input error', async () => {
    const { emulator, folder } = await started();
    const path = join(folder, 'price-list.txt');
    await writeFile(path, 'prices v1');
    const credentials = emulator.credentials();
    const channel = createDiscordChannel({
      token: credentials.botToken,
      applicationId: credentials.applicationId,
      publicKey: credentials.publicKey,
      api: credentials.api,
    });
    const ada = emulator.users.create({ username: 'Ada' });
    const grace = emulator.users.create({ username: 'Grace' });
    const message = { media: [{ kind: 'document' as const, source: { path }, filename: 'prices.txt' }] };
    const first = await channel.send(ada.id, message);
    await writeFile(path, 'prices v2, longer');
    const second = await channel.send(grace.id, message);
    if (first.status !== 'sent' || second.status !== 'sent') throw new Error('not sent');
    const data = (id: string) =>
      emulator.attachmentData(String(emulator.message(id)?.attachments[0]?.['id']))?.toString();
    expect(data(first.id)).toBe('prices v1');
    expect(data(second.id)).toBe('prices v2, longer');
    await rm(path);
    await expect(channel.send(ada.id, message)).rejects.toBeInstanceOf(InputError);
  });
});
