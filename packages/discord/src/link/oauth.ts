import type { Clock, InboundHandler } from '@ferry/core';
import { ConfigError } from '@ferry/core';
import type { DiscordOAuthConfig, OAuthTokens, OAuthUser } from '../types.js';

/** Discord's authorize page. @see https://discord.com/developers/docs/topics/oauth2 */
export const DISCORD_AUTHORIZE_URL = 'https://discord.com/oauth2/authorize';
const DEFAULT_API = 'https://discord.com/api';

/**
 * The OAuth2 authorize URL carrying the link token as `state`: `identify` to learn who the user is,
 * `guilds.join` so the redirect handler can add them to the operator's server.
 * @see https://discord.com/developers/docs/topics/oauth2#authorization-code-grant
 */
export function authorizeUrl(applicationId: string, redirectUri: string, state: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    response_type: 'code',
    scope: 'identify guilds.join',
    state,
    redirect_uri: redirectUri,
  });
  // URLSearchParams writes spaces as '+', the form Discord's own examples use for scopes.
  return `${DISCORD_AUTHORIZE_URL}?${query.toString()}`;
}

/** What the redirect handler needs. */
export interface OAuthRedirectContext {
  readonly applicationId: string;
  readonly botToken: string;
  readonly api: string | undefined;
  readonly oauth: DiscordOAuthConfig;
  readonly clock: Clock;
  readonly fetch?: typeof fetch;
}

/**
 * Handles Discord's redirect after authorisation: exchanges `code` for an access token, learns
 * the user (`GET /users/@me`), adds them to the operator's server when `guildId` is set
 * (`PUT /guilds/{guild}/members/{user}`), and emits `link-claim` with the `state` as the token.
 * Answers a small HTML page; 400 when `code` or `state` is missing, 502 when Discord refuses; an
 * error thrown by `handler` is thrown on to the caller.
 * @see https://discord.com/developers/docs/topics/oauth2, https://discord.com/developers/docs/resources/guild#add-guild-member
 */
export async function handleOAuthRedirect(
  request: Request,
  handler: InboundHandler,
  context: OAuthRedirectContext,
): Promise<Response> {
  const url = new URL(request.url);
  const code = url.searchParams.get('code');
  const state = url.searchParams.get('state');
  if (url.searchParams.has('error') || code === null || code === '' || state === null || state === '') {
    return page(
      400,
      'The link could not be completed: Discord did not authorise it. Please try the link again.',
    );
  }
  const base = (context.oauth.api ?? context.api ?? DEFAULT_API).replace(/\/+$/, '');
  const doFetch = context.fetch ?? fetch;
  let user: OAuthUser;
  try {
    const tokens = await (
      context.oauth.exchangeCode ?? ((value: string) => exchangeCode(value, base, context, doFetch))
    )(code);
    user = await fetchUser(base, tokens.accessToken, doFetch);
    if (context.oauth.guildId !== undefined) {
      await addToGuild(base, context.oauth.guildId, user.id, tokens.accessToken, context.botToken, doFetch);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    return page(502, 'Discord did not confirm the link. Please try the link again.');
  }
  // Outside the try: a failing handler is our fault, not Discord's, and must reach the caller.
  await handler({
    channel: 'discord',
    type: 'link-claim',
    token: state,
    via: 'oauth',
    sender: { id: user.id, name: user.username },
    eventId: `oauth:${code.slice(0, 16)}`,
    at: context.clock.now(),
  });
  return page(200, 'Your account is linked. You can go back to Discord.');
}

/** `POST /oauth2/token` with the authorization code, form-encoded with the client credentials. */
async function exchangeCode(
  code: string,
  base: string,
  context: OAuthRedirectContext,
  doFetch: typeof fetch,
): Promise<OAuthTokens> {
  const response = await doFetch(`${base}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: context.oauth.redirectUri,
      client_id: context.applicationId,
      client_secret: context.oauth.clientSecret,
    }),
  });
  if (!response.ok) throw new Error(`token exchange answered ${response.status}`);
  const body = (await response.json()) as { access_token?: string; token_type?: string; scope?: string };
  if (typeof body.access_token !== 'string') throw new Error('token exchange gave no access token');
  return { accessToken: body.access_token, tokenType: body.token_type ?? 'Bearer', scope: body.scope ?? '' };
}

async function fetchUser(base: string, accessToken: string, doFetch: typeof fetch): Promise<OAuthUser> {
  const response = await doFetch(`${base}/v10/users/@me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!response.ok) throw new Error(`users/@me answered ${response.status}`);
  const body = (await response.json()) as { id?: string; username?: string };
  if (typeof body.id !== 'string') throw new Error('users/@me gave no id');
  return { id: body.id, username: body.username ?? body.id };
}

async function addToGuild(
  base: string,
  guildId: string,
  userId: string,
  accessToken: string,
  botToken: string,
  doFetch: typeof fetch,
): Promise<void> {
  const response = await doFetch(`${base}/v10/guilds/${guildId}/members/${userId}`, {
    method: 'PUT',
    headers: { authorization: `Bot ${botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ access_token: accessToken }),
  });
  // 201 added, 204 already a member.
  if (response.status !== 201 && response.status !== 204 && !response.ok) {
    throw new Error(`adding the member answered ${response.status}`);
  }
}

function page(status: number, text: string): Response {
  const html = `<!doctype html><meta charset="utf-8"><title>Discord link</title><p>${text}</p>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
