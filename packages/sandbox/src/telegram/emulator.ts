import {
  Emulator,
  type EmulatorOptions,
  type EmulatorRequest,
  type EmulatorResponse,
} from '../shared/index.js';
import { SimulatedTelegramGroups } from './groups.js';
import { defaultTelegramLimits, type TelegramLimits } from './limits.js';
import type { MethodContext } from './methods/common.js';
import { answerCallbackQuery, editMessageReplyMarkup, editMessageText } from './methods/edit.js';
import { setMessageReaction } from './methods/reactions.js';
import { sendContact, sendLocation, sendMedia, sendMessage } from './methods/send.js';
import { deleteWebhook, getMe, getUpdates, getWebhookInfo, setWebhook } from './methods/updates.js';
import { Params, readParams } from './params.js';
import { badRequest, failure, httpStatusOf, tooManyRequests } from './responses.js';
import type { TelegramApiResult, TelegramBotUser, TelegramUpdate } from './types.js';
import { SimulatedTelegramUsers } from './users.js';
import { type TelegramWebhookAttempt, type TelegramWebhookOptions, WebhookDelivery } from './webhook.js';
import { TelegramWorld } from './world.js';

/** The bot the emulator serves. */
export interface TelegramBotOptions {
  /** Bot token (default `123456789:AAHferry_sandbox_test_token_0000000`); the bot id is its prefix. */
  readonly token?: string;
  /** Default `ferry_sandbox_bot`. */
  readonly username?: string;
  /** Default `Ferry Sandbox`. */
  readonly firstName?: string;
}

/** Options of a `TelegramEmulator`. */
export interface TelegramEmulatorOptions extends EmulatorOptions {
  readonly bot?: TelegramBotOptions;
  /** Flood limits; unset ones keep Telegram's published figures. @see PLATFORMS.md §2.3 */
  readonly limits?: Partial<TelegramLimits>;
  /** Webhook delivery retries (default 3 attempts, 1 s apart). */
  readonly webhook?: TelegramWebhookOptions;
}

/** What a bot under test needs to reach the emulator (`new Bot(token, { client: { apiRoot } })`). */
export interface TelegramCredentials {
  readonly token: string;
  readonly username: string;
  readonly apiRoot: string;
}

type Handler = (context: MethodContext, params: Params) => TelegramApiResult | Promise<TelegramApiResult>;

const handlers: Readonly<Record<string, Handler>> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  sendMessage,
  sendPhoto: (context, params) => sendMedia(context, params, 'photo'),
  sendDocument: (context, params) => sendMedia(context, params, 'document'),
  sendVideo: (context, params) => sendMedia(context, params, 'video'),
  sendAudio: (context, params) => sendMedia(context, params, 'audio'),
  sendSticker: (context, params) => sendMedia(context, params, 'sticker'),
  sendLocation,
  sendContact,
  editMessageText,
  editMessageReplyMarkup,
  answerCallbackQuery,
  setMessageReaction,
};
/** Bot API method names are case-insensitive. */
const canonicalNames = new Map(Object.keys(handlers).map((name) => [name.toLowerCase(), name]));
const pathPattern = /^\/bot([^/]+)\/([^/]+)$/;

export const defaultTelegramToken = '123456789:AAHferry_sandbox_test_token_0000000';

/**
 * A local Telegram Bot API server: `/bot<token>/<method>` with Telegram's validation, error texts,
 * flood limits, long polling, webhook delivery and simulated users.
 * @see PLATFORMS.md §2
 */
export class TelegramEmulator extends Emulator {
  /** The people who talk to the bot. */
  readonly users: SimulatedTelegramUsers;
  /** Groups the bot is in. */
  readonly groups: SimulatedTelegramGroups;
  private readonly world: TelegramWorld;
  private readonly webhook: WebhookDelivery;
  private readonly context: MethodContext;

