import type { SandboxClock } from '../shared/clock.js';
import type { EmulatorResponse } from '../shared/emulator.js';
import type { Ed25519Signer } from '../shared/signing.js';
import { DiscordErrors, FormErrors, fixedError, invalidFormBody } from './errors.js';
import { CallbackTypes, InteractionTypes } from './interaction-payloads.js';
import { isObject, type JsonObject } from './json.js';
import type { SnowflakeGenerator } from './snowflake.js';
import type { DiscordStore } from './store.js';
import type {
  DiscordApp,
  DiscordInteractionPayload,
  DiscordMessageObject,
  DiscordUserObject,
  InteractionDelivery,
} from './types.js';
import { validateModal } from './validate-components.js';
import { validateMessageBody } from './validate-message.js';

/** Time the app has for its initial response, and how long the token then works for follow-ups. @see PLATFORMS.md §4.5 */
export const InteractionDeadlines = { initialResponseMs: 3000, tokenLifetimeMs: 15 * 60_000 } as const;

/** Something that can push gateway dispatches to a connected bot. */
export interface GatewayDispatcher {
  readonly connected: boolean;
  dispatch(event: string, data: unknown): void;
}

/** What the interaction hub needs from the emulator. */
export interface InteractionHost {
  readonly app: DiscordApp;
  readonly clock: SandboxClock;
  readonly ids: SnowflakeGenerator;
  readonly signer: Ed25519Signer;
  readonly store: DiscordStore;
  botUser(): DiscordUserObject;
  interactionsUrl(): string | undefined;
  gateway(): GatewayDispatcher | undefined;
  /** Puts a message the app created through an interaction in the ledger and stats. */
  recordMessage(method: string, message: DiscordMessageObject, body: JsonObject): void;
}

interface PendingInteraction {
  readonly payload: DiscordInteractionPayload;
  readonly userId: string;
  readonly channelId: string;
  readonly createdAt: number;
  readonly sourceMessageId: string | undefined;
  acknowledged: boolean;
  response?: JsonObject;
  originalMessageId?: string;
  onAcknowledged?: () => void;
}

/** The context a simulated user's interaction starts from. */
export interface InteractionStart {
  readonly user: DiscordUserObject;
  readonly channelId: string;
  readonly type: number;
  readonly data: JsonObject;
  readonly message?: DiscordMessageObject;
}

/**
 * Creates interactions for simulated users, delivers them (signed HTTP POST to the interactions URL,
 * or INTERACTION_CREATE on the gateway), and applies the app's responses: the HTTP answer, the
 * callback endpoint, follow-up webhooks and edits of the original response.
 * @see PLATFORMS.md §4.5
 */
export class InteractionHub {
  private readonly pending = new Map<string, PendingInteraction>();
  private readonly byToken = new Map<string, PendingInteraction>();
  private readonly openModals = new Map<string, Map<string, JsonObject>>();
  private readonly list: InteractionDelivery[] = [];

  constructor(private readonly host: InteractionHost) {}

  /** Every interaction delivered so far, in order. */
  deliveries(): InteractionDelivery[] {
    return [...this.list];
  }

  /** The modal `customId` the app opened for `userId`, if still open. */
  openModal(userId: string, customId: string): JsonObject | undefined {
    return this.openModals.get(userId)?.get(customId);
  }

  /** Forgets an open modal once the user submitted it. */
  closeModal(userId: string, customId: string): void {
    this.openModals.get(userId)?.delete(customId);
  }

  /** Builds, delivers and records one interaction; resolves once the app answered (or failed to). */
  async start(start: InteractionStart): Promise<InteractionDelivery> {
    const { app, clock, ids, store } = this.host;
    const channel = store.channel(start.channelId)?.channel;
    const payload: DiscordInteractionPayload = {
      id: ids.next(),
      application_id: app.applicationId,
      type: start.type,
      token: `sandbox-interaction-${ids.next()}`,
      version: 1,
      data: start.data,
      channel_id: start.channelId,
      ...(channel === undefined ? {} : { channel }),
      user: start.user,
      locale: 'en-US',
      app_permissions: '0',
      entitlements: [],
      authorizing_integration_owners: { '1': start.user.id },
      context: 1,
      attachment_size_limit: 10_485_760,
      ...(start.message === undefined ? {} : { message: start.message }),
    };
    const pending: PendingInteraction = {
      payload,
      userId: start.user.id,
      channelId: start.channelId,
      createdAt: clock.now(),
      sourceMessageId: start.message?.id,
      acknowledged: false,
    };
    this.pending.set(payload.id, pending);
    this.byToken.set(payload.token, pending);
    const delivery = await this.deliver(pending);
    this.list.push(delivery);
    return delivery;
  }

