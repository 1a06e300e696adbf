import {
  Emulator,
  type EmulatorOptions,
  type EmulatorRequest,
  type EmulatorResponse,
} from '../shared/emulator.js';
import { createEd25519Signer, type Ed25519Signer } from '../shared/signing.js';
import { DiscordErrors, discordError, fixedError } from './errors.js';
import { DiscordGateway } from './gateway.js';
import {
  buttonData,
  commandData,
  InteractionTypes,
  modalSubmitData,
  selectData,
} from './interaction-payloads.js';
import { InteractionHub } from './interactions.js';
import { isObject, type JsonObject } from './json.js';
import {
  type DiscordLimitOptions,
  DiscordRateLimiter,
  rateLimitedResponse,
  resolveLimits,
} from './rate-limits.js';
import { parseRequestBody } from './request-body.js';
import { DiscordRestHandlers } from './rest-handlers.js';
import { type DiscordRoute, matchRoute, versionedPath } from './routes.js';
import { SnowflakeGenerator } from './snowflake.js';
import { DiscordStore } from './store.js';
import type {
  DiscordApp,
  DiscordCredentials,
  DiscordMessageObject,
  DiscordUserObject,
  InboundDm,
  InteractionDelivery,
} from './types.js';
import { type CommandOptionValue, type SimulatedDiscordUser, SimulatedDiscordUsers } from './users.js';

/** Options of the Discord emulator. @see PLATFORMS.md §4 */
export interface DiscordEmulatorOptions extends EmulatorOptions {
  /** The bot the emulator serves (test defaults otherwise). */
  readonly app?: Partial<DiscordApp>;
  /** Where interactions are POSTed; set without the PING check (use `setInteractionsUrl` to verify). */
  readonly interactionsUrl?: string;
  /** Rate-limit overrides merged over `defaultDiscordLimits`. */
  readonly limits?: DiscordLimitOptions;
  /** Start the minimal WebSocket gateway that `GET /gateway/bot` points to (default true). */
  readonly gateway?: boolean;
}

/** The test bot used when no `app` is given. Ids are snowflakes so @discordjs/rest buckets them per id. */
export const defaultDiscordApp: DiscordApp = {
  applicationId: '1100000000000000001',
  botUserId: '1100000000000000002',
  botToken: 'sandbox-discord-bot-token',
  username: 'Ferry Sandbox',
};

/** The message-create route template, as the ledger and fault injection name it. */
export const MESSAGE_CREATE = 'POST /channels/:id/messages';
/** The DM-open route template. */
export const DM_OPEN = 'POST /users/@me/channels';

/**
 * A local Discord: REST v10 under `/api/v10` with Discord's validation, error bodies and rate
 * limits (global, per-route buckets with `X-RateLimit-*` headers, DM-open anti-spam, invalid-request
 * count), signed interaction delivery to the app, simulated users and an optional minimal gateway.
 * Point `@discordjs/rest` or discord.js at `credentials().api`.
 * @see PLATFORMS.md §4
 */
export class DiscordEmulator extends Emulator {
  /** The bot application this emulator serves. */
  readonly app: DiscordApp;
  /** Simulated users the bot can DM and who interact with it. */
  readonly users: SimulatedDiscordUsers;
  readonly limiter: DiscordRateLimiter;
  private readonly signer: Ed25519Signer = createEd25519Signer();
  private readonly ids: SnowflakeGenerator;
  private readonly store: DiscordStore;
  private readonly interactions: InteractionHub;
  private readonly handlers: DiscordRestHandlers;
  private readonly gatewayServer: DiscordGateway | undefined;
  private interactionsEndpoint: string | undefined;
  private readonly inbound: InboundDm[] = [];
  private readonly bindHost: string;

