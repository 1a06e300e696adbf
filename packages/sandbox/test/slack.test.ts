import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { platformError, silentLogger, startSlack, stopStartedSlacks } from './slack-helpers.js';

afterEach(stopStartedSlacks);

describe('SlackEmulator Web API with the real WebClient', () => {
  it('answers auth.test for the bot token and refuses missing or wrong tokens', async () => {
    const { slack, client } = await startSlack();
    const identity = await client.auth.test();
    expect(identity).toMatchObject({
      ok: true,
      user_id: 'U0FERRYBOT',
      team_id: 'T0FERRY01',
      bot_id: 'B0FERRYBOT',
    });
    const { slackApiUrl } = slack.credentials();
    const anonymous = new WebClient(undefined, {
      slackApiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
    expect((await platformError(anonymous.auth.test())).error).toBe('not_authed');
    const forged = new WebClient('xoxb-not-the-token', {
      slackApiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
    expect((await platformError(forged.auth.test())).error).toBe('invalid_auth');
    const appToken = new WebClient(slack.credentials().appToken, {
      slackApiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
    expect((await platformError(appToken.chat.postMessage({ channel: 'C1', text: 'x' }))).error).toBe(
      'not_allowed_token_type',
    );
  });

  it('opens a DM once: the same channel id on every conversations.open, and posts land there', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada', email: 'ada@example.com' });
    const first = await client.conversations.open({ users: ada.id });
    const second = await client.conversations.open({ users: ada.id });
    expect(first.channel?.id).toMatch(/^D/);
    expect(second.channel?.id).toBe(first.channel?.id);
    expect(first.already_open).toBeUndefined();
    expect(second.already_open).toBe(true);
    const posted = await client.chat.postMessage({ channel: first.channel?.id ?? '', text: 'Hello Ada' });
    expect(posted.channel).toBe(first.channel?.id);
    expect(ada.inbox().map((message) => message.text)).toEqual(['Hello Ada']);
    expect((await platformError(client.conversations.open({ users: 'U0NOBODY' }))).error).toBe(
      'user_not_found',
    );
  });

  it('posting to a user id goes to the DM with that user, and chat.update edits it', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    const posted = await client.chat.postMessage({ channel: ada.id, text: 'v1' });
    expect(posted.channel).toBe(ada.dmChannelId());
    const updated = await client.chat.update({
      channel: posted.channel ?? '',
      ts: posted.ts ?? '',
      text: 'v2',
    });
    expect(updated.text).toBe('v2');
    expect(ada.inbox()[0]?.text).toBe('v2');
    const missing = await platformError(
      client.chat.update({ channel: posted.channel ?? '', ts: '1.000001', text: 'x' }),
    );
    expect(missing.error).toBe('message_not_found');
  });

  it('looks users up by email only with users:read.email', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada', email: 'Ada@Example.com' });
    const found = await client.users.lookupByEmail({ email: 'ada@example.com' });
    expect(found.user?.id).toBe(ada.id);
    expect(found.user?.profile?.email).toBe('Ada@Example.com');
    expect((await platformError(client.users.lookupByEmail({ email: 'nobody@example.com' }))).error).toBe(
      'users_not_found',
    );
    const info = await client.users.info({ user: ada.id });
    expect(info.user?.name).toBe('ada');

    const narrow = await startSlack({ workspace: { scopes: ['chat:write', 'im:write', 'users:read'] } });
    narrow.slack.users.create({ name: 'bob', email: 'bob@example.com' });
    const denied = await platformError(narrow.client.users.lookupByEmail({ email: 'bob@example.com' }));
    expect(denied).toMatchObject({ error: 'missing_scope', needed: 'users:read.email' });
    expect(String((denied as unknown as { provided: unknown }).provided)).toContain('chat:write');
  });

  it('accepts users.lookupByEmail as GET with the token in the header, as documented', async () => {
    const { slack } = await startSlack();
    slack.users.create({ name: 'ada', email: 'ada@example.com' });
    const { slackApiUrl, botToken } = slack.credentials();
    const response = await fetch(`${slackApiUrl}users.lookupByEmail?email=ada%40example.com`, {
      headers: { authorization: `Bearer ${botToken}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, user: { name: 'ada' } });
  });

  it('answers the errors of blocked, archived and deactivated destinations', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    const outside = slack.channels.create({ name: 'outside', botIsMember: false });
    const secret = slack.channels.create({ name: 'secret', isPrivate: true, botIsMember: false });
    const old = slack.channels.create({ name: 'old' });
    slack.channels.archive(old.id);
    const post = (channel: string) => platformError(client.chat.postMessage({ channel, text: 'hi' }));
    expect((await post(outside.id)).error).toBe('not_in_channel');
    expect((await post(secret.id)).error).toBe('channel_not_found');
    expect((await post('C0MISSING')).error).toBe('channel_not_found');
    expect((await post(old.id)).error).toBe('is_archived');
    const dm = await client.conversations.open({ users: ada.id });
    ada.deactivate();
    expect((await post(dm.channel?.id ?? '')).error).toBe('account_inactive');
    expect((await post(ada.id)).error).toBe('account_inactive');
    expect((await platformError(client.conversations.open({ users: ada.id }))).error).toBe('user_disabled');
    expect(slack.ledger.size).toBe(0);
    expect(slack.stats.snapshot().rejectedByReason).toMatchObject({
      not_in_channel: 1,
      channel_not_found: 2,
      is_archived: 1,
      account_inactive: 2,
      user_disabled: 1,
    });
  });

  it('rejects empty and over-long text', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    expect((await platformError(client.chat.postMessage({ channel: ada.id, text: '' }))).error).toBe(
      'no_text',
    );
    const long = 'x'.repeat(40_001);
    expect((await platformError(client.chat.postMessage({ channel: ada.id, text: long }))).error).toBe(
      'msg_too_long',
    );
    await expect(
      client.chat.postMessage({ channel: ada.id, text: 'x'.repeat(40_000) }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it('accepts a JSON body as well as form fields', async () => {
    const { slack } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    const { slackApiUrl, botToken } = slack.credentials();
    const response = await fetch(`${slackApiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        channel: ada.id,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }],
      }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: ada.dmChannelId() });
    expect(response.headers.get('x-oauth-scopes')).toContain('chat:write');
  });
});