  constructor(options: TelegramEmulatorOptions = {}) {
    super(options);
    const token = options.bot?.token ?? defaultTelegramToken;
    const user: TelegramBotUser = {
      id: Number(token.split(':')[0]) || 123456789,
      is_bot: true,
      first_name: options.bot?.firstName ?? 'Ferry Sandbox',
      username: options.bot?.username ?? 'ferry_sandbox_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
    this.world = new TelegramWorld(
      { token, user },
      { ...defaultTelegramLimits, ...options.limits },
      this.clock,
      this.ledger,
      this.stats,
    );
    this.webhook = new WebhookDelivery(
      this.world.updates,
      options.webhook ?? {},
      () => this.world.unixNow(),
      async (method, params) => {
        await this.call(method, new Params(params));
      },
    );
    this.context = { world: this.world, webhook: this.webhook };
    this.users = new SimulatedTelegramUsers(this.world);
    this.groups = new SimulatedTelegramGroups(this.world);
  }

  /** The token, bot username and API root to give the bot under test. */
  credentials(): TelegramCredentials {
    return { token: this.world.bot.token, username: this.world.bot.user.username, apiRoot: this.baseUrl };
  }

  /** The bot's `t.me` deep link for a start payload. @see PLATFORMS.md §2.1 */
  deepLink(payload: string): string {
    return `https://t.me/${this.world.bot.user.username}?start=${payload}`;
  }

  /** Updates not yet confirmed by getUpdates or delivered to the webhook. */
  pendingUpdates(): TelegramUpdate[] {
    return this.world.updates.read(Number.MAX_SAFE_INTEGER);
  }

  /** Whether a long-polling getUpdates call is being held right now. */
  get isLongPollHeld(): boolean {
    return this.world.updates.holding;
  }

  /** Resolves once every pending update was delivered to the webhook or dropped after retries. */
  webhookIdle(): Promise<void> {
    return this.webhook.idle();
  }

  /** Every POST made to the webhook, in order. */
  webhookAttempts(): readonly TelegramWebhookAttempt[] {
    return this.webhook.attempts();
  }

  protected route(request: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse {
    const match = pathPattern.exec(request.path);
    if (match === null) return this.refuse(failure(404, 'Not Found'));
    if (safeDecode(match[1] ?? '') !== this.world.bot.token) return this.refuse(failure(401, 'Unauthorized'));
    const params = readParams(request);
    if (params === undefined) return this.refuse(badRequest("can't parse JSON object"));
    return this.call(match[2] ?? '', params).then(answer);
  }

  protected methodOf(request: EmulatorRequest): string {
    const name = pathPattern.exec(request.path)?.[2];
    if (name === undefined) return request.path;
    return canonicalNames.get(name.toLowerCase()) ?? name;
  }

  protected isFaultEligible(method: string): boolean {
    return /^(send|edit)/i.test(method);
  }

  protected faultResponse(kind: 'rate-limit' | 'server-error', retryAfterMs: number): EmulatorResponse {
    return answer(kind === 'rate-limit' ? tooManyRequests(retryAfterMs) : failure(502, 'Bad Gateway'));
  }

  protected override async onStopping(): Promise<void> {
    this.world.updates.release('closed');
  }

  protected override onReset(): void {
    this.webhook.reset();
    this.world.reset();
    this.users.reset();
    this.groups.reset();
  }

  private async call(method: string, params: Params): Promise<TelegramApiResult> {
    const name = canonicalNames.get(method.toLowerCase());
    const handler = name === undefined ? undefined : handlers[name];
    let result: TelegramApiResult;
    try {
      result = handler === undefined ? failure(404, 'Not Found') : await handler(this.context, params);
    } catch {
      // An emulator bug must still reach the client in Telegram's shape, not as a bare 500.
      result = failure(500, 'Internal Server Error');
    }
    if (!result.ok) this.stats.reject(result.description);
    return result;
  }

  private refuse(result: TelegramApiResult): EmulatorResponse {
    if (!result.ok) this.stats.reject(result.description);
    return answer(result);
  }
}

function answer(result: TelegramApiResult): EmulatorResponse {
  return { status: httpStatusOf(result), body: result };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
