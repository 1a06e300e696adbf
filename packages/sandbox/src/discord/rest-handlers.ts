import type { EmulatorResponse } from '../shared/emulator.js';
import {
  badLength,
  DiscordErrors,
  FormErrors,
  fixedError,
  invalidFormBody,
  maxLength,
  required,
} from './errors.js';
import type { InteractionHub } from './interactions.js';
import { isObject, type JsonObject, objectArray, textLength } from './json.js';
import type { DiscordRateLimiter } from './rate-limits.js';
import { isUsableEmoji } from './reactions.js';
import { attachmentObjects, type UploadedFile } from './request-body.js';
import type { DiscordRoute } from './routes.js';
import type { DiscordStore } from './store.js';
import type { DiscordApp, DiscordMessageObject, DiscordUserObject } from './types.js';
import type { SimulatedDiscordUsers } from './users.js';
import { validateMessageBody } from './validate-message.js';

/** What the REST handlers need from the emulator. */
export interface RestHost {
  readonly app: DiscordApp;
  readonly store: DiscordStore;
  readonly users: SimulatedDiscordUsers;
  readonly limiter: DiscordRateLimiter;
  readonly interactions: InteractionHub;
  botUser(): DiscordUserObject;
  gatewayUrl(): string;
  /** The emulator's base URL (attachment URLs point under it). */
  baseUrl(): string;
  /** A fresh snowflake (attachment ids). */
  nextId(): string;
  recordMessage(method: string, message: DiscordMessageObject, body: JsonObject): void;
  recordReaction(channelId: string, messageId: string, emoji: string): void;
  dispatch(event: string, data: unknown): void;
}

const ok = (body: unknown, status = 200): EmulatorResponse => ({ status, body });

/**
 * The REST routes' behaviour once authentication and rate limits passed: DM open, message create
 * (validation, 50007, nonce de-duplication) and edit, commands, interaction callbacks and webhooks.
 * @see PLATFORMS.md §4.1–4.5
 */
export class DiscordRestHandlers {
  constructor(private readonly host: RestHost) {}

  handle(
    route: DiscordRoute,
    params: readonly string[],
    body: unknown,
    files: readonly UploadedFile[] = [],
  ): EmulatorResponse {
    const object = isObject(body) ? body : {};
    const [first = '', second = '', third = ''] = params;
    const { app, store, interactions } = this.host;
    switch (`${route.method} ${route.template}`) {
      case 'GET /users/@me':
        return ok({ ...this.host.botUser(), verified: true, mfa_enabled: false, flags: 0 });
      case 'GET /users/:id': {
        const user = first === app.botUserId ? this.host.botUser() : this.host.users.get(first)?.toObject();
        return user ? ok(user) : fixedError(DiscordErrors.unknownUser);
      }
      case 'POST /users/@me/channels':
        return this.openDm(object);
      case 'GET /channels/:id': {
        const channel = store.channel(first);
        return channel ? ok(channel.channel) : fixedError(DiscordErrors.unknownChannel);
      }
      case 'POST /channels/:id/messages':
        return this.createMessage(first, object, files);
      case 'GET /channels/:id/messages/:messageId': {
        if (!store.channel(first)) return fixedError(DiscordErrors.unknownChannel);
        const message = store.message(second);
        return message?.channel_id === first ? ok(message) : fixedError(DiscordErrors.unknownMessage);
      }
      case 'PATCH /channels/:id/messages/:messageId':
        return this.editMessage(first, second, object);
      case 'PUT /channels/:id/messages/:messageId/reactions/:emoji/@me':
        return this.addOwnReaction(first, second, third);
      case 'GET /gateway':
        return ok({ url: this.host.gatewayUrl() });
      case 'GET /gateway/bot':
        return ok({
          url: this.host.gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        });
      case 'GET /applications/@me':
        return ok({
          id: app.applicationId,
          name: app.username,
          bot: this.host.botUser(),
          flags: 0,
          bot_public: false,
        });
      case 'GET /applications/:appId/commands':
        return first === app.applicationId
          ? ok(store.listCommands())
          : fixedError(DiscordErrors.unknownApplication);
      case 'PUT /applications/:appId/commands':
        return this.overwriteCommands(first, body);
      case 'POST /applications/:appId/commands':
        return this.createCommand(first, object);
      case 'POST /interactions/:id/:token/callback':
        return interactions.callback(first, second, object);
      case 'POST /webhooks/:appId/:token':
        return interactions.followUp(first, second, object);
      case 'PATCH /webhooks/:appId/:token/messages/:messageId':
        return interactions.editWebhookMessage(first, second, third, object);
      default:
        return fixedError(DiscordErrors.notFound);
    }
  }

  private openDm(body: JsonObject): EmulatorResponse {
    const recipientId = body['recipient_id'];
    if (typeof recipientId !== 'string' && typeof recipientId !== 'number') {
      const errors = new FormErrors();
      errors.add(['recipient_id'], required);
      return invalidFormBody(errors);
    }
    const user = this.host.users.get(String(recipientId));
    if (!user) return fixedError(DiscordErrors.unknownUser);
    const existing = this.host.store.dmOf(user.id);
    if (existing) return ok(existing);
    if (!this.host.limiter.takeDmOpen()) return fixedError(DiscordErrors.dmOpenTooFast);
    return ok(this.host.store.openDm(user.toObject()).channel);
  }

