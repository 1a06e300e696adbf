import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type TelegramWorld } from './helpers.js';

let world: TelegramWorld;
beforeAll(async () => {
  world = await startWorld({ limits: { perChatPerSecond: 100, perChatBurst: 100 } });
});
afterAll(async () => {
  await world.emulator.stop();
});

describe('stickers', () => {
  it('sends a sticker with sendSticker and its caption as a following message', async () => {
    const chat = String(world.emulator.users.create({ firstName: 'Reader', started: true }).id);
    const rendered = world.channel().render({
      media: [{ kind: 'sticker', source: { url: 'https://example.com/hello.webp' }, caption: 'Hello' }],
    });
    expect(rendered.payloads[0]?.method).toBe('sendSticker');
    const outcome = await world.channel({ pacing: { perChatPerSecond: 100 } }).send(chat, {
      media: [{ kind: 'sticker', source: { url: 'https://example.com/hello.webp' }, caption: 'Hello' }],
    });
    expect(outcome).toMatchObject({ status: 'sent' });
    const accepted = world.emulator.ledger.forRecipient(chat).map((entry) => entry.method);
    expect(accepted[0]).toBe('sendSticker');
    expect(accepted).toHaveLength(rendered.payloads.length);
  });
});
