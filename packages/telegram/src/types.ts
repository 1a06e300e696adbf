import type { Clock, Form, Logger, ShortIdTable } from '@ferry/core';

/** How text is marked up for Telegram: HTML (default) or MarkdownV2. @see PLATFORMS.md §2.5 */
export type TelegramParseMode = 'HTML' | 'MarkdownV2';

/** Send budget of a Telegram channel. @see PLATFORMS.md §2.3 "Rate limits" */
export interface TelegramPacingConfig {
  /** Messages per second across all chats (default 30; 1000 with `paidBroadcast`). */
  readonly globalPerSecond?: number;
  /** Messages per second into one chat (default 1). */
  readonly perChatPerSecond?: number;
  /**
   * Sends every message with `allow_paid_broadcast: true` (0.1 Star each, enabled in @BotFather) and
   * raises the default global rate to 1000/s. @see PLATFORMS.md §2.3 "Paid broadcast"
   */
  readonly paidBroadcast?: boolean;
}

/** Configuration of {@link createTelegramChannel}. */
export interface TelegramChannelConfig {
  /** The bot token from @BotFather (`123456:ABC…`); never logged or echoed. */
  readonly token: string;
  /** Bot API root, as grammY's `client.apiRoot` (default `https://api.telegram.org`, no trailing slash). */
  readonly apiRoot?: string;
  /**
   * The bot's username (without `@`), needed by the synchronous `inviteLink`. When left out, call
   * `whoAmI()` once first: it caches the username from getMe.
   */
  readonly username?: string;
  /** Text markup (default `HTML`). */
  readonly parseMode?: TelegramParseMode;
  /** Secret expected in `X-Telegram-Bot-Api-Secret-Token` (1–256 of `A-Za-z0-9_-`); required by `handleWebhook`. */
  readonly webhookSecret?: string;
  readonly pacing?: TelegramPacingConfig;
  /** Where form conversations keep their state per chat (default: in memory). */
  readonly formSessions?: FormSessionStore;
  /** Where long ids are shortened for `callback_data` (default: a new table per channel). */
  readonly ids?: ShortIdTable;
  /** Time source for pacing and retry-after pauses (default: the system clock). */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The `fetch` grammY uses (default: grammY's own). */
  readonly fetch?: typeof fetch;
  /** Texts the form conversation shows; defaults are in English. */
  readonly formTexts?: Partial<FormTexts>;
}

/** The fixed texts of a form conversation, to translate them. */
export interface FormTexts {
  /** Label of the button added to start a form when the message has none. */
  readonly open: string;
  readonly skip: string;
  readonly done: string;
  readonly yes: string;
  readonly no: string;
  readonly confirm: string;
  readonly restart: string;
  readonly cancel: string;
  readonly summaryTitle: string;
  readonly sent: string;
  readonly cancelled: string;
  readonly required: string;
  readonly chooseButton: string;
  readonly invalid: (type: string) => string;
  readonly tooShort: (min: number) => string;
  readonly tooLong: (max: number) => string;
  readonly outOfRange: (min: string, max: string) => string;
  readonly selectBetween: (min: number, max: number) => string;
}

/** One answer of a form, in the shape a WhatsApp Flow returns it. */
export type FormAnswer = string | boolean | readonly string[];

/** Where a chat stands in a form conversation. */
export interface FormSession {
  readonly form: Form;
  /** Echoed as `flow_token` in the result (the message's `meta.flow_token`, or the form id). */
  readonly flowToken: string;
  /** `offered`: the form button was sent; `asking`: a question is open; `confirming`: the summary is shown. */
  readonly status: 'offered' | 'asking' | 'confirming';
  readonly screen: string;
  /** Index of the open question among the screen's items. */
  readonly position: number;
  /** Increases with every question, so presses on older questions are ignored. */
  readonly step: number;
  readonly answers: Readonly<Record<string, FormAnswer>>;
  /** Screen data carried by `navigate` payloads, for `${data.x}` references. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Options ticked so far on an open multiple-choice question. */
  readonly selection?: readonly string[];
  /** While `confirming`: the result to send once the user confirms. */
  readonly result?: Readonly<Record<string, unknown>>;
}

/**
 * Keeps one form conversation per chat; inject a persistent one (the engine's flow sessions) to
 * survive restarts. The default is {@link InMemoryFormSessionStore}.
 */
export interface FormSessionStore {
  /** The chat's session, if it has one. */
  get(chatId: string): Promise<FormSession | undefined>;
  /** Stores (replaces) the chat's session. */
  set(chatId: string, session: FormSession): Promise<void>;
  /** Forgets the chat's session (finished, cancelled or stopped). */
  delete(chatId: string): Promise<void>;
}
