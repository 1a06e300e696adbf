import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { rejection } from './helpers.js';
import { startSlack, stopStartedSlacks } from './slack-helpers.js';

afterEach(stopStartedSlacks);

describe('SlackEmulator rate limits', () => {
  it('takes a burst of 3 per channel, then answers 429 with an integer Retry-After until a slot frees', async () => {
    const { slack, client, clock } = await startSlack();
    const channel = slack.channels.create({ name: 'general' }).id;
    for (let index = 0; index < 3; index++) await client.chat.postMessage({ channel, text: `m${index}` });
    const limited = await rejection(client.chat.postMessage({ channel, text: 'too fast' }));
    expect(limited).toBeInstanceOf(WebAPIRateLimitedError);
    expect((limited as WebAPIRateLimitedError).retryAfter).toBe(3);
    const other = slack.channels.create({ name: 'random' }).id;
    await expect(client.chat.postMessage({ channel: other, text: 'elsewhere' })).resolves.toMatchObject({
      ok: true,
    });
    clock.advance(3000);
    await expect(client.chat.postMessage({ channel, text: 'later' })).resolves.toMatchObject({ ok: true });
    expect(slack.stats.snapshot().rejectedByReason['ratelimited']).toBe(1);
    expect(slack.ledger.forRecipient(channel)).toHaveLength(4);
  });

  it('never limits a sender that keeps to 1 message per second per channel', async () => {
    const { slack, client, clock } = await startSlack();
    const channel = slack.channels.create({ name: 'paced' }).id;
    for (let index = 0; index < 12; index++) {
      await client.chat.postMessage({ channel, text: `m${index}` });
      clock.advance(1000);
    }
    expect(slack.ledger.size).toBe(12);
    expect(slack.stats.maxPerSecond(`channel:${channel}`)).toBe(1);
  });

  it('caps chat.postMessage across the workspace per minute', async () => {
    const { slack, client, clock } = await startSlack({ limits: { workspacePerMinute: 5 } });
    const users = Array.from({ length: 6 }, (_, index) => slack.users.create({ name: `u${index}` }));
    for (const user of users.slice(0, 5)) await client.chat.postMessage({ channel: user.id, text: 'hi' });
    const limited = await rejection(client.chat.postMessage({ channel: users[5]?.id ?? '', text: 'hi' }));
    expect((limited as WebAPIRateLimitedError).retryAfter).toBe(60);
    clock.advance(60_000);
    await expect(client.chat.postMessage({ channel: users[5]?.id ?? '', text: 'hi' })).resolves.toMatchObject(
      {
        ok: true,
      },
    );
  });

  it('limits the Tier 3 methods to 50 calls a minute (conversations.open, users.lookupByEmail)', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada', email: 'ada@example.com' });
    for (let index = 0; index < 50; index++) await client.conversations.open({ users: ada.id });
    expect(await rejection(client.conversations.open({ users: ada.id }))).toBeInstanceOf(
      WebAPIRateLimitedError,
    );
    for (let index = 0; index < 50; index++) await client.users.lookupByEmail({ email: ada.email ?? '' });
    expect(await rejection(client.users.lookupByEmail({ email: ada.email ?? '' }))).toBeInstanceOf(
      WebAPIRateLimitedError,
    );
  });

  it('sends the Retry-After header on the wire as whole seconds', async () => {
    const { slack } = await startSlack({ limits: { perChannelBurst: 1 } });
    const channel = slack.channels.create({ name: 'wire' }).id;
    const { slackApiUrl, botToken } = slack.credentials();
    const post = () =>
      fetch(`${slackApiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ channel, text: 'hi' }).toString(),
      });
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
  });
});

describe('SlackEmulator fault injection', () => {
  it('answers scheduled 429s and 5xx internal_error (500 then 503) on sends only', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    slack.faults.schedule({ kind: 'rate-limit', method: 'chat.postMessage', retryAfterMs: 7000 });
    const limited = await rejection(client.chat.postMessage({ channel: ada.id, text: 'hi' }));
    expect((limited as WebAPIRateLimitedError).retryAfter).toBe(7);
    slack.faults.schedule({ kind: 'server-error', times: 2 });
    await expect(client.users.info({ user: ada.id })).resolves.toMatchObject({ ok: true });
    const first = await rejection(client.chat.postMessage({ channel: ada.id, text: 'hi' }));
    const second = await rejection(client.conversations.open({ users: ada.id }));
    expect(first).toBeInstanceOf(WebAPIHTTPError);
    expect((first as WebAPIHTTPError).statusCode).toBe(500);
    expect((second as WebAPIHTTPError).statusCode).toBe(503);
    expect((first as WebAPIHTTPError).body).toEqual({ ok: false, error: 'internal_error' });
    expect(slack.ledger.size).toBe(0);
    expect(slack.stats.snapshot().faultsInjected).toEqual({ 'rate-limit': 1, 'server-error': 2 });
  });

  it('applies seeded random faults to chat.postMessage but not to reads', async () => {
    const { slack, client } = await startSlack({ faults: { seed: 3, serverError: 1 } });
    const ada = slack.users.create({ name: 'ada' });
    await expect(client.users.info({ user: ada.id })).resolves.toMatchObject({ ok: true });
    expect(await rejection(client.chat.postMessage({ channel: ada.id, text: 'hi' }))).toBeInstanceOf(
      WebAPIHTTPError,
    );
  });

  it('records a message whose response was dropped: delivered although the client saw a failure', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    slack.faults.schedule({ kind: 'drop-response', method: 'chat.postMessage' });
    expect(await rejection(client.chat.postMessage({ channel: ada.id, text: 'maybe' }))).toBeInstanceOf(
      WebAPIRequestError,
    );
    expect(slack.ledger.entries().map((entry) => entry.recipient)).toEqual([ada.dmChannelId()]);
    expect(ada.inbox().map((message) => message.text)).toEqual(['maybe']);
  });
});

describe('SlackEmulator ledger and stats', () => {
  it('records each accepted chat.postMessage with its channel, ts and payload, and the per-second peaks', async () => {
    const { slack, client, clock } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    const general = slack.channels.create({ name: 'general' });
    const toAda = await client.chat.postMessage({ channel: ada.id, text: 'one' });
    await client.chat.postMessage({ channel: '#general', text: 'two' });
    clock.advance(100);
    await client.chat.postMessage({ channel: general.id, text: 'three' });
    const invalid = await rejection(client.chat.postMessage({ channel: general.id, text: '' }));
    expect(invalid).toBeInstanceOf(WebAPIPlatformError);
    const entries = slack.ledger.entries();
    expect(entries.map((entry) => [entry.method, entry.recipient])).toEqual([
      ['chat.postMessage', ada.dmChannelId()],
      ['chat.postMessage', general.id],
      ['chat.postMessage', general.id],
    ]);
    expect(entries[0]?.messageId).toBe(toAda.ts);
    expect(entries[0]?.payload).toMatchObject({ channel: ada.id, text: 'one' });
    const snapshot = slack.stats.snapshot();
    expect(snapshot.accepted).toBe(3);
    expect(snapshot.maxPerSecond).toMatchObject({ global: 3, [`channel:${general.id}`]: 2 });
    expect(snapshot.rejectedByReason).toEqual({ no_text: 1 });
    slack.reset();
    expect(slack.ledger.size).toBe(0);
    expect(slack.users.list()).toEqual([]);
  });

  it('keeps a token sent as a form field out of the ledger', async () => {
    const { slack } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    const { slackApiUrl, botToken } = slack.credentials();
    const response = await fetch(`${slackApiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: botToken, channel: ada.id, text: 'hi' }).toString(),
    });
    expect(await response.json()).toMatchObject({ ok: true });
    expect(JSON.stringify(slack.ledger.entries())).not.toContain(botToken);
  });
});
