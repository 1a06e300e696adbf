import {
  type Channel,
  type ChannelCapabilities,
  ConfigError,
  FerryError,
  type Identity,
  type InboundEvent,
  type InboundHandler,
  type ListenOptions,
  type Message,
  Pacer,
  type Rendered,
  redact,
  type SendOptions,
  type SendOutcome,
  ShortIdTable,
  silentLogger,
  systemClock,
  TELEGRAM_CAPABILITIES,
} from '@ferry/core';
import { Bot, GrammyError, HttpError } from 'grammy';
import type { Update } from 'grammy/types';
import { pacingLimits, validateConfig } from './config.js';
import { FormConversation } from './form/conversation.js';
import { InMemoryFormSessionStore } from './form/store.js';
import { DEFAULT_FORM_TEXTS } from './form/texts.js';
import { dialectOf } from './format/text.js';
import { contactRequest } from './link/contact-request.js';
import { deepLink } from './link/invite.js';
import { eventsOfUpdate, type UpdateContext } from './receive/updates.js';
import { type RenderContext, renderTelegram } from './render/render.js';
import { authError } from './send/classify.js';
import { TelegramSender } from './send/sender.js';
import type { TelegramChannelConfig, TelegramParseMode } from './types.js';
import { verifyTelegramRequest } from './webhook/verify.js';

/** The update types the channel turns into events. @see PLATFORMS.md §2.6 (`allowed_updates`) */
const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/**
 * Ferry's Channel on the Telegram Bot API through grammY: renders the neutral model (HTML or
 * MarkdownV2), sends with pacing and typed outcomes, receives by webhook or long polling, runs forms
 * as conversations and links users by deep link or shared contact. A recipient is a chat id.
 */
