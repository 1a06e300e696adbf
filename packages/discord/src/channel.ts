import type { KeyObject } from 'node:crypto';
import { DiscordAPIError, RequestMethod } from '@discordjs/rest';
import type {
  Channel,
  ChannelCapabilities,
  Clock,
  Identity,
  InboundHandler,
  ListenOptions,
  Message,
  Rendered,
  SendOptions,
  SendOutcome,
} from '@ferry/core';
import {
  AuthError,
  ConfigError,
  FerryError,
  redact,
  ShortIdTable,
  silentLogger,
  systemClock,
} from '@ferry/core';
import { Routes } from 'discord.js';
import { formKeyOf } from './format/custom-ids.js';
import { MemoryFormSessionStore } from './format/form-store.js';
import { LINK_COMMAND, linkPromptBody } from './link/link-prompt.js';
import { authorizeUrl, handleOAuthRedirect } from './link/oauth.js';
import { DISCORD_CHANNEL_CAPABILITIES } from './render/capabilities.js';
import { CREATE_MESSAGE, type DiscordRendering, renderDiscordMessage } from './render/message.js';
import { DiscordApi } from './send/api.js';
import type { RequestStats } from './send/invalid-requests.js';
import { DiscordSender } from './send/sender.js';
import {
  DEFAULT_TEXTS,
  type DiscordChannelConfig,
  type DiscordTexts,
  type FormSessionStore,
} from './types.js';
import { listenOnGateway } from './webhook/gateway.js';
import { handleInteractionRequest } from './webhook/handle-webhook.js';
import type { InteractionContext } from './webhook/interactions.js';
import { discordPublicKey } from './webhook/verify.js';

/** The Discord channel: the Channel contract plus Discord's own linking and setup helpers. */
export interface DiscordChannel extends Channel {
  readonly name: 'discord';
  handleWebhook(request: Request, handler: InboundHandler): Promise<Response>;
  /** Receives DMs over the gateway; `onReady` fires once, on the gateway's ClientReady. */
  listen(handler: InboundHandler, options?: ListenOptions): Promise<void>;
  /** Handles the OAuth2 redirect (`?code=…&state=<link token>`): claims the token, adds the user to the server. */
  handleOAuthRedirect(request: Request, handler: InboundHandler): Promise<Response>;
  /** Registers the `/link <code>` slash command (bulk overwrite of the application's global commands). */
  registerCommands(): Promise<void>;
  /** Sends a message with the "Link my account" button, which opens a modal asking for the code. */
  sendLinkPrompt(recipient: string, text: string, options?: SendOptions): Promise<SendOutcome>;
  /** Response counts, to check that 401/403/429 stay under 1% of requests. */
  requestStats(): RequestStats;
}

/**
 * Creates the Discord channel on @discordjs/rest and discord.js: renders neutral messages as
 * components, embeds and modals, sends DMs idempotently (nonce + `enforce_nonce`) within Discord's
 * rate limits, and turns signed interactions, gateway DMs and OAuth2 redirects into neutral events.
 * Validates the configuration; does no I/O until called.
 * @see PLATFORMS.md §4
 */
