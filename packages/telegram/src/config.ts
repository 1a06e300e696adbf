import { ConfigError, PACING_PRESETS, type PacerOptions, type RateLimit } from '@ferry/core';
import type { TelegramChannelConfig } from './types.js';
import { isValidWebhookSecret } from './webhook/verify.js';

/** No more than 20 messages a minute into one group. @see PLATFORMS.md §2.3 */
const GROUP_PER_MINUTE: RateLimit = { limit: 20, windowMs: 60_000 };

/** `<bot id>:<secret>` as @BotFather issues it. */
const TOKEN_PATTERN = /^\d{1,20}:[A-Za-z0-9_-]{20,}$/;
const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** Checks a configuration up front; errors name the field, never its value when it is a secret. */
export function validateConfig(config: TelegramChannelConfig): void {
  if (typeof config.token !== 'string' || !TOKEN_PATTERN.test(config.token)) {
    throw new ConfigError(
      'The Telegram bot token is malformed: expected "<bot id>:<secret>" as @BotFather gives it.',
      { hint: 'Copy the token again from @BotFather (/token).' },
    );
  }
  if (
    config.apiRoot !== undefined &&
    (config.apiRoot.endsWith('/') || !/^https?:\/\//.test(config.apiRoot))
  ) {
    throw new ConfigError(
      `apiRoot must be an http(s) URL without a trailing slash, got "${config.apiRoot}".`,
    );
  }
  if (config.username !== undefined && !USERNAME_PATTERN.test(config.username.replace(/^@/, ''))) {
    throw new ConfigError(`"${config.username}" is not a Telegram bot username.`);
  }
  if (config.webhookSecret !== undefined && !isValidWebhookSecret(config.webhookSecret)) {
    throw new ConfigError('webhookSecret must be 1–256 characters of A-Z, a-z, 0-9, _ and -.');
  }
  const { globalPerSecond, perChatPerSecond } = config.pacing ?? {};
  for (const [name, value] of [
    ['pacing.globalPerSecond', globalPerSecond],
    ['pacing.perChatPerSecond', perChatPerSecond],
  ] as const) {
    if (value !== undefined && !(value > 0 && Number.isFinite(value))) {
      throw new ConfigError(`${name} must be a positive number of messages per second.`);
    }
  }
}

/**
 * The pacer limits: 30/s overall and 1/s per chat by default (plus 20/min in groups), 1000/s
 * overall with paid broadcast, each overridable. @see PLATFORMS.md §2.3 "Rate limits" and "Paid broadcast"
 */
export function pacingLimits(config: TelegramChannelConfig): Pick<PacerOptions, 'global' | 'perKey'> {
  const pacing = config.pacing ?? {};
  const preset = pacing.paidBroadcast ? PACING_PRESETS.telegramPaidBroadcast : PACING_PRESETS.telegram;
  const perChat: RateLimit =
    pacing.perChatPerSecond === undefined ? preset.perKey : { perSecond: pacing.perChatPerSecond };
  return {
    global: pacing.globalPerSecond === undefined ? preset.global : { perSecond: pacing.globalPerSecond },
    // Group and supergroup ids are negative in the Bot API; groups also allow only 20 messages a minute.
    perKey: (key) => (key.startsWith('chat:-') ? [perChat, GROUP_PER_MINUTE] : perChat),
  };
}
