import { Emulator, type EmulatorRequest, type EmulatorResponse, parseBody } from '../shared/index.js';
import { fail, ok, SlackLimiters, type SlackMethodContext, type SlackMethodHandler } from './api.js';
import { defaultSlackLimits, defaultSlackWorkspace, requiredScopes } from './defaults.js';
import { postSigned } from './delivery.js';
import { SlackChannelDirectory, SlackUserDirectory } from './directories.js';
import { postMessage, updateMessage } from './methods/chat.js';
import { openConversation } from './methods/conversations.js';
import { addReaction } from './methods/reactions.js';
import { lookupUserByEmail, userInfo } from './methods/users.js';
import { openView, publishView, pushView, updateView } from './methods/views.js';
import { eventCallback, legacyVerificationToken } from './payloads.js';
import { handleResponseUrl, responseUrlPath } from './response-url.js';
import type { SlackUserHost } from './simulated-user.js';
import { SlackSocketModeServer } from './socket-mode.js';
import { SlackState } from './state.js';
import type {
  DeliveryOptions,
  SlackCredentials,
  SlackDelivery,
  SlackEmulatorOptions,
  SlackLimits,
  SlackViewRecord,
  SlackWorkspace,
} from './types.js';

/** Methods random faults may hit (the sends). */
const faultEligibleMethods = new Set(['chat.postMessage', 'chat.update', 'conversations.open']);

/**
 * A local Slack: the Web API under `/api/<method>` for `@slack/web-api` / bolt, with Slack's auth, scope,
 * Block Kit and rate-limit errors, plus simulated users whose DMs, clicks, modal submissions and slash
 * commands are delivered to the app signed exactly as Slack signs them.
 * @see PLATFORMS.md §3
 */
export class SlackEmulator extends Emulator {
  readonly workspace: SlackWorkspace;
  readonly limits: SlackLimits;
  /** The workspace's simulated members (`users.create({ name, email })`). */
  readonly users: SlackUserDirectory;
  /** Channels and every conversation's history. */
  readonly channels: SlackChannelDirectory;
  private readonly state: SlackState;
  private readonly limiters: SlackLimiters;
  private readonly handlers: Readonly<Record<string, SlackMethodHandler>>;
  private readonly socketMode: SlackSocketModeServer;
  private requestUrl: string | undefined;
  private serverErrors = 0;

  constructor(options: SlackEmulatorOptions = {}) {
    super(options);
    this.workspace = { ...defaultSlackWorkspace, ...options.workspace };
    this.limits = { ...defaultSlackLimits, ...options.limits };
    this.requestUrl = options.requestUrl;
    this.state = new SlackState(this.workspace, this.clock);
    this.limiters = new SlackLimiters(this.limits, this.clock);
    this.users = new SlackUserDirectory(this.userHost());
    this.channels = new SlackChannelDirectory(this.state);
    this.socketMode = new SlackSocketModeServer(options.host ?? '127.0.0.1', this.workspace.appId);
    this.handlers = {
      'auth.test': () => this.authTest(),
      'chat.postMessage': postMessage,
      'chat.update': updateMessage,
      'conversations.open': openConversation,
      'users.info': userInfo,
      'users.lookupByEmail': lookupUserByEmail,
      'views.open': openView,
      'views.update': updateView,
      'views.push': pushView,
      'views.publish': publishView,
      'reactions.add': addReaction,
      'apps.connections.open': () => ok({ url: this.socketMode.issueUrl() }),
    };
  }

  /** Tokens, signing secret and the `slackApiUrl` to hand to the app. */
  credentials(): SlackCredentials {
    return {
      botToken: this.workspace.botToken,
      signingSecret: this.workspace.signingSecret,
      appToken: this.workspace.appToken,
      slackApiUrl: `${this.baseUrl}/api/`,
    };
  }

  /** Sets the app's Request URL (events, interactivity and slash commands all go there). */
  setRequestUrl(url: string): void {
    this.requestUrl = url;
  }

  /** Sends the `url_verification` challenge Slack sends when a Request URL is saved; true if echoed. */
  async verifyRequestUrl(options?: DeliveryOptions): Promise<boolean> {
    const challenge = this.state.nextId('challenge');
    const body = { token: legacyVerificationToken, challenge, type: 'url_verification' };
    const delivery = await this.deliver(JSON.stringify(body), 'application/json', options);
    const echoed = delivery.json as { challenge?: unknown } | undefined;
    return delivery.status === 200 && (echoed?.challenge === challenge || delivery.body === challenge);
  }

  /** Whether an app is connected over Socket Mode (deliveries then use the socket, not the Request URL). */
  get socketModeConnected(): boolean {
    return this.socketMode.connected;
  }

  /** Drops every Socket Mode connection, as Slack does on `disconnect` (the app reconnects itself). */
  disconnectSocketMode(): void {
    this.socketMode.disconnectAll();
  }

  /** A modal by id, as the emulator holds it (open or closed). */
  view(viewId: string): SlackViewRecord | undefined {
    return this.state.views.get(viewId);
  }

  /** The App Home tab published for a user (`views.publish`), if any. */
  homeView(userId: string): SlackViewRecord | undefined {
    const id = this.state.homeViews.get(userId);
    return id === undefined ? undefined : this.state.views.get(id);
  }

  /** The ids of the modals open for a user, root first. */
  openViews(userId: string): string[] {
    return [...(this.state.viewStacks.get(userId) ?? [])];
  }