  /**
   * Sends the PING Discord sends when an interactions URL is saved, then the same with a wrong
   * signature; the URL is valid only if the first gets `{type:1}` and the second a 401.
   */
  async verifyEndpoint(url: string): Promise<string | undefined> {
    const { app, ids } = this.host;
    const ping = {
      id: ids.next(),
      application_id: app.applicationId,
      type: InteractionTypes.ping,
      token: `sandbox-ping-${ids.next()}`,
      version: 1,
    };
    const good = await this.post(url, ping, true).catch((error: unknown) => ({
      status: 0,
      text: String(error),
    }));
    let pong: unknown;
    try {
      pong = JSON.parse(good.text);
    } catch {
      pong = undefined;
    }
    if (good.status !== 200 || !isObject(pong) || pong['type'] !== CallbackTypes.pong)
      return `the PING got ${good.status} ${good.text.slice(0, 200)} instead of 200 {"type":1}`;
    const bad = await this.post(url, ping, false).catch((error: unknown) => ({
      status: 0,
      text: String(error),
    }));
    if (bad.status !== 401) return `a PING with a wrong signature got ${bad.status} instead of 401`;
    return undefined;
  }

  /** `POST /interactions/:id/:token/callback`. */
  callback(id: string, token: string, body: JsonObject): EmulatorResponse {
    const pending = this.pending.get(id);
    if (!pending || pending.payload.token !== token) return fixedError(DiscordErrors.unknownInteraction);
    if (this.host.clock.now() - pending.createdAt > InteractionDeadlines.initialResponseMs)
      return fixedError(DiscordErrors.unknownInteraction);
    return this.apply(pending, body);
  }

  /** `POST /webhooks/:appId/:token`: a follow-up message after the interaction was acknowledged. */
  followUp(applicationId: string, token: string, body: JsonObject): EmulatorResponse {
    const pending = this.live(applicationId, token);
    if (!pending?.acknowledged) return fixedError(DiscordErrors.unknownWebhook);
    const invalid = validateMessageBody(body, { creating: true });
    if (invalid) return invalid;
    const message = this.createMessage(pending, body, 'POST /webhooks/:appId/:token');
    return { status: 200, body: message };
  }

  /** `PATCH /webhooks/:appId/:token/messages/:messageId` (`@original` or a follow-up id). */
  editWebhookMessage(
    applicationId: string,
    token: string,
    messageId: string,
    body: JsonObject,
  ): EmulatorResponse {
    const pending = this.live(applicationId, token);
    if (!pending?.acknowledged) return fixedError(DiscordErrors.unknownWebhook);
    const invalid = validateMessageBody(body, { creating: false });
    if (invalid) return invalid;
    const { store } = this.host;
    if (messageId === '@original') {
      const responseType = pending.response?.['type'];
      const updatesSource =
        responseType === CallbackTypes.deferredUpdateMessage || responseType === CallbackTypes.updateMessage;
      const targetId = updatesSource ? pending.sourceMessageId : pending.originalMessageId;
      const target = targetId === undefined ? undefined : store.message(targetId);
      if (target) return { status: 200, body: store.editMessage(target, body) };
      if (pending.response?.['type'] !== CallbackTypes.deferredChannelMessageWithSource)
        return fixedError(DiscordErrors.unknownMessage);
      const message = this.createMessage(pending, body, 'PATCH /webhooks/:appId/:token/messages/@original');
      pending.originalMessageId = message.id;
      return { status: 200, body: message };
    }
    const message = store.message(messageId);
    if (!message || message.channel_id !== pending.channelId) return fixedError(DiscordErrors.unknownMessage);
    return { status: 200, body: store.editMessage(message, body) };
  }

  clear(): void {
    this.pending.clear();
    this.byToken.clear();
    this.openModals.clear();
    this.list.length = 0;
  }

  private live(applicationId: string, token: string): PendingInteraction | undefined {
    const pending = this.byToken.get(token);
    if (!pending || applicationId !== this.host.app.applicationId) return undefined;
    if (this.host.clock.now() - pending.createdAt > InteractionDeadlines.tokenLifetimeMs) return undefined;
    return pending;
  }