  constructor(options: DiscordEmulatorOptions = {}) {
    super(options);
    this.bindHost = options.host ?? '127.0.0.1';
    this.app = { ...defaultDiscordApp, ...options.app };
    this.interactionsEndpoint = options.interactionsUrl;
    this.ids = new SnowflakeGenerator(this.clock);
    this.store = new DiscordStore(this.ids, this.clock);
    this.limiter = new DiscordRateLimiter(resolveLimits(options.limits), this.clock);
    this.users = new SimulatedDiscordUsers({
      nextId: () => this.ids.next(),
      pressButton: (user, messageId, customId) =>
        this.componentInteraction(user, messageId, (message) => buttonData(message, customId)),
      selectOption: (user, messageId, customId, values) =>
        this.componentInteraction(user, messageId, (message) => selectData(message, customId, values)),
      submitModal: (user, customId, values) => this.submitModal(user, customId, values),
      runCommand: (user, name, commandOptions) => this.runCommand(user, name, commandOptions),
      sendDm: (user, text) => this.receiveDm(user, text),
      dmChannelOf: (userId) => this.store.dmOf(userId),
      messagesIn: (channelId) => this.store.messagesIn(channelId),
    });
    this.interactions = new InteractionHub({
      app: this.app,
      clock: this.clock,
      ids: this.ids,
      signer: this.signer,
      store: this.store,
      botUser: () => this.botUser(),
      interactionsUrl: () => this.interactionsEndpoint,
      gateway: () => this.gatewayServer,
      recordMessage: (method, message, body) => this.recordMessage(method, message, body),
    });
    this.gatewayServer =
      options.gateway === false
        ? undefined
        : new DiscordGateway({
            token: this.app.botToken,
            ready: () => ({
              v: 10,
              user: { ...this.botUser(), verified: true, mfa_enabled: false, flags: 0 },
              guilds: [],
              private_channels: [],
              presences: [],
              relationships: [],
              application: { id: this.app.applicationId, flags: 0 },
            }),
          });
    this.handlers = new DiscordRestHandlers({
      app: this.app,
      store: this.store,
      users: this.users,
      limiter: this.limiter,
      interactions: this.interactions,
      botUser: () => this.botUser(),
      gatewayUrl: () => this.gatewayServer?.urlIfStarted ?? `ws://${this.bindHost}:0`,
      baseUrl: () => this.baseUrl,
      nextId: () => this.ids.next(),
      recordMessage: (method, message, body) => this.recordMessage(method, message, body),
      recordReaction: (channelId, messageId, emoji) =>
        this.ledger.record({
          method: 'PUT /channels/:id/messages/:messageId/reactions/:emoji/@me',
          recipient: channelId,
          messageId,
          payload: { emoji },
          at: this.clock.now(),
        }),
      dispatch: (event, data) => this.gatewayServer?.dispatch(event, data),
    });
  }

  /** What the app under test is configured with. */
  credentials(): DiscordCredentials {
    return {
      botToken: this.app.botToken,
      applicationId: this.app.applicationId,
      publicKey: this.signer.publicKeyHex,
      api: `${this.baseUrl}/api`,
    };
  }

  /** `ws://…` of the gateway (when enabled and started). */
  get gatewayUrl(): string | undefined {
    return this.gatewayServer?.urlIfStarted;
  }

  /** Whether a bot is connected and identified on the gateway. */
  get gatewayConnected(): boolean {
    return this.gatewayServer?.connected ?? false;
  }

  /**
   * Saves the interactions endpoint URL the way Discord does: a signed PING must get 200 `{type:1}`
   * and a PING with a wrong signature must get 401; otherwise it throws and keeps the old URL.
   * @see PLATFORMS.md §4.5
   */
  async setInteractionsUrl(url: string | undefined): Promise<void> {
    if (url !== undefined) {
      const problem = await this.interactions.verifyEndpoint(url);
      if (problem !== undefined)
        throw new Error(`The interactions endpoint URL could not be verified: ${problem}.`);
    }
    this.interactionsEndpoint = url;
  }