  protected route(request: EmulatorRequest): EmulatorResponse {
    if (request.path.startsWith(responseUrlPath)) return handleResponseUrl(this.state, request);
    const method = this.methodOf(request);
    if (!request.path.startsWith('/api/') || method === '') return { status: 404, body: 'Not Found' };
    if (request.method !== 'POST' && request.method !== 'GET')
      return { status: 405, body: 'Method Not Allowed' };
    const response = this.callMethod(method, request);
    const body = response.body as { ok?: unknown; error?: unknown } | undefined;
    if (body?.ok === false) this.stats.reject(String(body.error));
    return {
      ...response,
      headers: {
        'x-oauth-scopes': this.workspace.scopes.join(','),
        'x-accepted-oauth-scopes': (requiredScopes[method] ?? []).join(','),
        ...response.headers,
      },
    };
  }

  protected methodOf(request: EmulatorRequest): string {
    if (!request.path.startsWith('/api/')) return request.path;
    return request.path.slice('/api/'.length);
  }

  protected isFaultEligible(method: string): boolean {
    return faultEligibleMethods.has(method);
  }

  /** A 429 with `Retry-After`, or `internal_error` alternating between HTTP 500 and 503. */
  protected faultResponse(kind: 'rate-limit' | 'server-error', retryAfterMs: number): EmulatorResponse {
    if (kind === 'rate-limit')
      return {
        status: 429,
        headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
        body: { ok: false, error: 'ratelimited' },
      };
    this.serverErrors++;
    return { status: this.serverErrors % 2 === 1 ? 500 : 503, body: { ok: false, error: 'internal_error' } };
  }

  protected override tracksPeak(scope: string): boolean {
    return scope === 'global' || scope.startsWith('channel:');
  }

  protected override async onStarted(): Promise<void> {
    await this.socketMode.start();
  }

  protected override async onStopping(): Promise<void> {
    await this.socketMode.stop();
  }

  protected override onReset(): void {
    this.state.clear();
    this.limiters.reset();
    this.users.clear();
    this.serverErrors = 0;
  }

  private callMethod(method: string, request: EmulatorRequest): EmulatorResponse {
    let args: Record<string, unknown>;
    try {
      args = {
        ...Object.fromEntries(request.query),
        ...(request.method === 'POST' ? parseBody(request) : {}),
      };
    } catch {
      return fail('invalid_json');
    }
    const token = bearerToken(request) ?? (typeof args['token'] === 'string' ? args['token'] : undefined);
    if (token === undefined || token === '') return fail('not_authed');
    const wantsAppToken = method === 'apps.connections.open';
    const expected = wantsAppToken ? this.workspace.appToken : this.workspace.botToken;
    const other = wantsAppToken ? this.workspace.botToken : this.workspace.appToken;
    if (token === other) return fail('not_allowed_token_type');
    if (token !== expected) return fail('invalid_auth');
    const handler = this.handlers[method];
    if (!handler) return fail('unknown_method');
    const needed = requiredScopes[method];
    if (needed && !needed.some((scope) => this.workspace.scopes.includes(scope)))
      return fail('missing_scope', { needed: needed[0], provided: this.workspace.scopes.join(',') });
    const context: SlackMethodContext = {
      state: this.state,
      workspace: this.workspace,
      limiters: this.limiters,
      clock: this.clock,
      ledger: this.ledger,
      stats: this.stats,
      args,
    };
    return handler(context);
  }

  private authTest(): EmulatorResponse {
    const domain = this.workspace.teamName.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    return ok({
      url: `https://${domain}.slack.com/`,
      team: this.workspace.teamName,
      user: 'ferry',
      team_id: this.workspace.teamId,
      user_id: this.workspace.botUserId,
      bot_id: this.workspace.botId,
      is_enterprise_install: false,
    });
  }

  private async deliver(
    body: string,
    contentType: 'application/json' | 'application/x-www-form-urlencoded',
    options: DeliveryOptions = {},
  ): Promise<SlackDelivery> {
    if (this.requestUrl === undefined)
      throw new Error('The app has no Request URL: pass requestUrl or call setRequestUrl() first.');
    const timestamp = options.timestampSeconds ?? Math.floor(this.clock.now() / 1000);
    const secret = options.signingSecret ?? this.workspace.signingSecret;
    return postSigned(this.requestUrl, body, contentType, secret, timestamp);
  }

  private userHost(): SlackUserHost {
    return {
      state: this.state,
      workspace: this.workspace,
      now: () => this.clock.now(),
      deliverEvent: (event, options) => {
        const body = eventCallback(this.state, this.workspace, event, this.clock.now());
        if (this.socketMode.connected) return this.socketMode.send('events_api', body, false);
        return this.deliver(JSON.stringify(body), 'application/json', options);
      },
      deliverPayload: (payload, options) => {
        if (this.socketMode.connected)
          return this.socketMode.send('interactive', payload, payload['type'] === 'view_submission');
        const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
        return this.deliver(body, 'application/x-www-form-urlencoded', options);
      },
      deliverForm: (fields, options) => {
        if (this.socketMode.connected) return this.socketMode.send('slash_commands', fields, true);
        return this.deliver(
          new URLSearchParams(fields).toString(),
          'application/x-www-form-urlencoded',
          options,
        );
      },
      responseUrl: (channelId, messageTs) =>
        `${this.baseUrl}${responseUrlPath}${encodeURIComponent(channelId)}/${encodeURIComponent(messageTs ?? '-')}`,
    };
  }
}

function bearerToken(request: EmulatorRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}