  private async deliver(pending: PendingInteraction): Promise<InteractionDelivery> {
    const url = this.host.interactionsUrl();
    const interaction = pending.payload;
    if (url !== undefined) {
      let answer: { status: number; text: string };
      try {
        answer = await this.post(url, interaction, true);
      } catch (error) {
        return {
          interaction,
          via: 'http',
          error: `the interactions endpoint did not answer: ${String(error)}`,
        };
      }
      const error = this.applyHttpAnswer(pending, answer);
      return {
        interaction,
        via: 'http',
        status: answer.status,
        ...(pending.response === undefined ? {} : { response: pending.response }),
        ...(error === undefined ? {} : { error }),
      };
    }
    const gateway = this.host.gateway();
    if (!gateway?.connected)
      return { interaction, via: 'none', error: 'no interactions URL and no gateway connection' };
    const acknowledged = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), InteractionDeadlines.initialResponseMs);
      timer.unref?.();
      pending.onAcknowledged = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    gateway.dispatch('INTERACTION_CREATE', interaction);
    const answered = await acknowledged;
    return {
      interaction,
      via: 'gateway',
      ...(pending.response === undefined ? {} : { response: pending.response }),
      ...(answered ? {} : { error: 'the app did not respond within 3 seconds' }),
    };
  }

  private applyHttpAnswer(
    pending: PendingInteraction,
    answer: { status: number; text: string },
  ): string | undefined {
    if (answer.status === 401) return 'the app rejected the signature (401)';
    if (answer.status < 200 || answer.status >= 300) return `the app answered HTTP ${answer.status}`;
    let body: unknown;
    try {
      body = answer.text.length === 0 ? undefined : JSON.parse(answer.text);
    } catch {
      return 'the app answered with a body that is not JSON';
    }
    if (!isObject(body) || body['type'] === undefined)
      return pending.acknowledged ? undefined : 'the app answered without an interaction response';
    const result = this.apply(pending, body);
    if (result.status < 300) return undefined;
    return `the interaction response was refused: ${JSON.stringify(result.body)}`;
  }

  /** Applies one interaction response (from the HTTP answer or the callback endpoint). */
  private apply(pending: PendingInteraction, body: JsonObject): EmulatorResponse {
    if (pending.acknowledged) return fixedError(DiscordErrors.alreadyAcknowledged);
    const type = body['type'];
    const data = isObject(body['data']) ? body['data'] : {};
    const interactionType = pending.payload.type;
    const fromComponent =
      interactionType === InteractionTypes.messageComponent || pending.sourceMessageId !== undefined;
    const badType = () => {
      const errors = new FormErrors();
      errors.add(['type'], {
        code: 'INTERACTION_RESPONSE_TYPE_INVALID',
        message: 'Invalid interaction response type',
      });
      return invalidFormBody(errors);
    };
    const { store } = this.host;
    switch (type) {
      case CallbackTypes.channelMessageWithSource: {
        const invalid = validateMessageBody(data, { creating: true });
        if (invalid) return this.prefixData(invalid);
        const message = this.createMessage(pending, data, 'POST /interactions/:id/:token/callback');
        pending.originalMessageId = message.id;
        break;
      }
      case CallbackTypes.deferredChannelMessageWithSource:
        break;
      case CallbackTypes.deferredUpdateMessage:
      case CallbackTypes.updateMessage: {
        if (!fromComponent) return badType();
        if (type === CallbackTypes.updateMessage) {
          const invalid = validateMessageBody(data, { creating: false });
          if (invalid) return this.prefixData(invalid);
          const source =
            pending.sourceMessageId === undefined ? undefined : store.message(pending.sourceMessageId);
          if (source) store.editMessage(source, data);
        }
        break;
      }
      case CallbackTypes.modal: {
        if (interactionType === InteractionTypes.modalSubmit) return badType();
        const errors = new FormErrors(['data']);
        validateModal(data, errors);
        if (!errors.empty) return invalidFormBody(errors);
        const modals = this.openModals.get(pending.userId) ?? new Map<string, JsonObject>();
        modals.set(String(data['custom_id']), data);
        this.openModals.set(pending.userId, modals);
        break;
      }
      default:
        return badType();
    }
    pending.acknowledged = true;
    pending.response = body;
    pending.onAcknowledged?.();
    return { status: 204, headers: { 'content-type': 'text/plain' } };
  }

  /** Moves message-body field errors under `data`, where Discord reports them for callbacks. */
  private prefixData(response: EmulatorResponse): EmulatorResponse {
    const body = response.body;
    if (!isObject(body) || !isObject(body['errors'])) return response;
    return { ...response, body: { ...body, errors: { data: body['errors'] } } };
  }

  private createMessage(pending: PendingInteraction, body: JsonObject, method: string): DiscordMessageObject {
    const { app, store } = this.host;
    const message = store.createMessage(pending.channelId, this.host.botUser(), body, {
      applicationId: app.applicationId,
      webhookId: app.applicationId,
      interactionMetadata: {
        id: pending.payload.id,
        type: pending.payload.type,
        user: pending.payload['user'],
        authorizing_integration_owners: pending.payload['authorizing_integration_owners'],
      },
    });
    this.host.recordMessage(method, message, body);
    return message;
  }

  private async post(
    url: string,
    payload: JsonObject,
    validSignature: boolean,
  ): Promise<{ status: number; text: string }> {
    const { clock, signer } = this.host;
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(clock.now() / 1000));
    const signature = signer.sign(timestamp, validSignature ? body : `${body} `);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
        'x-signature-ed25519': signature,
        'x-signature-timestamp': timestamp,
      },
      body,
      signal: AbortSignal.timeout(InteractionDeadlines.initialResponseMs),
    });
    return { status: response.status, text: await response.text() };
  }
}
