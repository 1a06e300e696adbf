import { REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_CREATE } from '../src/discord/index.js';
import { apiError, openDm, startDiscord, stopStartedDiscords } from './discord-helpers.js';
import { manualClock } from './helpers.js';

afterEach(stopStartedDiscords);

describe('DiscordEmulator REST with @discordjs/rest', () => {
  it('serves the bot user and answers 401 in Discord shape for a wrong token', async () => {
    const { emulator, rest, credentials } = await startDiscord();
    expect(credentials.api).toBe(`${emulator.baseUrl}/api`);
    expect(credentials.publicKey).toMatch(/^[0-9a-f]{64}$/);
    const me = (await rest.get(Routes.user('@me'))) as { id: string; bot: boolean };
    expect(me).toMatchObject({ id: emulator.app.botUserId, bot: true });

    const stranger = new REST({ api: credentials.api, retries: 0 }).setToken('not-the-token');
    const error = await apiError(stranger.get(Routes.user('@me')));
    expect(error.status).toBe(401);
    expect(error.rawError).toEqual({ message: '401: Unauthorized', code: 0 });
    expect(emulator.invalidRequestCount()).toBe(1);
  });

  it('opens one DM channel per user, 10013 for an unknown user, 40003 when opening too fast', async () => {
    const clock = manualClock();
    const { emulator, rest } = await startDiscord({ clock, limits: { dmOpenPerSecond: 2 } });
    const [ada, bob, cy] = ['Ada', 'Bob', 'Cy'].map((username) => emulator.users.create({ username }));
    const first = (await rest.post(Routes.userChannels(), { body: { recipient_id: ada!.id } })) as {
      id: string;
      type: number;
      recipients: { id: string }[];
    };
    expect(first).toMatchObject({ type: 1, recipients: [{ id: ada!.id }] });
    expect(await openDm(rest, ada!.id)).toBe(first.id);

    const unknown = await apiError(
      rest.post(Routes.userChannels(), { body: { recipient_id: '123456789012345678' } }),
    );
    expect([unknown.status, unknown.rawError]).toEqual([404, { message: 'Unknown User', code: 10013 }]);

    await openDm(rest, bob!.id);
    const tooFast = await apiError(rest.post(Routes.userChannels(), { body: { recipient_id: cy!.id } }));
    expect(tooFast.status).toBe(403);
    expect(tooFast.rawError).toEqual({ message: 'You are opening direct messages too fast', code: 40003 });
    clock.advance(1000);
    expect(await openDm(rest, cy!.id)).toMatch(/^\d{17,20}$/);
  });

  it('creates a message, records it in the ledger with its nonce and stats, and edits it', async () => {
    const { emulator, rest } = await startDiscord();
    const ada = emulator.users.create({ username: 'Ada' });
    const channelId = await openDm(rest, ada.id);
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: { content: 'Hello **Ada**', nonce: 'n-1' },
    })) as { id: string; channel_id: string; author: { id: string }; content: string };
    expect(message).toMatchObject({
      channel_id: channelId,
      content: 'Hello **Ada**',
      author: { id: emulator.app.botUserId },
    });
    expect(emulator.ledger.entries()).toEqual([
      expect.objectContaining({
        method: MESSAGE_CREATE,
        recipient: channelId,
        messageId: message.id,
        nonce: 'n-1',
      }),
    ]);
    expect(emulator.stats.maxPerSecond(`channel:${channelId}`)).toBe(1);
    expect(ada.messages().map((stored) => stored.content)).toEqual(['Hello **Ada**']);

    const edited = (await rest.patch(Routes.channelMessage(channelId, message.id), {
      body: { content: 'Bye' },
    })) as {
      content: string;
      edited_timestamp: string | null;
    };
    expect(edited.content).toBe('Bye');
    expect(edited.edited_timestamp).not.toBeNull();
    const tooLong = await apiError(
      rest.patch(Routes.channelMessage(channelId, message.id), { body: { content: 'x'.repeat(2001) } }),
    );
    expect(tooLong.code).toBe(50035);
  });

  it('answers 10003 for an unknown channel and 50007 when the user blocks DMs', async () => {
    const { emulator, rest } = await startDiscord();
    const unknown = await apiError(
      rest.post(Routes.channelMessages('123456789012345678'), { body: { content: 'hi' } }),
    );
    expect([unknown.status, unknown.rawError]).toEqual([404, { message: 'Unknown Channel', code: 10003 }]);

    const ada = emulator.users.create({ username: 'Ada' });
    const channelId = await openDm(rest, ada.id);
    ada.blockDms();
    const blocked = await apiError(rest.post(Routes.channelMessages(channelId), { body: { content: 'hi' } }));
    expect([blocked.status, blocked.rawError]).toEqual([
      403,
      { message: 'Cannot send messages to this user', code: 50007 },
    ]);
    expect(emulator.ledger.size).toBe(0);
    expect(emulator.invalidRequestCount()).toBe(1);
    expect(emulator.stats.snapshot().rejectedByReason).toMatchObject({
      '50007 Cannot send messages to this user': 1,
    });

    const refuser = emulator.users.create({ username: 'Bo', allowDms: false });
    const refused = await apiError(
      rest.post(Routes.channelMessages(await openDm(rest, refuser.id)), { body: { content: 'hi' } }),
    );
    expect(refused.code).toBe(50007);
  });

  it('returns the first message for a repeated nonce with enforce_nonce and creates no second one', async () => {
    const clock = manualClock();
    const { emulator, rest } = await startDiscord({ clock, limits: { nonceWindowMs: 60_000 } });
    const channelId = await openDm(rest, emulator.users.create({ username: 'Ada' }).id);
    const send = (nonce: string, enforce: boolean) =>
      rest.post(Routes.channelMessages(channelId), {
        body: { content: 'Your code is 42', nonce, enforce_nonce: enforce },
      }) as Promise<{ id: string }>;

    const first = await send('campaign-1:ada', true);
    const again = await send('campaign-1:ada', true);
    expect(again.id).toBe(first.id);
    expect(emulator.ledger.size).toBe(1);

    const unenforced = await send('campaign-1:ada', false);
    expect(unenforced.id).not.toBe(first.id);
    expect(emulator.ledger.size).toBe(2);

    clock.advance(60_001);
    const later = await send('campaign-2:ada', true);
    expect((await send('campaign-2:ada', true)).id).toBe(later.id);
    clock.advance(60_001);
    expect((await send('campaign-2:ada', true)).id).not.toBe(later.id);
  });

  it('keeps one message when the response to the first send was lost (drop-response fault)', async () => {
    const { emulator, rest } = await startDiscord();
    const channelId = await openDm(rest, emulator.users.create({ username: 'Ada' }).id);
    emulator.faults.schedule({ kind: 'drop-response', method: MESSAGE_CREATE });
    const body = { content: 'Welcome', nonce: 'welcome:ada', enforce_nonce: true };

    const lost = await rest.post(Routes.channelMessages(channelId), { body }).then(
      () => 'answered',
      () => 'lost',
    );
    expect(lost).toBe('lost');
    expect(emulator.ledger.size).toBe(1);
    const delivered = emulator.ledger.entries()[0]!;

    const retried = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
    expect(retried.id).toBe(delivered.messageId);
    expect(emulator.ledger.size).toBe(1);
    expect(emulator.stats.snapshot().faultsInjected).toEqual({ 'drop-response': 1 });
  });

  it('reset() forgets users, channels, messages, limits and the invalid-request count', async () => {
    const { emulator, rest } = await startDiscord();
    const ada = emulator.users.create({ username: 'Ada' });
    const channelId = await openDm(rest, ada.id);
    await rest.post(Routes.channelMessages(channelId), { body: { content: 'hi' } });
    await apiError(rest.post(Routes.channelMessages('123456789012345678'), { body: { content: 'hi' } }));
    ada.blockDms();
    await apiError(rest.post(Routes.channelMessages(channelId), { body: { content: 'hi' } }));
    emulator.reset();
    expect(emulator.ledger.size).toBe(0);
    expect(emulator.invalidRequestCount()).toBe(0);
    expect(emulator.users.all()).toEqual([]);
    expect(emulator.messagesIn(channelId)).toEqual([]);
    const gone = await apiError(rest.post(Routes.channelMessages(channelId), { body: { content: 'hi' } }));
    expect(gone.code).toBe(10003);
  });
});