export function createDiscordChannel(config: DiscordChannelConfig): DiscordChannel {
  validate(config);
  const clock: Clock = config.clock ?? systemClock;
  const capabilities: ChannelCapabilities = DISCORD_CHANNEL_CAPABILITIES;
  const secrets = [config.token, ...(config.oauth === undefined ? [] : [config.oauth.clientSecret])];
  const ids = config.ids ?? new ShortIdTable();
  const forms: FormSessionStore = config.forms ?? new MemoryFormSessionStore();
  const texts: DiscordTexts = { ...DEFAULT_TEXTS, ...config.texts };
  const publicKey: KeyObject = discordPublicKey(config.publicKey);
  const api = new DiscordApi({
    token: config.token,
    ...(config.api === undefined ? {} : { api: config.api }),
    timeoutMs: config.timeoutMs ?? 15_000,
    invalidRequestBudget: config.invalidRequestBudget ?? 5_000,
    clock,
  });
  const sender = new DiscordSender(api, config.retries ?? 2, secrets, config.logger ?? silentLogger);
  const interactions: InteractionContext = { ids, forms, texts, clock };

  const renderInternal = (message: Message): DiscordRendering =>
    renderDiscordMessage(message, capabilities, ids);

  return {
    name: 'discord',
    capabilities,
    render(message: Message): Rendered {
      const rendering = renderInternal(message);
      return { payloads: rendering.requests.map((request) => request.request), notes: rendering.notes };
    },
    async send(recipient, message, options) {
      const rendering = renderInternal(message);
      for (const form of rendering.forms) await forms.putForm(formKeyOf(form.id), form);
      return sender.send(recipient, rendering.requests, options);
    },
    inviteLink(token) {
      if (config.oauth === undefined) {
        throw new ConfigError('Discord invite links need `oauth.redirectUri` and `oauth.clientSecret`.');
      }
      return authorizeUrl(config.applicationId, config.oauth.redirectUri, token);
    },
    handleWebhook(request, handler) {
      return handleInteractionRequest(request, handler, publicKey, interactions, {
        logger: config.logger ?? silentLogger,
        secrets,
      });
    },
    listen(handler, options = {}) {
      return listenOnGateway(handler, api, interactions, {
        token: config.token,
        logger: config.logger ?? silentLogger,
        secrets,
        ...(config.api === undefined ? {} : { api: config.api }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.onReady === undefined ? {} : { onReady: options.onReady }),
      });
    },
    handleOAuthRedirect(request, handler) {
      if (config.oauth === undefined) throw new ConfigError('OAuth2 linking needs the `oauth` settings.');
      return handleOAuthRedirect(request, handler, {
        applicationId: config.applicationId,
        botToken: config.token,
        api: config.api,
        oauth: config.oauth,
        clock,
      });
    },
    async registerCommands() {
      await authCall(
        () =>
          api.call({
            method: RequestMethod.Put,
            route: Routes.applicationCommands(config.applicationId),
            body: [LINK_COMMAND],
            key: 'commands',
          }),
        secrets,
      );
    },
    sendLinkPrompt(recipient, text, options) {
      return sender.send(
        recipient,
        [{ request: { method: CREATE_MESSAGE, body: linkPromptBody(text, texts) }, files: [] }],
        options,
      );
    },
    async whoAmI(): Promise<Identity> {
      const user = await authCall(
        () =>
          api.call<{ id: string; username: string }>({
            method: RequestMethod.Get,
            route: Routes.user(),
            key: 'whoami',
          }),
        secrets,
      );
      return { id: user.id, name: user.username, handle: config.applicationId };
    },
    requestStats: () => api.stats(),
  };
}

/** Runs a setup call; a 401/403 becomes `AuthError`, anything else a `FerryError` without secrets. */
async function authCall<T>(call: () => Promise<T>, secrets: readonly string[]): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof FerryError) throw error;
    if (error instanceof DiscordAPIError && (error.status === 401 || error.status === 403)) {
      throw new AuthError(`Discord refused the bot token (${error.status}).`, {
        code: error.status === 401 ? 'auth_failed' : 'missing_scope',
        hint: 'Check the bot token and the application id in the Discord developer portal.',
      });
    }
    const reason = redact(error instanceof Error ? error.message : String(error), secrets);
    throw new FerryError('transient', `Discord could not be reached: ${reason}`, { retryable: true });
  }
}

function validate(config: DiscordChannelConfig): void {
  if (typeof config.token !== 'string' || config.token.trim() === '')
    throw new ConfigError('`token` is required.');
  if (!/^\d{17,20}$/.test(config.applicationId ?? '')) {
    throw new ConfigError('`applicationId` must be the application snowflake (17–20 digits).');
  }
  if (!/^[0-9a-fA-F]{64}$/.test(config.publicKey ?? '')) {
    throw new ConfigError('`publicKey` must be the 64-character hex public key from the developer portal.');
  }
  if (config.retries !== undefined && (!Number.isInteger(config.retries) || config.retries < 0)) {
    throw new ConfigError('`retries` must be a whole number of 0 or more.');
  }
}