export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  readonly capabilities: ChannelCapabilities;
  private readonly config: TelegramChannelConfig;
  private readonly bot: Bot;
  private readonly ids: ShortIdTable;
  private readonly parseMode: TelegramParseMode;
  private readonly sender: TelegramSender;
  private readonly conversation: FormConversation;
  private readonly updates: UpdateContext;
  private username: string | undefined;

  constructor(config: TelegramChannelConfig) {
    validateConfig(config);
    this.config = config;
    this.parseMode = config.parseMode ?? 'HTML';
    this.capabilities = { ...TELEGRAM_CAPABILITIES, dialect: dialectOf(this.parseMode) };
    this.ids = config.ids ?? new ShortIdTable();
    this.username = config.username?.replace(/^@/, '');
    this.bot = new Bot(config.token, { client: this.clientOptions() });
    const clock = config.clock ?? systemClock;
    const logger = config.logger ?? silentLogger;
    this.sender = new TelegramSender({
      api: this.bot.api,
      pacer: new Pacer({ clock, ...pacingLimits(config) }),
      clock,
      token: config.token,
      paidBroadcast: config.pacing?.paidBroadcast ?? false,
      logger,
    });
    this.conversation = new FormConversation(
      config.formSessions ?? new InMemoryFormSessionStore(),
      this.ids,
      {
        parseMode: this.parseMode,
        texts: { ...DEFAULT_FORM_TEXTS, ...config.formTexts },
      },
    );
    this.updates = {
      api: this.bot.api,
      sender: this.sender,
      conversation: this.conversation,
      ids: this.ids,
      clock,
      logger,
    };
  }

  /** The Bot API requests for `message` (without `chat_id`) and what changed on the way. */
  render(message: Message): Rendered {
    const { payloads, notes } = renderTelegram(message, this.renderContext());
    return { payloads, notes };
  }

  /** Sends `message` to chat `recipient`, paced; a typed outcome for every per-recipient problem. */
  async send(recipient: string, message: Message, options: SendOptions = {}): Promise<SendOutcome> {
    if (!/^-?\d+$|^@\w{4,}$/.test(recipient)) {
      return {
        status: 'unknown-recipient',
        reason: 'A Telegram recipient is a numeric chat id (or @channel).',
      };
    }
    const rendering = renderTelegram(message, this.renderContext());
    if (rendering.payloads.length === 0)
      return { status: 'rejected', reason: 'The message has nothing Telegram can show.' };
    for (const offer of rendering.forms) await this.conversation.offer(recipient, offer);
    return this.sender.send(recipient, rendering.payloads, options.signal);
  }

  /**
   * Asks chat `recipient` to share their own phone number with a one-time `request_contact`
   * keyboard; the reply arrives as a `contact-shared` event. @see PLATFORMS.md §2.2
   */
  async requestContact(
    recipient: string,
    prompt: string,
    label = 'Share my phone number',
  ): Promise<SendOutcome> {
    return this.sender.send(recipient, [contactRequest(prompt, label, this.parseMode)]);
  }

  /**
   * `https://t.me/<bot>?start=<token>`. Needs the username: from config, or cached by `whoAmI()`.
   * @see PLATFORMS.md §2.1
   */
  inviteLink(token: string): string {
    if (this.username === undefined) {
      throw new ConfigError(
        'inviteLink needs the bot username: set `username` in the config or call whoAmI() first.',
      );
    }
    return deepLink(this.username, token);
  }

  /**
   * Handles one webhook delivery: 401 unless `X-Telegram-Bot-Api-Secret-Token` matches
   * `webhookSecret`, then every event goes to `handler` before the 200 (a handler error gives 500,
   * so Telegram delivers again). @see PLATFORMS.md §2.6
   */
  async handleWebhook(request: Request, handler: InboundHandler): Promise<Response> {
    const secret = this.config.webhookSecret;
    if (secret === undefined)
      throw new ConfigError('handleWebhook needs `webhookSecret` in the Telegram config.');
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
    if (!verifyTelegramRequest(request, secret)) return new Response(null, { status: 401 });
    let update: Update;
    try {
      update = (await request.json()) as Update;
    } catch {
      return new Response(null, { status: 400 });
    }
    if (typeof update !== 'object' || update === null || typeof update.update_id !== 'number') {
      return new Response(null, { status: 400 });
    }
    try {
      await this.handleUpdate(update, handler);
    } catch (error) {
      (this.config.logger ?? silentLogger).log('error', 'telegram webhook handler failed', {
        reason: redact(error instanceof Error ? error.message : String(error), [this.config.token]),
      });
      return new Response(null, { status: 500 });
    }
    return new Response(null, { status: 200 });
  }

  /** Turns one update into events and calls `handler` for each (for a transport of your own). */
  async handleUpdate(update: Update, handler: InboundHandler): Promise<readonly InboundEvent[]> {
    const events = await eventsOfUpdate(update, this.updates);
    for (const event of events) await handler(event);
    return events;
  }

  /**
   * Long-polls getUpdates with grammY (removing any webhook first) until `signal` aborts; `onReady`
   * fires once, after getMe and deleteWebhook succeeded, as the first getUpdates goes out.
   * @see PLATFORMS.md §2.6, §2.7 (`bot.start()`)
   */
  async listen(handler: InboundHandler, options: ListenOptions = {}): Promise<void> {
    const { signal, onReady } = options;
    if (signal?.aborted) return;
    const poller = new Bot(this.config.token, { client: this.clientOptions() });
    poller.use(async (context) => {
      await this.handleUpdate(context.update, handler);
    });
    poller.catch((error) => {
      (this.config.logger ?? silentLogger).log('error', 'telegram update handler failed', {
        reason: error.error instanceof Error ? redact(error.error.message, [this.config.token]) : 'unknown',
      });
    });
    const stop = () => {
      // Stopping confirms the last offset with one more getUpdates; its failure changes nothing.
      poller.stop().catch(() => {});
    };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      // grammY runs `onStart` once, between its setup calls and the polling loop's first getUpdates.
      await poller.start({
        allowed_updates: [...ALLOWED_UPDATES],
        // An abort during grammY's setup calls stops polling before it starts: not ready then.
        ...(onReady === undefined
          ? {}
          : {
              onStart: () => {
                if (signal?.aborted !== true) onReady();
              },
            }),
      });
    } catch (error) {
      throw this.identityError(error);
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /** The bot's id, name and username via getMe (the username is cached for `inviteLink`). */
  async whoAmI(): Promise<Identity> {
    try {
      const me = await this.bot.api.getMe();
      this.username = me.username;
      return { id: String(me.id), name: me.first_name, handle: me.username };
    } catch (error) {
      throw this.identityError(error);
    }
  }

  private identityError(error: unknown): FerryError {
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
      return authError(error.error_code);
    }
    if (error instanceof FerryError) return error;
    const reason =
      error instanceof GrammyError
        ? redact(error.description, [this.config.token])
        : error instanceof HttpError
          ? 'network failure'
          : 'unknown error';
    return new FerryError('transient', `Telegram could not be reached to check the bot (${reason}).`, {
      retryable: true,
    });
  }

  private renderContext(): RenderContext {
    return {
      caps: this.capabilities,
      ids: this.ids,
      parseMode: this.parseMode,
      openFormLabel: this.config.formTexts?.open ?? DEFAULT_FORM_TEXTS.open,
    };
  }

  private clientOptions() {
    return {
      ...(this.config.apiRoot === undefined ? {} : { apiRoot: this.config.apiRoot }),
      ...(this.config.fetch === undefined ? {} : { fetch: this.config.fetch }),
    };
  }
}

/** A Telegram channel for `config` (validated now; no network until the first call). */
export function createTelegramChannel(config: TelegramChannelConfig): TelegramChannel {
  return new TelegramChannel(config);
}
