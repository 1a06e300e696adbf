/**
 * @ferry/telegram — Ferry's neutral messages on Telegram through grammY: render, paced sends with
 * typed outcomes, webhook and long-polling receive, forms as conversations, deep-link and contact linking.
 */
export { createTelegramChannel, TelegramChannel } from './channel.js';
export { InMemoryFormSessionStore } from './form/store.js';
export { DEFAULT_FORM_TEXTS } from './form/texts.js';
export { contactRequest } from './link/contact-request.js';
export { deepLink, startToken } from './link/invite.js';
export { normalisePhone } from './receive/updates.js';
export { type InlineKeyboard, inlineKeyboard } from './render/keyboard.js';
export {
  type FormOffer,
  type RenderContext,
  renderTelegram,
  type TelegramRendering,
} from './render/render.js';
export { outcomeOfError } from './send/classify.js';
export type {
  FormAnswer,
  FormSession,
  FormSessionStore,
  FormTexts,
  TelegramChannelConfig,
  TelegramPacingConfig,
  TelegramParseMode,
} from './types.js';
export {
  isValidWebhookSecret,
  TELEGRAM_SECRET_HEADER,
  verifyTelegramRequest,
  verifyTelegramSecret,
} from './webhook/verify.js';