  private createMessage(
    channelId: string,
    body: JsonObject,
    files: readonly UploadedFile[],
  ): EmulatorResponse {
    const { store, users } = this.host;
    const channel = store.channel(channelId);
    if (!channel) return fixedError(DiscordErrors.unknownChannel);
    const attachments = attachmentObjects(
      body,
      files,
      () => this.host.nextId(),
      this.host.baseUrl(),
      channelId,
    );
    // Uploaded files make a message non-empty even when payload_json lists no attachments.
    const checked = attachments.length > 0 ? { ...body, attachments } : body;
    const invalid = validateMessageBody(checked, { creating: true });
    if (invalid) return invalid;
    if (users.get(channel.recipientId)?.allowsDms === false)
      return fixedError(DiscordErrors.cannotMessageUser);
    const nonce = body['nonce'];
    const hasNonce = typeof nonce === 'string' || typeof nonce === 'number';
    if (hasNonce && body['enforce_nonce'] === true) {
      const first = store.findNonce(channelId, String(nonce), this.host.limiter.limits.nonceWindowMs);
      if (first) return ok(first);
    }
    const message = store.createMessage(channelId, this.host.botUser(), body, {
      ...(hasNonce ? { nonce } : {}),
      ...(attachments.length > 0 ? { attachments } : {}),
    });
    files.forEach((file, index) => {
      const id = attachments[index]?.['id'];
      if (typeof id === 'string') store.storeAttachment(id, file.data);
    });
    if (hasNonce) store.rememberNonce(channelId, String(nonce), message.id);
    this.host.recordMessage('POST /channels/:id/messages', message, body);
    // Gateway message events carry channel_type, which discord.js needs to rebuild an uncached DM channel.
    this.host.dispatch('MESSAGE_CREATE', { ...message, channel_type: 1 });
    return ok(message);
  }

  /** `PUT …/reactions/:emoji/@me`: 204; unknown message 10008; anything but a Unicode emoji 10014. */
  private addOwnReaction(channelId: string, messageId: string, emoji: string): EmulatorResponse {
    const { store } = this.host;
    if (!store.channel(channelId)) return fixedError(DiscordErrors.unknownChannel);
    const message = store.message(messageId);
    if (message?.channel_id !== channelId) return fixedError(DiscordErrors.unknownMessage);
    if (!isUsableEmoji(emoji)) return fixedError(DiscordErrors.unknownEmoji);
    store.addOwnReaction(message, emoji);
    this.host.recordReaction(channelId, messageId, emoji);
    // No JSON content type on an empty answer: @discordjs/rest would try to parse it.
    return { status: 204, headers: { 'content-type': 'text/plain' } };
  }

  private editMessage(channelId: string, messageId: string, body: JsonObject): EmulatorResponse {
    const { store } = this.host;
    if (!store.channel(channelId)) return fixedError(DiscordErrors.unknownChannel);
    const message = store.message(messageId);
    if (message?.channel_id !== channelId) return fixedError(DiscordErrors.unknownMessage);
    if (message.author.id !== this.host.app.botUserId)
      return {
        status: 403,
        body: { message: 'Cannot edit a message authored by another user', code: 50005 },
      };
    const invalid = validateMessageBody(body, { creating: false });
    if (invalid) return invalid;
    const edited = store.editMessage(message, body);
    this.host.dispatch('MESSAGE_UPDATE', { ...edited, channel_type: 1 });
    return ok(edited);
  }

  private overwriteCommands(applicationId: string, body: unknown): EmulatorResponse {
    if (applicationId !== this.host.app.applicationId) return fixedError(DiscordErrors.unknownApplication);
    const commands = objectArray(body);
    const errors = new FormErrors();
    if (commands === undefined) errors.add([], { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    for (const [index, command] of (commands ?? []).entries()) validateCommand(command, errors, [index]);
    if (!errors.empty || commands === undefined) return invalidFormBody(errors);
    return ok(this.host.store.overwriteCommands(applicationId, commands));
  }

  private createCommand(applicationId: string, body: JsonObject): EmulatorResponse {
    if (applicationId !== this.host.app.applicationId) return fixedError(DiscordErrors.unknownApplication);
    const errors = new FormErrors();
    validateCommand(body, errors, []);
    if (!errors.empty) return invalidFormBody(errors);
    const existed = this.host.store.listCommands().some((command) => command.name === body['name']);
    return ok(this.host.store.upsertCommand(applicationId, body), existed ? 200 : 201);
  }
}

/** Command name 1–32 lowercase characters, description ≤100 (required for chat-input commands). */
function validateCommand(command: JsonObject, errors: FormErrors, path: (string | number)[]): void {
  const name = command['name'];
  if (typeof name !== 'string') errors.add([...path, 'name'], required);
  else if (textLength(name) < 1 || textLength(name) > 32) errors.add([...path, 'name'], badLength(1, 32));
  else if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(name) || name !== name.toLowerCase())
    errors.add([...path, 'name'], {
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: 'Command name is invalid',
    });
  const chatInput = command['type'] === undefined || command['type'] === 1;
  if (chatInput && textLength(command['description']) > 100)
    errors.add([...path, 'description'], maxLength(100));
}
