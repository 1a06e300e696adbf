export {
  defaultTelegramToken,
  type TelegramBotOptions,
  type TelegramCredentials,
  TelegramEmulator,
  type TelegramEmulatorOptions,
} from './emulator.js';
export {
  type FormattedText,
  formatText,
  type ParsedText,
  parseHtml,
  parseLegacyMarkdown,
  parseMarkdownV2,
} from './formatting/index.js';
export { type SimulatedGroup, type SimulatedGroupInit, SimulatedGroups } from './groups.js';
export { defaultTelegramLimits, type TelegramLimits } from './limits.js';
export type { ReplyKeyboard, ReplyKeyboardButton } from './reply-markup.js';
export type * from './types.js';
export { SimulatedUser, type SimulatedUserInit, SimulatedUsers } from './users.js';
export type { WebhookAttempt, WebhookRetryOptions } from './webhook.js';
export type { CallbackAnswer } from './world.js';
