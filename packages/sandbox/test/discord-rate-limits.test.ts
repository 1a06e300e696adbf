import { RESTEvents } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordEmulator, type DiscordEmulatorOptions, MESSAGE_CREATE } from '../src/discord/index.js';
import { startDiscord, stopStartedDiscords } from './discord-helpers.js';
import { manualClock } from './helpers.js';

afterEach(stopStartedDiscords);

/** An emulator and a REST client that waits out 429s as discord.js does by default. */
async function setup(options: DiscordEmulatorOptions = {}) {
  const { emulator, rest, credentials } = await startDiscord(options, {});
  return { emulator, rest, api: credentials.api, botToken: credentials.botToken };
}

/** A DM channel opened by the user writing first (no REST call, so no rate limit is spent). */
function channelFor(emulator: DiscordEmulator, username: string): string {
  const user = emulator.users.create({ username });
  user.sendDm('hi');
  return user.dmChannelId!;
}

function rawSend(api: string, token: string, channelId: string, content: string) {
  return fetch(`${api}/v10/channels/${channelId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ content }),
  });
}

describe('Discord rate limits', () => {
  it('sends X-RateLimit-* headers on every response and a Discord-shaped 429 with Retry-After', async () => {
    const clock = manualClock();
    const { emulator, api, botToken } = await setup({ clock });
    const channelId = channelFor(emulator, 'Ada');

    const first = await rawSend(api, botToken, channelId, 'one');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('5');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(first.headers.get('x-ratelimit-reset-after')).toBe('5');
    expect(first.headers.get('x-ratelimit-reset')).toBe(String((clock.now() + 5000) / 1000));
    expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(first.headers.get('x-ratelimit-global')).toBeNull();

    clock.advance(1500);
    for (let index = 0; index < 4; index++) await rawSend(api, botToken, channelId, `more ${index}`);
    const limited = await rawSend(api, botToken, channelId, 'too many');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      message: 'You are being rate limited.',
      retry_after: 3.5,
      global: false,
    });
    expect(limited.headers.get('retry-after')).toBe('4');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset-after')).toBe('3.5');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.get('x-ratelimit-global')).toBeNull();

    const otherChannel = await rawSend(api, botToken, channelFor(emulator, 'Bob'), 'separate bucket');
    expect(otherChannel.status).toBe(200);
    expect(emulator.ledger.size).toBe(6);
    expect(emulator.stats.snapshot().rejectedByReason).toEqual({ 'rate limited: route': 1 });

    const me = await fetch(`${api}/v10/users/@me`, { headers: { authorization: `Bot ${botToken}` } });
    expect(me.headers.get('x-ratelimit-limit')).not.toBeNull();
  });

  it('@discordjs/rest paces itself from the headers and never hits the bucket', async () => {
    const { emulator, rest } = await setup({
      limits: { routeBuckets: { 'POST /channels/:id/messages': { limit: 2, windowMs: 300 } } },
    });
    const channelId = channelFor(emulator, 'Ada');
    const sends = Array.from({ length: 5 }, (_, index) =>
      rest.post(Routes.channelMessages(channelId), { body: { content: `paced ${index}` } }),
    );
    await Promise.all(sends);
    expect(emulator.ledger.size).toBe(5);
    expect(emulator.stats.snapshot().rejected).toBe(0);
    expect(emulator.stats.maxPerSecond(`channel:${channelId}`)).toBeLessThanOrEqual(2 * 4);
  });

  it('@discordjs/rest waits out a bucket 429 it did not see coming, then the send succeeds', async () => {
    const { emulator, rest, api, botToken } = await setup({
      limits: { routeBuckets: { 'POST /channels/:id/messages': { limit: 2, windowMs: 1500 } } },
    });
    const channelId = channelFor(emulator, 'Ada');
    // Another process with the same token spends the bucket first.
    await rawSend(api, botToken, channelId, 'other process 1');
    await rawSend(api, botToken, channelId, 'other process 2');
    const limitedEvents: unknown[] = [];
    rest.on(RESTEvents.RateLimited, (info) => limitedEvents.push(info));

    const message = (await rest.post(Routes.channelMessages(channelId), { body: { content: 'mine' } })) as {
      content: string;
    };
    expect(message.content).toBe('mine');
    expect(emulator.ledger.size).toBe(3);
    expect(emulator.stats.snapshot().rejectedByReason['rate limited: route']).toBe(1);
    expect(emulator.invalidRequestCount()).toBe(1);
    expect(limitedEvents.length).toBeGreaterThanOrEqual(1);
  });

  it('answers a global 429 past globalPerSecond and @discordjs/rest retries after it', async () => {
    const { emulator, rest, api, botToken } = await setup({ limits: { globalPerSecond: 3 } });
    const channels = ['Ada', 'Bob', 'Cy', 'Di', 'Ed'].map((name) => channelFor(emulator, name));
    const results = await Promise.all(
      channels.map((channelId) =>
        rest.post(Routes.channelMessages(channelId), { body: { content: 'hello' } }),
      ),
    );
    expect(results).toHaveLength(5);
    expect(emulator.ledger.size).toBe(5);
    expect(emulator.stats.snapshot().rejectedByReason['rate limited: global']).toBeGreaterThanOrEqual(2);

    for (let index = 0; index < 3; index++) await rawSend(api, botToken, channels[0]!, `burst ${index}`);
    const limited = await rawSend(api, botToken, channels[1]!, 'over');
    if (limited.status === 200) return expect.fail('the global limit was not enforced');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ message: 'You are being rate limited.', global: true });
  });

  it('counts invalid requests (401, 403, 429) in a sliding 10 minutes', async () => {
    const clock = manualClock();
    const { emulator, api, botToken } = await setup({
      clock,
      limits: { routeBuckets: { 'POST /channels/:id/messages': { limit: 1, windowMs: 5000 } } },
    });
    const user = emulator.users.create({ username: 'Ada' });
    user.sendDm('hi');
    const channelId = user.dmChannelId!;
    await fetch(`${api}/v10/users/@me`, { headers: { authorization: 'Bot wrong' } });
    await rawSend(api, botToken, channelId, 'ok');
    await rawSend(api, botToken, channelId, 'limited');
    clock.advance(5000);
    user.blockDms();
    await rawSend(api, botToken, channelId, 'blocked');
    await rawSend(api, botToken, '123456789012345678', 'unknown channel is a 404, not counted');
    expect(emulator.invalidRequestCount()).toBe(3);
    clock.advance(10 * 60_000 - 5000);
    expect(emulator.invalidRequestCount()).toBe(1);
    clock.advance(5000);
    expect(emulator.invalidRequestCount()).toBe(0);
  });

  it('injects Discord-shaped 429 and 502 faults that @discordjs/rest survives', async () => {
    const { emulator, rest } = await setup();
    const channelId = channelFor(emulator, 'Ada');
    emulator.faults.schedule({ kind: 'rate-limit', method: MESSAGE_CREATE, retryAfterMs: 150 });
    emulator.faults.schedule({ kind: 'server-error', method: MESSAGE_CREATE });
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: { content: 'despite faults' },
    })) as {
      id: string;
    };
    expect(emulator.ledger.entries().map((entry) => entry.messageId)).toEqual([message.id]);
    expect(emulator.stats.snapshot().faultsInjected).toEqual({ 'rate-limit': 1, 'server-error': 1 });
    expect(emulator.invalidRequestCount()).toBe(1);
  });
});
