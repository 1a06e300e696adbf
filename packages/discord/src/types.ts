import type { Clock, Form, Logger, ShortIdTable } from '@ferry/core';

/** One open form: which view the user is on and the answers so far. */
export interface FormSession {
  readonly formId: string;
  /** Index of the view (fitted screen) the user is on. */
  readonly screen: number;
  /** Answers collected so far, by field name. */
  readonly answers: Readonly<Record<string, unknown>>;
  /** Data carried by `navigate` payloads, for `${data.x}` references. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The `flow_token` echoed in the result. */
  readonly flowToken: string;
}

/**
 * Where forms sent in messages and the sessions of users filling them are kept; the default keeps
 * them in memory, so inject a persistent one when the process answering interactions is not the
 * one that sent the message.
 */
export interface FormSessionStore {
  /** Remembers a (fitted) form under a short key that fits a `custom_id`. */
  putForm(key: string, form: Form): void | Promise<void>;
  getForm(key: string): Form | undefined | Promise<Form | undefined>;
  getSession(userId: string, formKey: string): FormSession | undefined | Promise<FormSession | undefined>;
  putSession(userId: string, formKey: string, session: FormSession): void | Promise<void>;
  deleteSession(userId: string, formKey: string): void | Promise<void>;
}

/** What the OAuth2 token endpoint answers (`POST /oauth2/token`), as far as linking needs it. */
export interface OAuthTokens {
  readonly accessToken: string;
  readonly tokenType: string;
  readonly scope: string;
}

/** The Discord user an OAuth2 access token belongs to. */
export interface OAuthUser {
  readonly id: string;
  readonly username: string;
}

/**
 * OAuth2 linking settings: the redirect URL registered for the application, its client secret and,
 * optionally, the operator's server to add the user to.
 * @see https://discord.com/developers/docs/topics/oauth2 (authorization code grant)
 */
export interface DiscordOAuthConfig {
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** The operator's server (guild) id: with the `guilds.join` scope the user is added to it. */
  readonly guildId?: string;
  /** Base URL of the OAuth2 and user endpoints; defaults to the channel's `api`. */
  readonly api?: string;
  /** Replaces the code exchange (`POST /oauth2/token`); the sandbox has no OAuth2 endpoints. */
  readonly exchangeCode?: (code: string) => Promise<OAuthTokens>;
}

/** Configuration of {@link createDiscordChannel}. */
export interface DiscordChannelConfig {
  /** The bot token (never logged or echoed in errors). */
  readonly token: string;
  readonly applicationId: string;
  /** The application's Ed25519 public key, hex, for the interactions endpoint. */
  readonly publicKey: string;
  /** The REST base URL as in @discordjs/rest's `api` option (keep `/api`, no version); default Discord's. */
  readonly api?: string;
  /** OAuth2 linking; `inviteLink` needs it. */
  readonly oauth?: DiscordOAuthConfig;
  /**
   * The table long button and row ids are shortened in (Discord `custom_id` ≤100); inbound choices
   * are restored through it. Pass one read back with `ShortIdTable.fromJSON` when another process
   * sent the messages. @see PLATFORMS.md §4.2
   */
  readonly ids?: ShortIdTable;
  /** Form definitions and sessions; in memory by default. */
  readonly forms?: FormSessionStore;
  /** How often a send re-sends (with the same nonce) after a 5xx or a lost response; default 2. */
  readonly retries?: number;
  /** Per-request timeout in ms; default 15000 (@discordjs/rest's). */
  readonly timeoutMs?: number;
  /**
   * Invalid responses (401, 403, 429) tolerated in 10 minutes before sends stop with an error;
   * default 5000, half of Discord's 10,000 ban threshold.
   * @see PLATFORMS.md §4.4 (invalid-request limit)
   */
  readonly invalidRequestBudget?: number;
  /** Text answered to interactions; defaults are short English sentences. */
  readonly texts?: Partial<DiscordTexts>;
  readonly clock?: Clock;
  /** Gets warnings about rate limits (never a token or a message's content). */
  readonly logger?: Logger;
}

/** Texts the channel answers with in interactions. */
export interface DiscordTexts {
  readonly linked: string;
  readonly linkButton: string;
  readonly linkModalTitle: string;
  readonly linkCodeLabel: string;
  readonly continueButton: string;
  readonly tryAgainButton: string;
  readonly formDone: string;
  readonly formExpired: string;
  readonly received: string;
}

/** Default texts for {@link DiscordTexts}. */
export const DEFAULT_TEXTS: DiscordTexts = {
  linked: 'Thanks, your account is being linked.',
  linkButton: 'Link my account',
  linkModalTitle: 'Link your account',
  linkCodeLabel: 'Your link code',
  continueButton: 'Continue',
  tryAgainButton: 'Try again',
  formDone: 'Thanks, your answers were sent.',
  formExpired: 'This form is no longer available.',
  received: 'Got it.',
};
