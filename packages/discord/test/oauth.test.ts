import type { InboundEvent } from '@ferry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordChannel } from '../src/index.js';
import { type Served, serve } from './support/serve.js';

const APPLICATION_ID = '1100000000000000001';
const CLIENT_SECRET = 'client-secret-for-oauth-tests';
const BOT_TOKEN = 'bot-token-for-oauth-tests';
const REDIRECT = 'https://ferry.example/discord/oauth';
const GUILD = '1300000000000000001';
const USER = { id: '1200000000000000007', username: 'ada' };

/** A small stand-in for Discord's OAuth2 endpoints, speaking the documented shapes. */
let discord: Served;
const joins: { guild: string; user: string; accessToken: unknown; authorization: string | null }[] = [];

beforeAll(async () => {
  discord = await serve(async (request) => {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/api/oauth2/token') {
      const form = new URLSearchParams(await request.text());
      const valid =
        request.headers.get('content-type') === 'application/x-www-form-urlencoded' &&
        form.get('grant_type') === 'authorization_code' &&
        form.get('code') === 'good-code' &&
        form.get('redirect_uri') === REDIRECT &&
        form.get('client_id') === APPLICATION_ID &&
        form.get('client_secret') === CLIENT_SECRET;
      if (!valid) return Response.json({ error: 'invalid_grant' }, { status: 400 });
      return Response.json({
        access_token: 'user-access-token',
        token_type: 'Bearer',
        expires_in: 604800,
        refresh_token: 'user-refresh-token',
        scope: 'identify guilds.join',
      });
    }
    if (request.method === 'GET' && url.pathname === '/api/v10/users/@me') {
      if (request.headers.get('authorization') !== 'Bearer user-access-token') {
        return Response.json({ message: '401: Unauthorized', code: 0 }, { status: 401 });
      }
      return Response.json({ ...USER, discriminator: '0', global_name: 'Ada' });
    }
    const member = /^\/api\/v10\/guilds\/(\d+)\/members\/(\d+)$/.exec(url.pathname);
    if (request.method === 'PUT' && member !== null) {
      const body = (await request.json()) as { access_token?: unknown };
      joins.push({
        guild: member[1] ?? '',
        user: member[2] ?? '',
        accessToken: body.access_token,
        authorization: request.headers.get('authorization'),
      });
      return new Response(null, { status: 201 });
    }
    return Response.json({ message: '404: Not Found', code: 0 }, { status: 404 });
  });
});

afterAll(async () => {
  await discord.close();
});

function channel() {
  return createDiscordChannel({
    token: BOT_TOKEN,
    applicationId: APPLICATION_ID,
    publicKey: 'b'.repeat(64),
    oauth: { clientSecret: CLIENT_SECRET, redirectUri: REDIRECT, guildId: GUILD, api: `${discord.url}/api` },
  });
}

describe('OAuth2 linking', () => {
  it('inviteLink is the authorize URL with the link token as state', () => {
    expect(channel().inviteLink('tok_ABC-123')).toBe(
      'https://discord.com/oauth2/authorize?client_id=1100000000000000001&response_type=code' +
        '&scope=identify+guilds.join&state=tok_ABC-123&redirect_uri=https%3A%2F%2Fferry.example%2Fdiscord%2Foauth',
    );
  });

  it('the redirect exchanges the code, claims the token for that user and adds them to the server', async () => {
    const events: InboundEvent[] = [];
    const response = await channel().handleOAuthRedirect(
      new Request(`${REDIRECT}?code=good-code&state=tok_ABC-123`),
      (event) => {
        events.push(event);
      },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('linked');
    expect(events).toEqual([
      expect.objectContaining({
        channel: 'discord',
        type: 'link-claim',
        token: 'tok_ABC-123',
        via: 'oauth',
        sender: { id: USER.id, name: USER.username },
      }),
    ]);
    expect(joins).toContainEqual({
      guild: GUILD,
      user: USER.id,
      accessToken: 'user-access-token',
      authorization: `Bot ${BOT_TOKEN}`,
    });
  });

  it('a refused code answers 502 and claims nothing; a redirect without state or code answers 400', async () => {
    const events: InboundEvent[] = [];
    const push = (event: InboundEvent) => {
      events.push(event);
    };
    const refused = await channel().handleOAuthRedirect(
      new Request(`${REDIRECT}?code=stale&state=tok_1`),
      push,
    );
    expect(refused.status).toBe(502);
    expect(await refused.text()).not.toContain(CLIENT_SECRET);
    expect(
      (await channel().handleOAuthRedirect(new Request(`${REDIRECT}?code=good-code`), push)).status,
    ).toBe(400);
    expect(
      (await channel().handleOAuthRedirect(new Request(`${REDIRECT}?error=access_denied&state=tok_1`), push))
        .status,
    ).toBe(400);
    expect(events).toEqual([]);
  });

  it('a handler that fails reaches the caller instead of blaming Discord with a 502', async () => {
    const failure = new Error('the link store is down');
    await expect(
      channel().handleOAuthRedirect(new Request(`${REDIRECT}?code=good-code&state=tok_2`), () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  it('the code exchange can be replaced (the sandbox has no OAuth2 endpoints)', async () => {
    const exchanged: string[] = [];
    const custom = createDiscordChannel({
      token: BOT_TOKEN,
      applicationId: APPLICATION_ID,
      publicKey: 'b'.repeat(64),
      oauth: {
        clientSecret: CLIENT_SECRET,
        redirectUri: REDIRECT,
        api: `${discord.url}/api`,
        exchangeCode: async (code) => {
          exchanged.push(code);
          return { accessToken: 'user-access-token', tokenType: 'Bearer', scope: 'identify' };
        },
      },
    });
    const events: InboundEvent[] = [];
    const response = await custom.handleOAuthRedirect(
      new Request(`${REDIRECT}?code=from-elsewhere&state=tok_9`),
      (event) => {
        events.push(event);
      },
    );
    expect(response.status).toBe(200);
    expect(exchanged).toEqual(['from-elsewhere']);
    expect(events[0]).toMatchObject({ type: 'link-claim', token: 'tok_9', sender: { id: USER.id } });
  });
});
