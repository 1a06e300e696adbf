import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordRig, startRig } from './support/sandbox.js';

let rig: DiscordRig | undefined;
let folder: string | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('@ferry/discord against the emulator’s multipart uploads and reactions', () => {
  it('uploads a local file as an attachment of the message, bytes and name intact', async () => {
    folder = await mkdtemp(join(tmpdir(), 'ferry-discord-'));
    const path = join(folder, 'invoice.pdf');
    const bytes = Buffer.from('%PDF-1.4 ferry sandbox invoice');
    await writeFile(path, bytes);
    rig = await startRig();
    const ada = rig.emulator.users.create({ username: 'Ada' });
    const outcome = await rig.channel.send(ada.id, {
      text: 'Your invoice',
      media: [{ kind: 'document', source: { path }, filename: 'March.pdf' }],
    });
    if (outcome.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(outcome)}`);
    const stored = rig.emulator.message(outcome.id);
    expect(stored?.content).toContain('Your invoice');
    expect(stored?.attachments).toEqual([
      expect.objectContaining({ filename: 'March.pdf', size: bytes.length }),
    ]);
    const attachmentId = String(stored?.attachments[0]?.['id']);
    expect(rig.emulator.attachmentData(attachmentId)?.equals(bytes)).toBe(true);
  });

  it('shows a local image inline: the embed points at the uploaded attachment', async () => {
    folder = await mkdtemp(join(tmpdir(), 'ferry-discord-'));
    const path = join(folder, 'chart.png');
    await writeFile(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    rig = await startRig();
    const ada = rig.emulator.users.create({ username: 'Ada' });
    const outcome = await rig.channel.send(ada.id, { media: [{ kind: 'image', source: { path } }] });
    if (outcome.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(outcome)}`);
    const stored = rig.emulator.message(outcome.id);
    const filename = String(stored?.attachments[0]?.['filename']);
    expect(filename).toMatch(/\.png$/);
    expect(stored?.embeds).toEqual([expect.objectContaining({ image: { url: `attachment://${filename}` } })]);
  });

  it('reacts to a message it sent with a Unicode emoji, and an unknown emoji is rejected', async () => {
    rig = await startRig({ retries: 0 });
    const ada = rig.emulator.users.create({ username: 'Ada' });
    const sent = await rig.channel.send(ada.id, { text: 'Shipped!' });
    if (sent.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(sent)}`);
    const reacted = await rig.channel.send(ada.id, { reaction: { messageId: sent.id, emoji: '🎉' } });
    expect(reacted).toMatchObject({ status: 'sent', id: sent.id });
    expect(rig.emulator.message(sent.id)?.reactions).toEqual([
      { emoji: { id: null, name: '🎉' }, count: 1, me: true },
    ]);
    const unknown = await rig.channel.send(ada.id, {
      reaction: { messageId: sent.id, emoji: 'not-an-emoji' },
    });
    expect(unknown.status).toBe('rejected');
    expect(rig.emulator.message(sent.id)?.reactions).toHaveLength(1);
  });
});