  /** Every interaction delivered to the app, with the app's response. */
  interactionDeliveries(): InteractionDelivery[] {
    return this.interactions.deliveries();
  }

  /** DMs simulated users wrote to the bot. */
  inboundDms(): InboundDm[] {
    return [...this.inbound];
  }

  /** Stored messages of a channel (what users see), oldest first. */
  messagesIn(channelId: string): DiscordMessageObject[] {
    return this.store.messagesIn(channelId);
  }

  /** A stored message by id. */
  message(messageId: string): DiscordMessageObject | undefined {
    return this.store.message(messageId);
  }

  /** The bytes of a file uploaded with a message, by attachment id (`message.attachments[n].id`). */
  attachmentData(attachmentId: string): Buffer | undefined {
    return this.store.attachmentData(attachmentId);
  }

  /** Registered application commands. */
  commands(): JsonObject[] {
    return this.store.listCommands();
  }

  /** Invalid requests (401, 403, 429 except scope `shared`) in the last 10 minutes. @see PLATFORMS.md §4.4 */
  invalidRequestCount(): number {
    return this.limiter.invalidRequestCount();
  }

  protected override async onStarted(): Promise<void> {
    await this.gatewayServer?.start(this.bindHost);
  }

  protected override async onStopping(): Promise<void> {
    await this.gatewayServer?.stop();
  }

  protected override onReset(): void {
    this.store.clear();
    this.users.clear();
    this.interactions.clear();
    this.limiter.reset();
    this.inbound.length = 0;
  }

  protected override async route(request: EmulatorRequest): Promise<EmulatorResponse> {
    const response = await this.dispatchRequest(request);
    this.limiter.observe(response);
    if (response.status >= 400) {
      const body = isObject(response.body) ? response.body : {};
      const reason =
        response.status === 429
          ? `rate limited: ${body['global'] === true ? 'global' : 'route'}`
          : `${String(body['code'] ?? response.status)} ${String(body['message'] ?? '')}`;
      this.stats.reject(reason);
    }
    return response;
  }

  protected override methodOf(request: EmulatorRequest): string {
    const path = versionedPath(request.path);
    const matched = path === undefined ? undefined : matchRoute(request.method, path);
    return matched?.route
      ? `${matched.route.method} ${matched.route.template}`
      : `${request.method} ${request.path}`;
  }

  protected override isFaultEligible(method: string): boolean {
    return method === MESSAGE_CREATE || method === DM_OPEN;
  }

  protected override faultResponse(
    kind: 'rate-limit' | 'server-error',
    retryAfterMs: number,
    request: EmulatorRequest,
  ): EmulatorResponse {
    if (kind === 'server-error') return discordError(502, 0, '502: Bad Gateway');
    const path = versionedPath(request.path) ?? request.path;
    const matched = matchRoute(request.method, path);
    const template = matched.route ? `${matched.route.method} ${matched.route.template}` : 'default';
    const major = matched.route ? majorOf(matched.route, matched.params) : 'bot';
    const response = rateLimitedResponse(retryAfterMs, 'user', {
      ...this.limiter.peekHeaders(template, major),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(Math.round(retryAfterMs) / 1000),
    });
    this.limiter.observe(response);
    return response;
  }

  private async dispatchRequest(request: EmulatorRequest): Promise<EmulatorResponse> {
    const path = versionedPath(request.path);
    if (path === undefined) return fixedError(DiscordErrors.notFound);
    const matched = matchRoute(request.method, path);
    if (!matched.route)
      return fixedError(matched.methodAllowed ? DiscordErrors.notFound : DiscordErrors.methodNotAllowed);
    const { route, params } = matched;
    if (route.auth && request.headers.authorization !== `Bot ${this.app.botToken}`)
      return fixedError(DiscordErrors.unauthorized);
    if (route.global) {
      const limited = this.limiter.takeGlobal();
      if (limited) return limited;
    }
    const bucket = this.limiter.takeBucket(`${route.method} ${route.template}`, majorOf(route, params));
    if (bucket.limited) return bucket.limited;
    const parsed = await parseRequestBody(request);
    const response =
      parsed.kind === 'too-large'
        ? fixedError(DiscordErrors.requestTooLarge)
        : parsed.kind === 'invalid-json'
          ? discordError(400, 50109, 'The request body contains invalid JSON.')
          : this.handlers.handle(route, params, parsed.body, parsed.files);
    return { ...response, headers: { ...bucket.headers, ...response.headers } };
  }

