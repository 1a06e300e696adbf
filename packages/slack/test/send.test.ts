import { AuthError, FerryError } from '@ferry/core';
import { ManualClock } from '@ferry/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackChannel } from '../src/index.js';
import { type SlackRig, startRig } from './sandbox.js';

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A `fetch` that counts the Web API methods called through it (the real fetch does the work). */
function countingFetch() {
  const calls: string[] = [];
  const counted: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push(url.slice(url.lastIndexOf('/') + 1));
    return fetch(input, init);
  };
  return { calls, fetch: counted };
}

describe('sending through the real WebClient to the Slack emulator', () => {
  it('opens a user DM once (concurrent and later sends share it) and posts there', async () => {
    rig = await startRig();
    const counter = countingFetch();
    const channel = rig.useChannel({ fetch: counter.fetch });
    const ada = rig.slack.users.create({ name: 'ada' });
    const outcomes = await Promise.all([
      channel.send(ada.id, { text: 'one' }),
      channel.send(ada.id, { text: 'two' }),
    ]);
    const third = await channel.send(ada.id, { text: 'three' });
    expect([...outcomes, third].map((outcome) => outcome.status)).toEqual(['sent', 'sent', 'sent']);
    expect(counter.calls.filter((method) => method === 'conversations.open')).toHaveLength(1);
    expect(ada.inbox().map((message) => message.text)).toEqual(
      expect.arrayContaining(['one', 'two', 'three']),
    );
    expect(channel.openedDirectMessages).toBe(1);
  });

  it('reuses the DM channel of a user who wrote first, without conversations.open', async () => {
    rig = await startRig();
    const counter = countingFetch();
    const channel = rig.useChannel({ fetch: counter.fetch });
    const ada = rig.slack.users.create({ name: 'ada' });
    await ada.sendDm('hi');
    expect((await channel.send(ada.id, { text: 'hello back' })).status).toBe('sent');
    expect(counter.calls).toEqual(['chat.postMessage']);
    expect(ada.inbox().map((message) => message.text)).toEqual(['hello back']);
  });

  it('posts to a channel id directly, without conversations.open', async () => {
    rig = await startRig();
    const counter = countingFetch();
    const channel = rig.useChannel({ fetch: counter.fetch });
    const general = rig.slack.channels.create({ name: 'general' });
    const outcome = await channel.send(general.id, { text: 'hello channel' });
    expect(outcome.status).toBe('sent');
    expect(counter.calls).toEqual(['chat.postMessage']);
    expect(rig.slack.channels.history(general.id).map((message) => message.text)).toContain('hello channel');
  });

  it('types channel_not_found, not_in_channel, is_archived, user_not_found and account_inactive', async () => {
    rig = await startRig();
    const channel = rig.channel;
    const secret = rig.slack.channels.create({ name: 'secret', isPrivate: true, botIsMember: false });
    const outside = rig.slack.channels.create({ name: 'outside', botIsMember: false });
    const old = rig.slack.channels.create({ name: 'old' });
    rig.slack.channels.archive(old.id);
    const gone = rig.slack.users.create({ name: 'gone' });
    await channel.send(gone.id, { text: 'before' });
    gone.deactivate();
    expect(await channel.send(secret.id, { text: 'x' })).toEqual({
      status: 'unknown-recipient',
      reason: 'channel_not_found',
    });
    expect(await channel.send(outside.id, { text: 'x' })).toEqual({
      status: 'blocked',
      reason: 'not_in_channel',
    });
    expect(await channel.send(old.id, { text: 'x' })).toEqual({ status: 'blocked', reason: 'is_archived' });
    expect(await channel.send('U0NOBODY', { text: 'x' })).toEqual({
      status: 'unknown-recipient',
      reason: 'user_not_found',
    });
    expect(await channel.send(gone.id, { text: 'x' })).toEqual({
      status: 'blocked',
      reason: 'account_inactive',
    });
  });

  it('throws AuthError for invalid_auth on send, without the token in it', async () => {
    rig = await startRig();
    const token = 'xoxb-1234-not-a-real-token';
    const channel = createSlackChannel({
      token,
      signingSecret: 's',
      slackApiUrl: rig.slack.credentials().slackApiUrl,
    });
    const error = await channel.send('C0GENERAL', { text: 'x' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(JSON.stringify(error)).not.toContain(token);
    expect(String((error as Error).message)).not.toContain(token);
  });

  it('throws AuthError naming the scope when Slack answers missing_scope', async () => {
    rig = await startRig({ workspace: { scopes: ['im:write'] } });
    const general = rig.slack.channels.create({ name: 'general' });
    const error = await rig.channel.send(general.id, { text: 'x' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'missing_scope', details: { needed: 'chat:write' } });
  });

  it('a channel held by a 429 does not delay sends to other channels by more than 100 ms', async () => {
    rig = await startRig();
    const channel = rig.channel;
    const [held, other, third] = ['held', 'other', 'third'].map(
      (name) => rig?.slack.channels.create({ name }).id ?? '',
    );
    rig.slack.faults.schedule({ kind: 'rate-limit', method: 'chat.postMessage', retryAfterMs: 30_000 });
    expect(await channel.send(held ?? '', { text: 'first' })).toEqual({
      status: 'rate-limited',
      retryAfterMs: 30_000,
      scope: 'recipient',
    });

    const abort = new AbortController();
    let heldSettled = false;
    const heldSend = channel.send(
      held ?? '',
      { text: 'waits for the retry-after' },
      { signal: abort.signal },
    );
    void heldSend.then(() => {
      heldSettled = true;
    });
    const started = performance.now();
    const others = await Promise.all([
      channel.send(other ?? '', { text: 'not delayed' }),
      channel.send(third ?? '', { text: 'not delayed either' }),
    ]);
    const elapsed = performance.now() - started;
    expect(others.map((outcome) => outcome.status)).toEqual(['sent', 'sent']);
    expect(elapsed).toBeLessThan(100);
    expect(heldSettled).toBe(false);
    abort.abort();
    expect((await heldSend).status).toBe('transient');
    expect(rig.slack.channels.history(held ?? '')).toHaveLength(0);
  });

  it('whoAmI names the bot and team, and names a missing scope', async () => {
    rig = await startRig();
    expect(await rig.channel.whoAmI()).toEqual({
      id: 'U0FERRYBOT',
      name: expect.any(String),
      handle: 'Ferry Sandbox',
    });
    await rig.close();
    rig = await startRig({ workspace: { scopes: ['chat:write', 'commands'] } });
    const error = await rig.channel.whoAmI().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('missing_scope');
    expect((error as AuthError).message).toContain('im:write');
  });

  it('whoAmI against an unreachable Slack is a retryable transient error, not a credentials error', async () => {
    const channel = createSlackChannel({
      token: 'xoxb-1',
      signingSecret: 's',
      slackApiUrl: 'http://127.0.0.1:9/api/',
    });
    const error = await channel.whoAmI().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FerryError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect((error as FerryError).code).toBe('transient');
    expect((error as FerryError).retryable).toBe(true);
  });

  it('inviteLink opens the app DM with app_redirect and carries the code for the user to paste', () => {
    const channel = createSlackChannel({ token: 'xoxb-1', signingSecret: 's', appId: 'A0FERRY01' });
    expect(channel.inviteLink('AbC_123')).toBe('https://slack.com/app_redirect?app=A0FERRY01#code=AbC_123');
  });
});

describe('delivery uncertainty and pacing', () => {
  it('reports `ambiguous` when the connection drops after chat.postMessage was processed', async () => {
    rig = await startRig();
    const general = rig.slack.channels.create({ name: 'general' });
    rig.slack.faults.schedule({ kind: 'drop-response', method: 'chat.postMessage' });
    const outcome = await rig.channel.send(general.id, { text: 'maybe delivered' });
    expect(outcome.status).toBe('ambiguous');
    expect(rig.slack.channels.history(general.id).map((message) => message.text)).toEqual([
      'maybe delivered',
    ]);
  });

  it('paces 1 message/s per channel while another channel goes at once', async () => {
    rig = await startRig();
    const clock = new ManualClock(Date.now());
    const channel = rig.useChannel({
      clock,
      pacing: { global: { perSecond: 20, burst: 10 }, perKey: { perSecond: 1 } },
    });
    const [first, second] = ['first', 'second'].map((name) => rig?.slack.channels.create({ name }).id ?? '');
    expect((await channel.send(first ?? '', { text: 'one' })).status).toBe('sent');
    let secondInFirst: string | undefined;
    const pending = channel.send(first ?? '', { text: 'two' }).then((outcome) => {
      secondInFirst = outcome.status;
      return outcome;
    });
    expect((await channel.send(second ?? '', { text: 'other channel' })).status).toBe('sent');
    await channel.whoAmI(); // one more round trip: an unpaced post would have landed by now
    expect(secondInFirst).toBeUndefined();
    expect(rig.slack.channels.history(first ?? '')).toHaveLength(1);
    await clock.advance(1100);
    expect((await pending).status).toBe('sent');
  });
});
