export {
  defaultTelegramToken,
  type TelegramBotOptions,
  type TelegramCredentials,
  TelegramEmulator,
  type TelegramEmulatorOptions,
} from './emulator.js';
export {
  type FormattedText as TelegramFormattedText,
  formatText as formatTelegramText,
  type ParsedText as TelegramParsedText,
  parseHtml as parseTelegramHtml,
  parseLegacyMarkdown as parseTelegramMarkdown,
  parseMarkdownV2 as parseTelegramMarkdownV2,
} from './formatting/index.js';
export {
  SimulatedTelegramGroup,
  type SimulatedTelegramGroupInit,
  SimulatedTelegramGroups,
} from './groups.js';
export { defaultTelegramLimits, type TelegramLimits } from './limits.js';
export { telegramReactionEmoji } from './methods/reactions.js';
export type { TelegramReplyKeyboard, TelegramReplyKeyboardButton } from './reply-markup.js';
export type * from './types.js';
export {
  SimulatedTelegramUser,
  type SimulatedTelegramUserInit,
  SimulatedTelegramUsers,
} from './users.js';
export type { TelegramWebhookAttempt, TelegramWebhookOptions } from './webhook.js';
export type { TelegramCallbackAnswer } from './world.js';