  private recordMessage(method: string, message: DiscordMessageObject, body: JsonObject): void {
    const nonce = message.nonce;
    this.ledger.record({
      method,
      recipient: message.channel_id,
      messageId: message.id,
      payload: body,
      ...(nonce === undefined ? {} : { nonce: String(nonce) }),
      at: this.clock.now(),
    });
    this.stats.accept(['global', `channel:${message.channel_id}`]);
  }

  private botUser(): DiscordUserObject {
    return {
      id: this.app.botUserId,
      username: this.app.username,
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    };
  }

  private dmChannelFor(user: SimulatedDiscordUser): string {
    return this.store.openDm(user.toObject()).channel.id;
  }

  private async componentInteraction(
    user: SimulatedDiscordUser,
    messageId: string,
    data: (message: DiscordMessageObject) => JsonObject,
  ): Promise<InteractionDelivery> {
    const message = this.store.message(messageId);
    if (!message || message.channel_id !== this.store.dmOf(user.id)?.id)
      throw new Error(`User ${user.id} cannot see message ${messageId}.`);
    const start = {
      user: user.toObject(),
      channelId: message.channel_id,
      type: InteractionTypes.messageComponent,
      data: data(message),
      message,
    };
    return this.interactions.start(start);
  }

  private async submitModal(
    user: SimulatedDiscordUser,
    customId: string,
    values: Readonly<Record<string, string | readonly string[]>>,
  ): Promise<InteractionDelivery> {
    const modal = this.interactions.openModal(user.id, customId);
    if (!modal) throw new Error(`The app has not opened a modal "${customId}" for user ${user.id}.`);
    const data = modalSubmitData(modal, values);
    this.interactions.closeModal(user.id, customId);
    return this.interactions.start({
      user: user.toObject(),
      channelId: this.dmChannelFor(user),
      type: InteractionTypes.modalSubmit,
      data,
    });
  }

  private async runCommand(
    user: SimulatedDiscordUser,
    name: string,
    options: Readonly<Record<string, CommandOptionValue>>,
  ): Promise<InteractionDelivery> {
    const command = this.store.commandNamed(name);
    if (!command) throw new Error(`No slash command "/${name}" is registered.`);
    return this.interactions.start({
      user: user.toObject(),
      channelId: this.dmChannelFor(user),
      type: InteractionTypes.applicationCommand,
      data: commandData(command, options),
    });
  }

  private receiveDm(user: SimulatedDiscordUser, text: string): InboundDm {
    const channelId = this.dmChannelFor(user);
    const message = this.store.createMessage(channelId, user.toObject(), { content: text });
    const deliveredViaGateway = this.gatewayServer?.connected ?? false;
    if (deliveredViaGateway) this.gatewayServer?.dispatch('MESSAGE_CREATE', { ...message, channel_type: 1 });
    const inbound = { message, deliveredViaGateway };
    this.inbound.push(inbound);
    return inbound;
  }
}

/** The bucket key: Discord's "top-level resource" (channel id, webhook id + token, interaction id) or the bot. */
function majorOf(route: DiscordRoute, params: readonly string[]): string {
  if (route.template.startsWith('/channels/') || route.template.startsWith('/interactions/'))
    return params[0] ?? 'bot';
  if (route.template.startsWith('/webhooks/')) return `${params[0] ?? ''}/${params[1] ?? ''}`;
  return 'bot';
}
